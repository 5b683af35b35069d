import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { listCases } from './cases'
import type { OpenDb } from './db'
import { updateCase } from './follow-up'
import { importSweep } from './import-sweep'
import { caseTrend } from './trend'
import { TEST_BACKENDS } from './_test-dbs'
import { bundledScorer, OPENS_CASE, seedTown, sheetOf, type TestTown } from './_test-store'

describe.each(TEST_BACKENDS)('caseTrend on $name', (backend) => {
  let db: OpenDb
  let town: TestTown
  beforeAll(async () => {
    db = await backend.open()
    town = await seedTown(db)
    const scorer = await bundledScorer()
    await importSweep(db, town.actors.town, {
      bytes: sheetOf([
        { id: 'Q1-1', name: '升级主体', village: '芮集村', people: 5, ...OPENS_CASE },
        { id: 'Q1-2', name: '降级主体', village: '芮集村', people: 800, raisedWan: 2000, owedWan: 1500, overdue: true, promo: '保本保息，年化收益20%' },
        { id: 'Q1-3', name: '化解主体', village: '双桥社区', people: 30, promo: '保本保息' },
      ]),
      fileName: 'trend-q1.csv',
      unit: '芮集镇',
      date: '2024-03-31',
      scorer,
    })
    await importSweep(db, town.actors.town, {
      bytes: sheetOf([
        { id: 'Q2-1', name: '升级主体', village: '芮集村', people: 800, raisedWan: 2000, owedWan: 1500, overdue: true, promo: '保本保息，年化收益20%' },
        { id: 'Q2-2', name: '降级主体', village: '芮集村', people: 5 },
        { id: 'Q2-3', name: '新增主体', village: '双桥社区', people: 5, ...OPENS_CASE },
      ]),
      fileName: 'trend-q2.csv',
      unit: '芮集镇',
      date: '2024-06-28',
      scorer,
    })
    const [resolved] = await listCases(db, town.actors.admin, { search: '化解主体' })
    await updateCase(db, town.actors.villageB, resolved!.id, { version: resolved!.version, status: '已化解' })
  })
  afterAll(() => db?.close())

  it('counts new, escalated, de-escalated, resolved and overdue per unit for a period, within the actor’s scope', async () => {
    const today = new Date().toISOString().slice(0, 10)
    const q2 = await caseTrend(db, town.actors.town, { from: '2024-04-01', to: today })
    expect(q2.total).toMatchObject({ opened: 1, escalated: 1, deEscalated: 1, resolved: 1 })
    expect(q2.units.map((u) => [u.unit, u.opened, u.escalated, u.deEscalated, u.resolved, u.open])).toEqual([
      ['芮集村', 0, 1, 1, 0, 2],
      ['双桥社区', 1, 0, 0, 1, 1],
    ])
    expect(q2.total.open).toBe(3)
    const q1 = await caseTrend(db, town.actors.town, { from: '2024-01-01', to: '2024-03-31' })
    expect(q1.total).toMatchObject({ opened: 3, escalated: 0, deEscalated: 0, resolved: 0 })
    const village = await caseTrend(db, town.actors.villageA, { from: '2024-01-01', to: today })
    expect(village.units.map((u) => u.unit)).toEqual(['芮集村'])
    expect(village.total.resolved).toBe(0)
    await expect(caseTrend(db, town.actors.villageA, { from: '2024-01-01', to: today, unit: '双桥社区' })).rejects.toMatchObject({ code: 'NOT_FOUND' })
    await expect(caseTrend(db, town.actors.town, { from: '2024-06-30', to: '2024-01-01' })).rejects.toMatchObject({ code: 'USAGE' })
  })
})
