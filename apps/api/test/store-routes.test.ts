import { LOCAL_ADMIN, getCase, listSweeps } from '@chufei/store'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { z } from 'zod'
import { createApp } from '../src/app'
import { silentLogger } from '../src/logger'
import { createRulePackHolder } from '../src/rule-pack-holder'
import {
  CaseBody,
  CaseDetailBody,
  CasePageBody,
  ImportOutcomeBody,
  IssuedTokenBody,
  OverdueCaseBody,
  SweepBody,
  SweepDetailBody,
  SweepLeadBody,
  UnitBody,
  UserBody,
} from '../src/routes/_store-schemas'
import { fixtureScorer, postJson } from './_helpers'
import { jsonRequest, openStoreFixture, sheetOf, SUBJECTS, uploadRequest, type StoreFixture } from './_store'

// The store routes one by one: what each answers, parsed with the schema the OpenAPI document states.

let fx: StoreFixture
beforeAll(async () => {
  fx = await openStoreFixture()
})
afterAll(() => fx?.db.close())

const get = (path: string, headers: Record<string, string>) => fx.app.request(path, { headers })
const body = async <S extends z.ZodType>(res: Response, schema: S, status = 200): Promise<z.infer<S>> => {
  const text = await res.text()
  expect(res.status, text).toBe(status)
  return schema.parse(JSON.parse(text))
}

