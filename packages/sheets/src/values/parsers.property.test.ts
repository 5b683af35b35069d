import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { Cell } from '../types'
import { VALUE_WARNING_CODES, type Parsed } from './_result'
import { parseAmount } from './amount'
import { parseBoolean } from './boolean'
import { parseCount } from './count'
import { parseCreditCode } from './credit-code'
import { parseDate } from './date'
import { ENUM_FIELD_PATHS, parseEnumValue } from './enum-value'
import { parsePromisedReturn } from './promised-return'
import { parseText } from './text'

/** Characters that matter to the parsers, so random strings hit their branches. */
const interesting = fc.constantFrom(
  ...'0123456789.,-~/%‰約约余多万亿千百十零一二两三四五六七八九壹贰叁拾佰仟元人户年月日天分厘息化返是否有无至到()（）０１２ ',
)
const text = fc.oneof(fc.string(), fc.string({ unit: 'grapheme' }), fc.array(interesting, { maxLength: 24 }).map((a) => a.join('')))
const cell: fc.Arbitrary<Cell> = fc.oneof(
  text,
  fc.double(),
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
  fc.date({ noInvalidDate: false }),
)

const PARSERS: ReadonlyArray<readonly [string, (c: Cell) => Parsed<unknown>]> = [
  ['count', (c) => parseCount(c, 'h')],
  ['amount', (c) => parseAmount(c, 'h')],
  ['amount 元', (c) => parseAmount(c, 'h', '元')],
  ['return', (c) => parsePromisedReturn(c, 'h')],
  ['boolean', (c) => parseBoolean(c, 'h')],
  ['date', (c) => parseDate(c, 'h')],
  ['credit code', (c) => parseCreditCode(c, 'h')],
  ['text', (c) => parseText(c, 50, 'h')],
  ...ENUM_FIELD_PATHS.map((f) => [f, (c: Cell) => parseEnumValue(f, c, 'h')] as const),
]

describe('value parsers on any input', () => {
  it.each(PARSERS)('%s never throws, and returns a value or a warning with a known code', (_, parse) => {
    fc.assert(
      fc.property(cell, (c) => {
        const r = parse(c)
        if (r.warning) {
          expect(VALUE_WARNING_CODES).toContain(r.warning.code)
          expect(r.warning.message).toContain('“h”列的值')
        }
        if (typeof r.value === 'number') expect(Number.isFinite(r.value)).toBe(true)
      }),
      { numRuns: 1500 },
    )
  })

  it('counts are non-negative integers, amounts and returns non-negative', () => {
    fc.assert(
      fc.property(cell, (c) => {
        const n = parseCount(c).value
        if (n !== undefined) expect(Number.isInteger(n) && n >= 0).toBe(true)
        const a = parseAmount(c).value
        if (a !== undefined) expect(a).toBeGreaterThanOrEqual(0)
        const r = parsePromisedReturn(c).value
        if (r !== undefined) expect(r).toBeGreaterThanOrEqual(0)
        const d = parseDate(c).value
        if (d !== undefined) expect(d).toMatch(/^\d{4}-\d{2}-\d{2}$/)
      }),
      { numRuns: 3000 },
    )
  })
})
