/*
 * The risk ledger (风险台账) columns, in the order the town's ledger template uses. Headers are Chinese by
 * default; `--lang en` switches to the English ones. After 数据问题 come 备注 (for staff; prefilled with the
 * sheet's own 备注) and the lead facts `chufei stats`/`report` count and `chufei track` matches on; the
 * reader in @chufei/ledger (SCORE_LEDGER_FIELDS) expects exactly these columns, in this order.
 */

export type Lang = 'zh' | 'en'

export const LEDGER_KEYS = [
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

export type LedgerKey = (typeof LEDGER_KEYS)[number]

/** A ledger cell: numbers stay numbers (scores, people, 万元), text is text, null is an empty cell. */
export type LedgerCell = string | number | null

export type LedgerRow = Record<LedgerKey, LedgerCell>

export interface LedgerColumn {
  readonly key: LedgerKey
  readonly zh: string
  readonly en: string
  /** Column width in characters for XLSX (a CJK character counts about 2). */
  readonly width: number
}

export const LEDGER_COLUMNS: readonly LedgerColumn[] = [
  { key: 'id', zh: '线索编号', en: 'Lead ID', width: 14 },
  { key: 'name', zh: '主体名称', en: 'Subject', width: 30 },
  { key: 'village', zh: '所属村', en: 'Village', width: 14 },
  { key: 'sector', zh: '行业', en: 'Sector', width: 16 },
  { key: 'total', zh: '综合得分', en: 'Total', width: 10 },
  { key: 'tier', zh: '预警等级', en: 'Warning tier', width: 12 },
  { key: 'scale', zh: '涉众规模', en: 'Scale', width: 10 },
  { key: 'exposure', zh: '风险敞口', en: 'Exposure', width: 10 },
  { key: 'attention', zh: '舆论热度', en: 'Attention', width: 10 },
  { key: 'stability', zh: '涉稳隐患', en: 'Stability', width: 10 },
  { key: 'patterns', zh: '命中模式', en: 'Patterns', width: 28 },
  { key: 'reasons', zh: '主要依据', en: 'Main grounds', width: 60 },
  { key: 'disposition', zh: '处置建议', en: 'Disposition', width: 20 },
  { key: 'units', zh: '责任单位', en: 'Responsible units', width: 24 },
  { key: 'measures', zh: '整改措施', en: 'Measures', width: 40 },
  { key: 'deadline', zh: '整改时限', en: 'Deadline', width: 12 },
  { key: 'status', zh: '状态', en: 'Status', width: 10 },
  { key: 'rulePack', zh: '规则版本', en: 'Rule pack', width: 30 },
  { key: 'problems', zh: '数据问题', en: 'Data problems', width: 40 },
  { key: 'notes', zh: '备注', en: 'Notes', width: 30 },
  { key: 'creditCode', zh: '统一社会信用代码', en: 'Credit code', width: 22 },
  { key: 'regionKind', zh: '区域类型', en: 'Region kind', width: 12 },
  { key: 'source', zh: '线索来源', en: 'Source', width: 14 },
  { key: 'people', zh: '涉及人数', en: 'People', width: 10 },
  { key: 'raised', zh: '集资金额（万元）', en: 'Raised (10k yuan)', width: 14 },
  { key: 'outstanding', zh: '未兑付金额（万元）', en: 'Outstanding (10k yuan)', width: 14 },
  { key: 'reportedAt', zh: '排查日期', en: 'Reported on', width: 12 },
]

/** The header row in one language. */
export const ledgerHeaders = (lang: Lang): string[] => LEDGER_COLUMNS.map((c) => c[lang])
