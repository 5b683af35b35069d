import { fileURLToPath } from 'node:url'
import { readRulePackFiles } from '@chufei/core/node'
import { LOCAL_ADMIN, addUser, exportCaseLedger, getCase, importSweep, issueToken, ledgerFileBytes, sweepLeads } from '@chufei/store'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEFAULT_LIMITS } from '../src/app'
import { storeRoutes } from '../src/routes/store'
import { bundledScorer } from '../../../packages/store/src/_test-store'
import { editLedgerCsv, ledgerUpload } from './_ledger'
import { jsonRequest, openStoreFixture, sheetOf, SUBJECTS, uploadRequest, type StoreFixture } from './_store'

/*
 * The role matrix (角色权限) at the HTTP layer: EVERY store route of the route table, with every role — the
 * town office, a village user of unit A acting on unit A and on unit B, the town's read-only user, no token
 * and a bad token — answers the status the store's access rules give, and no body shows data of a unit the
 * token cannot read. The scenarios are keyed by the table: a route added without one fails this test.
 */

type Target = 'A' | 'B'
type Role = 'town' | 'villageA' | 'readonly' | 'none' | 'bad'
const ROLES: readonly Role[] = ['town', 'villageA', 'readonly', 'none', 'bad']

let fx: StoreFixture
let sweepA: number
let sweepB: number
let n = 0
const unique = () => ++n
let folder: Record<string, string>
/** The bundled pack with a description of its own: a new pack each call. */
const editedPack = () => ({ ...folder, 'pack.json': folder['pack.json']!.replace('"description": "chufei 默认规则包', `"description": "矩阵 ${unique()} chufei 默认规则包`) })

beforeAll(async () => {
  fx = await openStoreFixture()
  const scorer = await bundledScorer()
  const village = async (unit: string, name: string) =>
    (await importSweep(fx.db, LOCAL_ADMIN, { bytes: sheetOf([{ id: `${unit}-1`, name, people: 20, promo: '保本保息' }]), fileName: `${unit}.csv`, unit, date: '2024-02-01', scorer })).sweepId
  sweepA = await village('芮集村', '芮集村戊商行')
  sweepB = await village('双桥社区', '双桥社区己商行')
  await addUser(fx.db, LOCAL_ADMIN, { login: 'pw-a', role: 'unit', unit: fx.town.villageA, password: 'password-of-a' })
  await addUser(fx.db, LOCAL_ADMIN, { login: 'pw-b', role: 'unit', unit: fx.town.villageB, password: 'password-of-b' })
  folder = await readRulePackFiles(fileURLToPath(new URL('../../../rules/', import.meta.url)))
})
afterAll(() => fx?.db.close())

/** One request of a scenario. */
interface Call {
  readonly path: string
  readonly init?: RequestInit
}

const userId = async (login: string) => (await fx.db.query<{ id: number }>('SELECT id FROM users WHERE login = $1', [login])).rows[0]!.id
const unitOf = (t: Target) => (t === 'A' ? fx.town.villageA : fx.town.villageB)
const unitName = (t: Target) => (t === 'A' ? '芮集村' : '双桥社区')
const caseOf = (t: Target) => (t === 'A' ? fx.caseA : fx.caseB)
/** The lead of the unit's own sweep. */
const leadOf = async (t: Target) => (await sweepLeads(fx.db, LOCAL_ADMIN, t === 'A' ? sweepA : sweepB))[0]!.id

/** The unit's ledger as CSV, its case's 备注 edited: what a village brings back from Excel. */
const editedLedger = async (t: Target) =>
  editLedgerCsv(await ledgerFileBytes(await exportCaseLedger(fx.db, LOCAL_ADMIN, { unit: unitOf(t) }), 'csv'), caseOf(t).id, { 备注: `矩阵回填 ${unique()}` })

