import { describe, expect, it } from 'vitest'
import { parsePromisedReturn } from './promised-return'

describe('parsePromisedReturn', () => {
  it.each([
    ['年化18%', 0.18],
    ['18%', 0.18],
    ['１８％', 0.18],
    ['0.18', 0.18],
    ['月息2分', 0.24],
    ['月息1分5', 0.18],
    ['月息1.5分', 0.18],
    ['月息一分五', 0.18],
    ['年息1分', 0.1],
    ['月息8厘', 0.096],
    ['日息千分之三', 1.095],
    ['每月返3%', 0.36],
    ['每天返1%', 3.65],
    ['2分利', 0.24],
    ['年化百分之十八', 0.18],
    ['保本保息，年化18%', 0.18],
    ['3%/月', 0.36],
    ['年利率7.5%', 0.075],
    ['0', 0],
    ['无', 0],
    ['不承诺', 0],
  ])('reads %s as %d a year, exactly', (raw, value) => {
    expect(parsePromisedReturn(raw, '承诺收益')).toEqual({ value })
  })

  it('reads XLSX percent cells (stored as fractions) as they are', () => {
    expect(parsePromisedReturn(0.18)).toEqual({ value: 0.18 })
    expect(parsePromisedReturn(1)).toEqual({ value: 1 })
  })

  it('reads a bare number above 1 as a percent, with an assumed-percent warning', () => {
    const r = parsePromisedReturn('18', '承诺收益')
    expect(r.value).toBe(0.18)
    expect(r.warning).toEqual({ code: 'assumed-percent', message: '“承诺收益”列的值“18”未写明单位，按年化18%计' })
    expect(parsePromisedReturn(18).value).toBe(0.18)
  })

  it('takes the lower bound of a range and warns', () => {
    const r = parsePromisedReturn('年化8%-12%', '承诺收益')
    expect(r.value).toBe(0.08)
    expect(r.warning?.code).toBe('range-lower-bound')
  })

  it('warns approximate-number for 约 / 左右 / 以上', () => {
    const r = parsePromisedReturn('年化20%左右', '承诺收益')
    expect(r.value).toBe(0.2)
    expect(r.warning?.code).toBe('approximate-number')
  })

  it.each(['', '不详', '-', '/'])('reads %j as unknown without a warning', (raw) => {
    expect(parsePromisedReturn(raw)).toEqual({ value: undefined })
  })

  // A lone number with a money unit is a price or an amount, not a rate (a buy-back price was read as 420% a year).
  it.each(['高额回报', '投资1万元每月返300元', '保本', '包技术、包回收，干品420元/公斤回收', '每只蛋30块回收', '入伙2万元'])('warns unreadable-return for %s', (raw) => {
    const r = parsePromisedReturn(raw, '承诺收益')
    expect(r.value).toBeUndefined()
    expect(r.warning?.code).toBe('unreadable-return')
    expect(r.warning?.message).toBe(`“承诺收益”列的值“${raw}”无法识别为收益率，按未知处理`)
  })

  // A number that counts a term, a multiple or things is not a rate: `三年后原价回购` read as 3% a year before round 13.
  it.each(['三年后原价回购', '三年内免其它费用，期满全额退还定位费', '5年期', '保本3年', '存满12个月', '翻3倍', '三年翻一番', '5头牛每年返3万元'])(
    'warns unreadable-return for %s (a count, not a rate)',
    (raw) => {
      const r = parsePromisedReturn(raw, '承诺收益')
      expect(r.value).toBeUndefined()
      expect(r.warning?.code).toBe('unreadable-return')
    },
  )

  // A share of profit or turnover is not a rate on the money put in: 利润50%分红 read as 50 % a year before round 15, and
  // the exposure rules called it "承诺年化收益超过一年期LPR四倍".
  it.each(['利润50%分红', '按利润的30%分成', '营业额的5%返给投资人', '50%的利润归投资人', '每月按流水的千分之五分成', '净利润百分之二十分红'])(
    'warns that %s is a share of profit or turnover, not a rate',
    (raw) => {
      const r = parsePromisedReturn(raw, '承诺收益')
      expect(r.value).toBeUndefined()
      expect(r.warning).toEqual({ code: 'unreadable-return', message: `“承诺收益”列的值“${raw}”是利润、营业额等的分成比例，不是本金的收益率，按未知处理` })
    },
  )

  it.each([
    ['分红10%', 0.1],
    ['年收益10%', 0.1],
    ['收益的部分按年化8%', 0.08],
    ['存3年，年息5', 0.05],
    ['一年期年化8%', 0.08],
    ['月返3%，满12个月退本', 0.36],
    ['每年3个点', 0.03],
  ])('reads the rate beside a term: %s → %d', (raw, value) => {
    expect(parsePromisedReturn(raw, '承诺收益').value).toBe(value)
  })
})