describe('store routes', () => {
  it('POST /v1/sweeps imports a multipart upload; GET /v1/sweeps/{id} gives counts and rejected rows with line and reason', async () => {
    const bytes = sheetOf([
      { id: 'U-1', name: '上传测试甲公司', village: '芮集村', people: 30, promo: '保本保息' },
      { id: 'U-2', name: '', village: '芮集村' },
      { id: 'U-3', name: '上传测试仅列清单小店', village: '芮集村', people: 3 },
    ])
    const outcome = await body(await fx.app.request('/v1/sweeps', uploadRequest(bytes, { unit: '芮集镇', date: '2024-04-01' }, fx.auth.town)), ImportOutcomeBody, 201)
    expect(outcome.counts).toEqual({ read: 3, scored: 2, rejected: 1, skipped: 0 })
    // U-1 asks for a penalty and opens a case; U-3, monitor-only and of no tier, is on the sweep's list only.
    expect(outcome).toMatchObject({ newCases: 1, linked: 0, listedOnly: 1 })
    const leads = await body(await get(`/v1/sweeps/${outcome.sweepId}/leads`, fx.auth.town), z.array(SweepLeadBody))
    expect(leads.map((l) => [l.leadRef, l.status, l.tier, l.caseId === null])).toEqual([
      ['U-1', 'scored', 'blue', false],
      ['U-2', 'rejected', null, true],
      ['U-3', 'scored', 'none', true],
    ])
    expect(outcome.rejected).toHaveLength(1)
    expect(outcome.rejected[0]!.line).toBe(3)
    const detail = await body(await get(`/v1/sweeps/${outcome.sweepId}`, fx.auth.town), SweepDetailBody)
    expect(detail.sweep.fileName).toBe('sweep.csv')
    expect(detail.sweep.counts.rejected).toBe(1)
    expect(detail.rejected.map((r) => [r.line, r.status])).toEqual([[3, 'rejected']])
    expect(detail.rejected[0]!.reason).toMatch(/\S/)
    // The same file again: 409 naming the earlier sweep, and nothing stored.
    const again = await fx.app.request('/v1/sweeps', uploadRequest(bytes, { unit: '芮集镇', date: '2024-04-01' }, fx.auth.town))
    expect(again.status).toBe(409)
    expect(((await again.json()) as { error: { details: { sweepId: number } } }).error.details.sweepId).toBe(outcome.sweepId)
    const list = await body(await get('/v1/sweeps', fx.auth.town), z.array(SweepBody))
    expect(list.filter((s) => s.sha256 === outcome.sha256)).toHaveLength(1)
  })

  it('POST /v1/sweeps takes a raw CSV body with unit, date and fileName in the query; bad fields are 400 naming them', async () => {
    const bytes = sheetOf([{ id: 'R-1', name: '原始上传乙公司', village: '双桥社区', people: 12 }])
    const res = await fx.app.request(`/v1/sweeps?unit=${encodeURIComponent('芮集镇')}&date=2024-04-02&fileName=raw.csv`, {
      method: 'POST',
      headers: { 'content-type': 'text/csv', ...fx.auth.town },
      body: bytes,
    })
    const outcome = await body(res, ImportOutcomeBody, 201)
    expect(outcome.fileName).toBe('raw.csv')
    const bad = await fx.app.request('/v1/sweeps?unit=&date=2024/04/02', { method: 'POST', headers: { 'content-type': 'text/csv', ...fx.auth.town }, body: bytes })
    expect(bad.status).toBe(400)
    const error = ((await bad.json()) as { error: { code: string; message: string; details: Array<{ field: string }> } }).error
    expect(error.code).toBe('USAGE')
    expect(error.details.map((d) => d.field).sort()).toEqual(['date', 'unit'])
    // In Chinese for the staff who read it, not zod's "Too small: expected string to have >=1 characters".
    expect(error.message).toBe('上传参数有误：unit 不能为空；date 须写成 2024-06-30 的形式')
  })

  it('an upload over the batch limit is 413 and stores nothing', async () => {
    const small = await openStoreFixture({ batchBytes: 200 })
    try {
      const before = (await listSweeps(small.db, LOCAL_ADMIN)).length
      const bytes = sheetOf(Array.from({ length: 20 }, (_, i) => ({ id: `L-${i}`, name: `超限${i}`, people: 3 })))
      const res = await small.app.request('/v1/sweeps', uploadRequest(bytes, { unit: '芮集镇', date: '2024-04-03' }, small.auth.town))
      expect(res.status).toBe(413)
      expect((await listSweeps(small.db, LOCAL_ADMIN)).length).toBe(before)
    } finally {
      await small.db.close()
    }
  })

  it('GET /v1/cases filters by unit, tier, status, escalated, resurfacing and pages', async () => {
    const all = await body(await get('/v1/cases', fx.auth.town), CasePageBody)
    expect(all.items.map((c) => c.subject.name)).toEqual(expect.arrayContaining([SUBJECTS.A, SUBJECTS.B, SUBJECTS.town]))
    const a = await body(await get(`/v1/cases?unit=${encodeURIComponent('芮集村')}`, fx.auth.town), CasePageBody)
    expect(new Set(a.items.map((c) => c.unit))).toEqual(new Set(['芮集村']))
    const tier = fx.caseA.tier
    const byTier = await body(await get(`/v1/cases?tier=${tier}`, fx.auth.town), CasePageBody)
    expect(byTier.items.length).toBeGreaterThan(0)
    expect(byTier.items.every((c) => c.tier === tier)).toBe(true)
    const closed = await body(await get(`/v1/cases?status=${encodeURIComponent('已化解,已销号')}`, fx.auth.town), CasePageBody)
    expect(closed.items.every((c) => c.status === '已化解' || c.status === '已销号')).toBe(true)
    expect((await body(await get('/v1/cases?resurfacing=true', fx.auth.town), CasePageBody)).items.every((c) => c.resurfacedFrom !== null)).toBe(true)
    expect((await body(await get('/v1/cases?escalated=false', fx.auth.town), CasePageBody)).items.every((c) => !c.escalated)).toBe(true)
    const first = await body(await get('/v1/cases?limit=1', fx.auth.town), CasePageBody)
    const second = await body(await get('/v1/cases?limit=1&offset=1', fx.auth.town), CasePageBody)
    expect(first.more).toBe(true)
    expect(first.items[0]!.id).not.toBe(second.items[0]!.id)
    expect(first.items[0]!.id).toBe(all.items[0]!.id)
    const bad = await get('/v1/cases?status=open&limit=0', fx.auth.town)
    expect(bad.status).toBe(400)
  })

  it('GET /v1/cases/{id} gives the case, its leads and its events; PATCH updates with the version, a stale one is 409 with the current case', async () => {
    const { caseA } = fx
    const detail = await body(await get(`/v1/cases/${caseA.id}`, fx.auth.villageA), CaseDetailBody)
    expect(detail.case.subject.name).toBe(SUBJECTS.A)
    expect(detail.leads.map((l) => l.sweepId)).toContain(fx.sweepTown)
    const current = await getCase(fx.db, LOCAL_ADMIN, caseA.id)
    const patch = { version: current.version, status: '处置中', measures: '约谈负责人', deadline: '2024-05-01', notes: '已走访' }
    const updated = await body(await fx.app.request(`/v1/cases/${caseA.id}`, jsonRequest('PATCH', patch, fx.auth.villageA)), CaseBody)
    expect(updated).toMatchObject({ status: '处置中', measures: '约谈负责人', deadline: '2024-05-01', version: current.version + 1 })
    const stale = await fx.app.request(`/v1/cases/${caseA.id}`, jsonRequest('PATCH', { ...patch, notes: '过期的修改' }, fx.auth.town))
    expect(stale.status).toBe(409)
    const error = ((await stale.json()) as { error: { code: string; message: string; details: { current: unknown } } }).error
    expect(error.code).toBe('CONFLICT')
    expect(error.message).toContain(`第 ${current.version + 1} 版`)
    expect(CaseBody.parse(error.details.current)).toMatchObject({ version: current.version + 1, notes: '已走访' })
    const events = (await body(await get(`/v1/cases/${caseA.id}`, fx.auth.town), CaseDetailBody)).events
    expect(events.at(-1)).toMatchObject({ kind: 'updated', after: { status: '处置中' } })
    // Overdue on the app's day (2024-06-30): deadline 2024-05-01 passed, still 处置中.
    const overdue = await body(await get('/v1/overdue', fx.auth.villageA), z.array(OverdueCaseBody))
    expect(overdue.find((c) => c.id === caseA.id)?.daysOverdue).toBe(60)
    const page = await body(await get('/v1/cases?overdue=true', fx.auth.town), CasePageBody)
    expect(page.items.map((c) => c.id)).toContain(caseA.id)
    expect(page.items.every((c) => c.deadline !== null && c.deadline < fx.today && (c.status === '待核查' || c.status === '处置中'))).toBe(true)
    const townOverdue = await body(await get('/v1/overdue', fx.auth.town), z.array(OverdueCaseBody))
    expect(page.items.map((c) => c.id)).toEqual(townOverdue.map((c) => c.id))
    // A page of it, the most overdue first; the total is the open-cases table's.
    expect(townOverdue.length).toBeGreaterThan(1)
    const first = await body(await get('/v1/overdue?limit=1', fx.auth.town), z.array(OverdueCaseBody))
    const rest = await body(await get('/v1/overdue?limit=1&offset=1', fx.auth.town), z.array(OverdueCaseBody))
    expect([...first, ...rest].map((c) => c.id)).toEqual(townOverdue.slice(0, 2).map((c) => c.id))
    const byUnit = (await (await get('/v1/open-cases', fx.auth.town)).json()) as { overdue: number }[]
    expect(byUnit.reduce((n, u) => n + u.overdue, 0)).toBe(townOverdue.length)
    expect((await get('/v1/overdue?limit=0', fx.auth.town)).status).toBe(400)
    expect(overdue.every((c) => c.unit === '芮集村')).toBe(true)
    // Unknown fields and a bad status are 400, the case unchanged.
    const bad = await fx.app.request(`/v1/cases/${caseA.id}`, jsonRequest('PATCH', { version: current.version + 1, status: '办结' }, fx.auth.town))
    expect(bad.status).toBe(400)
    expect((await getCase(fx.db, LOCAL_ADMIN, caseA.id)).version).toBe(current.version + 1)
  })

  it('units, users and tokens: a town office adds a village and its user, issues a token, the user signs in with a password; revoked tokens are 401', async () => {
    const unit = await body(await fx.app.request('/v1/units', jsonRequest('POST', { name: '新建村', kind: 'village', parent: '芮集镇' }, fx.auth.town)), UnitBody, 201)
    expect(unit.parentId).toBe(fx.town.townId)
    const units = await body(await get('/v1/units', fx.auth.town), z.array(UnitBody))
    expect(units.map((u) => u.name)).toContain('新建村')
    const user = await body(
      await fx.app.request('/v1/users', jsonRequest('POST', { login: 'xinjian', role: 'unit', unit: unit.id, password: 'correct horse' }, fx.auth.town)),
      UserBody,
      201,
    )
    const issued = await body(await fx.app.request(`/v1/users/${user.id}/tokens`, { method: 'POST', headers: fx.auth.town }), IssuedTokenBody, 201)
    const me = await body(await get('/v1/me', { authorization: `Bearer ${issued.token}` }), UserBody)
    expect(me.login).toBe('xinjian')
    const signIn = await body(await fx.app.request('/v1/tokens', jsonRequest('POST', { login: 'xinjian', password: 'correct horse' })), IssuedTokenBody, 201)
    expect(signIn.user.id).toBe(user.id)
    const wrong = await fx.app.request('/v1/tokens', jsonRequest('POST', { login: 'xinjian', password: 'wrong horse' }))
    expect(wrong.status).toBe(401)
    const revoke = await fx.app.request(`/v1/tokens/${signIn.tokenId}`, { method: 'DELETE', headers: { authorization: `Bearer ${signIn.token}` } })
    expect(revoke.status).toBe(204)
    expect((await get('/v1/me', { authorization: `Bearer ${signIn.token}` })).status).toBe(401)
    expect((await get('/v1/me', { authorization: `Bearer ${issued.token}` })).status).toBe(200)
  })

  it('the OpenAPI document states every store route with its token scheme', async () => {
    const doc = (await (await fx.app.request('/openapi.json')).json()) as {
      paths: Record<string, Record<string, { security?: unknown[] }>>
      components: { securitySchemes: Record<string, unknown> }
    }
    for (const path of ['/v1/sweeps', '/v1/sweeps/{id}', '/v1/cases', '/v1/cases/{id}', '/v1/overdue', '/v1/units', '/v1/users', '/v1/users/{id}/tokens', '/v1/tokens']) {
      expect(doc.paths[path], path).toBeDefined()
    }
    expect(doc.paths['/v1/cases/{id}']!.patch!.security).toEqual([{ storeToken: [] }])
    expect(doc.components.securitySchemes.storeToken).toMatchObject({ type: 'http', scheme: 'bearer' })
  })

  it('the scoring API key keeps guarding the scoring routes and leaves the store routes to the store tokens', async () => {
    const app = createApp({ rules: createRulePackHolder(await fixtureScorer()), logger: silentLogger, token: 'scoring-key', store: { db: fx.db } })
    expect((await app.request('/v1/score', postJson({ id: 'x' }))).status).toBe(401)
    expect((await app.request('/v1/score', postJson({ id: 'x', subject: { name: '某公司' } }, { authorization: 'Bearer scoring-key' }))).status).toBe(200)
    expect((await app.request('/v1/cases', { headers: { authorization: 'Bearer scoring-key' } })).status).toBe(401)
    expect((await app.request('/v1/cases', { headers: fx.auth.town })).status).toBe(200)
    // Without a store the store routes do not exist.
    const bare = createApp({ rules: createRulePackHolder(await fixtureScorer()), logger: silentLogger })
    expect((await bare.request('/v1/cases', { headers: fx.auth.town })).status).toBe(404)
  })
})
