import { PassThrough, Transform, type Readable } from 'node:stream'
import { ChufeiError } from '@chufei/core'
import ExcelJS from 'exceljs'
import { describeCause, unreadableInput } from './read-sheet-errors'
import { fileError, type ByteSource } from './read-sheet-input'
import type { RawRow, RawSheetInfo } from './read-sheet-types'
import type { Cell } from './types'
import { flattenXlsxValue } from './xlsx-cell'

/** Excel's own column limit (XFD): a cell beyond it is not a real cell. */
const MAX_COLUMNS = 16_384

interface StreamCell {
  readonly value: unknown
}
interface StreamRow {
  readonly number: number
  eachCell(options: { includeEmpty: boolean }, callback: (cell: StreamCell, column: number) => void): void
}
interface StreamWorksheet extends AsyncIterable<StreamRow> {
  readonly name: string
}
interface StreamWorkbook extends AsyncIterable<StreamWorksheet> {
  readonly model?: { sheets?: Array<{ name: string }> }
}
/** The exceljs 4.4.0 internals patched below (exceljs is pinned; its typings do not declare them). */
interface ReaderInternals {
  _parseWorkbook(entry: Readable): Promise<void>
  _parseSharedStrings(entry: Readable): AsyncIterable<unknown>
  _parseStyles(entry: Readable): Promise<void>
  _parseWorksheet(iterator: AsyncIterable<unknown>, sheetNo: string): Iterable<unknown>
}

const BaseReader = ExcelJS.stream.xlsx.WorkbookReader as unknown as new (
  input: Readable,
  options: Record<string, string>,
) => StreamWorkbook & ReaderInternals

/** Decodes UTF-8 chunk by chunk, carrying a character split across two chunks over to the next one. */
async function* decodeUtf8Chunks(chunks: AsyncIterable<unknown>): AsyncGenerator<string> {
  const decoder = new TextDecoder('utf-8')
  for await (const chunk of chunks) {
    if (typeof chunk === 'string') yield chunk
    else if (chunk instanceof Uint8Array) yield decoder.decode(chunk, { stream: true })
  }
  const rest = decoder.decode()
  if (rest) yield rest
}

/** A zip entry as a stream of strings, decoded across chunk boundaries. */
const decodeEntry = (entry: Readable): Readable => {
  const decoder = new TextDecoder('utf-8')
  const text = new Transform({
    readableObjectMode: true,
    transform(chunk: Buffer, _encoding, callback) {
      const decoded = decoder.decode(chunk, { stream: true })
      callback(null, decoded === '' ? undefined : decoded)
    },
    flush(callback) {
      const rest = decoder.decode()
      callback(null, rest === '' ? undefined : rest)
    },
  })
  entry.on('error', (error) => text.destroy(error))
  return entry.pipe(text)
}

/**
 * exceljs 4.4's streaming reader decodes every zip chunk to text on its own, so a Chinese character cut
 * by a chunk boundary turns into `��` (exceljs issues #2063, #2084, #2316); `entry.setEncoding('utf8')`,
 * the usual patch, still breaks 4-byte characters (𠀀) in the string_decoder exceljs's unzipper uses.
 * Its XML parser passes strings through untouched, so the fix is to hand it text decoded with
 * TextDecoder across chunk boundaries.
 */
class Utf8SafeWorkbookReader extends BaseReader {
  override _parseWorkbook(entry: Readable): Promise<void> {
    return super._parseWorkbook(decodeEntry(entry))
  }

  override _parseSharedStrings(entry: Readable): AsyncIterable<unknown> {
    return super._parseSharedStrings(decodeEntry(entry))
  }

  override _parseStyles(entry: Readable): Promise<void> {
    return super._parseStyles(decodeEntry(entry))
  }

  override _parseWorksheet(iterator: AsyncIterable<unknown>, sheetNo: string): Iterable<unknown> {
    return super._parseWorksheet(decodeUtf8Chunks(iterator), sheetNo)
  }
}

const rowCells = (row: StreamRow): Cell[] => {
  const cells: Cell[] = []
  row.eachCell({ includeEmpty: false }, (cell, column) => {
    if (column > MAX_COLUMNS) return
    while (cells.length < column - 1) cells.push(null)
    cells[column - 1] = flattenXlsxValue(cell.value)
  })
  return cells
}

/** An XLSX worksheet as raw rows, with the name of the worksheet read. */
export interface XlsxRows {
  readonly rows: AsyncGenerator<RawRow>
  readonly info: RawSheetInfo
}

/**
 * Streams one worksheet of an XLSX workbook (the first in tab order, or `sheet`) as raw rows whose
 * `line` is the worksheet row number. Cells come flattened to what the user sees (see
 * {@link flattenXlsxValue}); date-formatted numbers come as `Date`, other numbers as numbers.
 * Rows Excel does not store (never touched) produce nothing.
 */
export const readXlsxRows = (source: ByteSource, options: { sheet?: string }): XlsxRows => {
  const info: RawSheetInfo = {}
  const { file } = source
  const wanted = options.sheet?.trim()

  async function* rows(): AsyncGenerator<RawRow> {
    // exceljs pipes the input into its unzipper, and pipe() drops source errors: a read error must end
    // the zip stream explicitly or the reader would wait forever.
    const input = source.stream()
    const piped = new PassThrough()
    let readError: unknown = null
    input.on('error', (error) => {
      readError = error
      piped.end()
    })
    input.pipe(piped)
    const reader = new Utf8SafeWorkbookReader(piped, {
      worksheets: 'emit',
      sharedStrings: 'cache',
      hyperlinks: 'ignore',
      styles: 'cache',
      entries: 'emit',
    })
    let found = false
    try {
      for await (const worksheet of reader) {
        const target = wanted ?? reader.model?.sheets?.[0]?.name ?? worksheet.name
        if (worksheet.name.trim() !== target.trim()) continue // not read: exceljs drains the entry
        found = true
        info.sheet = worksheet.name
        for await (const row of worksheet) yield { line: row.number, cells: rowCells(row) }
        break
      }
    } catch (error) {
      if (readError !== null) throw fileError(file, readError)
      if (error instanceof ChufeiError) throw error
      throw unreadableInput(
        file,
        'corrupt-xlsx',
        `Excel文件已损坏或不是有效的.xlsx文件（${describeCause(error)}）`,
        `the Excel file is corrupt or not a valid .xlsx file (${describeCause(error)})`,
        {},
        error,
      )
    } finally {
      input.destroy()
      piped.destroy()
    }
    if (readError !== null) throw fileError(file, readError)
    if (found) return
    const names = reader.model?.sheets?.map((s) => s.name) ?? []
    if (names.length === 0)
      throw unreadableInput(
        file,
        'no-worksheet',
        '不是有效的Excel工作簿：没有找到任何工作表',
        'not a valid Excel workbook: no worksheet found',
      )
    if (wanted === undefined)
      throw unreadableInput(
        file,
        'sheet-not-found',
        `找不到第一个工作表“${names[0]}”的数据（可能是图表工作表），请指定工作表；现有工作表：${names.join('、')}`,
        `the first sheet "${names[0]}" has no cell data (a chart sheet?); name a sheet; the workbook has: ${names.join(', ')}`,
      )
    throw unreadableInput(
      file,
      'sheet-not-found',
      `没有名为“${wanted}”的工作表；现有工作表：${names.join('、')}`,
      `no worksheet named "${wanted}"; the workbook has: ${names.join(', ')}`,
    )
  }

  return { rows: rows(), info }
}
