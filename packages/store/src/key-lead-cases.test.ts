import { readFile } from 'node:fs/promises'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { caseHistory, getCase, listCases } from './cases'
import type { OpenDb } from './db'
import { updateCase } from './follow-up'
import { importSweep } from './import-sweep'
import { sweepLeads } from './sweeps'
import { TEST_BACKENDS } from './_test-dbs'
import { bundledScorer, fixturePath, OPENS_CASE, seedTown, sheetOf, type TestTown } from './_test-store'

/*
 * Only key leads open a case (实施方案 四（三）: 总量风险清单, then 重点风险线索管理台账): every lead of a sweep is
 * stored on its total list, but a new case — with measures and a deadline staff must follow — opens only for a
 * yellow-or-above lead, a lead the rules want a measure for, or a closed subject coming back. A lead of an open
 * case links to it whatever its tier.
 */

/** A sweep in the bundled Q2 sheet's full layout (so a lead can carry complaints, online posts, repayment…). */
const fullSheet = async (rows: readonly Record<string, string>[]): Promise<Uint8Array> => {
  const text = (await readFile(fixturePath('sweeps/2024q2.csv'), 'utf8')).replace(/^\uFEFF/, '')
  const header = text.split('\n')[0]!.split(',')
  return new TextEncoder().encode([header.join(','), ...rows.map((r) => header.map((h) => r[h] ?? '').join(','))].join('\n') + '\n')
}

// The bundled Q2 sheet's 众享优品 lead (SQ-2024Q1-023), yellow under the bundled pack, renamed.
const YELLOW = {
  主体类型: '企业',
  所属行业: '电子商务',
  区域类型: '农村',
  线索来源: '广告资讯监测',
  涉及人数: '138',
  其中60岁以上人数: '22',
  '集资金额（万元）': '95',
  '未兑付金额（万元）': '12',
  举报投诉次数: '3',
  网络舆情条数: '27',
  是否逾期兑付: '否',
  实际控制人是否失联: '否',
  还款能力: '一般',
  还款意愿: '一般',
  线索描述: '以加盟电商平台为名，缴纳3980元成为“店主”，发展下线可获推荐奖和团队积分，积分可兑换现金。',
  宣传用语: '零门槛当店主，拉3人回本，团队积分天天分红',
}

describe.each(TEST_BACKENDS)('which leads open a case, on $name', (backend) => {
  let db: OpenDb
  let town: TestTown
  beforeAll(async () => {
    db = await backend.open()
    town = await seedTown(db)
  })
  afterAll(() => db?.close())

  it('opens cases for a yellow lead, a blue 警示约谈 lead and a closed subject coming back; a monitor-only lead of no tier stays on the list', async () => {
    const scorer = await bundledScorer()
    const earlier = await importSweep(db, town.actors.town, {
      bytes: sheetOf([{ id: 'K-0', name: '旧案养殖合作社', village: '芮集村', people: 3, ...OPENS_CASE }]),
      fileName: 'key-0.csv',
      unit: '芮集镇',
      date: '2024-03-31',
      scorer,
    })
    const [closed] = await listCases(db, town.actors.town, { search: '旧案养殖' })
    expect(closed!.firstSweepId).toBe(earlier.sweepId)
    await updateCase(db, town.actors.town, closed!.id, { version: closed!.version, status: '已化解' })

    const bytes = await fullSheet([
      { 线索编号: 'K-1', 主体名称: '平安小卖部', '所属村（社区）': '芮集村', 涉及人数: '3' },
      { 线索编号: 'K-2', 主体名称: '兴旺养殖场', '所属村（社区）': '芮集村', 涉及人数: '5', 宣传用语: OPENS_CASE.promo },
      { ...YELLOW, 线索编号: 'K-3', 主体名称: '众享优选电子商务有限公司', '所属村（社区）': '双桥社区' },
      { 线索编号: 'K-4', 主体名称: '旧案养殖合作社', '所属村（社区）': '双桥社区', 涉及人数: '3' },
    ])
    const out = await importSweep(db, town.actors.town, { bytes, fileName: 'key-1.csv', unit: '芮集镇', date: '2024-06-30', scorer })
    expect(out.counts).toMatchObject({ scored: 4, rejected: 0 })
    expect(out).toMatchObject({ newCases: 3, linked: 0, listedOnly: 1 })

    const leads = await sweepLeads(db, town.actors.town, out.sweepId)
    expect(leads.map((l) => [l.leadRef, l.tier, l.matchedBy, l.caseId === null])).toEqual([
      ['K-1', 'none', null, true],
      ['K-2', 'blue', 'new', false],
      ['K-3', 'yellow', 'new', false],
      ['K-4', 'none', 'new', false],
    ])
    // The listed-only lead is stored whole: scored, with its total, input and result, in its village.
    const k1 = (await db.query('SELECT status, total, unit_id, resurfaced_from, input, result FROM leads WHERE sweep_id = $1 AND lead_ref = $2', [out.sweepId, 'K-1'])).rows[0]
    expect(k1).toMatchObject({ status: 'scored', total: 0, unit_id: town.villageA, resurfaced_from: null, input: { subject: { name: '平安小卖部' } }, result: { tier: 'none', disposition: 'monitor' } })

    expect(out.resurfacing).toEqual([expect.objectContaining({ subject: '旧案养殖合作社', earlierCaseId: closed!.id, matchedBy: 'name' })])
    const opened = await listCases(db, town.actors.town, { status: ['待核查'] })
    expect(opened.map((c) => c.subject.name).sort()).toEqual(['众享优选电子商务有限公司', '兴旺养殖场', '旧案养殖合作社'].sort())
    expect((await db.query<{ n: number }>('SELECT count(*)::int AS n FROM subjects WHERE name = $1', ['平安小卖部'])).rows[0]!.n).toBe(0)
  })

  it('a later sweep links an open case’s subject that fell to no tier, and the history shows it de-escalated', async () => {
    const scorer = await bundledScorer()
    const first = await importSweep(db, town.actors.town, {
      bytes: sheetOf([{ id: 'D-1', name: '福满园农家乐', village: '双桥社区', people: 150, raisedWan: 20 }]),
      fileName: 'fall-1.csv',
      unit: '芮集镇',
      date: '2024-03-31',
      scorer,
    })
    expect(first).toMatchObject({ newCases: 1, listedOnly: 0 })
    const caseId = (await db.query<{ case_id: number }>('SELECT case_id FROM leads WHERE sweep_id = $1', [first.sweepId])).rows[0]!.case_id
    const second = await importSweep(db, town.actors.town, {
      bytes: sheetOf([{ id: 'D-2', name: '福满园农家乐', village: '双桥社区', people: 3 }]),
      fileName: 'fall-2.csv',
      unit: '芮集镇',
      date: '2024-06-30',
      scorer,
    })
    expect(second).toMatchObject({ newCases: 0, linked: 1, listedOnly: 0 })
    const [lead] = await sweepLeads(db, town.actors.town, second.sweepId)
    expect(lead).toMatchObject({ tier: 'none', caseId, matchedBy: 'name' })
    expect(await getCase(db, town.actors.town, caseId)).toMatchObject({ tier: 'none', version: 2, lastSweepId: second.sweepId, status: '待核查' })
    const history = await caseHistory(db, town.actors.town, caseId)
    expect(history.map((e) => e.kind)).toEqual(['opened', 'de-escalated'])
    expect(history[1]).toMatchObject({ before: { tier: 'orange' }, after: { tier: 'none' } })
  })
})
