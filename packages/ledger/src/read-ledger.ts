import { readFile, stat } from 'node:fs/promises'
import { basename, extname } from 'node:path'
import { ChufeiError, ResultSchema, type Issue } from '@chufei/core'
import { loadExcelJS } from './excel'
import type { LedgerField } from './ledger-columns'
import { joinContinuations } from './join-continuations'
import { HEADER_SCAN_ROWS, findLedgerSheets, pickMainSheet, rawRows, type ExtraColumn } from './ledger-sheets'
import { createPatternLabels, type PatternLabels } from './labels'
import { mergeViewEdits, type LedgerConflict } from './merge-view-edits'
import { createPatternIndex, readLedgerRow } from './read-ledger-row'
import { emptyRecord, type LedgerRecord } from './record'
import { recordFromResult, type SweepCounts } from './score-sheet'

/*
 * Reading a ledger back: the XLSX the CLI writes (Chinese or English headers, with whatever columns staff
 * added or moved), or the JSONL/JSON results of `chufei score --format jsonl|json`.
 */

export type LedgerFormat = 'xlsx' | 'jsonl' | 'json'

/** A ledger as read: its records in row order, and every problem found, located. */
export interface LedgerRead {
  readonly file: string
  readonly format: LedgerFormat
  readonly records: LedgerRecord[]
  readonly counts: SweepCounts
  /** The fields the ledger has a column for (JSONL: those results carry). */
  readonly fields: ReadonlySet<LedgerField>
  /** Cells that could not be read (the rows are kept) and lines that are not results. */
  readonly issues: Issue[]
  /** XLSX: the main sheet, found by its header. */
  readonly sheet?: string
  /** XLSX: columns staff added, in the order to write them (each with the ledger column it follows). */
  readonly extraColumns?: readonly ExtraColumn[]
  /** XLSX: a lead edited on two sheets with different values. */
  readonly conflicts?: readonly LedgerConflict[]
  /** XLSX: cells taken from a view (重点线索台账) into the main rows, by column header. */
  readonly viewEdits?: ReadonlyMap<string, number>
}

export interface ReadLedgerOptions {
  /** The pack's pattern vocabulary, to map 命中模式 labels back to ids. */
  readonly patternLabels?: PatternLabels
}

export type LedgerInput = string | { bytes: Uint8Array; name: string }

const MAX_BYTES = 64 * 1024 * 1024
const unreadable = (file: string, message: string, messageEn: string, line?: number, cause?: unknown): ChufeiError =>
  new ChufeiError('UNREADABLE_INPUT', `${file}：${message}`, {
    cause,
    issues: [{ code: 'unreadable-ledger', severity: 'error', file, message, messageEn, ...(line !== undefined ? { line } : {}) }],
  })

const loadBytes = async (input: LedgerInput): Promise<{ bytes: Uint8Array; name: string }> => {
  if (typeof input !== 'string') return input
  const info = await stat(input).catch(() => null)
  if (info === null || !info.isFile()) throw unreadable(input, '找不到该文件', 'file not found')
  if (info.size > MAX_BYTES) throw unreadable(input, '文件超过 64 MiB，不像是风险台账', 'file is larger than 64 MiB; not a ledger')
  return { bytes: new Uint8Array(await readFile(input)), name: input }
}

const formatOf = (name: string, bytes: Uint8Array): LedgerFormat | null => {
  const ext = extname(name).toLowerCase()
  if (ext === '.xlsx') return 'xlsx'
  if (ext === '.jsonl' || ext === '.ndjson') return 'jsonl'
  if (ext === '.json') return 'json'
  if (bytes[0] === 0x50 && bytes[1] === 0x4b) return 'xlsx'
  return null
}

const readXlsx = async (file: string, bytes: Uint8Array, options: ReadLedgerOptions): Promise<LedgerRead> => {
  const wb = new (await loadExcelJS()).Workbook()
  try {
    await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer)
  } catch (e) {
    throw unreadable(file, '不是有效的 XLSX 文件（可能已损坏，或是 WPS/旧版 .xls 另存的文件）', 'not a valid XLSX file (corrupt, or an old .xls renamed)', undefined, e)
  }
  if (wb.worksheets.length === 0) throw unreadable(file, '工作簿中没有工作表', 'the workbook has no worksheet')
  const found = findLedgerSheets(wb)
  if (found.length === 0) {
    const names = wb.worksheets.map((ws) => `“${ws.name}”`).join('、')
    throw unreadable(
      file,
      `各工作表（${names}）前${HEADER_SCAN_ROWS}行中都找不到台账表头（需要“线索编号”和“预警等级”列）；如是排查表，请先用 chufei score 评分`,
      `no worksheet (${wb.worksheets.map((ws) => ws.name).join(', ')}) has a ledger header in its first ${HEADER_SCAN_ROWS} rows (needs 线索编号 and 预警等级 columns)`,
      1,
    )
  }
  // A sheet continued past Excel's row limit (风险台账（续2）…) is read as the one sheet it was.
  const { sheets, rows } = joinContinuations(found, found.map(rawRows))
  const mainAt = pickMainSheet(sheets, rows)
  const main = { sheet: sheets[mainAt]!, rows: rows[mainAt]! }
  const views = sheets.map((sheet, i) => ({ sheet, rows: rows[i]! })).filter((_, i) => i !== mainAt)
  const merged = mergeViewEdits(main, views, basename(file))
  const issues: Issue[] = [...merged.issues]
  const ctx = { file: basename(file), patternIndex: createPatternIndex(options.patternLabels ?? createPatternLabels()), issues }
  const records: LedgerRecord[] = []
  const blanks: number[] = []
  main.rows.forEach((raw, i) => {
    if (raw === null) {
      blanks.push(main.sheet.headerRow + 1 + i)
      return
    }
    const record = readLedgerRow(raw.cells, main.sheet.headers, { ...ctx, row: raw.row })
    const conflicts = merged.conflictsByRow.get(raw.row)
    records.push({
      ...record,
      ...(raw.extras.size > 0 ? { extras: raw.extras } : {}),
      ...(conflicts ? { conflicts: conflicts.map((c) => `“${c.column}”在“${c.other.sheet}”中另填为“${c.other.text}”，请核实`) } : {}),
    })
  })
  // Blank rows after the last record are formatting, not data.
  const lastRow = records.at(-1)?.row ?? main.sheet.headerRow
  const skipped = blanks.filter((r) => r < lastRow).length
  return {
    file,
    format: 'xlsx',
    records,
    counts: { read: records.length + skipped, skipped },
    fields: new Set(main.sheet.columns.values()),
    issues,
    sheet: main.sheet.ws.name,
    extraColumns: merged.extraColumns,
    conflicts: merged.conflicts,
    viewEdits: merged.taken,
  }
}

