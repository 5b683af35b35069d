import type ExcelJS from 'exceljs'
import type { Lang } from './labels'
import { continuationName, type ContinuedSheet } from './sheet-continuation'

/*
 * The exceljs side of the row limit, for the exceljs tracked-ledger writer kept as the differential test's oracle
 * (`_write-ledger-exceljs.ts`; `chufei track` writes with the streaming writer since round 11): a sheet that
 * reaches `maxRows` rows goes on in 风险台账（续2）… made by the same `start`, so with the same header, widths,
 * frozen row and filter. exceljs appends sheets in the order they are added, so the parts follow their first
 * sheet. The streaming writer has its own (xlsx/rolling-sheet.ts): there a part must also be ended in the archive.
 */

/**
 * Adds `items` (one row each, by `add`) to the sheet `start(name)` makes and to as many continuation sheets as
 * `maxRows` (header included) needs; says what was continued, or null.
 */
export const fillSheets = <T>(
  start: (name: string) => ExcelJS.Worksheet,
  name: string,
  lang: Lang,
  maxRows: number,
  items: Iterable<T>,
  add: (ws: ExcelJS.Worksheet, item: T) => void,
): ContinuedSheet | null => {
  if (!Number.isInteger(maxRows) || maxRows < 2) throw new RangeError(`maxRows must be an integer ≥ 2 (a header and a row), got ${maxRows}`)
  let ws = start(name)
  const continuations: string[] = []
  let rows = 0
  for (const item of items) {
    if (ws.rowCount >= maxRows) {
      const next = continuationName(name, continuations.length + 2, lang)
      continuations.push(next)
      ws = start(next)
    }
    add(ws, item)
    rows += 1
  }
  return continuations.length === 0 ? null : { name, continuations, rows }
}
