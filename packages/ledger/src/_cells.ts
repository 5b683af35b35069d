import { unneutraliseFormula } from './formula-guard'

/*
 * Cell values as exceljs gives them (text, numbers, Dates, rich text, formulas, hyperlinks) → plain
 * values, with chufei's formula guard quote taken off again.
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

/** A cell as trimmed text ('' when empty). Dates become YYYY-MM-DD (exceljs gives them as UTC midnight). */
export const cellText = (cell: PlainCell): string => {
  if (cell === null) return ''
  if (cell instanceof Date) return Number.isNaN(cell.getTime()) ? '' : cell.toISOString().slice(0, 10)
  return unneutraliseFormula(String(cell)).trim()
}
