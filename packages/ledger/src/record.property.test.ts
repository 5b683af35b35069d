import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { isIsoDate } from './record'
import { excelDate } from './xlsx-style'

/** What isIsoDate meant before it read digits itself: the pattern, then a Date round trip. */
const referenceIsIsoDate = (s: string): boolean => {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false
  const [y, m, d] = s.split('-').map(Number) as [number, number, number]
  const t = new Date(Date.UTC(y, m - 1, d))
  return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d
}

const pad = (n: number, w: number) => String(n).padStart(w, '0')
/** Near-dates: every field over its whole width, so the edges (00, 13, 29–31, years 0000–0099) come up. */
const nearDate = fc
  .tuple(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 0, max: 99 }), fc.integer({ min: 0, max: 99 }), fc.constantFrom('-', '/', '－', '-'))
  .map(([y, m, d, sep]) => `${pad(y, 4)}-${pad(m, 2)}${sep}${pad(d, 2)}`)
const mangled = fc.tuple(nearDate, fc.string({ maxLength: 2 }), fc.nat({ max: 11 })).map(([s, extra, at]) => s.slice(0, at) + extra + s.slice(at))

describe('isIsoDate read digit by digit', () => {
  it('agrees with the pattern-and-Date reference on near-dates, mangled dates and any text', () => {
    fc.assert(fc.property(fc.oneof(nearDate, mangled, fc.string({ maxLength: 12 })), (s) => {
      expect(isIsoDate(s)).toBe(referenceIsIsoDate(s))
    }), { numRuns: 20_000 })
  })

  it('agrees on every day of leap and century years, and refuses what is not a string', () => {
    for (const y of [1900, 2000, 2023, 2024, 2100, 100, 99, 9999]) {
      for (let m = 0; m <= 13; m++) for (let d = 0; d <= 32; d++) {
        const s = `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`
        expect(isIsoDate(s), s).toBe(referenceIsIsoDate(s))
      }
    }
    for (const v of [null, undefined, 20240229, new Date(0), ['2024-02-29']]) expect(isIsoDate(v)).toBe(false)
  })

  it('gives a date cell the UTC midnight of the day, and leaves anything else as typed', () => {
    fc.assert(
      fc.property(fc.oneof(nearDate, fc.string({ maxLength: 12 })), (s) => {
        const v = excelDate(s)
        if (!referenceIsIsoDate(s)) {
          expect(v).toBe(s)
          return
        }
        expect(v).toBeInstanceOf(Date)
        expect((v as Date).toISOString()).toBe(`${s}T00:00:00.000Z`)
      }),
      { numRuns: 5_000 },
    )
  })
})
