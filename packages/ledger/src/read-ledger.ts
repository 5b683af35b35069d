import { open, readFile, stat } from 'node:fs/promises'
import { basename, extname } from 'node:path'
import { ChufeiError, ResultSchema, type Issue } from '@chufei/core'
import type { LedgerField } from './ledger-columns'
import { joinContinuations } from './join-continuations'
import { HEADER_SCAN_ROWS, pickMainSheet, type ExtraColumn } from './ledger-sheets'
import { readXlsxLedgerSheets } from './read-ledger-xlsx'
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

// JSON and JSONL ledgers are read whole (an XLSX ledger is streamed, with its own bounds: read-ledger-xlsx.ts).
const MAX_JSON_BYTES = 64 * 1024 * 1024
const unreadable = (file: string, message: string, messageEn: string, line?: number, cause?: unknown): ChufeiError =>
  new ChufeiError('UNREADABLE_INPUT', `${file}：${message}`, {
    cause,
    issues: [{ code: 'unreadable-ledger', severity: 'error', file, message, messageEn, ...(line !== undefined ? { line } : {}) }],
  })

/** The file's first bytes (to tell a zip), or null when it is not a file. */
const fileHead = async (path: string): Promise<{ size: number; head: Uint8Array } | null> => {
  const info = await stat(path).catch(() => null)
  if (info === null || !info.isFile()) return null
  const file = await open(path, 'r')
  try {
    const head = new Uint8Array(4)
    const { bytesRead } = await file.read(head, 0, 4, 0)
    return { size: info.size, head: head.subarray(0, bytesRead) }
  } finally {
    await file.close()
  }
}

const loadBytes = async (path: string): Promise<Uint8Array> => {
  const info = await stat(path).catch(() => null)
  if (info === null || !info.isFile()) throw unreadable(path, '找不到该文件', 'file not found')
  if (info.size > MAX_JSON_BYTES) throw unreadable(path, '文件超过 64 MiB，不像是 JSON/JSONL 风险台账', 'file is larger than 64 MiB; not a JSON/JSONL ledger')
  return new Uint8Array(await readFile(path))
}

const formatOf = (name: string, head: Uint8Array): LedgerFormat | null => {
  const ext = extname(name).toLowerCase()
  if (ext === '.xlsx') return 'xlsx'
  if (ext === '.jsonl' || ext === '.ndjson') return 'jsonl'
  if (ext === '.json') return 'json'
  if (head[0] === 0x50 && head[1] === 0x4b) return 'xlsx'
  return null
}

const readXlsx = async (file: string, input: LedgerInput, options: ReadLedgerOptions): Promise<LedgerRead> => {
  const { names, sheets: found, rows: foundRows } = await readXlsxLedgerSheets(input, file)
  if (found.length === 0) {
    throw unreadable(
      file,
      `各工作表（${names.map((n) => `“${n}”`).join('、')}）前${HEADER_SCAN_ROWS}行中都找不到台账表头（需要“线索编号”和“预警等级”列）；如是排查表，请先用 chufei score 评分`,
      `no worksheet (${names.join(', ')}) has a ledger header in its first ${HEADER_SCAN_ROWS} rows (needs 线索编号 and 预警等级 columns)`,
      1,
    )
  }
  // A sheet continued past Excel's row limit (风险台账（续2）…) is read as the one sheet it was.
  const { sheets, rows } = joinContinuations(found, foundRows)
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
  const name = typeof input === 'string' ? input : input.name
  let head: Uint8Array
  if (typeof input === 'string') {
    const found = await fileHead(input)
    if (found === null) throw unreadable(input, '找不到该文件', 'file not found')
    head = found.head
  } else head = input.bytes.subarray(0, 4)
  const format = formatOf(name, head)
  if (format === null) throw unreadable(name, '不是 XLSX、JSONL 或 JSON 台账', 'not an XLSX, JSONL or JSON ledger')
  // An XLSX ledger is streamed from where it is (a file is not read into memory first).
  if (format === 'xlsx') return readXlsx(name, input, options)
  const bytes = typeof input === 'string' ? await loadBytes(input) : input.bytes
  const text = new TextDecoder('utf-8').decode(bytes).replace(/^\uFEFF/, '')
  return readResults(name, text, format, options)
}

/**
 * Whether a file is a ledger (as opposed to an investigation sheet): an XLSX whose header has 预警等级,
 * or JSONL/JSON whose first record is a result (has `status`). Reads at most the first few rows.
 */
export const isLedgerFile = async (path: string): Promise<boolean> => {
  const ext = extname(path).toLowerCase()
  const found = await fileHead(path)
  if (found === null) return false
  if (ext === '.xlsx') {
    // Only the zip directory and each sheet's first rows are read: a big sweep is told from a ledger cheaply.
    try {
      return (await readXlsxLedgerSheets(path, path, { headersOnly: true })).sheets.length > 0
    } catch {
      return false
    }
  }
  if ((ext === '.jsonl' || ext === '.ndjson' || ext === '.json') && found.size <= MAX_JSON_BYTES) {
    const text = new TextDecoder('utf-8').decode((await loadBytes(path)).subarray(0, 1 << 16)).replace(/^\uFEFF/, '')
    const first = /"(status|subject)"\s*:/.exec(text)
    return first?.[1] === 'status'
  }
  return false
}
