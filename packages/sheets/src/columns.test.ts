import { ChufeiError, LEAD_FIELD_PATHS } from '@chufei/core'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { FIELD_KINDS } from './_fields'
import { compileColumnMap, matchHeaderRow, normalizeHeader } from './columns'

/** The canonical headers of docs/spec.md §2, in order. */
const CANONICAL = [
  ['线索编号', 'id'],
  ['主体名称', 'subject.name'],
  ['主体类型', 'subject.kind'],
  ['统一社会信用代码', 'subject.creditCode'],
  ['所属行业', 'sector'],
  ['所属村（社区）', 'region.name'],
  ['区域类型', 'region.kind'],
  ['注册地', 'subject.registeredIn'],
  ['实际经营地', 'subject.operatesIn'],
  ['近一年注册地址变更次数', 'subject.addressChanges'],
  ['近一年高管变更次数', 'subject.executiveChanges'],
  ['线索来源', 'source'],
  ['涉及人数', 'people.total'],
  ['其中60岁以上人数', 'people.elderly'],
  ['其中残疾人、低收入人数', 'people.vulnerable'],
  ['集资金额（万元）', 'money.raised'],
  ['未兑付金额（万元）', 'money.outstanding'],
  ['承诺收益', 'money.promisedReturn'],
  ['举报投诉次数', 'attention.complaints'],
  ['媒体报道次数', 'attention.mediaReports'],
  ['网络舆情条数', 'attention.onlinePosts'],
  ['聚集上访次数', 'stability.gatherings'],
  ['是否逾期兑付', 'stability.overdue'],
  ['实际控制人是否失联', 'stability.controllerMissing'],
  ['既往处罚', 'history.priorSanction'],
  ['还款能力', 'repayment.ability'],
  ['还款意愿', 'repayment.willingness'],
  ['线索描述', 'text.description'],
  ['宣传用语', 'text.promotion'],
  ['排查人', 'reporter'],
  ['排查日期', 'reportedAt'],
  ['备注', 'notes'],
] as const

/** The aliases docs/spec.md §2 lists. */
const ALIASES = [
  ['名称', 'subject.name'],
  ['企业名称', 'subject.name'],
  ['单位名称', 'subject.name'],
  ['信用代码', 'subject.creditCode'],
  ['行业', 'sector'],
  ['行业领域', 'sector'],
  ['所属村', 'region.name'],
  ['村（社区）', 'region.name'],
  ['村居', 'region.name'],
  ['经营地', 'subject.operatesIn'],
  ['地址变更次数', 'subject.addressChanges'],
  ['高管变更次数', 'subject.executiveChanges'],
  ['来源', 'source'],
  ['涉众人数', 'people.total'],
  ['参与人数', 'people.total'],
  ['老年人数', 'people.elderly'],
  ['集资金额', 'money.raised'],
  ['涉案金额', 'money.raised'],
  ['未兑付金额', 'money.outstanding'],
  ['损失金额', 'money.outstanding'],
  ['承诺收益率', 'money.promisedReturn'],
  ['承诺回报', 'money.promisedReturn'],
  ['投诉举报次数', 'attention.complaints'],
  ['网络舆情', 'attention.onlinePosts'],
  ['聚集次数', 'stability.gatherings'],
  ['逾期兑付', 'stability.overdue'],
  ['实控人失联', 'stability.controllerMissing'],
  ['情况描述', 'text.description'],
  ['基本情况', 'text.description'],
  ['宣传内容', 'text.promotion'],
] as const

const fieldOf = (header: string): string | null | undefined =>
  matchHeaderRow(['线索编号', '排查人', header])?.columns[2]?.field

