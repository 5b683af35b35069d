import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CASE_SELECT, listCases, type CaseFilter, type CaseView } from './cases'
import type { OpenDb } from './db'
import { updateCase } from './follow-up'
import { importSweep } from './import-sweep'
import { TEST_BACKENDS } from './_test-dbs'
import { bundledScorer, seedTown, sheetOf, type TestTown } from './_test-store'

/*
 * listCases picks the page from the cases alone and joins subjects and units after (migration 4's index gives
 * the order). A differential test against the query it replaced — join first, then order and page — over a town
 * with many tied totals, every filter and several pages.
 */

const reference = async (db: OpenDb, units: readonly number[], filter: { open?: boolean; search?: string; limit: number; offset: number }): Promise<CaseView[]> => {
  const where = ['c.unit_id = ANY($1::int[])']
  const params: (string | number)[] = [`{${units.join(',')}}`]
  if (filter.open === true) where.push(`c.status IN ('待核查', '处置中')`)
  if (filter.search !== undefined) {
    params.push(filter.search)
    where.push(`(strpos(s.name, $${params.length}) > 0 OR strpos(coalesce(s.credit_code, ''), upper($${params.length})) > 0)`)
  }
  params.push(filter.limit, filter.offset)
  const sql = `${CASE_SELECT} WHERE ${where.join(' AND ')} ORDER BY c.total DESC, c.id LIMIT $${params.length - 1} OFFSET $${params.length}`
  return (await db.query<CaseView>(sql, params)).rows
}

describe.each(TEST_BACKENDS)('listCases on $name', (backend) => {
  let db: OpenDb
  let town: TestTown
  beforeAll(async () => {
    db = await backend.open()
    town = await seedTown(db)
    const villages = ['芮集村', '双桥社区', '']
    const rows = Array.from({ length: 240 }, (_, i) => ({
      id: `P-${i}`,
      name: `${i % 7 === 0 ? '理财' : '商行'}主体${i}号`,
      village: villages[i % 3]!,
      people: [3, 40, 300][i % 3]!,
      ...(i % 4 === 0 ? { raisedWan: 50 + (i % 5) * 100, owedWan: 20, overdue: i % 8 === 0, promo: '保本保息' } : {}),
    }))
    await importSweep(db, town.actors.town, { bytes: sheetOf(rows), fileName: 'page.csv', unit: '芮集镇', date: '2024-06-30', scorer: await bundledScorer() })
    const all = await listCases(db, town.actors.town, { limit: 10_000 })
    for (const c of all.filter((_, i) => i % 3 === 0)) await updateCase(db, town.actors.town, c.id, { version: c.version, status: '已化解' })
  })
  afterAll(() => db?.close())

  const cases: [string, () => { actor: TestTown['actors'][keyof TestTown['actors']]; units: number[]; filter: CaseFilter & { limit: number; offset: number } }][] = [
    ['the town, open, first page', () => ({ actor: town.actors.town, units: [town.townId, town.villageA, town.villageB, town.department], filter: { open: true, limit: 25, offset: 0 } })],
    ['the town, open, a later page', () => ({ actor: town.actors.town, units: [town.townId, town.villageA, town.villageB, town.department], filter: { open: true, limit: 25, offset: 50 } })],
    ['the town, every status', () => ({ actor: town.actors.town, units: [town.townId, town.villageA, town.villageB, town.department], filter: { limit: 1000, offset: 0 } })],
    ['a village, open', () => ({ actor: town.actors.villageA, units: [town.villageA], filter: { open: true, limit: 10, offset: 5 } })],
    ['a village, searched', () => ({ actor: town.actors.villageB, units: [town.villageB], filter: { search: '理财', limit: 1000, offset: 0 } })],
  ]

  it.each(cases)('gives what joining first gave: %s', async (_, setup) => {
    const { actor, units, filter } = setup()
    const got = await listCases(db, actor, filter)
    expect(got.length).toBeGreaterThan(0)
    expect(got).toEqual(await reference(db, units, filter as { open?: boolean; search?: string; limit: number; offset: number }))
  })
})
