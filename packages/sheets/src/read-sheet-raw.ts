import { readCsvRows } from './csv/read-csv'
import { usageError } from './read-sheet-errors'
import { openByteSource, type ByteSource } from './read-sheet-input'
import { detectFormat } from './read-sheet-format'
import type { RawRow, RawSheetInfo, ReadSheetOptions, SheetInput } from './read-sheet-types'
import type { SheetFormat } from './types'
import { readXlsxDirectory, readXlsxRows } from './xlsx/xlsx'

/** A CSV or XLSX input opened as raw rows. */
export interface RawSheet {
  readonly file: string
  readonly format: 'csv' | 'xlsx'
  readonly rows: AsyncGenerator<RawRow>
  /** Encoding/delimiter (CSV) or worksheet name (XLSX), known once the first row is out. */
  readonly info: RawSheetInfo
}

/** Opens an already-detected CSV or XLSX source as raw rows. */
export const openRawSheet = (source: ByteSource, format: 'csv' | 'xlsx', options: ReadSheetOptions): RawSheet => {
  const reader =
    format === 'xlsx'
      ? readXlsxRows(source, {
          ...(options.sheet === undefined ? {} : { sheet: options.sheet }),
          ...(options.xlsxLimits === undefined ? {} : { limits: options.xlsxLimits }),
        })
      : readCsvRows(source.chunks(), {
          file: source.file,
          ...(options.encoding === undefined ? {} : { encoding: options.encoding }),
        })
  return { file: source.file, format, rows: reader.rows, info: reader.info }
}

/**
 * The rows of a CSV or XLSX sheet exactly as read, before any header matching: every CSV record (blank
 * lines too) with the line it starts on, or every stored worksheet row with its row number. For JSON
 * inputs, which have no rows, use {@link readSheet}.
 */
export async function* readRawRows(input: SheetInput, options: ReadSheetOptions = {}): AsyncGenerator<RawRow> {
  const source = openByteSource(input)
  const format: SheetFormat = await detectFormat(source, options.format)
  if (format !== 'csv' && format !== 'xlsx')
    throw usageError(
      `readRawRows 只读取 CSV 和 XLSX；该输入是 ${format}，请用 readSheet`,
      `readRawRows reads CSV and XLSX only; this input is ${format}, use readSheet`,
      'unsupported-format',
    )
  yield* openRawSheet(source, format, options).rows
}

/** A worksheet of an XLSX workbook: its tab name, whether it shows, its part's sizes as the zip directory declares them. */
export interface WorksheetEntry {
  readonly name: string
  readonly state: 'visible' | 'hidden' | 'veryHidden'
  readonly size: number
  readonly compressedSize: number
}

/** The worksheets of a workbook, and what else a reader bounding its inflation needs to know. */
export interface WorksheetList {
  readonly sheets: WorksheetEntry[]
  /** The shared strings part's declared inflated size (0 without one). */
  readonly sharedStringsSize: number
  readonly fileSize: number
}

/**
 * The worksheets of an XLSX input in tab order (chart and macro sheets left out), or null when the input is CSV —
 * for a reader that takes more than one sheet of a workbook (a sheet continued past Excel's row limit). Only the
 * zip directory and the workbook's sheet list are read, within `options.xlsxLimits`; the sizes are the directory's
 * word, to check before inflating (a reader that trusts them must still stop a part that inflates past them).
 */
export const listWorksheets = async (input: SheetInput, options: ReadSheetOptions = {}): Promise<WorksheetList | null> => {
  const source = openByteSource(input)
  const format: SheetFormat = await detectFormat(source, options.format)
  if (format !== 'xlsx') return null
  const dir = await readXlsxDirectory(source, options.xlsxLimits)
  const sheets = dir.sheets.filter((s) => s.kind === 'worksheet').map(({ name, state, size, compressedSize }) => ({ name, state, size, compressedSize }))
  return { sheets, sharedStringsSize: dir.sharedStringsSize, fileSize: dir.fileSize }
}
