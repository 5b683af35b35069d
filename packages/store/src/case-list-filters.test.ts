import { readFile } from 'node:fs/promises'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { LOCAL_ADMIN } from './actor'
import { CASE_SORTS, listCases, type CaseView } from './cases'
import type { OpenDb } from './db'
import { importSweep } from './import-sweep'
import { TEST_BACKENDS } from './_test-dbs'
import { bundledScorer, fixturePath, seedTown } from './_test-store'

/*
 * The case list's filters and orders the console's ledger offers (案件台账: 处置建议, 重点行为, 排序) on the
 * bundled Q1 sweep: each filter gives exactly the cases the stored leads say, and every order pages stably.
 */

describe.each(TEST_BACKENDS)('case list filters on $name', (backend) => {
  let db: OpenDb
  let all: CaseView[]
  let patternsOf: Map<number, string[]>
  beforeAll(async () => {
    db = await backend.open()
    await seedTown(db)
    const sweep = await importSweep(db, LOCAL_ADMIN, {
      bytes: new Uint8Array(await readFile(fixturePath('sheets/sweep-2024q1.xlsx'))),
      fileName: 'sweep-2024q1.xlsx',
      unit: '芮集镇',
      date: '2024-03-31',
      scorer: await bundledScorer(),
    })
    all = await listCases(db, LOCAL_ADMIN, { limit: 10_000 })
    const { rows } = await db.query<{ caseId: number; patterns: string[] }>(
      `SELECT case_id AS "caseId", result->'patterns' AS patterns FROM leads WHERE sweep_id = $1 AND case_id IS NOT NULL`,
      [sweep.sweepId],
    )
    patternsOf = new Map(rows.map((r) => [Number(r.caseId), r.patterns]))
  })
  afterAll(() => db?.close())

  const ids = (cases: readonly CaseView[]) => cases.map((c) => c.id).sort((a, b) => a - b)

  it('disposition: the cases with one of the given dispositions', async () => {
    const dispositions = [...new Set(all.map((c) => c.disposition))]
    expect(dispositions.length).toBeGreaterThan(1)
    for (const d of dispositions) expect(ids(await listCases(db, LOCAL_ADMIN, { disposition: [d], limit: 10_000 }))).toEqual(ids(all.filter((c) => c.disposition === d)))
    expect(await listCases(db, LOCAL_ADMIN, { disposition: ['no-such'] })).toEqual([])
  })

  it('pattern: the cases whose lead at their last sweep shows it', async () => {
    const patterns = [...new Set([...patternsOf.values()].flat())]
    expect(patterns.length).toBeGreaterThan(1)
    for (const p of patterns) {
      const want = all.filter((c) => patternsOf.get(c.id)?.includes(p))
      expect(want.length).toBeGreaterThan(0)
      expect(ids(await listCases(db, LOCAL_ADMIN, { pattern: p, limit: 10_000 })), p).toEqual(ids(want))
    }
    expect(await listCases(db, LOCAL_ADMIN, { pattern: 'no-such' })).toEqual([])
  })

  it('every order holds every case once, paged in pieces the same as whole; deadline puts none last, subject sorts by name', async () => {
    for (const sort of CASE_SORTS) {
      const whole = await listCases(db, LOCAL_ADMIN, { sort, limit: 10_000 })
      expect(ids(whole), sort).toEqual(ids(all))
      const paged: CaseView[] = []
      for (let offset = 0; offset < whole.length; offset += 7) paged.push(...(await listCases(db, LOCAL_ADMIN, { sort, limit: 7, offset })))
      expect(paged.map((c) => c.id), sort).toEqual(whole.map((c) => c.id))
    }
    const byDeadline = await listCases(db, LOCAL_ADMIN, { sort: 'deadline', limit: 10_000 })
    const dated = byDeadline.filter((c) => c.deadline !== null).map((c) => c.deadline!)
    expect(dated).toEqual([...dated].sort())
    expect(byDeadline.slice(dated.length).every((c) => c.deadline === null)).toBe(true)
    const byId = await listCases(db, LOCAL_ADMIN, { sort: 'id', limit: 10_000 })
    expect(byId.map((c) => c.id)).toEqual(ids(all))
    const bySeverity = await listCases(db, LOCAL_ADMIN, { limit: 10_000 })
    expect(bySeverity.map((c) => c.total)).toEqual([...bySeverity.map((c) => c.total)].sort((a, b) => b - a))
  })
})
