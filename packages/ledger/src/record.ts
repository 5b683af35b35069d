import { tierRank, type Disposition, type Label, type Result, type Scores, type Tier } from '@chufei/core'
import { emptyLeadColumns, type LeadColumnValues } from './lead-columns'

export { toWan } from './lead-columns'

/*
 * The unit of every analysis here: one row of a risk ledger (风险台账), whether it was just scored from a
 * sheet, read back from the XLSX ledger staff have been editing, or read from JSONL results. What the
 * source does not say stays null ("unknown is not zero"), so figures can say how many were not given.
 */

/** 状态 — where staff are with a lead. Staff type these in the XLSX ledger by hand. */
export const STAFF_STATUSES = {
  pending: { zh: '待处置', en: 'To handle' },
  'in-progress': { zh: '处置中', en: 'In progress' },
  resolved: { zh: '已化解', en: 'Resolved' },
  monitor: { zh: '持续监测', en: 'Monitoring' },
  problem: { zh: '问题行', en: 'Problem row' },
} as const satisfies Record<string, Label>

export type StaffStatus = keyof typeof STAFF_STATUSES

/**
 * A ledger row, normalised. The lead's columns (name, village, sector, credit code, people, money in
 * yuan, 排查日期…) are {@link LeadColumnValues}, from core's field table.
 */
export interface LedgerRecord extends LeadColumnValues {
  /** Where it came from: the ledger's worksheet row, or the sheet's 1-based line. */
  readonly row: number | null
  readonly id: string | null
  /** `scored`, or `rejected` (a 问题行: never assessed). */
  readonly kind: 'scored' | 'rejected'
  readonly total: number | null
  readonly tier: Tier | null
  readonly scores: Scores | null
  /** Pattern ids (a label when the ledger's label is not a known pattern). */
  readonly patterns: readonly string[]
  readonly disposition: Disposition | null
  /** 主要依据, as people read them. */
  readonly reasons: readonly string[]
  readonly units: readonly string[]
  readonly measures: string
  /** 整改时限, YYYY-MM-DD. */
  readonly deadline: string | null
  /** 状态; `statusText` keeps what staff typed when it is not one of {@link STAFF_STATUSES}. */
  readonly status: StaffStatus | null
  readonly statusText: string | null
  /** 备注, staff's notes. */
  readonly notes: string
  /** 规则版本: `name@version (hash12)`. */
  readonly rulePack: string | null
  /** 数据问题. */
  readonly problems: string
  /**
   * Columns staff added to an XLSX ledger (督办人, 联系电话…), by column key (see `ExtraColumn`), as typed:
   * carried to the next ledger in place. Absent when the source has none.
   */
  readonly extras?: ReadonlyMap<string, string | number | boolean | Date | null>
  /** Edits of this lead on two sheets that differ (重点线索台账 vs 风险台账), said in Chinese for 动态. */
  readonly conflicts?: readonly string[]
}

/** A record with every field unknown, to spread over. */
export const emptyRecord = (): LedgerRecord => ({
  row: null,
  id: null,
  kind: 'scored',
  ...emptyLeadColumns(),
  total: null,
  tier: null,
  scores: null,
  patterns: [],
  disposition: null,
  reasons: [],
  units: [],
  measures: '',
  deadline: null,
  status: null,
  statusText: null,
  notes: '',
  rulePack: null,
  problems: '',
})

/** 状态 of a freshly scored lead; staff move it on to 处置中/已化解 by hand. */
export type InitialStatus = Extract<StaffStatus, 'pending' | 'monitor' | 'problem'>

/**
 * 状态 of a freshly scored lead: a key lead (yellow and above), or any lead with a recommended action
 * other than monitoring, is 待处置 (someone must act); the rest are 持续监测. A rejected row is 问题行,
 * not 已排除: it was never assessed, so the sheet must be corrected and the row scored again.
 */
export const initialStatus = (result: Result): InitialStatus => {
  if (result.status === 'rejected') return 'problem'
  return tierRank(result.tier) >= tierRank('yellow') || result.disposition !== 'monitor' ? 'pending' : 'monitor'
}

/** Whether staff have marked the lead 已化解. */
export const isResolved = (r: Pick<LedgerRecord, 'status'>): boolean => r.status === 'resolved'

/** `default@2024.1.0 (3f2a9b1c0d4e)` — the same label the CLI writes in 规则版本. */
export const rulePackLabel = (pack: { name: string; version: string; hash: string }): string =>
  `${pack.name}@${pack.version} (${pack.hash.replace(/^sha256:/, '').slice(0, 12)})`

const pad = (n: number) => String(n).padStart(2, '0')

/** A Date as a local calendar date, YYYY-MM-DD. */
export const localIsoDate = (d: Date): string => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`

/** Adds whole days to a YYYY-MM-DD calendar date. */
export const addDays = (isoDate: string, days: number): string => {
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number]
  const t = new Date(Date.UTC(y, m - 1, d + days))
  return `${t.getUTCFullYear()}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())}`
}

/** The number of ASCII digits `s[from…to)`, or -1 if one is not a digit. */
const digitsAt = (s: string, from: number, to: number): number => {
  let n = 0
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i) - 48
    if (c < 0 || c > 9) return -1
    n = n * 10 + c
  }
  return n
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const

/**
 * Whether a string is a real YYYY-MM-DD date (proleptic Gregorian, years 0100–9999: `Date.UTC` reads years
 * 0–99 as 1900–1999, so those never were dates here). Read digit by digit — no regex, split or Date: every
 * lead of a sweep asks it for two or three cells, and the 1M-row XLSX ledger spent ≈ 4 % of its CPU here.
 */
export const isIsoDate = (s: unknown): s is string => {
  if (typeof s !== 'string' || s.length !== 10 || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45) return false
  const y = digitsAt(s, 0, 4)
  const m = digitsAt(s, 5, 7)
  const d = digitsAt(s, 8, 10)
  if (y < 100 || m < 1 || m > 12 || d < 1) return false
  const leap = y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0)
  return d <= (m === 2 && leap ? 29 : DAYS_IN_MONTH[m - 1]!)
}

/** A lead is overdue (逾期) when its 整改时限 has passed and staff have not marked it 已化解. */
export const isOverdue = (r: Pick<LedgerRecord, 'deadline' | 'status' | 'kind'>, today: string): boolean =>
  r.kind === 'scored' && r.deadline !== null && r.deadline < today && !isResolved(r)
