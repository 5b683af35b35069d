import { matchHeaderRow } from './columns'
import { decodeText } from './csv/decode-text'
import { readJsonArray } from './json-array'
import { readJsonLines } from './json-lines'
import { unreadableInput, usageError } from './read-sheet-errors'
import { detectFormat } from './read-sheet-format'
import { openByteSource } from './read-sheet-input'
import { openRawSheet } from './read-sheet-raw'
import type { ReadSheetOptions, SheetInput } from './read-sheet-types'
import { createRowConverter, type RowConverter } from './row-to-lead'
import type { SheetEvent } from './types'

/** Rows looked at for the header (表头): title rows and notes above it are common, 30 is generous. */
export const HEADER_SCAN_ROWS = 30

const checkOptions = (options: ReadSheetOptions): void => {
  if (options === null || typeof options !== 'object')
    throw usageError('readSheet 的选项应为对象', 'readSheet options must be an object')
  const { columns } = options
  if (columns === undefined) return
  if (columns === null || typeof columns !== 'object' || Array.isArray(columns))
    throw usageError('列映射（columns）应为 { "表头": "字段路径" } 形式的对象', 'columns must be an object of header → field path')
  for (const [header, field] of Object.entries(columns))
    if (typeof field !== 'string')
      throw usageError(`列映射中“${header}”的字段路径应为文本`, `columns: the field path of "${header}" must be a string`)
}

/**
 * Streams an investigation sheet (排查表) — CSV, XLSX, a JSON array or JSON Lines — as events, in input
 * order: first one `header` event, then exactly one `lead`, `rejected` or `skipped` event per row after
 * the header, so read = leads + rejected + skipped. `line` is the 1-based row in the source (CSV: the
 * line the record starts on; XLSX: the worksheet row number; JSONL: the line; JSON array: the element's
 * index). Rows above the header (title rows) produce no event.
 *
 * CSV and XLSX: the header is the first of the first {@link HEADER_SCAN_ROWS} rows that has a
 * `线索编号` or `主体名称` column (see `matchHeaderRow`). JSON and JSONL carry leads already: their
 * header event has `line` 0 and no columns.
 *
 * Memory stays flat whatever the number of rows: every reader streams, and the generator only reads
 * ahead as far as the caller pulls.
 *
 * @throws ChufeiError `UNREADABLE_INPUT` when the file cannot be read at all — missing, empty, corrupt,
 *   no header row, an invalid JSON array — with an issue naming the file, line and column in Chinese
 *   and English. `USAGE` for bad options.
 *
 * @example
 * ```ts
 * for await (const event of readSheet('排查表.xlsx')) {
 *   if (event.kind === 'lead') console.log(event.line, event.lead.subject.name)
 * }
 * ```
 */
export async function* readSheet(input: SheetInput, options: ReadSheetOptions = {}): AsyncGenerator<SheetEvent> {
  checkOptions(options)
  const source = openByteSource(input)
  const format = await detectFormat(source, options.format)
  const { file } = source

  if (format === 'json' || format === 'jsonl') {
    const text = decodeText(source.chunks(), {
      file,
      ...(options.encoding === undefined ? {} : { encoding: options.encoding }),
    })
    const events = format === 'json' ? readJsonArray(text.chunks, file) : readJsonLines(text.chunks, file)
    // The header waits for the first event so that the encoding it reports has been detected.
    const first = await events.next()
    yield { kind: 'header', line: 0, format, encoding: text.encoding, columns: [], unknownColumns: [] }
    if (first.done) return
    yield first.value
    yield* events
    return
  }

  const sheet = openRawSheet(source, format, options)
  let convert: RowConverter | null = null
  let scanned = 0
  for await (const row of sheet.rows) {
    if (convert !== null) {
      yield convert(row.cells, row.line, row.errors)
      continue
    }
    scanned++
    const match = matchHeaderRow(row.cells, options.columns)
    if (match !== null) {
      convert = createRowConverter(match)
      yield {
        kind: 'header',
        line: row.line,
        format,
        ...(sheet.info.encoding === undefined ? {} : { encoding: sheet.info.encoding }),
        ...(sheet.info.sheet === undefined ? {} : { sheet: sheet.info.sheet }),
        columns: match.columns,
        unknownColumns: match.unknownColumns,
      }
      continue
    }
    if (scanned >= HEADER_SCAN_ROWS) break
  }
  if (convert === null) {
    await sheet.rows.return(undefined)
    const where = sheet.info.sheet === undefined ? '' : `工作表“${sheet.info.sheet}”`
    throw unreadableInput(
      file,
      'no-header',
      `${where}未找到表头行：前${HEADER_SCAN_ROWS}行中没有“线索编号”或“主体名称”列`,
      `no header row found${sheet.info.sheet === undefined ? '' : ` in sheet "${sheet.info.sheet}"`}: none of the first ${HEADER_SCAN_ROWS} rows has a 线索编号 (id) or 主体名称 (subject name) column`,
    )
  }
}