/** For every route of the table: the request acting on unit A or B, as `role` (apply needs the role's own preview). */
const SCENARIOS: Record<string, (t: Target, role: Role) => Promise<Call>> = {
  'POST /v1/sweeps': async (t) => ({
    path: '/v1/sweeps',
    init: uploadRequest(sheetOf([{ id: `M-${unique()}`, name: `矩阵导入${n}`, people: 5 }]), { unit: String(unitOf(t)), date: '2024-03-01' }),
  }),
  'GET /v1/sweeps': async () => ({ path: '/v1/sweeps' }),
  'GET /v1/sweeps/{id}': async (t) => ({ path: `/v1/sweeps/${t === 'A' ? sweepA : sweepB}` }),
  'GET /v1/sweeps/{id}/leads': async (t) => ({ path: `/v1/sweeps/${t === 'A' ? sweepA : sweepB}/leads` }),
  'GET /v1/sweeps/{id}/ledger': async (t) => ({ path: `/v1/sweeps/${t === 'A' ? sweepA : sweepB}/ledger?format=csv` }),
  'GET /v1/leads/{id}': async (t) => ({ path: `/v1/leads/${await leadOf(t)}` }),
  'GET /v1/leads/{id}/explanation': async (t) => ({ path: `/v1/leads/${await leadOf(t)}/explanation` }),
  // A fresh lead on the unit's total list each call: a case opened by hand is opened once.
  'POST /v1/leads/{id}/case': async (t) => {
    const name = `矩阵清单${unique()}`
    const { sweepId } = await importSweep(fx.db, LOCAL_ADMIN, { bytes: sheetOf([{ id: `Q-${n}`, name, people: 1 }]), fileName: `${name}.csv`, unit: unitName(t), date: '2024-02-02', scorer: await bundledScorer() })
    const [lead] = await sweepLeads(fx.db, LOCAL_ADMIN, sweepId)
    return { path: `/v1/leads/${lead!.id}/case`, init: jsonRequest('POST', { reason: '矩阵人工立案' }) }
  },
  'GET /v1/cases': async (t) => ({ path: `/v1/cases?unit=${unitOf(t)}` }),
  'GET /v1/cases/{id}': async (t) => ({ path: `/v1/cases/${caseOf(t).id}` }),
  'PATCH /v1/cases/{id}': async (t) => {
    const current = await getCase(fx.db, LOCAL_ADMIN, caseOf(t).id)
    return { path: `/v1/cases/${current.id}`, init: jsonRequest('PATCH', { version: current.version, notes: `矩阵跟进 ${unique()}` }) }
  },
  'GET /v1/ledger': async (t) => ({ path: `/v1/ledger?unit=${unitOf(t)}&format=csv` }),
  'POST /v1/ledger/preview': async (t) => ({ path: '/v1/ledger/preview', init: ledgerUpload(await editedLedger(t), 'ledger.csv') }),
  // The hash is the role's own preview of the same file: what the role saw is what it applies.
  'POST /v1/ledger/apply': async (t, role) => {
    const bytes = await editedLedger(t)
    let planHash = `sha256:${'0'.repeat(64)}`
    if (role !== 'none' && role !== 'bad') {
      const res = await fx.app.request('/v1/ledger/preview', ledgerUpload(bytes, 'ledger.csv', {}, { authorization: `Bearer ${fx.tokens[role]}` }))
      planHash = ((await res.json()) as { planHash: string }).planHash
    }
    return { path: '/v1/ledger/apply', init: ledgerUpload(bytes, 'ledger.csv', { planHash }) }
  },
  'GET /v1/overdue': async (t) => ({ path: `/v1/overdue?unit=${unitOf(t)}&asOf=2030-01-01` }),
  'GET /v1/escalated': async (t) => ({ path: `/v1/escalated?unit=${unitOf(t)}` }),
  'GET /v1/open-cases': async () => ({ path: '/v1/open-cases?asOf=2030-01-01' }),
  'GET /v1/trend': async (t) => ({ path: `/v1/trend?unit=${unitOf(t)}&from=2024-01-01&to=2030-01-01` }),
  'GET /v1/report.html': async (t) => ({ path: `/v1/report.html?unit=${unitOf(t)}&from=2024-01-01&to=2030-01-01` }),
  'GET /v1/overview': async (t) => ({ path: `/v1/overview?unit=${unitOf(t)}&to=2030-01-01` }),
  // The bundled samples into the town of A, or into the town next door.
  'POST /v1/samples': async (t) => ({ path: `/v1/samples?unit=${t === 'A' ? fx.town.townId : fx.town.townId + 1}`, init: { method: 'POST' } }),
  'GET /v1/units': async () => ({ path: '/v1/units' }),
  // A village is added under a town: A's own town, or the town next door.
  'POST /v1/units': async (t) => ({
    path: '/v1/units',
    init: jsonRequest('POST', { name: `矩阵村${unique()}`, kind: 'village', parent: t === 'A' ? fx.town.townId : fx.town.townId + 1 }),
  }),
  'GET /v1/users': async () => ({ path: '/v1/users' }),
  'POST /v1/users': async (t) => ({ path: '/v1/users', init: jsonRequest('POST', { login: `matrix-${unique()}`, role: 'unit', unit: unitOf(t) }) }),
  'GET /v1/me': async () => ({ path: '/v1/me' }),
  'POST /v1/users/{id}/tokens': async (t) => ({ path: `/v1/users/${await userId(t === 'A' ? 'village-a' : 'village-b')}/tokens`, init: { method: 'POST' } }),
  'DELETE /v1/tokens/{id}': async (t) => {
    const { tokenId } = await issueToken(fx.db, LOCAL_ADMIN, { login: t === 'A' ? 'village-a' : 'village-b', label: 'matrix' })
    return { path: `/v1/tokens/${tokenId}`, init: { method: 'DELETE' } }
  },
  // Sign-in needs no token: every caller gets the same answer.
  'POST /v1/tokens': async (t) => ({ path: '/v1/tokens', init: jsonRequest('POST', { login: t === 'A' ? 'pw-a' : 'pw-b', password: t === 'A' ? 'password-of-a' : 'password-of-b' }) }),
  'POST /v1/session': async (t) => ({ path: '/v1/session', init: jsonRequest('POST', { login: t === 'A' ? 'pw-a' : 'pw-b', password: t === 'A' ? 'password-of-a' : 'password-of-b' }) }),
  // Public: who is signed in (nobody, for no token or a bad one).
  'GET /v1/session': async () => ({ path: '/v1/session' }),
  // With a bearer token, sign-out revokes nothing (test/store-session.test.ts covers the cookie).
  'DELETE /v1/session': async () => ({ path: '/v1/session', init: { method: 'DELETE' } }),
  // Packs are the installation's, not a unit's: A and B ask the same.
  'GET /v1/packs': async () => ({ path: '/v1/packs' }),
  'POST /v1/packs': async () => ({ path: '/v1/packs', init: jsonRequest('POST', { files: editedPack(), reason: `矩阵发布 ${n}` }) }),
  // Back to the oldest version that is not the one served.
  'POST /v1/packs/{id}/rollback': async () => {
    const { rows } = await fx.db.query<{ id: number }>('SELECT id FROM pack_versions WHERE hash <> (SELECT hash FROM pack_versions ORDER BY id DESC LIMIT 1) ORDER BY id LIMIT 1')
    return { path: `/v1/packs/${rows[0]?.id ?? 1}/rollback`, init: jsonRequest('POST', { reason: `矩阵回滚 ${unique()}` }) }
  },
  'POST /v1/backtest': async (t) => ({ path: '/v1/backtest', init: jsonRequest('POST', { files: folder, sweepId: t === 'A' ? sweepA : sweepB }) }),
}

