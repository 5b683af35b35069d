import { stringify } from 'csv-stringify/sync'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { csvLine } from './csv-writer'
import { neutraliseCell } from './formula-guard'

/** The reference: csv-stringify, as the CSV ledger was written with it. */
const reference = (cells: ReadonlyArray<string | number | null>): string =>
  stringify([cells.map((c) => neutraliseCell(c))], { record_delimiter: 'windows', cast: { number: (n) => String(n) } })

const cell = fc.oneof(
  fc.constant(null),
  fc.constantFrom('', ' ', '"', '""', ',', '\r', '\n', '\r\n', '=1+1', '-3', '+x', '@a', '\t=x', "'=x", '某某合作社，"保本"', '0'),
  fc.string({ unit: fc.constantFrom('a', '"', ',', '\r', '\n', ' ', '=', '-', '保', '\t', "'") }),
  fc.string({ unit: 'grapheme' }),
  fc.double(),
  fc.integer(),
)

describe('csvLine', () => {
  it('writes exactly what csv-stringify wrote for any row (property)', () => {
    fc.assert(
      fc.property(fc.array(cell, { maxLength: 12 }), (cells) => {
        expect(csvLine(cells)).toBe(reference(cells))
      }),
      { numRuns: 5000 },
    )
  })
})
