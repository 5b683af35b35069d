import { describe, expect, it } from 'vitest'
import { countOfShare, readShareOfTotal } from './share-of-total'

describe('readShareOfTotal: words in a 其中… column that state a share of 涉及人数', () => {
  it.each([
    ['大多数是老年人', 'elderly', 'majority'],
    ['多为老人', 'elderly', 'majority'],
    ['以老年人为主', 'elderly', 'majority'],
    ['老人居多', 'elderly', 'majority'],
    ['全是退休老人', 'elderly', 'all'],
    ['都是 大爷大妈', 'elderly', 'all'],
    ['大部分是低保户', 'vulnerable', 'majority'],
    ['均为残疾人', 'vulnerable', 'all'],
  ] as const)('%s (%s) → %s', (text, part, share) => {
    expect(readShareOfTotal(text, part)).toBe(share)
  })

  it.each([
    ['大多数是中老年人', 'elderly'], // 中老年 includes the middle-aged: not a majority over 60
    ['没有老人', 'elderly'],
    ['不全是老人', 'elderly'],
    ['可能多为老人', 'elderly'],
    ['300人大多数是老人', 'elderly'], // a number: the count reader's
    ['有一些老人', 'elderly'], // no share stated
    ['大多数是年轻人', 'elderly'],
    ['多为老人', 'vulnerable'], // the words name the other part
    ['', 'elderly'],
  ] as const)('%s (%s) → no share', (text, part) => {
    expect(readShareOfTotal(text, part)).toBeUndefined()
  })

  it('counts all of the total, or its lower bound past half, never more than the total', () => {
    expect(countOfShare('all', 300)).toBe(300)
    expect(countOfShare('majority', 300)).toBe(151)
    expect(countOfShare('majority', 57)).toBe(29)
    for (let total = 1; total <= 1000; total++) {
      expect(countOfShare('majority', total)).toBeGreaterThan(total / 2)
      expect(countOfShare('majority', total)).toBeLessThanOrEqual(total)
    }
  })
})
