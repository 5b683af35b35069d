import type { Lead, Result } from '@chufei/core'
import { createPatternLabels, recordFromResult, type LedgerRecord, type PatternLabels, type StaffStatus, type SweepCounts } from '@chufei/ledger'
import type { Actor } from './actor'
import type { CaseStatus } from './case-status'
import type { Db } from './db'
import { assertPeriod, unitsToRead } from './_unit-scope'
import { storedResultSql } from './_stored-result'

/*
 * The summary report (风险排查总结报告) from the store: the leads of each unit's latest sweep in a period, as
 * the ledger records `computeStats` and the report renderer read — the same records `chufei report` makes
 * from a sheet, rebuilt from each lead's stored input and result, with the case's follow-up (status,
 * deadline, measures, notes) over the sweep's first assessment, because the case is where staff keep it.
 */

/** One sweep the report reads. */
export interface ReportSweep {
  readonly id: number
  readonly date: string
  readonly unit: string
  readonly fileName: string
}

/** What {@link latestSweepRecords} gives: records in sweep and sheet order, the counts, and the sweeps read. */
export interface StoreReportRecords {
  readonly records: LedgerRecord[]
  readonly counts: SweepCounts
  readonly sweeps: readonly ReportSweep[]
}

// How a case's status reads in a ledger's 状态 column. 已移送公安 has no ledger status: it is kept as typed.
const LEDGER_STATUS: Partial<Record<CaseStatus, StaffStatus>> = { 待核查: 'pending', 处置中: 'in-progress', 已化解: 'resolved', 已销号: 'resolved' }

interface Row {
  sweepId: number
  sweepDate: string
  unit: string
  fileName: string
  skipped: number
  input: Lead | null
  result: Result
  caseStatus: CaseStatus | null
  deadline: string | null
  measures: string | null
  notes: string | null
}

/**
 * The leads of the latest sweep dated from `from` to `to` of every unit the actor reads (or `unit` and
 * those under it), as ledger records. "Latest per unit" is per the lead's unit, so a village swept in a
 * town-wide sweep and again on its own is read once, from the later.
 * @throws {ChufeiError} `USAGE` for bad dates, `NOT_FOUND` for a unit out of scope
 */
export const latestSweepRecords = async (
  db: Db,
  actor: Actor,
  options: { from: string; to: string; unit?: number | string; patternLabels?: PatternLabels },
): Promise<StoreReportRecords> => {
  assertPeriod(options.from, options.to)
  const scope = await unitsToRead(db, actor, options.unit)
  const { rows } = await db.query<Row>(
    `WITH scoped AS (
       SELECT l.id, l.sweep_id, l.unit_id, l.line, s.sweep_date FROM leads l JOIN sweeps s ON s.id = l.sweep_id
       WHERE s.sweep_date BETWEEN $1::date AND $2::date AND ($3::int[] IS NULL OR l.unit_id = ANY($3::int[]))
     ), latest AS (
       SELECT DISTINCT ON (unit_id) unit_id, sweep_id FROM scoped ORDER BY unit_id, sweep_date DESC, sweep_id DESC
     )
     SELECT s.id AS "sweepId", s.sweep_date AS "sweepDate", su.name AS unit, s.file_name AS "fileName", s.rows_skipped AS skipped,
       l.input, ${storedResultSql()} AS result, c.status AS "caseStatus", c.deadline, c.measures, c.notes
     FROM scoped x JOIN latest USING (unit_id, sweep_id) JOIN leads l ON l.id = x.id JOIN sweeps s ON s.id = l.sweep_id
       JOIN units su ON su.id = s.unit_id LEFT JOIN cases c ON c.id = l.case_id
     ORDER BY s.sweep_date, s.id, l.line NULLS LAST, l.id`,
    [options.from, options.to, scope],
  )
  const labels = options.patternLabels ?? createPatternLabels()
  const sweeps = new Map<number, ReportSweep & { skipped: number }>()
  const records = rows.map((r) => {
    if (!sweeps.has(r.sweepId)) sweeps.set(r.sweepId, { id: r.sweepId, date: r.sweepDate, unit: r.unit, fileName: r.fileName, skipped: r.skipped })
    return withFollowUp(recordFromResult(r.result, r.input, { runDate: r.sweepDate, patternLabels: labels }), r)
  })
  // A sweep's skipped rows (blank lines, a table's foot) belong to no unit: a sweep read in part still counts them.
  const skipped = [...sweeps.values()].reduce((n, s) => n + s.skipped, 0)
  return { records, counts: { read: records.length + skipped, skipped }, sweeps: [...sweeps.values()].map(({ skipped: _s, ...s }) => s) }
}

/** The record with the case's follow-up over the sweep's assessment. */
const withFollowUp = (record: LedgerRecord, r: Row): LedgerRecord => {
  if (record.kind === 'rejected' || r.caseStatus === null) return record
  const status = LEDGER_STATUS[r.caseStatus] ?? null
  return {
    ...record,
    status,
    statusText: status === null ? r.caseStatus : null,
    // Once the police have a case the office's rectification deadline no longer runs: not overdue, as in the store.
    deadline: r.caseStatus === '已移送公安' ? null : r.deadline,
    measures: r.measures || record.measures,
    notes: r.notes || record.notes,
  }
}
