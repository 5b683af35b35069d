import type { Label } from '@chufei/core'
import type { Lang } from './labels'
import { LEAD_COLUMNS, LEAD_TAIL_KEYS, type LeadColumnKey } from './lead-columns'

/*
 * The columns of the risk ledger (风险台账), in the order the town's ledger template uses — the one
 * definition every writer and the reader share. The first twenty-seven are what `chufei score` writes
 * (CSV and XLSX): the assessment, 备注 for staff, then the lead facts (credit code, region kind, source,
 * people, money in 万元, 排查日期) that stats and report count and track matches on. `chufei track`
 * writes the same columns, then 动态 and 上期预警等级. Every column is optional when reading: a ledger
 * from before the lead facts were written reads them as unknown. The columns that show a lead field
 * (主体名称, 所属村, 行业 and the facts after 备注) come from core's field table (lead-columns.ts); a new
 * field with a ledger column lands at the end of the facts.
 */

/** The fields `chufei score` writes, in order (up to the last lead fact). */
export const SCORE_LEDGER_FIELDS: readonly ScoreLedgerField[] = [
  'id',
  'name',
  'village',
  'sector',
  'total',
  'tier',
  'scale',
  'exposure',
  'attention',
  'stability',
  'patterns',
  'reasons',
  'disposition',
  'units',
  'measures',
  'deadline',
  'status',
  'rulePack',
  'problems',
  'notes',
  ...LEAD_TAIL_KEYS,
]

/** The assessment and staff columns (not lead fields). */
type AssessmentField =
  | 'id'
  | 'total'
  | 'tier'
  | 'scale'
  | 'exposure'
  | 'attention'
  | 'stability'
  | 'patterns'
  | 'reasons'
  | 'disposition'
  | 'units'
  | 'measures'
  | 'deadline'
  | 'status'
  | 'rulePack'
  | 'problems'
  | 'notes'

/** A column `chufei score` writes. */
export type ScoreLedgerField = AssessmentField | LeadColumnKey

/** Every field of a ledger: the score ledger's, then what `chufei track` adds. */
export const LEDGER_FIELDS: readonly LedgerField[] = [...SCORE_LEDGER_FIELDS, 'change', 'previousTier']

export type LedgerField = ScoreLedgerField | 'change' | 'previousTier'

/** One column: its Chinese and English headers (`zh`/`en`), and how it is written and read. */
export interface LedgerColumnSpec<F extends LedgerField = LedgerField> extends Label {
  readonly field: F
  /** Other headers accepted when reading. */
  readonly aliases?: readonly string[]
  /** Column width in characters for XLSX (a CJK character counts about 2). */
  readonly width: number
  /** A calendar date (YYYY-MM-DD): written to XLSX as a real Excel date with a date format. */
  readonly date?: true
}

type ColumnSpecs<F extends LedgerField> = { readonly [K in F]: Omit<LedgerColumnSpec<K>, 'field'> }

/** The lead columns' specs, from the field table (a date field is written as an Excel date). */
const LEAD_COLUMN_SPECS = Object.fromEntries(
  LEAD_COLUMNS.map(({ field, column: { key, zh, en, width, aliases } }) => [
    key,
    { zh, en, width, ...(aliases ? { aliases } : {}), ...(field.value.kind === 'date' ? { date: true } : {}) },
  ]),
) as ColumnSpecs<LeadColumnKey>

// By field, so the type demands every column once; the order is LEDGER_FIELDS'.
const COLUMNS: ColumnSpecs<LedgerField> = {
  ...LEAD_COLUMN_SPECS,
  id: { zh: '线索编号', en: 'Lead ID', width: 14, aliases: ['编号'] },
  total: { zh: '综合得分', en: 'Total', width: 10 },
  tier: { zh: '预警等级', en: 'Warning tier', width: 12 },
  scale: { zh: '涉众规模', en: 'Scale', width: 10 },
  exposure: { zh: '风险敞口', en: 'Exposure', width: 10 },
  attention: { zh: '舆论热度', en: 'Attention', width: 10 },
  stability: { zh: '涉稳隐患', en: 'Stability', width: 10 },
  patterns: { zh: '命中模式', en: 'Patterns', width: 28 },
  reasons: { zh: '主要依据', en: 'Main grounds', width: 60 },
  disposition: { zh: '处置建议', en: 'Disposition', width: 20 },
  units: { zh: '责任单位', en: 'Responsible units', width: 24 },
  measures: { zh: '整改措施', en: 'Measures', width: 40 },
  deadline: { zh: '整改时限', en: 'Deadline', width: 12, date: true },
  status: { zh: '状态', en: 'Status', width: 10, aliases: ['处置状态'] },
  rulePack: { zh: '规则版本', en: 'Rule pack', width: 30 },
  problems: { zh: '数据问题', en: 'Data problems', width: 40 },
  notes: { zh: '备注', en: 'Notes', width: 30, aliases: ['处置情况', '工作备注'] },
  change: { zh: '动态', en: 'Change', width: 16 },
  previousTier: { zh: '上期预警等级', en: 'Previous tier', width: 12 },
}

const columnsOf = <F extends LedgerField>(fields: readonly F[]): readonly LedgerColumnSpec<F>[] =>
  fields.map((field) => ({ field, ...COLUMNS[field] }))

/** Every column, in {@link LEDGER_FIELDS} order. */
export const LEDGER_COLUMN_SPECS: readonly LedgerColumnSpec[] = columnsOf(LEDGER_FIELDS)

/** The columns `chufei score` writes, in order (the first twenty-seven: up to 排查日期). */
export const SCORE_LEDGER_COLUMNS: readonly LedgerColumnSpec<ScoreLedgerField>[] = columnsOf(SCORE_LEDGER_FIELDS)

/** The header row of `columns` in one language. */
export const ledgerHeaders = (columns: readonly LedgerColumnSpec[], lang: Lang): string[] => columns.map((c) => c[lang])

/**
 * Sheet names of the ledger workbook. Excel and WPS take at most 31 characters (Microsoft, "Excel specifications
 * and limits"); `sheet-continuation.test.ts` holds every name to it.
 */
export const LEDGER_SHEET_NAMES = {
  main: { zh: '风险台账', en: 'Risk ledger' },
  key: { zh: '重点线索台账', en: 'Key leads' },
  gone: { zh: '上期线索（本轮未出现）', en: 'Earlier leads not in this sweep' },
  reasons: { zh: '评分依据', en: 'Scoring grounds' },
  guide: { zh: '说明', en: 'About' },
} as const

/**
 * The English name of the `gone` sheet before round 10: 32 characters, which exceljs cut to 31 when it wrote
 * the file (`Previous leads not in this swee`). Ledgers written then are still read as chufei's own list.
 */
export const LEGACY_GONE_SHEET_NAME = 'Previous leads not in this swee'
