import { DISPOSITION_IDS, TIER_IDS, type Disposition, type Tier } from '@chufei/core'
import type { LedgerItem } from './score-stream'

/*
 * Counters of a run (统计): what the summary line and the XLSX 统计 sheet report. Counters only — the
 * batch itself is never held in memory.
 */

export interface Tally {
  /** Data rows read: scored + rejected + skipped. */
  read: number
  scored: number
  rejected: number
  skipped: number
  byTier: Record<Tier, number>
  byDisposition: Record<Disposition, number>
  /** Sector slug (or '' when unknown) → scored rows. */
  bySector: Map<string, number>
  /** Village name (or '' when unknown) → scored rows. */
  byVillage: Map<string, number>
}

const zeros = <K extends string>(keys: readonly K[]) => Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>

export const createTally = (): Tally => ({
  read: 0,
  scored: 0,
  rejected: 0,
  skipped: 0,
  byTier: zeros(TIER_IDS),
  byDisposition: zeros(DISPOSITION_IDS),
  bySector: new Map(),
  byVillage: new Map(),
})

const bump = (map: Map<string, number>, key: string) => map.set(key, (map.get(key) ?? 0) + 1)

/** Counts one result row. */
export const tallyResult = (tally: Tally, item: LedgerItem): void => {
  tally.read += 1
  const { result } = item
  if (result.status === 'rejected') {
    tally.rejected += 1
    return
  }
  tally.scored += 1
  tally.byTier[result.tier] += 1
  tally.byDisposition[result.disposition] += 1
  bump(tally.bySector, item.lead?.sector ?? '')
  bump(tally.byVillage, item.lead?.village?.trim() ?? '')
}

/** Counts one skipped row (blank or footer). */
export const tallySkipped = (tally: Tally): void => {
  tally.read += 1
  tally.skipped += 1
}
