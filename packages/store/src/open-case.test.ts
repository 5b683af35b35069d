import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ChufeiError } from '@chufei/core'
import { caseHistory, caseLeads, getCase } from './cases'
import type { OpenDb } from './db'
import { updateCase } from './follow-up'
import { importSweep } from './import-sweep'
import { openCaseForLead } from './open-case'
import { sweepLeads } from './sweeps'
import { caseTrend } from './trend'
import { TEST_BACKENDS } from './_test-dbs'
import { bundledScorer, OPENS_CASE, seedTown, sheetOf, type TestTown } from './_test-store'

/*
 * A lead on the total list (总量风险清单) that staff judge needs follow-up opens a case by hand (人工立案), with
 * a reason; the next sweep links the subject's lead to it like any open case.
 */

const codeOf = (e: unknown) => (e instanceof ChufeiError ? e.code : e)

describe.each(TEST_BACKENDS)('opening a case by hand, on $name', (backend) => {
  let db: OpenDb
  let town: TestTown
  const today = { today: '2024-04-10' }
  beforeAll(async () => {
    db = await backend.open()
    town = await seedTown(db)
  })
  afterAll(() => db?.close())

  it('opens a case for a listed-only lead with the reason as notes; the next sweep links to it', async () => {
    const scorer = await bundledScorer()
    const first = await importSweep(db, town.actors.town, {
      bytes: sheetOf([
        { id: 'L-1', name: '芮集便民小超市', code: '91340422MA2TEST01X', village: '芮集村', people: 2 },
        { id: 'L-2', name: '芮集种植合作社', village: '芮集村', people: 3, ...OPENS_CASE },
      ]),
      fileName: 'open-1.csv',
      unit: '芮集镇',
      date: '2024-03-31',
      scorer,
    })
    expect(first.listedOnly).toBe(1)
    const [listed] = await sweepLeads(db, town.actors.villageA, first.sweepId, { search: '便民小超市' })
    expect(listed?.caseId).toBeNull()

    const opened = await openCaseForLead(db, town.actors.villageA, listed!.id, { reason: '村里反映该店开始收取“储值金”' }, today)
    expect(opened).toMatchObject({ unitId: town.villageA, status: '待核查', version: 1, notes: '村里反映该店开始收取“储值金”' })
    expect(opened.subject.name).toBe('芮集便民小超市')
    const history = await caseHistory(db, town.actors.villageA, opened.id)
    expect(history).toHaveLength(1)
    expect(history[0]).toMatchObject({ kind: 'opened', after: { byHand: true, leadId: listed!.id, notes: '村里反映该店开始收取“储值金”' } })
    expect((await sweepLeads(db, town.actors.town, first.sweepId, { search: '便民小超市' }))[0]).toMatchObject({ caseId: opened.id, matchedBy: 'new' })

    // The next sweep's lead of the same subject links to the case although it is still below every tier.
    const second = await importSweep(db, town.actors.town, {
      bytes: sheetOf([{ id: 'L-1', name: '芮集便民小超市', code: '91340422MA2TEST01X', village: '芮集村', people: 2 }]),
      fileName: 'open-2.csv',
      unit: '芮集镇',
      date: '2024-06-30',
      scorer,
    })
    expect(second).toMatchObject({ newCases: 0, linked: 1, listedOnly: 0 })
    expect((await caseLeads(db, town.actors.villageA, opened.id)).map((l) => l.sweepId)).toEqual([first.sweepId, second.sweepId])
    const after = await getCase(db, town.actors.villageA, opened.id)
    expect(after.version).toBe(2)
    // Follow-up goes on from there.
    await expect(updateCase(db, town.actors.villageA, opened.id, { version: 2, status: '处置中' })).resolves.toMatchObject({ version: 3 })
  })

  it('counts a case opened by hand as new on the day it was opened', async () => {
    const trend = await caseTrend(db, town.actors.town, { from: '2024-04-01', to: '2024-04-30' })
    expect(trend.total.opened).toBe(0) // the event is dated by the clock, not by the sweep
    const now = new Date().toISOString().slice(0, 10)
    expect((await caseTrend(db, town.actors.town, { from: now, to: now })).total.opened).toBe(1)
  })

  it('refuses a second case for a lead or subject, a rejected row, no reason, a read-only user and another village', async () => {
    const scorer = await bundledScorer()
    const sweep = await importSweep(db, town.actors.town, {
      bytes: sheetOf([
        { id: 'R-1', name: '双桥社区棋牌室', village: '双桥社区', people: 1 },
        { id: 'R-2', name: '', village: '双桥社区' },
        { id: 'R-3', name: '双桥社区棋牌室', village: '双桥社区', people: 2 },
      ]),
      fileName: 'open-3.csv',
      unit: '芮集镇',
      date: '2024-07-31',
      scorer,
    })
    const leads = await sweepLeads(db, town.actors.town, sweep.sweepId)
    const [one, rejected, same] = leads
    expect(rejected?.status).toBe('rejected')

    await expect(openCaseForLead(db, town.actors.villageB, one!.id, { reason: '  ' }, today).catch(codeOf)).resolves.toBe('USAGE')
    await expect(openCaseForLead(db, town.actors.villageB, one!.id, { reason: '查'.repeat(2001) }, today).catch((e: ChufeiError) => e.message)).resolves.toContain('立案原因最多 2000 字')
    await expect(openCaseForLead(db, town.actors.readonly, one!.id, { reason: '核查' }, today).catch(codeOf)).resolves.toBe('FORBIDDEN')
    await expect(openCaseForLead(db, town.actors.villageA, one!.id, { reason: '核查' }, today).catch(codeOf)).resolves.toBe('NOT_FOUND')
    await expect(openCaseForLead(db, town.actors.town, rejected!.id, { reason: '核查' }, today).catch(codeOf)).resolves.toBe('USAGE')

    const opened = await openCaseForLead(db, town.actors.villageB, one!.id, { reason: '群众反映', deadline: '2024-08-15' }, today)
    expect(opened.deadline).toBe('2024-08-15')
    const again = await openCaseForLead(db, town.actors.town, one!.id, { reason: '再次' }, today).catch((e: ChufeiError) => e)
    expect(again).toMatchObject({ code: 'CONFLICT', data: { caseId: opened.id } })
    // The same subject's other lead of the sweep: its case is the open one, not a second.
    const twin = await openCaseForLead(db, town.actors.town, same!.id, { reason: '同一主体' }, today).catch((e: ChufeiError) => e)
    expect(twin).toMatchObject({ code: 'CONFLICT', data: { caseId: opened.id } })
    expect((twin as ChufeiError).message).toContain('已有在办案件')
  })
})
