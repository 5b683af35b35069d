import type { Label } from '@chufei/core'
import type { Lang } from './labels'

/*
 * The columns of the risk ledger (风险台账), in the order the town's ledger template uses — the one
 * definition every writer and the reader share. The first twenty-seven are what `chufei score` writes
 * (CSV and XLSX): the assessment, 备注 for staff, then the lead facts (credit code, region kind, source,
 * people, money in 万元, 排查日期) that stats and report count and track matches on. `chufei track`
 * writes the same columns, then 动态 and 上期预警等级. Every column is optional when reading: a ledger
 * from before the lead facts were written reads them as unknown.
 */

/** The fields `chufei score` writes, in order (up to 排查日期). */
export const SCORE_LEDGER_FIELDS = [
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
  'creditCode',
  'regionKind',
  'source',
  'people',
  'raised',
  'outstanding',
  'reportedAt',
] as const

export type ScoreLedgerField = (typeof SCORE_LEDGER_FIELDS)[number]

/** Every field of a ledger: the score ledger's, then what `chufei track` adds. */
export const LEDGER_FIELDS = [...SCORE_LEDGER_FIELDS, 'change', 'previousTier'] as const

export type LedgerField = (typeof LEDGER_FIELDS)[number]

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

// By field, so the type demands every column once; the order is LEDGER_FIELDS'.
const COLUMNS: { readonly [F in LedgerField]: Omit<LedgerColumnSpec<F>, 'field'> } = {
  id: { zh: '线索编号', en: 'Lead ID', width: 14, aliases: ['编号'] },
  name: { zh: '主体名称', en: 'Subject', width: 30 },
  village: { zh: '所属村', en: 'Village', width: 14, aliases: ['所属村（社区）'] },
  sector: { zh: '行业', en: 'Sector', width: 16, aliases: ['所属行业'] },
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
  creditCode: { zh: '统一社会信用代码', en: 'Credit code', width: 22, aliases: ['信用代码'] },
  regionKind: { zh: '区域类型', en: 'Region kind', width: 12 },
  source: { zh: '线索来源', en: 'Source', width: 14, aliases: ['来源'] },
  people: { zh: '涉及人数', en: 'People', width: 10 },
  raised: { zh: '集资金额（万元）', en: 'Raised (10k yuan)', width: 14, aliases: ['集资金额'] },
  outstanding: { zh: '未兑付金额（万元）', en: 'Outstanding (10k yuan)', width: 14, aliases: ['未兑付金额'] },
  reportedAt: { zh: '排查日期', en: 'Reported on', width: 12, date: true },
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

/** Sheet names of the ledger workbook. */
export const LEDGER_SHEET_NAMES = {
  main: { zh: '风险台账', en: 'Risk ledger' },
  key: { zh: '重点线索台账', en: 'Key leads' },
  gone: { zh: '上期线索（本轮未出现）', en: 'Previous leads not in this sweep' },
  reasons: { zh: '评分依据', en: 'Scoring grounds' },
  guide: { zh: '说明', en: 'About' },
} as const
