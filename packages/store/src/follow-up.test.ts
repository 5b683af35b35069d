import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { caseHistory, escalatedCases, getCase, listCases, openCasesByUnit, overdueCases } from './cases'
import { updateCase } from './follow-up'
import { importSweep } from './import-sweep'
import type { OpenDb } from './db'
import { TEST_BACKENDS } from './_test-dbs'
import { bundledScorer, OPENS_CASE, seedTown, sheetOf, type TestTown } from './_test-store'

describe.each(TEST_BACKENDS)('follow-up on $name', (backend) => {
  let db: OpenDb
  let town: TestTown
  beforeAll(async () => {
    db = await backend.open()
    town = await seedTown(db)
    await importSweep(db, town.actors.town, {
      bytes: sheetOf([
        { id: 'F-1', name: '福源养老公寓', village: '芮集村', people: 120, raisedWan: 300, promo: '预交十万元每年返利8%' },
        { id: 'F-2', name: '兴旺种养合作社', village: '芮集村', people: 20, ...OPENS_CASE },
        { id: 'F-3', name: '双桥理财工作室', village: '双桥社区', people: 60, promo: '保本保息' },
      ]),
      fileName: 'follow.csv',
      unit: '芮集镇',
      date: '2024-03-01',
      scorer: await bundledScorer(),
    })
  })
  afterAll(() => db?.close())

  const caseOf = async (name: string) => (await listCases(db, town.actors.admin, { search: name }))[0]!

  it('updates status, measures, deadline, plan and notes, bumps the version and records before → after', async () => {
    const c = await caseOf('福源养老')
    const updated = await updateCase(db, town.actors.villageA, c.id, {
      version: c.version,
      status: '处置中',
      measures: '约谈负责人，责令停止收取预交费',
      deadline: '2024-04-15',
      plan: '一事一策：先摸清预交人数，再分批清退',
      notes: '3月5日已约谈',
    })
    expect(updated).toMatchObject({ status: '处置中', deadline: '2024-04-15', plan: expect.stringContaining('一事一策'), version: c.version + 1 })
    const last = (await caseHistory(db, town.actors.villageA, c.id)).at(-1)!
    expect(last).toMatchObject({
      kind: 'updated',
      userId: town.actors.villageA.userId,
      user: 'village-a',
      before: { status: '待核查', deadline: c.deadline, notes: '' },
      after: { status: '处置中', deadline: '2024-04-15', notes: '3月5日已约谈' },
    })
    // Nothing changed: no event, same version.
    const same = await updateCase(db, town.actors.town, c.id, { version: updated.version, status: '处置中' })
    expect(same.version).toBe(updated.version)
    expect((await caseHistory(db, town.actors.town, c.id)).length).toBe(2)
  })

  it('refuses a stale edit with CONFLICT carrying the current case, and applies nothing', async () => {
    const c = await caseOf('兴旺种养')
    await updateCase(db, town.actors.town, c.id, { version: c.version, notes: '镇里先改' })
    const error = await updateCase(db, town.actors.villageA, c.id, { version: c.version, notes: '村里后改' }).catch((e: unknown) => e)
    expect(error).toMatchObject({
      code: 'CONFLICT',
      message: expect.stringContaining(`你编辑的是第 ${c.version} 版，现在是第 ${c.version + 1} 版`),
      data: { current: expect.objectContaining({ id: c.id, notes: '镇里先改', version: c.version + 1 }) },
    })
    expect((await getCase(db, town.actors.town, c.id)).notes).toBe('镇里先改')
  })

  it('of two concurrent updates on one version, exactly one wins and the other gets CONFLICT', async () => {
    const c = await caseOf('双桥理财')
    const outcomes = await Promise.allSettled([
      updateCase(db, town.actors.town, c.id, { version: c.version, status: '处置中' }),
      updateCase(db, town.actors.villageB, c.id, { version: c.version, status: '处置中', notes: '村里同时改' }),
    ])
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1)
    const [rejected] = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected')
    expect(rejected!.reason).toMatchObject({ code: 'CONFLICT' })
    expect((await getCase(db, town.actors.town, c.id)).version).toBe(c.version + 1)
  })

  it('refuses bad fields in Chinese', async () => {
    const c = await caseOf('兴旺种养')
    await expect(updateCase(db, town.actors.town, c.id, { version: c.version, deadline: '下周' } as never)).rejects.toMatchObject({ code: 'USAGE', message: expect.stringContaining('整改时限') })
    await expect(updateCase(db, town.actors.town, c.id, { version: c.version, status: '已结束' } as never)).rejects.toMatchObject({
      code: 'USAGE',
      message: '案件修改有误：status 取值无效，应为："待核查"、"处置中"、"已移送公安"、"已化解"、"已销号"',
    })
    // zod's English ("Too big: expected string to have <=2000 characters") never reaches the town's staff.
    await expect(updateCase(db, town.actors.town, c.id, { version: c.version, measures: '措'.repeat(2001) })).rejects.toMatchObject({
      code: 'USAGE',
      message: '案件修改有误：measures 太长：最多 2000 个字',
    })
  })

  it('lists overdue cases (deadline passed, not closed) with days overdue, most overdue first', async () => {
    const c = await caseOf('兴旺种养')
    const fresh = await getCase(db, town.actors.town, c.id)
    await updateCase(db, town.actors.town, c.id, { version: fresh.version, deadline: '2024-03-20' })
    const overdue = await overdueCases(db, town.actors.town, { asOf: '2024-04-30' })
    // 双桥理财's deadline comes from the pack (sweep date 2024-03-01 + its days); the others were set above.
    expect(overdue.map((o) => [o.subject.name, o.daysOverdue])).toEqual([
      ['兴旺种养合作社', 41],
      ['双桥理财工作室', 30],
      ['福源养老公寓', 15],
    ])
    // A page of the same list, in the same order (the API's paging).
    expect((await overdueCases(db, town.actors.town, { asOf: '2024-04-30', limit: 2 })).map((o) => o.subject.name)).toEqual(['兴旺种养合作社', '双桥理财工作室'])
    expect((await overdueCases(db, town.actors.town, { asOf: '2024-04-30', limit: 2, offset: 2 })).map((o) => o.subject.name)).toEqual(['福源养老公寓'])
    // A closed case is never overdue.
    const fuyuan = await caseOf('福源养老')
    await updateCase(db, town.actors.villageA, fuyuan.id, { version: fuyuan.version, status: '已化解' })
    expect((await overdueCases(db, town.actors.town, { asOf: '2024-04-30' })).map((o) => o.subject.name)).toEqual(['兴旺种养合作社', '双桥理财工作室'])
    expect((await overdueCases(db, town.actors.villageB, { asOf: '2024-04-30' })).map((o) => o.subject.name)).toEqual(['双桥理财工作室'])
  })

  it('lists escalated cases and open cases by unit', async () => {
    const scorer = await bundledScorer()
    const before = await caseOf('兴旺种养')
    const sweep = await importSweep(db, town.actors.town, {
      bytes: sheetOf([{ id: 'F-2b', name: '兴旺种养合作社', village: '芮集村', people: 800, raisedWan: 2000, owedWan: 1500, overdue: true, promo: '保本保息，年化收益20%，拉人头奖励' }]),
      fileName: 'follow-2.csv',
      unit: '芮集镇',
      date: '2024-06-30',
      scorer,
    })
    expect(sweep.escalations.map((e) => e.caseId)).toEqual([before.id])
    expect((await escalatedCases(db, town.actors.villageA)).map((c) => c.id)).toEqual([before.id])
    expect(await escalatedCases(db, town.actors.villageB)).toEqual([])
    const byUnit = await openCasesByUnit(db, town.actors.town, { asOf: '2024-04-30' })
    expect(byUnit.map((u) => [u.unit, u.open, u.overdue])).toEqual([['芮集村', 1, 1], ['双桥社区', 1, 1]])
    expect(byUnit.find((u) => u.unit === '芮集村')!.byTier[sweep.escalations[0]!.to]).toBe(1)
  })
})
