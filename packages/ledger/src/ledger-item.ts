import type { Lead, RegionKind, Result, ResultItem, Sector, Source } from '@chufei/core'
import type { SheetEvent } from '@chufei/sheets'

/*
 * What a ledger row is made of (台账条目): a result of core's scoring stream (`scoreRows`) with the few lead
 * fields the ledger shows but the result does not carry. Every ledger writer and record builder takes this.
 */

/**
 * The lead fields the ledger shows but the result does not carry (kept per row, not per batch). The
 * facts after `reportedAt` let `chufei stats`/`report` count people and money and let `chufei track`
 * match a renumbered lead by its credit code; they are optional so a context built by hand without them
 * reads as "unknown" (blank cells), never as zero. {@link leadContext} always fills them.
 */
export interface LeadContext {
  readonly name: string
  readonly village: string | null
  readonly sector: Sector | null
  readonly reportedAt: string | null
  /** 统一社会信用代码. */
  readonly creditCode?: string | null
  /** 区域类型. */
  readonly regionKind?: RegionKind | null
  /** 线索来源. */
  readonly source?: Source | null
  /** 涉及人数. */
  readonly people?: number | null
  /** 集资金额, yuan. */
  readonly raised?: number | null
  /** 未兑付金额, yuan. */
  readonly outstanding?: number | null
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
export const leadContext = (lead: Lead): LeadContext => ({
  name: lead.subject.name,
  village: lead.region?.name ?? null,
  sector: lead.sector ?? null,
  reportedAt: lead.reportedAt ?? null,
  creditCode: lead.subject.creditCode ?? null,
  regionKind: lead.region?.kind ?? null,
  source: lead.source ?? null,
  people: lead.people?.total ?? null,
  raised: lead.money?.raised ?? null,
  outstanding: lead.money?.outstanding ?? null,
  notes: lead.notes ?? null,
})

/** A result of core's `scoreRows` over sheet leads → the ledger item (the lead cut down to {@link LeadContext}). */
export const ledgerItem = (item: ResultItem<Lead>): LedgerItem => ({
  result: item.result,
  lead: item.lead === null ? null : leadContext(item.lead),
})
