import { matchHeaderRow } from './columns'
import { decodeText } from './csv/decode-text'
import { readJsonArray } from './json-array'
import { readJsonLines } from './json-lines'
import { unreadableInput, usageError } from './read-sheet-errors'
import { detectFormat } from './read-sheet-format'
import { openByteSource, type ByteSource } from './read-sheet-input'
import { openRawSheet, type RawSheet } from './read-sheet-raw'
import type { RawRow, ReadSheetOptions, SheetInput } from './read-sheet-types'
import { createRowConverter } from './row-to-lead'
import type { HeaderMatch, SheetEvent } from './types'
import { withFieldRow, withGroupRow } from './two-row-header'
import { listXlsxSheets } from './xlsx/xlsx'

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
 * `线索编号` or `主体名称` column (see `matchHeaderRow`). XLSX without `sheet`: the first visible worksheet
 * that has such a header (hidden, chart, macro and 填表说明 sheets are passed over); the header event names it. JSON and JSONL carry leads already: their
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

  const located = format === 'xlsx' && options.sheet === undefined ? await locateInWorkbook(source, options) : null
  const sheet = located?.sheet ?? openRawSheet(source, format, options)
  const found = located?.found ?? (await scanForHeader(sheet, options))
  if (found === null) {
    const where = sheet.info.sheet === undefined ? '' : `工作表“${sheet.info.sheet}”`
    throw unreadableInput(
      file,
      'no-header',
      `${where}未找到表头行：前${HEADER_SCAN_ROWS}行中没有“线索编号”或“主体名称”列`,
      `no header row found${sheet.info.sheet === undefined ? '' : ` in sheet "${sheet.info.sheet}"`}: none of the first ${HEADER_SCAN_ROWS} rows has a 线索编号 (id) or 主体名称 (subject name) column`,
    )
  }
  const convert = createRowConverter(found.match)
  yield {
    kind: 'header',
    line: found.line,
    format,
    ...(sheet.info.encoding === undefined ? {} : { encoding: sheet.info.encoding }),
    ...(sheet.info.sheet === undefined ? {} : { sheet: sheet.info.sheet }),
    columns: found.match.columns,
    unknownColumns: found.match.unknownColumns,
  }
  for (const row of found.pending) yield convert(row.cells, row.line, row.errors)
  for await (const row of sheet.rows) yield convert(row.cells, row.line, row.errors)
}

interface FoundHeader {
  readonly match: HeaderMatch
  /** The header row (the field row of a two-row header). */
  readonly line: number
  /** A row read past the header to see whether it was a field row, and was not. */
  readonly pending: readonly RawRow[]
}

/** Reads rows until the header (表头), at most {@link HEADER_SCAN_ROWS}; `null` (rows closed) when there is none. */
const scanForHeader = async (sheet: RawSheet, options: ReadSheetOptions): Promise<FoundHeader | null> => {
  let scanned = 0
  let previous: RawRow | null = null
  for (;;) {
    const next = await sheet.rows.next()
    if (next.done) return null
    const row = next.value
    const match = matchHeaderRow(row.cells, options.columns)
    if (match !== null) {
      const grouped = previous === null ? null : withGroupRow(previous, row, match, options.columns)
      if (grouped !== null) return { match: grouped, line: row.line, pending: [] }
      const below = await sheet.rows.next()
      if (below.done) return { match, line: row.line, pending: [] }
      const fielded = withFieldRow(row, match, below.value, options.columns)
      return fielded === null ? { match, line: row.line, pending: [below.value] } : { match: fielded, line: below.value.line, pending: [] }
    }
    previous = row
    if (++scanned >= HEADER_SCAN_ROWS) {
      await sheet.rows.return(undefined)
      return null
    }
  }
}

/** Sheets that explain how to fill the form (填表说明) — their sample rows are not leads. */
const INSTRUCTIONS = /说明|须知|填表要求|填写要求|instruction|readme/i

/**
 * Without a named sheet: the first visible worksheet, in tab order, whose header row is found — hidden
 * sheets, chart and macro sheets and 填表说明 sheets are passed over. When none has a header, the error
 * lists every sheet and why it was passed over, and says how to name one: `--sheet` on the command line,
 * the `sheet` field of an upload (this reader serves both, so it names both).
 */
const locateInWorkbook = async (source: ByteSource, options: ReadSheetOptions): Promise<{ sheet: RawSheet; found: FoundHeader }> => {
  const sheets = await listXlsxSheets(source, options.xlsxLimits)
  const why: Array<[string, string]> = []
  for (const entry of sheets) {
    if (entry.kind !== 'worksheet') why.push([`${entry.kind === 'chartsheet' ? '图表' : entry.kind === 'macrosheet' ? '宏表' : '非数据表'}`, entry.kind])
    else if (entry.state !== 'visible') why.push(['隐藏', 'hidden'])
    else if (INSTRUCTIONS.test(entry.name)) why.push(['填表说明，已跳过', 'instructions, passed over'])
    else {
      const sheet = openRawSheet(source, 'xlsx', { ...options, sheet: entry.name })
      const found = await scanForHeader(sheet, options)
      if (found !== null) return { sheet, found }
      why.push([`前${HEADER_SCAN_ROWS}行无表头`, `no header in the first ${HEADER_SCAN_ROWS} rows`])
    }
  }
  if (sheets.length === 0) {
    // No tabs at all: the reader says so.
    const sheet = openRawSheet(source, 'xlsx', options)
    await sheet.rows.next()
  }
  const list = sheets.map((s, i) => `“${s.name}”（${why[i]![0]}）`).join('、')
  const listEn = sheets.map((s, i) => `"${s.name}" (${why[i]![1]})`).join(', ')
  throw unreadableInput(
    source.file,
    'no-header',
    `没有找到含表头的工作表（表头行须有“线索编号”或“主体名称”列）：${list}；请指定要读取的工作表（命令行用 --sheet，网页或接口上传填 sheet 字段）`,
    `no sheet has a header row (a row with a 线索编号 or 主体名称 column): ${listEn}; name the sheet to read (--sheet on the command line, the sheet field of an upload)`,
  )
}
