export { run } from './run'
export type { RunIO } from './run'
export { scoreCommand } from './score-command'
export type { CommandIO, ScoreOptions } from './score-command'
export { scoreStream, leadContext } from './score-stream'
export type { HeaderEvent, LeadContext, LeadScorer, LedgerItem, ScoreStreamItem } from './score-stream'
export { EXIT_CODES, EXIT_FAILURE, EXIT_INTERRUPTED, EXIT_OK, EXIT_USAGE, exitCodeFor } from './exit-codes'
export type { ExitCode } from './exit-codes'
export { FORMULA_TRIGGERS, isFormulaLike, neutraliseCell, neutraliseFormula } from './formula-guard'
export { createAtomicFile, removeLiveTempFiles, tempPathFor } from './atomic-file'
export type { AtomicFile } from './atomic-file'
export { LEDGER_COLUMNS, LEDGER_KEYS, ledgerHeaders } from './ledger/ledger-columns'
export type { Lang, LedgerCell, LedgerColumn, LedgerKey, LedgerRow } from './ledger/ledger-columns'
export {
  STATUS_LABELS,
  createLedgerContext,
  formatReason,
  isKeyLead,
  ledgerStatus,
  rulePackLabel,
  toLedgerRow,
} from './ledger/ledger-row'
export type { LedgerContext, LedgerStatus, PackInfo } from './ledger/ledger-row'
export { OUTPUT_FORMATS, createLedgerWriter } from './ledger/ledger-writer'
export type { LedgerWriter, LedgerWriterOptions, OutputFormat } from './ledger/ledger-writer'
export { createTally } from './tally'
export type { Tally } from './tally'
