import { describe, expect, it } from 'vitest'
import { excelSerialToIsoDate, parseDate } from './date'

describe('parseDate', () => {
  it.each([
    ['2024-03-05'],
    ['2024/3/5'],
    ['2024.3.5'],
    ['2024年3月5日'],
    ['2024 年 3 月 5 日'],
    ['２０２４－０３－０５'],
    ['二〇二四年三月五日'],
    ['20240305'],
    ['45356'],
    ['2024-03-05 10:30:00'],
    ['2024-03-05T10:30:00Z'],
  ])('reads %s as 2024-03-05', (raw) => {
    expect(parseDate(raw)).toEqual({ value: '2024-03-05' })
  })

  it('reads Excel serials (1900 date system) and XLSX Date objects by their UTC parts', () => {
    expect(parseDate(45356)).toEqual({ value: '2024-03-05' })
    expect(parseDate(45356.75)).toEqual({ value: '2024-03-05' })
    expect(parseDate(new Date(Date.UTC(2024, 2, 5)))).toEqual({ value: '2024-03-05' })
  })

  it('keeps the 1900 leap-year bug of Excel serials', () => {
    expect(excelSerialToIsoDate(1)).toBe('1900-01-01')
    expect(excelSerialToIsoDate(59)).toBe('1900-02-28')
    expect(excelSerialToIsoDate(60)).toBeUndefined() // 1900-02-29 never existed
    expect(excelSerialToIsoDate(61)).toBe('1900-03-01')
    expect(excelSerialToIsoDate(45292)).toBe('2024-01-01')
    expect(excelSerialToIsoDate(2_958_465)).toBe('9999-12-31')
    expect(excelSerialToIsoDate(0)).toBeUndefined()
  })

  it.each(['2024-02-30', '2023-02-29', '2024-13-01', '2024年4月31日'])('warns invalid-date for %s', (raw) => {
    const r = parseDate(raw, '排查日期')
    expect(r.value).toBeUndefined()
    expect(r.warning).toEqual({ code: 'invalid-date', message: `“排查日期”列的值“${raw}”不是有效日期，按未知处理` })
  })

  it('accepts 2024-02-29 (a leap year)', () => {
    expect(parseDate('2024-02-29')).toEqual({ value: '2024-02-29' })
  })

  it.each(['上周', '3月5日', 'abc'])('warns unreadable-date for %s', (raw) => {
    expect(parseDate(raw).warning?.code).toBe('unreadable-date')
  })

  it.each(['', '不详', '-', '/'])('reads %j as unknown without a warning', (raw) => {
    expect(parseDate(raw)).toEqual({ value: undefined })
  })

  it('warns for an invalid Date object and booleans', () => {
    expect(parseDate(new Date(Number.NaN)).warning?.code).toBe('unreadable-date')
    expect(parseDate(true).warning?.code).toBe('unreadable-date')
  })
})