const ok = (status: number): Record<Target, number> => ({ A: status, B: status })
/** The status each role gets, acting on A and on B (none and bad tokens: 401 on every route but sign-in). */
const EXPECTED: Record<string, Record<'town' | 'villageA' | 'readonly', Record<Target, number>>> = {
  'POST /v1/sweeps': { town: ok(201), villageA: { A: 403, B: 404 }, readonly: ok(403) },
  'GET /v1/sweeps': { town: ok(200), villageA: ok(200), readonly: ok(200) },
  'GET /v1/sweeps/{id}': { town: ok(200), villageA: { A: 200, B: 404 }, readonly: ok(200) },
  'GET /v1/sweeps/{id}/leads': { town: ok(200), villageA: { A: 200, B: 404 }, readonly: ok(200) },
  'GET /v1/sweeps/{id}/ledger': { town: ok(200), villageA: { A: 200, B: 404 }, readonly: ok(200) },
  'GET /v1/leads/{id}': { town: ok(200), villageA: { A: 200, B: 404 }, readonly: ok(200) },
  'GET /v1/leads/{id}/explanation': { town: ok(200), villageA: { A: 200, B: 404 }, readonly: ok(200) },
  'POST /v1/leads/{id}/case': { town: ok(201), villageA: { A: 201, B: 404 }, readonly: ok(403) },
  'GET /v1/cases': { town: ok(200), villageA: { A: 200, B: 404 }, readonly: ok(200) },
  'GET /v1/cases/{id}': { town: ok(200), villageA: { A: 200, B: 404 }, readonly: ok(200) },
  'PATCH /v1/cases/{id}': { town: ok(200), villageA: { A: 200, B: 404 }, readonly: ok(403) },
  'GET /v1/ledger': { town: ok(200), villageA: { A: 200, B: 404 }, readonly: ok(200) },
  // A row of another unit's case is a row error ("no such case"), not a refusal of the whole file: nothing of it is shown.
  'POST /v1/ledger/preview': { town: ok(200), villageA: ok(200), readonly: ok(200) },
  'POST /v1/ledger/apply': { town: ok(200), villageA: ok(200), readonly: ok(403) },
  'GET /v1/overdue': { town: ok(200), villageA: { A: 200, B: 404 }, readonly: ok(200) },
  'GET /v1/escalated': { town: ok(200), villageA: { A: 200, B: 404 }, readonly: ok(200) },
  'GET /v1/open-cases': { town: ok(200), villageA: ok(200), readonly: ok(200) },
  'GET /v1/trend': { town: ok(200), villageA: { A: 200, B: 404 }, readonly: ok(200) },
  'GET /v1/report.html': { town: ok(200), villageA: { A: 200, B: 404 }, readonly: ok(200) },
  'GET /v1/overview': { town: ok(200), villageA: { A: 200, B: 404 }, readonly: ok(200) },
  'POST /v1/samples': { town: { A: 201, B: 404 }, villageA: ok(403), readonly: ok(403) },
  'GET /v1/units': { town: ok(200), villageA: ok(200), readonly: ok(200) },
  'POST /v1/units': { town: { A: 201, B: 404 }, villageA: ok(404), readonly: { A: 403, B: 404 } },
  'GET /v1/users': { town: ok(200), villageA: ok(200), readonly: ok(200) },
  'POST /v1/users': { town: ok(201), villageA: { A: 403, B: 404 }, readonly: ok(403) },
  'GET /v1/me': { town: ok(200), villageA: ok(200), readonly: ok(200) },
  'POST /v1/users/{id}/tokens': { town: ok(201), villageA: { A: 201, B: 404 }, readonly: ok(404) },
  'DELETE /v1/tokens/{id}': { town: ok(204), villageA: { A: 204, B: 404 }, readonly: ok(403) },
  'POST /v1/tokens': { town: ok(201), villageA: ok(201), readonly: ok(201) },
  'POST /v1/session': { town: ok(201), villageA: ok(201), readonly: ok(201) },
  'GET /v1/session': { town: ok(200), villageA: ok(200), readonly: ok(200) },
  'DELETE /v1/session': { town: ok(204), villageA: ok(204), readonly: ok(204) },
  'GET /v1/packs': { town: ok(200), villageA: ok(403), readonly: ok(200) },
  'POST /v1/packs': { town: ok(201), villageA: ok(403), readonly: ok(403) },
  'POST /v1/packs/{id}/rollback': { town: ok(201), villageA: ok(403), readonly: ok(403) },
  'POST /v1/backtest': { town: ok(200), villageA: { A: 200, B: 404 }, readonly: ok(200) },
}

