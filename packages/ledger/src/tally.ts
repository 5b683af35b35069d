import { DISPOSITION_IDS, type Disposition, type StreamSummary } from '@chufei/core'
import type { LedgerItem } from './ledger-item'

/*
 * The counts of the XLSX 统计 sheet (统计) beyond the stream's summary: scored rows by disposition, sector and
 * village. Counters only — the batch itself is never held in memory.
 */

/** Scored rows by disposition, sector and village; read, scored, rejected and by tier come from the stream's summary. */
export interface Breakdown {
  readonly byDisposition: Record<Disposition, number>
  /** Sector slug (or '' when unknown) → scored rows. */
  readonly bySector: Map<string, number>
  /** Village name (or '' when unknown) → scored rows. */
  readonly byVillage: Map<string, number>
}

/** The counts of the 统计 sheet: the stream's summary and the breakdown. */
export type Tally = StreamSummary & Breakdown

export const createBreakdown = (): Breakdown => ({
  byDisposition: Object.fromEntries(DISPOSITION_IDS.map((k) => [k, 0])) as Record<Disposition, number>,
  bySector: new Map(),
  byVillage: new Map(),
})

const bump = (map: Map<string, number>, key: string) => map.set(key, (map.get(key) ?? 0) + 1)

/** Counts one result row (rejected rows are not broken down). */
export const countItem = (breakdown: Breakdown, item: LedgerItem): void => {
  const { result } = item
  if (result.status === 'rejected') return
  breakdown.byDisposition[result.disposition] += 1
  bump(breakdown.bySector, item.lead?.sector ?? '')
  bump(breakdown.byVillage, item.lead?.village?.trim() ?? '')
}
