/**
 * @chufei/sheets — reads investigation sheets (排查表: CSV/XLSX/JSON typed by village staff and grid
 * workers) into chufei leads, row by row, with located warnings and rejections.
 *
 * @packageDocumentation
 */
export { readSheet, HEADER_SCAN_ROWS } from './read-sheet'
export { listWorksheets, readRawRows } from './read-sheet-raw'
export type { WorksheetEntry, WorksheetList } from './read-sheet-raw'
export { STOPPED_AFTER_WHOLE_ROWS, stoppedAfterWholeRows } from './read-sheet-errors'
export type { ReadSheetOptions, SheetInput, RawRow } from './read-sheet-types'
export { DEFAULT_XLSX_LIMITS, XLSX_LIMIT_SETTINGS } from './xlsx/xlsx-limits'
export type { XlsxLimits } from './xlsx/xlsx-limits'
export type { Cell, SheetEvent, SheetFormat, HeaderMatch, ColumnBinding, AmountUnit } from './types'
export { matchHeaderRow, normalizeHeader } from './columns'
export { createRowConverter } from './row-to-lead'
export type { RowConverter } from './row-to-lead'
export { isFooterRow } from './footer'
export {
  VALUE_WARNING_CODES,
  parseChineseNumber,
  formatChineseNumber,
  parseCount,
  parseAmount,
  formatAmount,
  parsePromisedReturn,
  formatPercent,
  parseBoolean,
  parseDate,
  excelSerialToIsoDate,
  parseEnumValue,
  parseCreditCode,
  isValidCreditCode,
  parseText,
} from './values'
export type { Parsed, ValueWarning, ValueWarningCode } from './values'
