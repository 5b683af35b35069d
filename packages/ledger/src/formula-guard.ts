/*
 * Formula injection (公式注入) guard for ledgers. Sheet cells come from anyone (a village clerk, a public
 * report), and a ledger cell that starts with `=` can run as a formula when a colleague opens the CSV/XLSX
 * in Excel or WPS. Every text cell of every ledger chufei writes (`chufei score`, `chufei track`) goes
 * through `neutraliseFormula`; the reader takes the quote off again with `unneutraliseFormula`.
 */

/**
 * Characters a spreadsheet may read as the start of a formula or DDE payload, including the full-width
 * forms a Chinese input method produces (WPS treats `＝` like `=`).
 */
export const FORMULA_TRIGGERS: ReadonlySet<string> = new Set(['=', '+', '-', '@', '\t', '\r', '\n', '＝', '＋', '－', '＠'])

// Spaces some spreadsheet programs skip before looking for `=` (ASCII space, no-break space, ideographic
// space) are skipped in isFormulaLike.

/**
 * True when a spreadsheet could read the text as a formula. By UTF-16 unit, not by code point: every
 * trigger and skipped space is one unit, and no unit of a surrogate pair is either (it runs for every text
 * cell of a ledger; the string iterator cost more than the rest of the check).
 */
export const isFormulaLike = (text: string): boolean => {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c === 0x20 || c === 0xa0 || c === 0x3000) continue
    return TRIGGER_UNITS.has(c)
  }
  return false
}

const TRIGGER_UNITS: ReadonlySet<number> = new Set([...FORMULA_TRIGGERS].map((t) => t.charCodeAt(0)))

/**
 * Makes a text cell inert: text that a spreadsheet could read as a formula gets a single leading quote
 * `'`, everything else is returned unchanged (so the quote only appears where it protects someone).
 *
 * @example neutraliseFormula('=HYPERLINK("http://x")') // "'=HYPERLINK(\"http://x\")"
 */
export const neutraliseFormula = (text: string): string => (isFormulaLike(text) ? `'${text}` : text)

/** A ledger cell value: numbers stay numbers, text is neutralised, null stays empty. */
export const neutraliseCell = <T extends string | number | Date | null>(value: T): T =>
  (typeof value === 'string' ? neutraliseFormula(value) : value) as T

/**
 * Undoes {@link neutraliseFormula} on read, so `'=x` written by chufei reads back as `=x`. Text that
 * already started with `'` before a trigger reads back without that quote: the ledger cannot tell the two apart.
 */
export const unneutraliseFormula = (text: string): string =>
  text.startsWith("'") && isFormulaLike(text.slice(1)) ? text.slice(1) : text
