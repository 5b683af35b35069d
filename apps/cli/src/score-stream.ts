import {
  ChufeiError,
  rejectedResult,
  type Lead,
  type LeadWarning,
  type Result,
  type ScoredResult,
} from '@chufei/core'
import { leadColumnValues, type LeadColumnValues } from '@chufei/ledger'
import type { SheetEvent } from '@chufei/sheets'

/*
 * Scoring as a stream transform: sheet events in, results out, in input order. The command only sees
 * this function, so a worker-pool version (issue #5) can replace it without touching the writers.
 */

/** What `scoreStream` needs of a scorer; core's `Scorer` satisfies it. */
export interface LeadScorer {
  score(input: unknown, context?: { line?: number; warnings?: LeadWarning[] }): Promise<ScoredResult>
}

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

export type HeaderEvent = Extract<SheetEvent, { kind: 'header' }>

/** One output of {@link scoreStream}. Every data row yields exactly one `result` or `skipped`. */
export type ScoreStreamItem =
  | ({ readonly kind: 'result' } & LedgerItem)
  | { readonly kind: 'skipped'; readonly line: number; readonly reason: 'blank' | 'footer' }
  | { readonly kind: 'header'; readonly header: HeaderEvent }

/** Keeps only what the ledger needs of a lead. */
export const leadContext = (lead: Lead): LeadContext => ({
  ...leadColumnValues(lead),
  name: lead.subject.name,
  notes: lead.notes ?? null,
})

/** The item of a row that needs no scoring: the header, a skipped row, or a row the reader rejected. */
export const unscoredItem = (event: Exclude<SheetEvent, { kind: 'lead' }>): ScoreStreamItem => {
  switch (event.kind) {
    case 'header':
      return { kind: 'header', header: event }
    case 'skipped':
      return { kind: 'skipped', line: event.line, reason: event.reason }
    case 'rejected':
      return {
        kind: 'result',
        lead: null,
        result: rejectedResult(event.errors, { line: event.line, id: event.id, warnings: event.warnings }),
      }
  }
}

/**
 * Scores sheet events one by one, in order. A lead the scorer rejects as invalid (`INVALID_LEAD`) becomes
 * a rejected result, so the batch goes on and loses nothing; any other error is a bug and stops the run
 * (the atomic writer then leaves no half ledger).
 */
export async function* scoreStream(
  events: AsyncIterable<SheetEvent>,
  scorer: LeadScorer,
): AsyncGenerator<ScoreStreamItem> {
  for await (const event of events) {
    if (event.kind !== 'lead') {
      yield unscoredItem(event)
      continue
    }
    const lead = leadContext(event.lead)
    try {
      const result = await scorer.score(event.lead, { line: event.line, warnings: event.warnings })
      yield { kind: 'result', lead, result }
    } catch (e) {
      if (!(e instanceof ChufeiError) || e.code !== 'INVALID_LEAD') throw e
      yield {
        kind: 'result',
        lead,
        result: rejectedResult(e, { line: event.line, id: event.lead.id, warnings: event.warnings }),
      }
    }
  }
}
