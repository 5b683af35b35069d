import ExcelJS from 'exceljs'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { readRawRows } from '../read-sheet-raw'
import type { RawRow } from '../read-sheet-types'
import type { Cell } from '../types'
import { collect } from '../../test/_helpers'

/*
 * Differential test of the XLSX reader against a well-kept writer (exceljs 4.4.0): random workbooks with
 * every cell type exceljs writes — shared strings, rich text, numbers, booleans, error values, dates in
 * the 1900 and 1904 systems, formulas with cached number/date/text results, merged cells, hidden sheets —
 * must read back as exactly what was written. exceljs cannot write inline strings (it always uses the
 * shared-string table); those, `_xHHHH_` escapes and line breaks are covered by hand-written parts in
 * xlsx-values.test.ts.
 *
 * Runs: CHUFEI_PROPERTY_RUNS (default 20 in `npm test`); e.g. CHUFEI_PROPERTY_RUNS=2000 for a long run.
 */

const RUNS = Number(process.env.CHUFEI_PROPERTY_RUNS ?? 20)
const DAY = 86_400_000

type Written = { value: ExcelJS.CellValue; numFmt?: string; expected: Cell; error?: string }

const text = fc.string({ unit: fc.constantFrom('线', '索', '甲', 'a', 'Z', '1', ' ', '&', '<', '"', '号', '𪚥', '\n'), minLength: 1, maxLength: 12 })
  .filter((s) => s.trim() !== '')
const date = fc.integer({ min: 2000, max: 70_000 }).map((d) => new Date(Date.UTC(1905, 0, 1) + d * DAY))
const number = fc.oneof(fc.integer({ min: -1e9, max: 1e9 }), fc.double({ min: -1e12, max: 1e12, noNaN: true, noDefaultInfinity: true }))

const written: fc.Arbitrary<Written> = fc.oneof(
  text.map((s) => ({ value: s, expected: s })),
  fc.array(text, { minLength: 1, maxLength: 3 }).map((runs) => ({
    value: { richText: runs.map((t, i) => ({ text: t, font: { bold: i % 2 === 0 } })) },
    expected: runs.join(''),
  })),
  number.map((n) => ({ value: n, expected: Object.is(n, -0) ? 0 : n })),
  fc.boolean().map((b) => ({ value: b, expected: b })),
  fc.constantFrom('#N/A', '#REF!', '#VALUE!', '#DIV/0!', '#NAME?', '#NUM!', '#NULL!').map((e) => ({ value: { error: e } as ExcelJS.CellErrorValue, expected: e, error: e })),
  date.map((d) => ({ value: d, numFmt: 'yyyy-mm-dd', expected: d })),
  number.map((n) => ({ value: { formula: 'A1*1', result: n }, expected: Object.is(n, -0) ? 0 : n })),
  date.map((d) => ({ value: { formula: 'TODAY()', result: d }, numFmt: 'yyyy"年"m"月"d"日"', expected: d })),
  text.map((s) => ({ value: { formula: 'T("x")', result: s }, expected: s })),
)

const sheetSpec = fc.record({
  hidden: fc.constantFrom<'visible' | 'hidden' | 'veryHidden'>('visible', 'hidden', 'veryHidden'),
  rows: fc.array(fc.array(fc.option(written, { nil: null, freq: 3 }), { minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 8 }),
  merge: fc.boolean(),
})

describe('XLSX reader vs exceljs writer', () => {
  it('reads back every cell exactly as written, in every sheet, in both date systems', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(sheetSpec, { minLength: 1, maxLength: 3 }), fc.boolean(), async (sheets, date1904) => {
        const wb = new ExcelJS.Workbook()
        wb.properties.date1904 = date1904
        const expected: RawRow[][] = []
        sheets.forEach((spec, s) => {
          const ws = wb.addWorksheet(`表${s + 1}`, { state: spec.hidden })
          const rows: RawRow[] = []
          spec.rows.forEach((cells, r) => {
            const out: Cell[] = []
            const errors: Array<{ index: number; code: string }> = []
            cells.forEach((c, i) => {
              if (c === null) return
              const cell = ws.getCell(r + 1, i + 1)
              cell.value = c.value
              if (c.numFmt) cell.numFmt = c.numFmt
              while (out.length < i) out.push(null)
              out[i] = c.expected
              if (c.error) errors.push({ index: i, code: c.error })
            })
            if (out.length > 0) rows.push(errors.length > 0 ? { line: r + 1, cells: out, errors } : { line: r + 1, cells: out })
          })
          // A merge over the first row keeps the top-left value only, as Excel stores it.
          const first = rows[0]
          if (spec.merge && first?.line === 1 && first.cells.length >= 2) {
            ws.mergeCells(1, 1, 1, first.cells.length)
            const kept = first.cells[0] ?? null
            const errors = first.errors?.filter((e) => e.index === 0)
            rows[0] = kept === null ? { line: 1, cells: [] } : errors?.length ? { line: 1, cells: [kept], errors } : { line: 1, cells: [kept] }
          }
          expected.push(rows)
        })
        const bytes = new Uint8Array(await wb.xlsx.writeBuffer())
        for (let s = 0; s < sheets.length; s++) {
          const read = (await collect(readRawRows({ bytes, name: 't.xlsx' }, { sheet: `表${s + 1}` }))).filter((r) => r.cells.length > 0 || r.line === 1)
          const want = expected[s]!.filter((r) => r.cells.length > 0 || r.line === 1)
          expect(read.filter((r) => r.cells.some((c) => c !== null))).toEqual(want.filter((r) => r.cells.some((c) => c !== null)))
        }
      }),
      { numRuns: RUNS },
    )
  })
})