const RESULT_FIELDS: ReadonlySet<LedgerField> = new Set<LedgerField>([
  'id', 'total', 'tier', 'scale', 'exposure', 'attention', 'stability', 'patterns', 'reasons', 'disposition', 'units', 'measures', 'rulePack', 'problems',
])

const readResults = (file: string, text: string, format: 'jsonl' | 'json', options: ReadLedgerOptions): LedgerRead => {
  const issues: Issue[] = []
  const records: LedgerRecord[] = []
  const patternLabels = options.patternLabels ?? createPatternLabels()
  const name = basename(file)
  const take = (value: unknown, line: number) => {
    const parsed = ResultSchema.safeParse(value)
    if (parsed.success) {
      records.push({ ...recordFromResult(parsed.data, null, { runDate: '', patternLabels }), row: line, deadline: null })
      return
    }
    const id = typeof value === 'object' && value !== null && typeof (value as { id?: unknown }).id === 'string' ? (value as { id: string }).id : null
    const where = format === 'jsonl' ? `第${line}行` : `第${line}个元素`
    issues.push({
      code: 'not-a-result',
      severity: 'warning',
      file: name,
      line,
      message: `${where}不是 chufei 的评分结果，按问题行统计`,
      messageEn: `${format === 'jsonl' ? 'line' : 'element'} ${line} is not a chufei result; counted as a problem row`,
    })
    records.push({ ...emptyRecord(), row: line, id, kind: 'rejected', status: 'problem', problems: '不是评分结果' })
  }
  let skipped = 0
  if (format === 'jsonl') {
    const lines = text.split(/\r?\n/)
    lines.forEach((line, i) => {
      if (line.trim() === '') {
        if (i < lines.length - 1) skipped += 1
        return
      }
      let value: unknown
      try {
        value = JSON.parse(line)
      } catch {
        value = undefined
      }
      take(value, i + 1)
    })
  } else {
    let value: unknown
    try {
      value = JSON.parse(text)
    } catch (e) {
      throw unreadable(file, 'JSON 格式错误', 'invalid JSON', undefined, e)
    }
    if (!Array.isArray(value)) throw unreadable(file, '应为评分结果数组', 'expected an array of results')
    value.forEach((v, i) => take(v, i + 1))
  }
  return { file, format, records, counts: { read: records.length + skipped, skipped }, fields: RESULT_FIELDS, issues }
}

/**
 * Reads a ledger: XLSX (the main sheet found by its header, with edits made on its views such as
 * 重点线索台账 merged in and the columns staff added kept), JSONL or JSON results.
 * @throws {ChufeiError} `UNREADABLE_INPUT` naming the file (and row) when it cannot be read as a ledger
 */
export const readLedger = async (input: LedgerInput, options: ReadLedgerOptions = {}): Promise<LedgerRead> => {
  const { bytes, name } = await loadBytes(input)
  const format = formatOf(name, bytes)
  if (format === null) throw unreadable(name, '不是 XLSX、JSONL 或 JSON 台账', 'not an XLSX, JSONL or JSON ledger')
  if (format === 'xlsx') return readXlsx(name, bytes, options)
  const text = new TextDecoder('utf-8').decode(bytes).replace(/^\uFEFF/, '')
  return readResults(name, text, format, options)
}

/**
 * Whether a file is a ledger (as opposed to an investigation sheet): an XLSX whose header has 预警等级,
 * or JSONL/JSON whose first record is a result (has `status`). Reads at most the first few rows.
 */
export const isLedgerFile = async (path: string): Promise<boolean> => {
  const ext = extname(path).toLowerCase()
  // A file too big to be a ledger is a sheet; the streaming sheet reader handles it.
  const info = await stat(path).catch(() => null)
  if (info === null || !info.isFile() || info.size > MAX_BYTES) return false
  if (ext === '.xlsx') {
    const { bytes } = await loadBytes(path)
    const wb = new (await loadExcelJS()).Workbook()
    try {
      await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer)
    } catch {
      return false
    }
    return findLedgerSheets(wb).length > 0
  }
  if (ext === '.jsonl' || ext === '.ndjson' || ext === '.json') {
    const { bytes } = await loadBytes(path)
    const text = new TextDecoder('utf-8').decode(bytes.subarray(0, 1 << 16)).replace(/^\uFEFF/, '')
    const first = /"(status|subject)"\s*:/.exec(text)
    return first?.[1] === 'status'
  }
  return false
}
