/*
 * What an `opened` event (立案) records as its `after`: the case as it was opened and where it came from. An
 * import opens cases (_case-linker.ts) and a user opens one by hand (open-case.ts); both write this one shape,
 * which the history, the ledger sync and the event replay read back.
 */

/** The case as opened, and the lead it was opened for. */
export interface OpenedAfter {
  readonly tier: string
  readonly total: number
  readonly disposition: string
  readonly status: '待核查'
  readonly measures: string | null
  readonly deadline: string | null
  /** The lead's row in its sheet and its 线索编号. */
  readonly line: number | null
  readonly leadRef: string | null
  /** A closed case of the same subject this one resurfaces (卷土重来), and what matched it. */
  readonly resurfacedFrom?: number
  readonly matchedBy?: 'credit-code' | 'name' | 'controller'
  /** Opened by hand (人工立案): the stored lead, and the reason, kept as the case's notes. */
  readonly byHand?: true
  readonly leadId?: number
  readonly notes?: string
}

/** The `after` of an `opened` event, its optional parts present only when they apply. */
export const openedAfter = (
  opened: Pick<OpenedAfter, 'tier' | 'total' | 'disposition' | 'measures' | 'deadline' | 'line' | 'leadRef'> & {
    readonly resurfaced?: { readonly from: number; readonly matchedBy?: OpenedAfter['matchedBy'] } | null
    readonly byHand?: { readonly leadId: number; readonly reason: string }
  },
): OpenedAfter => ({
  tier: opened.tier,
  total: opened.total,
  disposition: opened.disposition,
  status: '待核查',
  measures: opened.measures,
  deadline: opened.deadline,
  ...(opened.byHand === undefined ? {} : { notes: opened.byHand.reason }),
  line: opened.line,
  leadRef: opened.leadRef,
  ...(opened.byHand === undefined ? {} : { leadId: opened.byHand.leadId, byHand: true as const }),
  ...(opened.resurfaced == null ? {} : { resurfacedFrom: opened.resurfaced.from, ...(opened.resurfaced.matchedBy === undefined ? {} : { matchedBy: opened.resurfaced.matchedBy }) }),
})
