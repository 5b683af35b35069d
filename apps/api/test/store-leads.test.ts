import { fileURLToPath } from 'node:url'
import { createScorer, parseRulePack } from '@chufei/core'
import { readRulePackFiles } from '@chufei/core/node'
import { LOCAL_ADMIN, importSweep, sweepLeads } from '@chufei/store'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApp, type ChufeiApp } from '../src/app'
import { silentLogger } from '../src/logger'
import { createRulePackHolder, type RulePackHolder } from '../src/rule-pack-holder'
import { LeadExplanationBody } from '../src/routes/store-leads'
import { StoredLeadBody } from '../src/routes/_store-schemas'
import { BUNDLED_VERSION } from './_bundled-pack'
import { jsonRequest, openStoreFixture, sheetOf, SUBJECTS, type StoreFixture } from './_store'

/*
 * A stored lead and its explanation over HTTP (the case page's "why", the try page's "pick a stored lead"):
 * the explanation comes from the pack that scored the lead — served, or published with its hash — and says
 * so, and when the server no longer has that pack it explains with the served one and says that too.
 */

let fx: StoreFixture
let app: ChufeiApp
let holder: RulePackHolder
let folder: Record<string, string>

/** The folder's pack with rule scale-people-10 worth `points` instead of 5, as its own version. */
const edited = (points: number): Record<string, string> => {
  const before = '"event": { "type": "score", "params": { "dimension": "scale", "points": 5 } },\n      "examples": [\n        { "lead": { "people": { "total": 12 } }'
  expect(folder['scale.json']).toContain(before)
  return { ...folder, 'scale.json': folder['scale.json']!.replace(before, before.replace('"points": 5', `"points": ${points}`)) }
}

const get = (path: string, who: keyof StoreFixture['auth'] = 'town') => app.request(path, { headers: fx.auth[who] })
const leadId = async (sweepId: number, ref: string) => (await sweepLeads(fx.db, LOCAL_ADMIN, sweepId)).find((l) => l.leadRef === ref)!.id
const explanationOf = async (id: number, who: keyof StoreFixture['auth'] = 'town') => {
  const res = await get(`/v1/leads/${id}/explanation`, who)
  const text = await res.text()
  expect(res.status, text).toBe(200)
  return LeadExplanationBody.parse(JSON.parse(text))
}

beforeAll(async () => {
  fx = await openStoreFixture()
  folder = await readRulePackFiles(fileURLToPath(new URL('../../../rules/', import.meta.url)))
  holder = createRulePackHolder(createScorer(parseRulePack(folder)), folder)
  app = createApp({ rules: holder, logger: silentLogger, store: { db: fx.db } })
})
afterAll(() => fx?.db.close())

