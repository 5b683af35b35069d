import { LOCAL_ADMIN, importSweep, issueToken, listCases, openDb, type CaseView, type OpenDb } from '@chufei/store'
import { createApp, type ChufeiApp } from '../src/app'
import { silentLogger } from '../src/logger'
import { createRulePackHolder } from '../src/rule-pack-holder'
import { bundledScorer, seedTown, sheetOf as storeSheetOf, type TestRow, type TestTown } from '../../../packages/store/src/_test-store'

export { OPENS_CASE } from '../../../packages/store/src/_test-store'

/*
 * A store for the API tests: PGlite in memory (one per test file), the store tests' town — 芮集镇 with
 * 芮集村 (A), 双桥社区 (B) and 镇综治办, and 双桥镇 beside it — a token for each of its users, one sweep
 * of each town, and the app over it with the bundled pack.
 */

/** A CSV sweep of `rows` (the store tests' columns), as bytes of their own buffer (a fetch body). */
export const sheetOf = (rows: readonly TestRow[]): Uint8Array<ArrayBuffer> => new Uint8Array(storeSheetOf(rows))

/** The users of the fixture, by the name the tests use. */
export const WHO = ['town', 'villageA', 'villageB', 'readonly', 'villageReadonly', 'otherTown'] as const
export type Who = (typeof WHO)[number]

const LOGINS: Record<Who, string> = {
  town: 'town',
  villageA: 'village-a',
  villageB: 'village-b',
  readonly: 'reader',
  villageReadonly: 'village-reader',
  otherTown: 'other-town',
}

/** The open store, the app over it and what the tests act on. */
export interface StoreFixture {
  readonly db: OpenDb
  readonly app: ChufeiApp
  readonly town: TestTown
  readonly tokens: Record<Who, string>
  /** `Authorization` headers, by user. */
  readonly auth: Record<Who, Record<string, string>>
  readonly caseA: CaseView
  readonly caseB: CaseView
  readonly caseOther: CaseView
  readonly sweepTown: number
  readonly sweepOther: number
  /** The day the app counts overdue at. */
  readonly today: string
}

/** Subject names of the fixture's cases: a body that shows one to a user outside its unit leaks. */
export const SUBJECTS = { A: '芮集村甲合作社', B: '双桥社区乙工作室', town: '镇上丙公司', other: '外镇丁公司' } as const

/** Opens the fixture: call once a test file, close `db` after. */
export const openStoreFixture = async (options: { batchBytes?: number } = {}): Promise<StoreFixture> => {
  const db = await openDb({ dataDir: 'memory://' })
  const town = await seedTown(db)
  const scorer = await bundledScorer()
  const sweepTown = await importSweep(db, town.actors.town, {
    bytes: sheetOf([
      { id: 'A-1', name: SUBJECTS.A, village: '芮集村', people: 50, promo: '保本保息', date: '2024-01-02' },
      { id: 'B-1', name: SUBJECTS.B, village: '双桥社区', people: 50, promo: '保本保息', date: '2024-01-02' },
      { id: 'T-1', name: SUBJECTS.town, village: '王岗村', people: 50, promo: '保本保息', date: '2024-01-02' },
      { id: 'B-2', name: '', village: '双桥社区' },
    ]),
    fileName: 'town.csv',
    unit: '芮集镇',
    date: '2024-01-01',
    scorer,
  })
  const sweepOther = await importSweep(db, LOCAL_ADMIN, {
    bytes: sheetOf([{ id: 'O-1', name: SUBJECTS.other, people: 50, promo: '保本保息' }]),
    fileName: 'other.csv',
    unit: '双桥镇',
    date: '2024-01-01',
    scorer,
  })
  const tokens = {} as Record<Who, string>
  for (const who of WHO) tokens[who] = (await issueToken(db, LOCAL_ADMIN, { login: LOGINS[who] })).token
  const auth = Object.fromEntries(WHO.map((w) => [w, { authorization: `Bearer ${tokens[w]}` }])) as unknown as Record<Who, Record<string, string>>
  const all = await listCases(db, LOCAL_ADMIN)
  const byName = (name: string) => all.find((c) => c.subject.name === name)!
  const today = '2024-06-30'
  const app = createApp({
    rules: createRulePackHolder(scorer),
    logger: silentLogger,
    store: { db, today: () => today },
    ...(options.batchBytes === undefined ? {} : { limits: { batchBytes: options.batchBytes } }),
  })
  return {
    db,
    app,
    town,
    tokens,
    auth,
    caseA: byName(SUBJECTS.A),
    caseB: byName(SUBJECTS.B),
    caseOther: byName(SUBJECTS.other),
    sweepTown: sweepTown.sweepId,
    sweepOther: sweepOther.sweepId,
    today,
  }
}

/** A JSON request with a token. */
export const jsonRequest = (method: string, body: unknown, headers: Record<string, string> = {}): RequestInit => ({
  method,
  headers: { 'content-type': 'application/json', ...headers },
  body: JSON.stringify(body),
})

/** A multipart upload of a CSV sheet with its fields. */
export const uploadRequest = (bytes: Uint8Array<ArrayBuffer>, fields: Record<string, string>, headers: Record<string, string> = {}): RequestInit => {
  const form = new FormData()
  form.set('file', new File([bytes], 'sweep.csv', { type: 'text/csv' }))
  for (const [k, v] of Object.entries(fields)) form.set(k, v)
  return { method: 'POST', headers, body: form }
}
