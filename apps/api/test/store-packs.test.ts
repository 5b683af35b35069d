import { fileURLToPath } from 'node:url'
import { createScorer, parseRulePack } from '@chufei/core'
import { readRulePackFiles } from '@chufei/core/node'
import { BASELINE_REASON } from '@chufei/store'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApp, type ChufeiApp } from '../src/app'
import { silentLogger } from '../src/logger'
import { createRulePackHolder, type RulePackHolder } from '../src/rule-pack-holder'
import { BacktestBody, PacksBody, PublishedBody } from '../src/routes/_pack-schemas'
import { EXAMPLE_LEAD } from '../src/routes/_openapi'
import { BUNDLED_VERSION, NEXT_VERSION } from './_bundled-pack'
import { jsonRequest, openStoreFixture, type StoreFixture } from './_store'

/*
 * Publishing, rolling back and backtesting packs over HTTP, on an app that serves the repo's rules folder
 * (with its files, as the server holds them): a publish is served at once, a rollback too, an invalid pack
 * is 422 with located issues, and a backtest compares a stored sweep's results with the edited pack's.
 */

let fx: StoreFixture
let app: ChufeiApp
let holder: RulePackHolder
let folder: Record<string, string>

/** The folder's pack with rule scale-people-10 worth `points` instead of 5. */
const edited = (points: number | string): Record<string, string> => {
  const before = '"event": { "type": "score", "params": { "dimension": "scale", "points": 5 } },\n      "examples": [\n        { "lead": { "people": { "total": 12 } }'
  expect(folder['scale.json']).toContain(before)
  return { ...folder, 'scale.json': folder['scale.json']!.replace(before, before.replace('"points": 5', `"points": ${points}`)) }
}

const post = (path: string, body: unknown, who: keyof StoreFixture['auth'] = 'town') => app.request(path, jsonRequest('POST', body, fx.auth[who]))
const scoredVersion = async () => ((await (await app.request('/v1/score', jsonRequest('POST', EXAMPLE_LEAD))).json()) as { rulePack: { version: string } }).rulePack.version

beforeAll(async () => {
  fx = await openStoreFixture()
  folder = await readRulePackFiles(fileURLToPath(new URL('../../../rules/', import.meta.url)))
  holder = createRulePackHolder(createScorer(parseRulePack(folder)), folder)
  app = createApp({ rules: holder, logger: silentLogger, store: { db: fx.db } })
})
afterAll(() => fx?.db.close())

