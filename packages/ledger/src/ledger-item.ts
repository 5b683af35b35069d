import type { Lead, Result, ResultItem } from '@chufei/core'
import type { SheetEvent } from '@chufei/sheets'
import { leadColumnValues, type LeadColumnValues } from './lead-columns'

/*
 * What a ledger row is made of (台账条目): a result of core's scoring stream (`scoreRows`) with the few lead
 * fields the ledger shows but the result does not carry. Every ledger writer and record builder takes this.
 */

/**
 * The lead fields the ledger shows but the result does not carry (kept per row, not per batch): one per
 * ledger column of core's field table (name, village, sector, credit code, people, money in yuan…), and
 * the sheet's 备注. They are optional so a context built by hand without them reads as "unknown" (blank
 * cells), never as zero. {@link leadContext} always fills them.
 */
export type LeadContext = { readonly name: string } & Partial<LeadColumnValues> & {
  /** 备注 of the sheet row, the start of the ledger's 备注 column. */
  readonly notes?: string | null
}

/** A result with the lead fields the ledger needs (`lead` is null for rows rejected by the reader). */
export interface LedgerItem {
  readonly result: Result
  readonly lead: LeadContext | null
}

/** The header event of a sheet read (its unknown columns are data problems for the ledger). */
export type HeaderEvent = Extract<SheetEvent, { kind: 'header' }>

/** Keeps only what the ledger needs of a lead. */
export const leadContext = (lead: Lead): LeadContext => {
  // Set on the values object, not spread into a new one: same keys in the same order, one object less a row.
  const context = leadColumnValues(lead) as Record<string, unknown>
  context.name = lead.subject.name
  context.notes = lead.notes ?? null
  return context as LeadContext
}

/**
 * A result of core's `scoreRows` over sheet leads → the ledger item (the lead cut down to {@link LeadContext}).
 * The context is built when `lead` is first read, once: the JSON and JSONL writers never read it, and
 * building it for every row was ≈ 3 % of a JSONL run. `lead` is an own enumerable property (a getter), so
 * spreading or comparing an item sees the same value as before.
 */
export const ledgerItem = (item: ResultItem<Lead>): LedgerItem => {
  const source = item.lead
  if (source === null) return { result: item.result, lead: null }
  let lead: LeadContext | undefined
  return {
    result: item.result,
    get lead() {
      return (lead ??= leadContext(source))
    },
  }
}
