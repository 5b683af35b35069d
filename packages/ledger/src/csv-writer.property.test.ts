import { parse } from 'csv-parse/sync'
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

const text = (c: string | number | null): string => (c === null ? '' : typeof c === 'number' ? String(c) : neutraliseCell(c))

describe('csvLine', () => {
  it('reads back to its cells with csv-parse, whatever the cells hold (property: parse(format(x)) = x)', () => {
    fc.assert(
      fc.property(fc.array(cell, { minLength: 2, maxLength: 12 }), (cells) => {
        expect(parse(csvLine(cells), { bom: false, relax_column_count: false })).toEqual([cells.map(text)])
      }),
      { numRuns: 5000 },
    )
  })

  it('quotes a cell with a lone line break, so a 备注 typed with Alt+Enter stays in its row', () => {
    expect(csvLine(['第一行\n第二行', 'x'])).toBe('"第一行\n第二行",x\r\n')
    expect(csvLine(['a\rb'])).toBe('"a\rb"\r\n')
    expect(parse(csvLine(['已约谈\n再核查', '2024-03-08']))).toEqual([['已约谈\n再核查', '2024-03-08']])
  })

  it('writes what csv-stringify wrote for any row without a lone line break (property)', () => {
    fc.assert(
      fc.property(fc.array(cell, { maxLength: 12 }), (cells) => {
        fc.pre(cells.every((c) => typeof c !== 'string' || !/\r(?!\n)|(?<!\r)\n/.test(c)))
        expect(csvLine(cells)).toBe(reference(cells))
      }),
      { numRuns: 5000 },
    )
  })
})
