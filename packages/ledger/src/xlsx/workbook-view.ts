import type ExcelJS from 'exceljs'
import { clipCellText } from './xml-text'

/*
 * For the differential tests of chufei's streaming XLSX writers against the exceljs writers they replaced: what a
 * reader sees of a worksheet, as exceljs reads it back — every cell's value, type, number format, fill, bold and
 * alignment; the row styles, column widths, frozen panes, auto-filter and data validations. Two workbooks are the
 * same to a reader when these views are equal sheet by sheet. For tests (the store's differential test too).
 */

/** What a reader sees of one cell. Text over Excel's limit is compared as the streaming writers cut it. */
export const cellView = (cell: ExcelJS.Cell) => {
  const v = cell.value
  const value = typeof v === 'string' ? clipCellText(v) : v instanceof Date ? v.toISOString() : v
  const fill = cell.fill?.type === 'pattern' ? { pattern: cell.fill.pattern, argb: cell.fill.fgColor?.argb } : null
  return { value, type: cell.type, numFmt: cell.numFmt ?? null, fill, bold: cell.font?.bold === true, wrap: cell.alignment?.wrapText === true, vertical: cell.alignment?.vertical ?? null }
}

/** One cell's view, as {@link cellView} gives it. */
export type CellView = ReturnType<typeof cellView>

/** What a reader sees of a sheet: its look, then every row's style and cells. */
export const sheetView = (ws: ExcelJS.Worksheet) => {
  const rows: Array<{ bold: boolean; cells: CellView[] }> = []
  for (let r = 1; r <= ws.rowCount; r++) {
    const row = ws.getRow(r)
    const cells: CellView[] = []
    for (let c = 1; c <= ws.columnCount; c++) cells.push(cellView(row.getCell(c)))
    rows.push({ bold: row.font?.bold === true, cells })
  }
  const validations = (ws as unknown as { dataValidations: { model: Record<string, unknown> } }).dataValidations.model
  return {
    name: ws.name,
    views: (ws.views ?? []).map((v) => ({ state: v.state, ySplit: 'ySplit' in v ? v.ySplit : undefined, xSplit: 'xSplit' in v ? v.xSplit ?? 0 : 0 })),
    autoFilter: ws.autoFilter,
    validations,
    widths: ws.columns.map((c) => c.width),
    rowCount: ws.rowCount,
    rows,
  }
}

/** A sheet's view, as {@link sheetView} gives it. */
export type SheetView = ReturnType<typeof sheetView>