describe('pack versions over HTTP', () => {
  it('refuses an invalid pack with 422 and located issues, and keeps serving the old one', async () => {
    const res = await post('/v1/packs', { files: edited('"五"'), reason: '试一下' })
    const body = (await res.json()) as { error: { code: string; details: { file?: string; line?: number; pointer: string }[] } }
    expect(res.status, JSON.stringify(body)).toBe(422)
    expect(body.error.code).toBe('INVALID_RULE_PACK')
    expect(body.error.details).toContainEqual(expect.objectContaining({ file: 'scale.json', line: 10, pointer: expect.stringContaining('/points') }))
    expect(await scoredVersion()).toBe(BUNDLED_VERSION)
    expect(PacksBody.parse(await (await app.request('/v1/packs', { headers: fx.auth.town })).json()).versions).toEqual([])
  })

  it('publishes as <base>+1, serves it at once, records the folder pack first; 409 for the same pack again', async () => {
    expect((await post('/v1/packs', { files: edited(30) })).status).toBe(400)
    const res = await post('/v1/packs', { files: edited(30), reason: '人数达到10人即加重' })
    const body = PublishedBody.parse(await res.json())
    expect(res.status).toBe(201)
    expect(body.version).toMatchObject({ id: 2, version: `${BUNDLED_VERSION}+1`, reason: '人数达到10人即加重', replaced: { version: BUNDLED_VERSION }, current: true })
    expect(body.rulePack.version).toBe(`${BUNDLED_VERSION}+1`)
    expect(await scoredVersion()).toBe(`${BUNDLED_VERSION}+1`)
    expect(((await (await app.request('/v1/rules')).json()) as { version: string }).version).toBe(`${BUNDLED_VERSION}+1`)
    // The served files are the published ones: the editor starts from them.
    expect(holder.files()!['pack.json']).toContain(`"version": "${BUNDLED_VERSION}+1"`)
    const history = PacksBody.parse(await (await app.request('/v1/packs', { headers: fx.auth.readonly })).json())
    expect(history.serving!.version).toBe(`${BUNDLED_VERSION}+1`)
    expect(history.versions.map((v) => [v.id, v.version, v.reason === BASELINE_REASON])).toEqual([
      [2, `${BUNDLED_VERSION}+1`, false],
      [1, BUNDLED_VERSION, true],
    ])
    const again = await post('/v1/packs', { files: holder.files(), reason: '重复' })
    expect(again.status).toBe(409)
  })

  it('takes the version the analyst gives, and rolls back to an earlier one, served at once', async () => {
    const res = await post('/v1/packs', { files: edited(60), reason: '再加重', version: NEXT_VERSION })
    expect(res.status).toBe(201)
    expect(await scoredVersion()).toBe(NEXT_VERSION)
    const back = await post('/v1/packs/2/rollback', { reason: '误报增多，退回' })
    const body = PublishedBody.parse(await back.json())
    expect(back.status).toBe(201)
    expect(body.version).toMatchObject({ id: 4, version: `${BUNDLED_VERSION}+1`, rollbackOf: 2, replaced: { version: NEXT_VERSION } })
    expect(await scoredVersion()).toBe(`${BUNDLED_VERSION}+1`)
    expect((await post('/v1/packs/4/rollback', { reason: '已是当前' })).status).toBe(409)
    expect((await post('/v1/packs/99/rollback', { reason: '没有' })).status).toBe(404)
    expect((await post('/v1/packs/1/rollback', {})).status).toBe(400)
  })

  it('refuses village users and read-only users before validating anything', async () => {
    expect((await post('/v1/packs', { files: edited(7), reason: '村里改' }, 'villageA')).status).toBe(403)
    expect((await post('/v1/packs', { files: edited(7), reason: '只读改' }, 'readonly')).status).toBe(403)
    expect((await post('/v1/packs/1/rollback', { reason: '只读回滚' }, 'readonly')).status).toBe(403)
    expect((await app.request('/v1/packs', { headers: fx.auth.villageA })).status).toBe(403)
  })
})

describe('backtest over HTTP', () => {
  it('re-scores a stored sweep with the edited pack: matrix, moved leads with before → after, and the rules that moved them', async () => {
    const res = await post('/v1/backtest', { files: edited(100), sweepId: fx.sweepTown })
    const text = await res.text()
    expect(res.status, text).toBe(200)
    const body = BacktestBody.parse(JSON.parse(text))
    expect(body.sweep).toMatchObject({ id: fx.sweepTown, fileName: 'town.csv' })
    expect(body.leads).toBe(4)
    expect(body.scoredBoth).toBe(3)
    const cells = Object.values(body.tiers).flatMap((row) => Object.values(row))
    expect(cells.reduce((a, b) => a + b, 0)).toBe(3)
    expect(body.movedCount).toBe(3)
    const moved = body.moved[0]!
    expect(moved.subject).toBeTruthy()
    expect(moved.after.total! - moved.before.total!).toBeGreaterThan(0)
    expect(moved.rules).toContainEqual(expect.objectContaining({ rule: 'scale-people-10', change: 'changed' }))
  })

  it('the stored pack unchanged moves nothing; a village reads its own rows only; another town’s sweep is 404; an invalid pack 422', async () => {
    const same = BacktestBody.parse(await (await post('/v1/backtest', { files: folder, sweepId: fx.sweepTown })).json())
    expect(same.movedCount).toBe(0)
    expect(same.ruleHits.every((r) => r.before === r.after)).toBe(true)
    // The sweep was scored by the folder's pack, no longer served but kept as the first published version: the
    // comparison is with that pack itself, so a rule that never fired on the sweep is in both, not "added".
    expect(holder.current()!.pack.hash).not.toBe(same.base.hash)
    expect(same.ruleHits.filter((r) => r.presence !== 'both')).toEqual([])
    expect(same.ruleHits.length).toBe(parseRulePack(folder).rules.length)
    const village = BacktestBody.parse(await (await post('/v1/backtest', { files: edited(100), sweepId: fx.sweepTown }, 'villageA')).json())
    expect(village.leads).toBe(1)
    expect((await post('/v1/backtest', { files: edited(100), sweepId: fx.sweepOther })).status).toBe(404)
    expect((await post('/v1/backtest', { files: edited('"x"'), sweepId: fx.sweepTown })).status).toBe(422)
  })
})
