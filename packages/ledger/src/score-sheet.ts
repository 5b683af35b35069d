import { createStreamSummary, scoreRows, type Lead, type Result, type Scorer } from '@chufei/core'
import { readSheet, type ReadSheetOptions, type SheetInput } from '@chufei/sheets'
import { createPatternLabels, formatReason, type PatternLabels } from './labels'
import { leadColumnValues } from './lead-columns'
import { addDays, emptyRecord, initialStatus, isIsoDate, rulePackLabel, type LedgerRecord } from './record'

/*
 * A sheet scored on the fly: the same results `chufei score` writes, kept with the lead facts the
 * analysis needs (people, money, village, sector, region kind, source) that results do not carry.
 */

/** What a source of records holds besides the records. */
export interface SweepCounts {
  /** Data rows read: records + skipped. */
  readonly read: number
  readonly skipped: number
}

export interface ScoredSweep {
  readonly records: LedgerRecord[]
  readonly counts: SweepCounts
}

export interface RecordOptions {
  /** Start of the deadline when the lead has no 排查日期 (the run's date), YYYY-MM-DD. */
  readonly runDate: string
  readonly patternLabels?: PatternLabels
}

/** One result and its lead (null for rows the reader rejected) → a record. */
export const recordFromResult = (result: Result, lead: Lead | null, options: RecordOptions): LedgerRecord => {
  const labels = options.patternLabels ?? createPatternLabels()
  const problems = [...(result.status === 'rejected' ? result.errors : []), ...(result.warnings ?? [])].map((p) => p.message)
  const base: LedgerRecord = {
    ...emptyRecord(),
    row: result.line ?? null,
    id: result.id ?? lead?.id ?? null,
    kind: result.status,
    ...leadColumnValues(lead),
    village: lead?.region?.name?.trim() || null,
    status: initialStatus(result),
    // The sheet's own 备注 starts the ledger's, as in `chufei score`.
    notes: lead?.notes?.trim() ?? '',
    problems: problems.join('；'),
  }
  if (result.status === 'rejected') return base
  const start = isIsoDate(lead?.reportedAt) ? lead.reportedAt : options.runDate
  return {
    ...base,
    total: result.total,
    tier: result.tier,
    scores: result.scores,
    patterns: result.patterns,
    disposition: result.disposition,
    reasons: result.reasons.map((r) => formatReason(r, labels)),
    units: result.assignment.units,
    measures: result.assignment.measures,
    deadline: result.assignment.deadlineDays === null ? null : addDays(start, result.assignment.deadlineDays),
    rulePack: rulePackLabel(result.rulePack),
  }
}

/**
 * Reads a sheet and scores every row, in input order. A lead the scorer finds invalid becomes a rejected
 * record, as in `chufei score`; nothing is dropped.
 * @throws {ChufeiError} `UNREADABLE_INPUT` when the sheet cannot be read at all
 */
export const scoreSheet = async (
  input: SheetInput,
  scorer: Pick<Scorer, 'score' | 'scoreSync' | 'engineInfo' | 'pack'>,
  options: { runDate: string; read?: ReadSheetOptions },
): Promise<ScoredSweep> => {
  const recordOptions: RecordOptions = { runDate: options.runDate, patternLabels: createPatternLabels(scorer.pack.patterns) }
  const records: LedgerRecord[] = []
  const summary = createStreamSummary()
  for await (const item of scoreRows(readSheet(input, options.read), scorer, summary)) {
    if (item.kind === 'result') records.push(recordFromResult(item.result, item.lead, recordOptions))
  }
  return { records, counts: { read: summary.read, skipped: summary.skipped } }
}
