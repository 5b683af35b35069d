import { describe, expect, it } from 'vitest'
import { isFooterRow, startsAsFooter } from './footer'

describe('isFooterRow', () => {
  it.each([
    [['填表人：张三', null, '审核人：李四']],
    [['填表人:张三     审核人:李四     联系电话:13800000000']],
    [[null, '', '  填表人：张三']],
    [['审核人：李四']],
    [['负责人：王五']],
    [['制表人：赵六']],
    [['填报单位：双桥镇人民政府']],
    [['联系电话：0554-1234567']],
    [['注：金额单位为万元']],
    [['备注：本表一式两份']],
    [['合计', null, 1200, 3600]],
    [['总计']],
    [['', '', '', '填表人：张三']],
  ])('%j is a footer', (cells) => {
    expect(isFooterRow(cells)).toBe(true)
  })

  it.each([
    [['SQ-001', '某某合作社', '420']],
    [[1, '某某公司']],
    [['SQ-002', '合计商贸有限公司']],
    [['合计商贸有限公司', '']],
    [['SQ-003', '某某公司', '备注：有外村人员']],
    [[]],
  ])('%j is not a footer', (cells) => {
    expect(isFooterRow(cells)).toBe(false)
  })
})

describe('startsAsFooter', () => {
  it('is true only when the first non-empty cell is footer text, not for a signature further along', () => {
    expect(startsAsFooter([null, '  ', '填表人：张敏', '审核人：李建国'])).toBe(true)
    expect(startsAsFooter(['合计', null, 1200])).toBe(true)
    expect(startsAsFooter(['HX-001', '某某农业合作社', '经查，审核人:王某承认对外吸收存款'])).toBe(false)
    expect(startsAsFooter([17, '填表人：张敏'])).toBe(false)
  })
})
