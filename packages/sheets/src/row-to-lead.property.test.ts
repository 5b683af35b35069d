import { LeadSchema } from '@chufei/core'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { matchHeaderRow } from './columns'
import { createRowConverter } from './row-to-lead'
import type { Cell } from './types'

const HEADER = [
  '线索编号', '主体名称', '主体类型', '统一社会信用代码', '所属行业', '所属村（社区）', '区域类型', '注册地', '实际经营地',
  '地址变更次数', '高管变更次数', '线索来源', '涉及人数', '其中60岁以上人数', '其中残疾人、低收入人数', '集资金额（万元）',
  '未兑付金额（元）', '承诺收益', '举报投诉次数', '媒体报道次数', '网络舆情条数', '聚集上访次数', '是否逾期兑付',
  '实际控制人是否失联', '既往处罚', '还款能力', '还款意愿', '线索描述', '宣传用语', '排查人', '排查日期', '备注',
]

const typed = fc.constantFrom(
  '约300人', '300余人', '1,200', '１２００', '1.2万', '一千二百', '壹佰贰拾万元', '100-200万', '不详', '-', '/', '无',
  '月息2分', '年化18%', '是', '否', 'Y', '√', '2024-03-05', '2024年3月5日', '45356', '2024-02-30', '农村合作社', '养殖',
  '网格员', '弱', '消极', '填表人：张三', '合计', '91350100M000100Y43', '123', 'SQ-1', 'SQ-2', '',
)
const cell: fc.Arbitrary<Cell> = fc.oneof(
  { arbitrary: typed, weight: 5 },
  { arbitrary: fc.string({ maxLength: 30 }), weight: 2 },
  { arbitrary: fc.double(), weight: 1 },
  { arbitrary: fc.integer(), weight: 1 },
  { arbitrary: fc.boolean(), weight: 1 },
  { arbitrary: fc.constant(null), weight: 3 },
  { arbitrary: fc.date({ noInvalidDate: false }), weight: 1 },
)
const row = fc.array(cell, { maxLength: HEADER.length + 3 })

describe('row converter on any rows', () => {
  it('returns exactly one event per row, never throws, and every lead passes LeadSchema', () => {
    fc.assert(
      fc.property(fc.array(row, { maxLength: 20 }), (rows) => {
        const convert = createRowConverter(matchHeaderRow(HEADER)!)
        const ids = new Set<string>()
        rows.forEach((cells, i) => {
          const event = convert(cells, i + 2)
          expect(event.line).toBe(i + 2)
          expect(['lead', 'rejected', 'skipped']).toContain(event.kind)
          if (event.kind === 'lead') {
            expect(LeadSchema.safeParse(event.lead).success).toBe(true)
            expect(ids.has(event.lead.id)).toBe(false)
            ids.add(event.lead.id)
          }
          if (event.kind === 'rejected') expect(event.errors.length).toBeGreaterThan(0)
        })
      }),
      { numRuns: 500 },
    )
  })
})