/** What a role must never be shown: subjects, units and users outside what it can read. */
const SECRETS: Record<'town' | 'villageA' | 'readonly', readonly string[]> = {
  town: [SUBJECTS.other, '双桥镇', 'other-town'],
  readonly: [SUBJECTS.other, '双桥镇', 'other-town'],
  villageA: [SUBJECTS.other, '双桥镇', 'other-town', SUBJECTS.B, SUBJECTS.town, '双桥社区', '镇综治办', '双桥社区己商行', 'village-b', 'pw-b', 'reader'],
}

const table = storeRoutes(DEFAULT_LIMITS)
const keyOf = (r: (typeof table)[number]) => `${r.route.method.toUpperCase()} ${r.route.path}`

describe('the role matrix over every store route', () => {
  it('has a scenario and expectations for every route of the table, and none for a route that is not there', () => {
    const keys = table.map(keyOf).sort()
    expect(Object.keys(SCENARIOS).sort()).toEqual(keys)
    expect(Object.keys(EXPECTED).sort()).toEqual(keys)
  })

  for (const entry of table) {
    const key = keyOf(entry)
    it(key, async () => {
      const scenario = SCENARIOS[key]
      const expected = EXPECTED[key]
      expect(scenario, `no scenario for ${key}`).toBeDefined()
      for (const role of ROLES) {
        for (const target of ['A', 'B'] as const) {
          const call = await scenario!(target, role)
          const headers = new Headers(call.init?.headers)
          if (role === 'bad') headers.set('authorization', 'Bearer cft_1_AAAAAAAAAAAAAAAAAAAAAAAA')
          else if (role !== 'none') headers.set('authorization', `Bearer ${fx.tokens[role]}`)
          const res = await fx.app.request(call.path, { ...call.init, method: call.init?.method ?? 'GET', headers })
          const text = await res.text()
          const label = `${role} → ${key} on ${target} (${unitName(target)}): ${text.slice(0, 300)}`
          const want = role === 'none' || role === 'bad' ? (entry.public ? expected!.town[target] : 401) : expected![role][target]
          expect(res.status, label).toBe(want)
          if (role === 'none' || role === 'bad' || entry.public) continue
          // What the request itself named may come back in a message; anything else of another unit leaks.
          const asked = `${call.path} ${typeof call.init?.body === 'string' ? call.init.body : ''}`
          for (const secret of SECRETS[role]) if (!asked.includes(secret)) expect(text, `${label} shows ${secret}`).not.toContain(secret)
        }
      }
    })
  }
})
