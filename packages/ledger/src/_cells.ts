/*
 * Cell values as exceljs gives them (text, numbers, Dates, rich text, formulas, hyperlinks) → plain
 * values, and the formula guard that makes written text inert in Excel/WPS.
 */

export type PlainCell = string | number | boolean | Date | null

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null

/** One exceljs cell value → a plain value. Formulas give their cached result, never their text. */
export const plainCell = (value: unknown): PlainCell => {
  if (value === null || value === undefined) return null
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value
  if (value instanceof Date) return value
  if (isRecord(value)) {
    if (Array.isArray(value.richText)) {
      return value.richText.map((p: unknown) => (isRecord(p) && typeof p.text === 'string' ? p.text : '')).join('')
    }
    if ('formula' in value || 'sharedFormula' in value) return plainCell(value.result)
    if (typeof value.text === 'string') return value.text
    if ('error' in value) return null
  }
  return null
}

const FORMULA_TRIGGERS = new Set(['=', '+', '-', '@', '\t', '\r', '\n', '＝', '＋', '－', '＠'])
const SKIPPED_LEADING = new Set([' ', '\u00a0', '\u3000'])

/** True when a spreadsheet could read the text as a formula (the same test as the CLI's guard). */
export const isFormulaLike = (text: string): boolean => {
  for (const ch of text) {
    if (SKIPPED_LEADING.has(ch)) continue
    return FORMULA_TRIGGERS.has(ch)
  }
  return false
}

/** Text a spreadsheet could run gets a leading `'`. */
export const neutralise = (text: string): string => (isFormulaLike(text) ? `'${text}` : text)

/** Undoes {@link neutralise} on read, so `'=x` written by chufei reads back as `=x`. */
export const unneutralise = (text: string): string => (text.startsWith("'") && isFormulaLike(text.slice(1)) ? text.slice(1) : text)

/** A cell as trimmed text ('' when empty). Dates become YYYY-MM-DD (exceljs gives them as UTC midnight). */
export const cellText = (cell: PlainCell): string => {
  if (cell === null) return ''
  if (cell instanceof Date) return Number.isNaN(cell.getTime()) ? '' : cell.toISOString().slice(0, 10)
  return unneutralise(String(cell)).trim()
}