describe('matchHeaderRow', () => {
  it('maps every canonical header of docs/spec.md §2', () => {
    const match = matchHeaderRow(CANONICAL.map(([h]) => h))
    expect(match?.columns).toEqual(CANONICAL.map(([header, field]) => ({ header, field })))
    expect(match?.unknownColumns).toEqual([])
    expect(match?.bindings.map((b) => b.index)).toEqual(CANONICAL.map((_, i) => i))
  })

  it.each(ALIASES)('maps the alias %s to %s', (header, field) => {
    expect(fieldOf(header)).toBe(field)
  })

  it.each([
    ['集资金额（万元）'],
    ['集资金额(万元)'],
    [' 集资 金额 '],
    ['集资金额\n（万元）'],
    ['*集资金额'],
    ['集资金额：'],
    ['集资金额【万元】'],
    ['集资金额/万元'],
  ])('ignores spaces, brackets and units: %j is money.raised', (header) => {
    expect(fieldOf(header)).toBe('money.raised')
  })

  it('takes the amount unit from the header, 万元 by default', () => {
    const match = matchHeaderRow(['线索编号', '主体名称', '集资金额（元）', '未兑付金额', '涉案金额(亿元)', '损失金额（单位：元）'])!
    const unitOf = (field: string) => match.bindings.find((b) => b.field === field)?.unit
    expect(unitOf('money.raised')).toBe('元')
    expect(unitOf('money.outstanding')).toBe('万元')
    // 涉案金额 and 损失金额 repeat fields already taken: ignored and reported.
    expect(match.unknownColumns).toEqual(['涉案金额(亿元)', '损失金额（单位：元）'])
    expect(matchHeaderRow(['线索编号', '主体名称', '集资金额（亿元）'])!.bindings[2]!.unit).toBe('亿元')
    expect(matchHeaderRow(['线索编号', '主体名称', '涉及人数'])!.bindings[2]!.unit).toBeUndefined()
  })

  it('maps 编号/序号 to the id only when there is no 线索编号 column', () => {
    const without = matchHeaderRow(['序号', '主体名称', '涉及人数'])!
    expect(without.columns[0]).toEqual({ header: '序号', field: 'id' })
    const withId = matchHeaderRow(['序号', '线索编号', '主体名称'])!
    expect(withId.columns).toEqual([
      { header: '序号', field: null },
      { header: '线索编号', field: 'id' },
      { header: '主体名称', field: 'subject.name' },
    ])
    expect(withId.unknownColumns).toEqual(['序号'])
    expect(matchHeaderRow(['编号', '名称'])!.columns[0]!.field).toBe('id')
  })

  it('reports unknown columns once each, in sheet order', () => {
    const match = matchHeaderRow(['线索编号', '联系人', '主体名称', '联系人', '身份证号', null, ''])!
    expect(match.unknownColumns).toEqual(['联系人', '身份证号'])
    expect(match.columns).toHaveLength(5)
  })

  it('is not a header without an id or name column, or with fewer than two known columns', () => {
    expect(matchHeaderRow(['双桥镇非法集资风险排查表'])).toBeNull()
    expect(matchHeaderRow(['线索编号'])).toBeNull()
    expect(matchHeaderRow(['涉及人数', '集资金额', '行业'])).toBeNull()
    expect(matchHeaderRow(['SQ-001', '某某合作社', 420, 1800])).toBeNull()
    expect(matchHeaderRow([])).toBeNull()
  })

  it('accepts the field paths themselves as headers', () => {
    expect(matchHeaderRow(['id', 'subject.name', 'people.total'])!.columns.map((c) => c.field)).toEqual([
      'id',
      'subject.name',
      'people.total',
    ])
  })

  it('applies extra mappings, which win over built-in headers', () => {
    const match = matchHeaderRow(['案件号', '主体名称', '人数（人）', '涉案金额（元）'], {
      案件号: 'id',
      人数: 'people.elderly',
      '涉案金额': 'money.outstanding',
    })!
    expect(match.columns.map((c) => c.field)).toEqual(['id', 'subject.name', 'people.elderly', 'money.outstanding'])
    expect(match.bindings[3]!.unit).toBe('元')
  })

  it('rejects extra mappings to unknown fields with a Chinese USAGE error', () => {
    let error: unknown
    try {
      matchHeaderRow(['线索编号', '主体名称'], { 人数: 'people.totl', 金额: 'money.raised' })
    } catch (e) {
      error = e
    }
    expect(error).toBeInstanceOf(ChufeiError)
    expect((error as ChufeiError).code).toBe('USAGE')
    expect((error as ChufeiError).message).toContain('列“人数”映射到的字段“people.totl”不存在')
    expect((error as ChufeiError).issues).toHaveLength(1)
  })

  it('rejects __proto__, constructor and prototype as mapped headers, and leaves Object.prototype alone', () => {
    const extra = JSON.parse('{"__proto__": "id"}') as Record<string, string>
    expect(() => compileColumnMap(extra)).toThrow(ChufeiError)
    expect(() => compileColumnMap({ constructor: 'id' })).toThrow(/不能用作映射/)
    const match = matchHeaderRow(['__proto__', 'constructor', 'prototype', 'toString', '线索编号', '主体名称'])!
    expect(match.unknownColumns).toEqual(['__proto__', 'constructor', 'prototype', 'toString'])
    expect(({} as Record<string, unknown>).id).toBeUndefined()
    expect(Object.prototype).not.toHaveProperty('id')
  })

  it('has a reader for every field path of a lead', () => {
    for (const path of LEAD_FIELD_PATHS) expect(FIELD_KINDS.has(path)).toBe(true)
  })
})

describe('normalizeHeader', () => {
  it('removes spaces, unifies brackets and width, lower-cases ASCII', () => {
    expect(normalizeHeader(' 集资 金额（万元） ')).toBe('集资金额(万元)')
    expect(normalizeHeader('*ＩＤ：')).toBe('id')
  })

  it('is idempotent on any text', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: 'grapheme' }), fc.string({ unit: 'binary' })), (s) => {
        const once = normalizeHeader(s)
        expect(normalizeHeader(once)).toBe(once)
      }),
      { numRuns: 3000 },
    )
  })
})
