import { scoreRows, type Result, type RowScorer, type StreamSummary } from '@chufei/core'
import { isKeyLead } from '@chufei/ledger'
import { readSheet, type ReadSheetOptions } from '@chufei/sheets'
import { subjectKeys, type SubjectKeys } from './_subject-keys'

/*
 * The rows of a sweep as the import stores them (导入的线索行): read from the sheet, scored by the one scoring
 * stream, and reduced to what the case linker decides on plus the lead and result already serialised as JSON.
 * The same code runs in the importing thread or in a worker thread beside the writes (_sweep-rows-worker.ts):
 * the JSON text crosses threads as a string, and the linker splices it into the insert without parsing it.
 */

/** Rows linked and written together: one lookup and one insert a table per batch. */
export const ROW_BATCH = 1000

/** The sheet of a sweep: its bytes, its file name (for the format and in messages) and how to read it. */
export interface SweepSource {
  readonly bytes: Uint8Array
  readonly fileName: string
  readonly read?: ReadSheetOptions
}

/** One row of a sweep, ready to link and store. */
export interface PreparedRow {
  readonly status: 'scored' | 'rejected'
  readonly line: number | null
  /** The row's 线索编号 as the result names it. */
  readonly leadRef: string | null
  /** Scored rows: the tier, total, disposition and the measures and deadline the pack assigns. */
  readonly tier: string | null
  readonly total: number | null
  readonly disposition: string | null
  readonly measures: string | null
  readonly deadlineDays: number | null
  /** A key lead (重点线索): `isKeyLead` of @chufei/ledger, the one definition. */
  readonly keyLead: boolean
  /** Rejected rows: every reason, joined (empty for a scored row). */
  readonly reason: string
  /** The subject's keys; null when the reader found no lead in the row. */
  readonly keys: SubjectKeys | null
  /** The lead's 排查日期 as given (the start of a new case's deadline), or null. */
  readonly reportedAt: string | null
  /**
   * The UTF-8 of `JSON.stringify` of the lead as read (`null` when none) and of the result as stored (without its
   * pack): views into one buffer a batch, which crosses from a worker thread without a copy.
   */
  readonly input: Uint8Array
  readonly result: Uint8Array
}

/** A row before its JSON is encoded (a batch is encoded into one buffer at once). */
type TextRow = Omit<PreparedRow, 'input' | 'result'> & { readonly inputJson: string; readonly resultJson: string }

/**
 * Encodes the rows' JSON into one buffer of its own (not Node's shared pool, so that it can be transferred) and
 * gives each row views of its lead and result in it.
 */
const encodeRows = (rows: readonly TextRow[]): PreparedRow[] => {
  let size = 0
  for (const row of rows) size += Buffer.byteLength(row.inputJson) + Buffer.byteLength(row.resultJson)
  const buffer = Buffer.allocUnsafeSlow(size)
  let at = 0
  return rows.map(({ inputJson, resultJson, ...facts }) => {
    const inputAt = at
    at += buffer.write(inputJson, at)
    const resultAt = at
    at += buffer.write(resultJson, at)
    return { ...facts, input: buffer.subarray(inputAt, resultAt), result: buffer.subarray(resultAt, at) }
  })
}

const reportedAtOf = (lead: unknown): string | null => {
  const value = (lead as { reportedAt?: unknown } | null)?.reportedAt
  return typeof value === 'string' ? value : null
}

/** A result and its lead as the import stores them. */
export const prepareRow = (result: Result, lead: unknown): PreparedRow => encodeRows([describeRow(result, lead)])[0]!

const describeRow = (result: Result, lead: unknown): TextRow => {
  const common = {
    line: result.line ?? null,
    leadRef: result.id ?? null,
    keys: lead === null || lead === undefined ? null : subjectKeys(lead),
    reportedAt: reportedAtOf(lead),
    inputJson: JSON.stringify(lead ?? null),
  }
  if (result.status === 'rejected') {
    const reason = result.errors.map((e) => e.message).join('；')
    return { ...common, resultJson: JSON.stringify(result), status: 'rejected', tier: null, total: null, disposition: null, measures: null, deadlineDays: null, keyLead: false, reason }
  }
  // The pack is the sweep's, stored once on it (_stored-result.ts), not in each result.
  const { rulePack: _pack, ...stored } = result
  const { tier, total, disposition, assignment } = result
  return { ...common, resultJson: JSON.stringify(stored), status: 'scored', tier, total, disposition, measures: assignment.measures, deadlineDays: assignment.deadlineDays, keyLead: isKeyLead(result), reason: '' }
}

/** The sweep's rows, read, scored and prepared in order, {@link ROW_BATCH} at a time; the counts go to `summary`. */
export async function* prepareSweepRows(source: SweepSource, scorer: RowScorer, summary: StreamSummary): AsyncGenerator<PreparedRow[]> {
  let batch: TextRow[] = []
  for await (const item of scoreRows(readSheet({ bytes: source.bytes, name: source.fileName }, source.read), scorer, summary)) {
    if (item.kind !== 'result') continue
    batch.push(describeRow(item.result, item.lead))
    if (batch.length >= ROW_BATCH) {
      yield encodeRows(batch)
      batch = []
    }
  }
  if (batch.length > 0) yield encodeRows(batch)
}
