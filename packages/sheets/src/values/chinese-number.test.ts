import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { formatChineseNumber, parseChineseNumber } from './chinese-number'

describe('parseChineseNumber', () => {
  it.each([
    ['零', 0],
    ['十', 10],
    ['十五', 15],
    ['二十', 20],
    ['一百零五', 105],
    ['一千二百', 1200],
    ['一千二', 1200],
    ['一百一', 110],
    ['两万五', 25000],
    ['两万五千', 25000],
    ['一万零五', 10005],
    ['壹佰贰拾万', 1_200_000],
    ['壹仟贰佰', 1200],
    ['一亿二千万', 120_000_000],
    ['一亿五', 150_000_000],
    ['一万亿', 1e12],
    ['二〇二四', 2024],
    ['一点五万', 15000],
    ['1.2万', 12000],
    ['3千5百', 3500],
    ['1200', 1200],
  ])('reads %s as %d', (text, value) => {
    expect(parseChineseNumber(text)).toBe(value)
  })

  it.each(['', '万', '百', '二十万万x', 'abc', '一千人'])('refuses %j as a whole number', (text) => {
    expect(parseChineseNumber(text)).toBeUndefined()
  })
})

describe('formatChineseNumber', () => {
  it.each([
    [0, '零', '零'],
    [15, '十五', '壹拾伍'],
    [1200, '一千二百', '壹仟贰佰'],
    [10010, '一万零一十', '壹万零壹拾'],
    [1_200_000, '一百二十万', '壹佰贰拾万'],
    [100_000_001, '一亿零一', '壹亿零壹'],
    [1e12, '一万亿', '壹万亿'],
  ])('writes %d as %s / %s', (n, lower, capital) => {
    expect(formatChineseNumber(n)).toBe(lower)
    expect(formatChineseNumber(n, { capital: true })).toBe(capital)
  })

  it('refuses negative and fractional numbers', () => {
    expect(() => formatChineseNumber(-1)).toThrow(RangeError)
    expect(() => formatChineseNumber(1.5)).toThrow(RangeError)
  })

  it('parses back what it writes, lower-case and capital, for integers 0..10^12', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e12 }), (n) => {
        expect(parseChineseNumber(formatChineseNumber(n))).toBe(n)
        expect(parseChineseNumber(formatChineseNumber(n, { capital: true }))).toBe(n)
      }),
      { numRuns: 2000 },
    )
  })

  it('parses back small and round numbers, where zeros are tricky', () => {
    const tricky = fc.oneof(
      fc.integer({ min: 0, max: 100_000 }),
      fc.tuple(fc.integer({ min: 1, max: 9999 }), fc.integer({ min: 0, max: 12 })).map(([m, e]) => m * 10 ** e),
    )
    fc.assert(
      fc.property(tricky, (n) => {
        fc.pre(n <= 1e12)
        expect(parseChineseNumber(formatChineseNumber(n))).toBe(n)
      }),
      { numRuns: 2000 },
    )
  })
})
