import { readFile } from 'node:fs/promises'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { listCases } from './cases'
import type { OpenDb } from './db'
import { updateCase } from './follow-up'
import { importSweep } from './import-sweep'
import { latestSweepRecords } from './report-records'
import { TEST_BACKENDS } from './_test-dbs'
import { bundledScorer, fixturePath, seedTown, type TestTown } from './_test-store'

describe.each(TEST_BACKENDS)('latestSweepRecords on $name', (backend) => {
  let db: OpenDb
  let town: TestTown
  let q2Sweep: number
  beforeAll(async () => {
    db = await backend.open()
    town = await seedTown(db)
    const scorer = await bundledScorer()
    await importSweep(db, town.actors.town, { bytes: await readFile(fixturePath('sheets/sweep-2024q1.xlsx')), fileName: 'sweep-2024q1.xlsx', unit: '芮集镇', date: '2024-03-31', scorer })
    q2Sweep = (await importSweep(db, town.actors.town, { bytes: await readFile(fixturePath('sweeps/2024q2.csv')), fileName: '2024q2.csv', unit: '芮集镇', date: '2024-06-30', scorer })).sweepId
  })
  afterAll(() => db?.close())

  it('reads every unit’s latest sweep of the period: Q2 only once Q2 is in, every row of it', async () => {
    const q2 = await latestSweepRecords(db, town.actors.town, { from: '2024-01-01', to: '2024-06-30' })
    expect(q2.sweeps.map((s) => [s.id, s.date, s.fileName])).toEqual([[q2Sweep, '2024-06-30', '2024q2.csv']])
    expect(q2.counts.read).toBe(63)
    expect(q2.records.length + q2.counts.skipped).toBe(63)
    const q1 = await latestSweepRecords(db, town.actors.town, { from: '2024-01-01', to: '2024-03-31' })
    expect(q1.sweeps.map((s) => s.fileName)).toEqual(['sweep-2024q1.xlsx'])
    expect(q1.counts).toEqual({ read: 64, skipped: 1 })
  })

  it('carries the case’s follow-up: a case set to 已化解 reads as resolved, and is not overdue', async () => {
    // 双桥社区's, as 芮集村's Q2 leads are all monitor-only and opened no case.
    const open = (await listCases(db, town.actors.villageB, { open: true })).find((c) => c.lastSweepId === q2Sweep)
    await updateCase(db, town.actors.villageB, open!.id, { version: open!.version, status: '已化解', notes: '已全额退还群众资金' })
    const { records } = await latestSweepRecords(db, town.actors.town, { from: '2024-04-01', to: '2024-06-30' })
    const mine = records.filter((r) => r.name === open!.subject.name)
    expect(mine.length).toBeGreaterThan(0)
    expect(mine.every((r) => r.status === 'resolved' && r.notes === '已全额退还群众资金')).toBe(true)
  })

  it('gives a village user its own unit’s rows only; another unit is not found', async () => {
    const mine = await latestSweepRecords(db, town.actors.villageA, { from: '2024-04-01', to: '2024-06-30' })
    expect(mine.records.length).toBe(9)
    expect(new Set(mine.records.map((r) => r.village))).toEqual(new Set(['芮集村']))
    await expect(latestSweepRecords(db, town.actors.villageA, { from: '2024-04-01', to: '2024-06-30', unit: '双桥社区' })).rejects.toMatchObject({ code: 'NOT_FOUND' })
    await expect(latestSweepRecords(db, town.actors.town, { from: '2024-06-30', to: '2024-04-01' })).rejects.toMatchObject({ code: 'USAGE' })
  })
})
