export { STAFF_STATUSES, emptyRecord, initialStatus, isResolved, isOverdue, rulePackLabel, localIsoDate, addDays, isIsoDate, toWan } from './record'
export type { InitialStatus, LedgerRecord, StaffStatus } from './record'
export { createPatternLabels, patternLabel, formatReason } from './labels'
export type { Lang, PatternLabels } from './labels'
export {
  LEDGER_FIELDS,
  LEDGER_COLUMN_SPECS,
  SCORE_LEDGER_FIELDS,
  SCORE_LEDGER_COLUMNS,
  LEDGER_SHEET_NAMES,
  ledgerHeaders,
} from './ledger-columns'
export type { LedgerField, LedgerColumnSpec, ScoreLedgerField } from './ledger-columns'
export { FORMULA_TRIGGERS, isFormulaLike, neutraliseCell, neutraliseFormula, unneutraliseFormula } from './formula-guard'
export { TIER_FILLS, fillTier, styleHeaderRow } from './xlsx-style'
export { recordFromResult, scoreSheet } from './score-sheet'
export type { RecordOptions, ScoredSweep, SweepCounts } from './score-sheet'
export { readLedger, isLedgerFile } from './read-ledger'
export type { LedgerFormat, LedgerInput, LedgerRead, ReadLedgerOptions } from './read-ledger'
export { parseLedgerDate } from './read-ledger-row'
export { computeStats } from './stats'
export type { Group, LeadSummary, Measure, Stats, StatsOptions, Totals } from './stats'
export { CHANGE_KINDS, CHANGE_LABELS, trackLeads, formatRows } from './track'
export type { ChangeKind, MatchedBy, TrackOptions, TrackResult, TrackedLead } from './track'
export { creditCodeKey, idKey, nameKey } from './match-key'
export { writeTrackedLedger } from './write-ledger'
export { formatNumber, formatWan, formatMeasure, formatShare } from './format'
export { deriveNextSteps } from './next-steps'
export type { NextStep } from './next-steps'
export { buildReportModel, TIER_COLORS } from './report-model'
export type { ReportInput, ReportModel } from './report-model'
export { renderReportHtml, renderReportModelHtml } from './report-html'
export { renderReportMarkdown, renderReportModelMarkdown } from './report-markdown'
export { barChartSvg } from './svg-chart'
export type { Bar, BarChartOptions, BarSegment } from './svg-chart'
export { escapeHtml, escapeMarkdown } from './escape'
export { formatStatsText } from './stats-text'
