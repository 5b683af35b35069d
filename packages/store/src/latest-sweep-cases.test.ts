import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { OpenDb } from './db'
import { importSweep } from './import-sweep'
import { latestSweepCases } from './latest-sweep-cases'
import { TEST_BACKENDS } from './_test-dbs'
import { bundledScorer, OPENS_CASE, seedTown, sheetOf, type TestTown } from './_test-store'

describe.each(TEST_BACKENDS)('latestSweepCases on $name', (backend) => {
  let db: OpenDb
  let town: TestTown
  let q2: number
  beforeAll(async () => {
    db = await backend.open()
    town = await seedTown(db)
    const scorer = await bundledScorer()
    const sweep = (rows: Parameters<typeof sheetOf>[0], fileName: string, date: string) =>
      importSweep(db, town.actors.town, { bytes: sheetOf(rows), fileName, unit: '芮集镇', date, scorer })
    await sweep(
      [
        { id: 'Q1-1', name: '一季度甲', village: '芮集村', people: 5, ...OPENS_CASE },
        { id: 'Q1-2', name: '一季度乙', village: '双桥社区', people: 5, ...OPENS_CASE },
      ],
      'latest-q1.csv',
      '2024-03-31',
    )
    q2 = (
      await sweep(
        [
          { id: 'Q2-1', name: '一季度甲', village: '芮集村', people: 5 },
          { id: 'Q2-2', name: '二季度新甲', village: '芮集村', people: 800, promo: '保本保息' },
          { id: 'Q2-3', name: '二季度新乙', village: '双桥社区', people: 5, ...OPENS_CASE },
          // A monitor-only lead of no tier: on the sweep's list, but it opens no case.
          { id: 'Q2-4', name: '二季度仅列清单', village: '双桥社区', people: 3 },
        ],
        'latest-q2.csv',
        '2024-06-30',
      )
    ).sweepId
  })
  afterAll(() => db?.close())

  it('gives the latest sweep and only the cases it opened, within the actor’s units', async () => {
    const all = await latestSweepCases(db, town.actors.town)
    expect(all.sweep).toMatchObject({ id: q2, date: '2024-06-30', unit: '芮集镇', fileName: 'latest-q2.csv' })
    expect(all.opened).toBe(2)
    expect(all.cases.map((c) => c.subject.name)).toEqual(['二季度新甲', '二季度新乙'])
    const village = await latestSweepCases(db, town.actors.villageA)
    expect(village.cases.map((c) => c.subject.name)).toEqual(['二季度新甲'])
    const cut = await latestSweepCases(db, town.actors.town, { limit: 1 })
    expect([cut.opened, cut.cases.length]).toEqual([2, 1])
    expect((await latestSweepCases(db, town.actors.otherTown)).sweep).toBeNull()
    await expect(latestSweepCases(db, town.actors.villageA, { unit: '双桥社区' })).rejects.toMatchObject({ code: 'NOT_FOUND' })
  })
})
