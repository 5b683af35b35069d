import { TIER_IDS, type Tier } from '@chufei/core'

/*
 * A case's status (处置状态) — the five words staff use. 待核查 and 处置中 are in hand; 已移送公安 (transferred
 * to the police), 已化解 (resolved) and 已销号 (closed off) leave the office's hands: they are never overdue,
 * and a lead that matches one later is resurfacing (卷土重来).
 */

export const CASE_STATUSES = ['待核查', '处置中', '已移送公安', '已化解', '已销号'] as const
export type CaseStatus = (typeof CASE_STATUSES)[number]

/** Statuses still in the office's hands. */
export const OPEN_STATUSES: readonly CaseStatus[] = ['待核查', '处置中']
/** Statuses that end the follow-up. */
export const CLOSED_STATUSES: readonly CaseStatus[] = ['已移送公安', '已化解', '已销号']

/** English names, for `--lang en`. */
export const CASE_STATUS_EN: Record<CaseStatus, string> = {
  待核查: 'To verify',
  处置中: 'In hand',
  已移送公安: 'Transferred to police',
  已化解: 'Resolved',
  已销号: 'Closed',
}

/** `'待核查', '处置中'` for SQL. */
export const OPEN_SQL = OPEN_STATUSES.map((s) => `'${s}'`).join(', ')
/** `'已移送公安', '已化解', '已销号'` for SQL. */
export const CLOSED_SQL = CLOSED_STATUSES.map((s) => `'${s}'`).join(', ')

/** Rank of a tier: 0 for none up to 4 for red. */
export const rankOf = (tier: string): number => {
  const i = TIER_IDS.indexOf(tier as Tier)
  return i < 0 ? -1 : TIER_IDS.length - 1 - i
}
