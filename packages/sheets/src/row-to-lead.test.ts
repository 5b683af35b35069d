import { LeadSchema } from '@chufei/core'
import { describe, expect, it } from 'vitest'
import { matchHeaderRow } from './columns'
import { createRowConverter } from './row-to-lead'
import type { Cell, SheetEvent } from './types'

const HEADER = [
  '线索编号', '主体名称', '主体类型', '统一社会信用代码', '所属行业', '所属村（社区）', '区域类型', '线索来源',
  '涉及人数', '其中60岁以上人数', '集资金额（万元）', '未兑付金额（万元）', '承诺收益', '是否逾期兑付',
  '实际控制人是否失联', '既往处罚', '还款能力', '还款意愿', '线索描述', '排查日期', '备注',
]

const converter = (header: readonly Cell[] = HEADER) => createRowConverter(matchHeaderRow(header)!)

const lead = (event: SheetEvent) => {
  if (event.kind !== 'lead') throw new Error(`expected a lead, got ${JSON.stringify(event)}`)
  return event
}

describe('createRowConverter', () => {
  it('turns a typed village row into a lead that passes LeadSchema (docs/spec.md §6 livestock case)', () => {
    const convert = converter()
    const event = lead(
      convert(
        [
          ' SQ-001 ', '双桥镇某某肉牛养殖农民专业合作社', '农村合作社', '91350100M000100Y43', '养殖', '李集村', '农村', '网格员',
          '约420人', '260', '1800', '1,200万', '月息2分', '是', '否', '无', '弱', '消极',
          '以“托管代养肉牛、每月返利”为名吸收村民资金', '2024年3月5日', null,
        ],
        5,
      ),
    )
    expect(event.line).toBe(5)
    expect(event.lead).toEqual({
      id: 'SQ-001',
      subject: { name: '双桥镇某某肉牛养殖农民专业合作社', kind: 'cooperative', creditCode: '91350100M000100Y43' },
      sector: 'agriculture',
      region: { name: '李集村', kind: 'rural' },
      source: 'grid-inspection',
      people: { total: 420, elderly: 260 },
      money: { raised: 18_000_000, outstanding: 12_000_000, promisedReturn: 0.24 },
      stability: { overdue: true, controllerMissing: false },
      history: { priorSanction: 'none' },
      repayment: { ability: 'weak', willingness: 'passive' },
      text: { description: '以“托管代养肉牛、每月返利”为名吸收村民资金' },
      reportedAt: '2024-03-05',
    })
    expect(LeadSchema.safeParse(event.lead).success).toBe(true)
    expect(event.warnings).toEqual([
      { field: 'people.total', code: 'approximate-number', message: '“涉及人数”列的值“约420人”为约数，按420计' },
    ])
  })

  // held-out-9 H9-016: “200多人维权” in 聚集上访次数 was read as 200 gatherings (bad social impact, 数额巨大 → red).
  it('warns about cells beyond the header row (no column reads them), naming the cells, and still scores the row', () => {
    const convert = converter(['线索编号', '主体名称', '线索描述', null, ''])
    const event = lead(convert(['SQ-009', '某合作社', '正常经营', null, '', '补充：承诺月返10%', '', 'x'], 7))
    expect(event.lead).toEqual({ id: 'SQ-009', subject: { name: '某合作社' }, text: { description: '正常经营' } })
    expect(event.warnings).toEqual([
      {
        field: '',
        code: 'outside-header',
        message: 'F7、H7在表头最后一列之外，没有列名，内容未读取（第一个是“补充：承诺月返10%”）；请把它移到对应的列，或在表头补上列名',
      },
    ])
    // Blank cells past the header, as spreadsheets often carry, say nothing.
    expect(lead(convert(['SQ-010', '某商店', '正常', '', ' ', null], 8)).warnings).toEqual([])
  })

  it('reads a number of people in an events column (聚集上访次数) as one event, and people as people in 涉及人数', () => {
    const match = matchHeaderRow(['线索编号', '主体名称', '涉及人数', '聚集上访次数', '举报投诉次数'])!
    const event = lead(createRowConverter(match)(['SQ-7', '某餐厅', '200多人', '200多人维权', '3次'], 4))
    expect(event.lead.people).toEqual({ total: 200 })
    expect(event.lead.stability).toEqual({ gatherings: 1 })
    expect(event.lead.attention).toEqual({ complaints: 3 })
    expect(event.warnings.map((w) => [w.field, w.message])).toEqual([
      ['people.total', '“涉及人数”列的值“200多人”为约数，按200计'],
      ['stability.gatherings', '“聚集上访次数”列的值“200多人维权”写的是人数，不是次数，按至少1次计'],
    ])
  })

  it('reads 实际控制人 (实控人) into subject.controller, and leaves 法定代表人 unmapped', () => {
    const match = matchHeaderRow(['线索编号', '主体名称', '实控人', '法定代表人', '实际控制人是否失联'])!
    expect(match.unknownColumns).toEqual(['法定代表人'])
    const event = lead(createRowConverter(match)(['SQ-9', '某合作社', ' 王某某 ', '李某', '是'], 3))
    expect(event.lead.subject).toEqual({ name: '某合作社', controller: '王某某' })
    expect(event.lead.stability).toEqual({ controllerMissing: true })
  })

  it('reads XLSX cells: numbers, booleans, Dates and nulls', () => {
    const event = lead(
      converter()(
        [101, '某某公司', null, null, null, null, null, null, 300, null, 120, null, 0.18, true, false, null, null, null, null, new Date(Date.UTC(2024, 2, 5)), null],
        3,
      ),
    )
    expect(event.lead).toEqual({
      id: '101',
      subject: { name: '某某公司' },
      people: { total: 300 },
      money: { raised: 1_200_000, promisedReturn: 0.18 },
      stability: { overdue: true, controllerMissing: false },
      reportedAt: '2024-03-05',
    })
    expect(event.warnings).toEqual([])
  })

  it('keeps unreadable values as warnings on a scored row, the field unknown', () => {
    const event = lead(converter()(['SQ-2', '某公司', '火星人', '123', null, null, null, null, '很多', null, '若干', null, '高', '可能'], 4))
    expect(event.lead).toEqual({ id: 'SQ-2', subject: { name: '某公司', creditCode: '123' } })
    expect(event.warnings.map((w) => [w.field, w.code])).toEqual([
      ['subject.kind', 'unknown-value'],
      ['subject.creditCode', 'invalid-credit-code'],
      ['people.total', 'unreadable-number'],
      ['money.raised', 'unreadable-amount'],
      ['money.promisedReturn', 'unreadable-return'],
      ['stability.overdue', 'unreadable-boolean'],
    ])
    for (const w of event.warnings) expect(w.message).toMatch(/^“.+”列的值“.+”/)
  })

  it('keeps a 承诺收益 that is words, not a rate, as promotion text for the text rules (the rate stays unknown)', () => {
    const convert = converter([...HEADER, '宣传用语'])
    let n = 0
    const row = (promised: string, promotion: string | null = null): Cell[] => {
      const cells: Cell[] = [`SQ-3-${++n}`, '某公司', ...Array<Cell>(HEADER.length - 2).fill(null), promotion]
      cells[HEADER.indexOf('承诺收益')] = promised
      return cells
    }
    const high = lead(convert(row('高额返利'), 2))
    expect(high.lead.money).toBeUndefined()
    expect(high.lead.text).toEqual({ promotion: '高额返利' })
    expect(high.warnings.map((w) => [w.field, w.code])).toEqual([['money.promisedReturn', 'unreadable-return']])
    expect(lead(convert(row('每月另付3.6万元', '稳赚'), 3)).lead.text).toEqual({ promotion: '稳赚；每月另付3.6万元' })
    expect(lead(convert(row('存钱返利', '存钱返利'), 4)).lead.text).toEqual({ promotion: '存钱返利' })
    expect(lead(convert(row('每亩投资2000元，10个月后返还2800元'), 5)).lead.text).toEqual({ promotion: '每亩投资2000元，10个月后返还2800元' })
    // A rate is a rate, and a lone character says nothing.
    expect(lead(convert(row('月息2分'), 6)).lead).not.toHaveProperty('text')
    expect(lead(convert(row('高'), 7)).lead).not.toHaveProperty('text')
  })

  it('reads words in a 其中… column: a plain share of 涉及人数 as that share, other words into 线索描述 (nothing lost)', () => {
    const convert = converter(['线索编号', '主体名称', '线索描述', '涉及人数', '其中60岁以上人数', '其中残疾人、低收入人数'])
    const majority = lead(convert(['A1', '某公司', '推销保健品', '57名储户', '大多数是老年人', '全是低保户'], 2))
    expect(majority.lead.people).toEqual({ total: 57, elderly: 29, vulnerable: 57 })
    expect(majority.lead.text).toEqual({ description: '推销保健品' })
    expect(majority.warnings.filter((w) => w.field !== 'people.total')).toEqual([
      { field: 'people.elderly', code: 'approximate-number', message: '“其中60岁以上人数”列的值“大多数是老年人”表示过半，按“涉及人数”57人的过半计为29' },
      { field: 'people.vulnerable', code: 'approximate-number', message: '“其中残疾人、低收入人数”列的值“全是低保户”表示全部，按“涉及人数”57人计为57' },
    ])
    // No total to take a share of, or words that state none: the words join the description, under the column's name.
    const words = lead(convert(['A2', '某公司', '冒充民族资产解冻', null, '受害人多为老人', null], 3))
    expect(words.lead.people).toBeUndefined()
    expect(words.lead.text).toEqual({ description: '冒充民族资产解冻；其中60岁以上人数：受害人多为老人' })
    expect(words.warnings).toEqual([
      { field: 'people.elderly', code: 'unreadable-number', message: '“其中60岁以上人数”列的值“受害人多为老人”无法识别为数字，按未知处理；这段文字已并入线索描述，供规则阅读' },
    ])
    const middleAged = lead(convert(['A3', '某公司', null, '57', '大多数是中老年人', null], 4))
    expect(middleAged.lead.people).toEqual({ total: 57 })
    expect(middleAged.lead.text).toEqual({ description: '其中60岁以上人数：大多数是中老年人' })
    // A count is a count; a blank is nothing; a lone character says nothing to a text rule.
    expect(lead(convert(['A4', '某公司', null, '57', '30', null], 5)).lead).toEqual({ id: 'A4', subject: { name: '某公司' }, people: { total: 57, elderly: 30 } })
    expect(lead(convert(['A5', '某公司', null, '57', '多', null], 6)).lead).not.toHaveProperty('text')
    // Words that would push 线索描述 past its limit stay in the warning only: no empty text group appears.
    const full = lead(convert(['A6', '某公司', null, '57', `受害人${'多'.repeat(20_000)}`, null], 7))
    expect(full.lead).not.toHaveProperty('text')
    expect(full.warnings.map((w) => w.code)).toEqual(['unreadable-number'])
  })

  it('uses the header’s unit for amounts: （元） columns hold yuan', () => {
    const convert = converter(['线索编号', '主体名称', '集资金额（元）', '未兑付金额'])
    expect(lead(convert(['A', 'B', '3000000', '120'], 2)).lead.money).toEqual({ raised: 3_000_000, outstanding: 1_200_000 })
  })

  it('skips blank rows and footer rows', () => {
    const convert = converter()
    expect(convert([], 7)).toEqual({ kind: 'skipped', line: 7, reason: 'blank' })
    expect(convert([null, '', '   ', null], 8)).toEqual({ kind: 'skipped', line: 8, reason: 'blank' })
    expect(convert(['填表人：张三', null, null, '审核人：李四'], 9)).toEqual({ kind: 'skipped', line: 9, reason: 'footer' })
    expect(convert(['合计', null, null, null, null, null, null, null, 1200], 10)).toEqual({ kind: 'skipped', line: 10, reason: 'footer' })
  })

  it('scores a data row whose text mentions a signer (审核人:) instead of skipping it as a footer', () => {
    const convert = converter(['线索编号', '主体名称', '线索描述'])
    const event = convert(['HX-001', '某某农业合作社', '经查，审核人:王某承认对外吸收存款'], 5)
    expect(event).toMatchObject({ kind: 'lead', line: 5, lead: { id: 'HX-001', subject: { name: '某某农业合作社' } } })
    // A signature line in a later column, with no id and no name, is still a footer.
    expect(convert([null, null, '填表人：张三  审核人：李四'], 6)).toEqual({ kind: 'skipped', line: 6, reason: 'footer' })
  })

  it('rejects a row without an id or without a subject name, with Chinese reasons', () => {
    const convert = converter()
    expect(convert([null, '某公司', '企业'], 4)).toEqual({
      kind: 'rejected',
      line: 4,
      id: null,
      errors: [{ code: 'missing-id', field: 'id', message: '缺少线索编号（“线索编号”列为空）' }],
      warnings: [],
    })
    expect(convert(['SQ-9', '  ', '企业'], 5)).toEqual({
      kind: 'rejected',
      line: 5,
      id: 'SQ-9',
      errors: [{ code: 'missing-name', field: 'subject.name', message: '缺少主体名称（“主体名称”列为空）' }],
      warnings: [],
    })
    const both = convert(['不详', '-', '企业', null, null, null, null, null, '很多'], 6)
    expect(both.kind === 'rejected' && both.errors.map((e) => e.code)).toEqual(['missing-id', 'missing-name'])
    expect(both.kind === 'rejected' && both.warnings.map((w) => w.code)).toEqual(['unreadable-number'])
  })

  it('rejects an id that repeats an earlier row, naming that row', () => {
    const convert = converter()
    expect(convert(['SQ-1', '甲公司'], 2).kind).toBe('lead')
    expect(convert(['SQ-2', '乙公司'], 3).kind).toBe('lead')
    expect(convert(['SQ-1', '丙公司'], 4)).toEqual({
      kind: 'rejected',
      line: 4,
      id: 'SQ-1',
      errors: [{ code: 'duplicate-id', field: 'id', message: '线索编号“SQ-1”与第2行重复' }],
      warnings: [],
    })
    // Separate converters (separate sheets) do not share ids.
    expect(converter()(['SQ-1', '甲公司'], 2).kind).toBe('lead')
  })

  it('treats ids such as __proto__ as plain data', () => {
    const convert = converter()
    expect(convert(['__proto__', '甲公司'], 2).kind).toBe('lead')
    expect(convert(['__proto__', '乙公司'], 3).kind).toBe('rejected')
    expect(convert(['constructor', '丙公司'], 4).kind).toBe('lead')
  })

  it('maps 序号 to the id when the sheet has no 线索编号 column', () => {
    const convert = converter(['序号', '名称', '涉及人数'])
    expect(lead(convert([1, '甲公司', '50户'], 3)).lead).toEqual({ id: '1', subject: { name: '甲公司' }, people: { total: 50 } })
  })

  it('warns inconsistent when a part of the people is larger than the total', () => {
    const event = lead(converter()(['SQ-1', '甲公司', null, null, null, null, null, null, '300', '500'], 2))
    expect(event.lead.people).toEqual({ total: 300, elderly: 500 })
    expect(event.warnings).toEqual([
      { field: 'people.elderly', code: 'inconsistent', message: '“其中60岁以上人数”（500）大于“涉及人数”（300），请核实' },
    ])
  })

  it('cuts overlong text with a warning and keeps the row', () => {
    const event = lead(converter()(['SQ-1', '名'.repeat(600)], 2))
    expect(event.lead.subject.name).toHaveLength(500)
    expect(event.warnings[0]?.code).toBe('value-too-long')
  })

  it('ignores cells beyond the header and in unknown columns', () => {
    const convert = converter(['线索编号', '联系人', '主体名称'])
    expect(lead(convert(['SQ-1', '张三', '甲公司', 'extra', 42], 2)).lead).toEqual({ id: 'SQ-1', subject: { name: '甲公司' } })
  })
})