describe('stored leads over HTTP', () => {
  it('reads one stored lead as its sheet gave it and as it scored; another unit’s lead is 404; sweep leads name their subject', async () => {
    const id = await leadId(fx.sweepTown, 'A-1')
    const res = await get(`/v1/leads/${id}`, 'villageA')
    const lead = StoredLeadBody.parse(await res.json())
    expect(res.status).toBe(200)
    expect(lead).toMatchObject({ id, unit: '芮集村', leadRef: 'A-1', subject: SUBJECTS.A, caseId: fx.caseA.id, status: 'scored', sweep: { id: fx.sweepTown, fileName: 'town.csv' } })
    expect(lead.input).toMatchObject({ subject: { name: SUBJECTS.A } })
    expect(lead.result).toMatchObject({ status: 'scored', tier: lead.tier, total: lead.total })
    expect((await get(`/v1/leads/${await leadId(fx.sweepTown, 'B-1')}`, 'villageA')).status).toBe(404)
    expect((await get(`/v1/leads/${await leadId(fx.sweepOther, 'O-1')}`, 'town')).status).toBe(404)
    expect((await get('/v1/leads/abc')).status).toBe(400)
    const rows = (await (await get(`/v1/sweeps/${fx.sweepTown}/leads`)).json()) as { leadRef: string; subject: string | null }[]
    expect(rows.map((r) => [r.leadRef, r.subject])).toContainEqual(['A-1', SUBJECTS.A])
    const found = (await (await get(`/v1/sweeps/${fx.sweepTown}/leads?search=${encodeURIComponent('乙工作')}`)).json()) as { leadRef: string }[]
    expect(found.map((r) => r.leadRef)).toEqual(['B-1'])
    expect((await get(`/v1/sweeps/${fx.sweepTown}/leads?search=${'x'.repeat(101)}`)).status).toBe(400)
  })

  it('explains a lead with the pack that scored it: every fired rule’s points add up to the stored total', async () => {
    const id = await leadId(fx.sweepTown, 'A-1')
    const body = await explanationOf(id, 'villageA')
    expect(body.samePack).toBe(true)
    expect(body.matchesStored).toBe(true)
    expect(body.explainedWith).toEqual(body.scoredWith)
    expect(body.lead).toMatchObject({ id, caseId: fx.caseA.id, line: 2 })
    expect(body.explanation.result.total).toBe(body.lead.total)
    const fired = body.explanation.rules.filter((r) => r.fired)
    expect(fired.map((r) => r.rule)).toEqual(expect.arrayContaining(body.explanation.result.reasons.map((r) => r.rule)))
    // Condition by condition: a fired rule's tree held at its root.
    expect(fired.every((r) => (r.conditions as { result: unknown }).result === true)).toBe(true)
    expect((await get(`/v1/leads/${await leadId(fx.sweepTown, 'B-1')}/explanation`, 'villageA')).status).toBe(404)
  })

  it('after a publish, the old sweep is still explained with the pack that scored it (kept as the baseline version)', async () => {
    const res = await app.request('/v1/packs', jsonRequest('POST', { files: edited(40), reason: '人数达到10人即加重' }, fx.auth.town))
    expect(res.status, await res.clone().text()).toBe(201)
    expect(holder.current()!.pack.version).toBe(`${BUNDLED_VERSION}+1`)
    const body = await explanationOf(await leadId(fx.sweepTown, 'A-1'))
    expect(body).toMatchObject({ samePack: true, matchesStored: true, explainedWith: { version: BUNDLED_VERSION } })
    // The served pack is no longer the one, so this came from the published baseline's files — and again from the kept copy.
    expect((await explanationOf(await leadId(fx.sweepTown, 'A-1'))).explainedWith.version).toBe(BUNDLED_VERSION)
  })

  it('a sweep scored by a pack the server never had is explained with the served pack, and says so', async () => {
    const stranger = createScorer(parseRulePack(edited(90)))
    const { sweepId } = await importSweep(fx.db, LOCAL_ADMIN, {
      bytes: sheetOf([{ id: 'S-1', name: '芮集村庚商行', village: '芮集村', people: 20, promo: '保本保息', date: '2024-03-01' }]),
      fileName: 'stranger.csv',
      unit: '芮集镇',
      date: '2024-03-01',
      scorer: stranger,
    })
    const body = await explanationOf(await leadId(sweepId, 'S-1'))
    expect(body.samePack).toBe(false)
    expect(body.scoredWith.hash).toBe(stranger.pack.hash)
    expect(body.explainedWith.hash).toBe(holder.current()!.pack.hash)
    // Scored with 90 points for ≥ 10 people, explained with 40: the explanation does not give the stored total.
    expect(body.matchesStored).toBe(false)
  })

  it('a row rejected at import has nothing to explain: 400 naming why', async () => {
    const res = await get(`/v1/leads/${await leadId(fx.sweepTown, 'B-2')}/explanation`)
    const body = (await res.json()) as { error: { code: string; message: string } }
    expect(res.status).toBe(400)
    expect(body.error.message).toContain('导入时被退回')
  })

  it('opens a case by hand for a lead of the total list: 201 with the reason as notes, then 409 naming the case; no reason is 400', async () => {
    const { sweepId } = await importSweep(fx.db, LOCAL_ADMIN, {
      bytes: sheetOf([{ id: 'H-1', name: '芮集镇手工立案小卖部', people: 1 }]),
      fileName: 'by-hand.csv',
      unit: '芮集镇',
      date: '2024-05-31',
      scorer: createScorer(parseRulePack(folder)),
    })
    const id = await leadId(sweepId, 'H-1')
    const post = (body: unknown) => app.request(`/v1/leads/${id}/case`, jsonRequest('POST', body, fx.auth.town))
    const empty = await post({ reason: '' })
    expect(empty.status).toBe(400)
    expect(((await empty.json()) as { error: { message: string } }).error.message).toContain('请写明立案原因')
    const res = await post({ reason: '群众反映开始收取预付款', deadline: '2024-07-01' })
    const text = await res.text()
    expect(res.status, text).toBe(201)
    const opened = JSON.parse(text) as { id: number; notes: string; deadline: string; status: string }
    expect(opened).toMatchObject({ notes: '群众反映开始收取预付款', deadline: '2024-07-01', status: '待核查' })
    expect(((await (await get(`/v1/leads/${id}`)).json()) as { caseId: number }).caseId).toBe(opened.id)
    const again = await post({ reason: '再次' })
    expect(again.status).toBe(409)
    expect(((await again.json()) as { error: { details: { caseId: number } } }).error.details.caseId).toBe(opened.id)
  })
})
