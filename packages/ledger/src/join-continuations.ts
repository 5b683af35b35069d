import { continues, parseContinuation } from './sheet-continuation'
import type { LedgerSheet, RawLedgerRow } from './ledger-sheets'

/*
 * A ledger sheet past Excel's row limit was written as 风险台账, 风险台账（续2）, 风险台账（续3）… (and likewise
 * 重点线索台账). Read back, the parts are one sheet again: the first part's header and columns, then every
 * part's rows in part order (not tab order: a tab dragged elsewhere still goes where its name says). Rows are
 * numbered on from the part before, as if the sheet had never been split, so each row of the joined sheet has
 * its own number (conflicts and notes are keyed by it).
 */

/** Ledger sheets with their rows, continuation parts joined to their first sheet. */
export interface JoinedSheets {
  readonly sheets: LedgerSheet[]
  readonly rows: Array<Array<RawLedgerRow | null>>
  /** For each joined sheet, its parts' names in order (one name: not continued). */
  readonly parts: string[][]
}

/** Joins each continuation sheet (名称（续N）/ name (cont. N)) to the ledger sheet it continues. */
export const joinContinuations = (sheets: readonly LedgerSheet[], rows: ReadonlyArray<ReadonlyArray<RawLedgerRow | null>>): JoinedSheets => {
  const firstOf = sheets.map((sheet) => (parseContinuation(sheet.ws.name) === null ? -1 : sheets.findIndex((f) => f !== sheet && parseContinuation(f.ws.name) === null && continues(sheet.ws.name, f.ws.name))))
  const out: JoinedSheets = { sheets: [], rows: [], parts: [] }
  sheets.forEach((sheet, i) => {
    if (firstOf[i] !== -1) return
    const parts = sheets
      .map((s, j) => ({ s, j, part: parseContinuation(s.ws.name)?.part ?? 0 }))
      .filter(({ j }) => firstOf[j] === i)
      .sort((a, b) => a.part - b.part)
    const joined: Array<RawLedgerRow | null> = [...rows[i]!]
    for (const { j } of parts) {
      for (const raw of rows[j]!) joined.push(raw === null ? null : { ...raw, row: sheet.headerRow + 1 + joined.length })
    }
    out.sheets.push(sheet)
    out.rows.push(joined)
    out.parts.push([sheet.ws.name, ...parts.map(({ s }) => s.ws.name)])
  })
  return out
}
