import type { Explanation } from '@chufei/core'
import { storeCall, type CaseView } from './store-client'

/*
 * Stored leads (入库线索) from the case store: one lead as its sheet gave it, why it scored as it did (with
 * the pack that scored it), and a sweep's leads a page at a time — for the case page and the try page.
 */

/** A pack as sweeps and results name it. */
export interface PackRef {
  readonly name: string
  readonly version: string
  readonly hash: string
}

/** What the API gives of every stored lead, in a sweep's list or alone: its row, number, status, tier, total, case. */
export interface StoredLeadRow {
  readonly id: number
  readonly line: number | null
  readonly leadRef: string | null
  readonly status: 'scored' | 'rejected'
  readonly tier: string | null
  readonly total: number | null
  readonly caseId: number | null
  readonly subject: string | null
}

/** `GET /v1/leads/{id}`. */
export interface StoredLead extends StoredLeadRow {
  readonly sweep: { readonly id: number; readonly date: string; readonly importedAt: string; readonly fileName: string; readonly pack: PackRef }
  readonly unit: string
  readonly input: Record<string, unknown> | null
  readonly result: Record<string, unknown>
}

/** `GET /v1/leads/{id}/explanation`. */
export interface LeadExplanation {
  readonly lead: { readonly id: number; readonly sweepId: number; readonly caseId: number | null; readonly line: number | null; readonly tier: string | null; readonly total: number | null }
  readonly scoredWith: PackRef
  readonly explainedWith: PackRef
  readonly samePack: boolean
  readonly matchesStored: boolean
  readonly explanation: Explanation
}

/** One row of `GET /v1/sweeps/{id}/leads`. */
export interface SweepLeadRow extends StoredLeadRow {
  readonly reason: string | null
}

/** One stored lead the session may read. */
export const fetchLead = (id: number): Promise<StoredLead> => storeCall(`/leads/${id}`)

/** Why a stored lead scored as it did. */
export const fetchLeadExplanation = (id: number): Promise<LeadExplanation> => storeCall(`/leads/${id}/explanation`)

/** A page of a sweep's scored leads, in sheet order; `search`: part of a subject's name or a lead number. */
export const fetchSweepLeads = (sweepId: number, offset: number, limit: number, search = ''): Promise<SweepLeadRow[]> =>
  storeCall(`/sweeps/${sweepId}/leads?rejected=false&offset=${offset}&limit=${limit}${search.trim() === '' ? '' : `&search=${encodeURIComponent(search.trim())}`}`)

/** Opens a case by hand (人工立案) for a lead of the total list; `deadline` empty: the disposition's days. */
export const openCaseForLead = (id: number, reason: string, deadline: string): Promise<CaseView> =>
  storeCall(`/leads/${id}/case`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(deadline.trim() === '' ? { reason } : { reason, deadline: deadline.trim() }),
  })
