import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { OpenDb } from './db'
import { importSweep } from './import-sweep'
import { sweepResults, type StoredLeadResult } from './sweep-results'
import { TEST_BACKENDS } from './_test-dbs'
import { bundledScorer, seedTown, sheetOf, type TestTown } from './_test-store'

const all = async (pages: AsyncGenerator<StoredLeadResult[]>) => {
  const out: StoredLeadResult[][] = []
  for await (const page of pages) out.push(page)
  return out
}

describe.each(TEST_BACKENDS)('sweep results on $name', (backend) => {
  let db: OpenDb
  let town: TestTown
  let sweepId: number
  beforeAll(async () => {
    db = await backend.open()
    town = await seedTown(db)
    sweepId = (
      await importSweep(db, town.actors.town, {
        bytes: sheetOf([
          { id: 'R-1', name: '芮集村甲合作社', village: '芮集村', people: 50, promo: '保本保息' },
          { id: 'R-2', name: '双桥社区乙工作室', village: '双桥社区', people: 5 },
          { id: 'R-3', name: '', village: '芮集村' },
        ]),
        fileName: 'results.csv',
        unit: '芮集镇',
        date: '2024-03-01',
        scorer: await bundledScorer(),
      })
    ).sweepId
  })
  afterAll(() => db?.close())

  it('pages the stored input and result of every lead the actor may read, in sheet order', async () => {
    const town_ = await sweepResults(db, town.actors.town, sweepId)
    expect(town_.leads).toBe(3)
    const pages = await all(town_.pages(2))
    expect(pages.map((p) => p.length)).toEqual([2, 1])
    const rows = pages.flat()
    expect(rows.map((r) => [r.leadRef, r.line, r.result.status])).toEqual([
      ['R-1', 2, 'scored'],
      ['R-2', 3, 'scored'],
      ['R-3', 4, 'rejected'],
    ])
    expect(rows[0]!.input).toMatchObject({ id: 'R-1', subject: { name: '芮集村甲合作社' } })
    const village = await sweepResults(db, town.actors.villageB, sweepId)
    expect(village.leads).toBe(1)
    expect((await all(village.pages())).flat().map((r) => r.leadRef)).toEqual(['R-2'])
    await expect(sweepResults(db, town.actors.otherTown, sweepId)).rejects.toMatchObject({ code: 'NOT_FOUND' })
  })
})
