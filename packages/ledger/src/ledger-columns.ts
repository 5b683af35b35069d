import type { Label } from '@chufei/core'

/*
 * The columns of the XLSX risk ledger (风险台账). The first twenty-seven are what `chufei score --format xlsx`
 * writes (apps/cli/src/ledger/ledger-columns.ts — a CLI test keeps the two in step): the assessment, 备注
 * for staff, then the lead facts (credit code, region kind, source, people, money in 万元, 排查日期) that
 * stats and report count and track matches on. `chufei track` writes the same columns, then 动态 and
 * 上期预警等级. Every column is optional when reading: a ledger from before the lead facts were written
 * reads them as unknown.
 */

export const LEDGER_FIELDS = [
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
  'change',
  'previousTier',
] as const

export type LedgerField = (typeof LEDGER_FIELDS)[number]

export interface LedgerColumnSpec extends Label {
  readonly field: LedgerField
  /** Other headers accepted when reading. */
  readonly aliases?: readonly string[]
  readonly width: number
}

export const LEDGER_COLUMN_SPECS: readonly LedgerColumnSpec[] = [
  { field: 'id', zh: '线索编号', en: 'Lead ID', width: 14, aliases: ['编号'] },
  { field: 'name', zh: '主体名称', en: 'Subject', width: 30 },
  { field: 'village', zh: '所属村', en: 'Village', width: 14, aliases: ['所属村（社区）'] },
  { field: 'sector', zh: '行业', en: 'Sector', width: 16, aliases: ['所属行业'] },
  { field: 'total', zh: '综合得分', en: 'Total', width: 10 },
  { field: 'tier', zh: '预警等级', en: 'Warning tier', width: 12 },
  { field: 'scale', zh: '涉众规模', en: 'Scale', width: 10 },
  { field: 'exposure', zh: '风险敞口', en: 'Exposure', width: 10 },
  { field: 'attention', zh: '舆论热度', en: 'Attention', width: 10 },
  { field: 'stability', zh: '涉稳隐患', en: 'Stability', width: 10 },
  { field: 'patterns', zh: '命中模式', en: 'Patterns', width: 28 },
  { field: 'reasons', zh: '主要依据', en: 'Main grounds', width: 60 },
  { field: 'disposition', zh: '处置建议', en: 'Disposition', width: 20 },
  { field: 'units', zh: '责任单位', en: 'Responsible units', width: 24 },
  { field: 'measures', zh: '整改措施', en: 'Measures', width: 40 },
  { field: 'deadline', zh: '整改时限', en: 'Deadline', width: 12 },
  { field: 'status', zh: '状态', en: 'Status', width: 10, aliases: ['处置状态'] },
  { field: 'rulePack', zh: '规则版本', en: 'Rule pack', width: 30 },
  { field: 'problems', zh: '数据问题', en: 'Data problems', width: 40 },
  { field: 'notes', zh: '备注', en: 'Notes', width: 30, aliases: ['处置情况', '工作备注'] },
  { field: 'creditCode', zh: '统一社会信用代码', en: 'Credit code', width: 22, aliases: ['信用代码'] },
  { field: 'regionKind', zh: '区域类型', en: 'Region kind', width: 12 },
  { field: 'source', zh: '线索来源', en: 'Source', width: 14, aliases: ['来源'] },
  { field: 'people', zh: '涉及人数', en: 'People', width: 10 },
  { field: 'raised', zh: '集资金额（万元）', en: 'Raised (10k yuan)', width: 14, aliases: ['集资金额'] },
  { field: 'outstanding', zh: '未兑付金额（万元）', en: 'Outstanding (10k yuan)', width: 14, aliases: ['未兑付金额'] },
  { field: 'reportedAt', zh: '排查日期', en: 'Reported on', width: 12 },
  { field: 'change', zh: '动态', en: 'Change', width: 16 },
  { field: 'previousTier', zh: '上期预警等级', en: 'Previous tier', width: 12 },
]

/** The columns `chufei score` writes, in order (the first twenty-seven: up to 排查日期). */
export const SCORE_LEDGER_FIELDS: readonly LedgerField[] = LEDGER_FIELDS.slice(0, LEDGER_FIELDS.indexOf('reportedAt') + 1)

/** Sheet names of the ledger workbook. */
export const LEDGER_SHEET_NAMES = { main: { zh: '风险台账', en: 'Risk ledger' }, gone: { zh: '上期线索（本轮未出现）', en: 'Previous leads not in this sweep' } } as const
