import type { Cell } from './types'

/*
 * exceljs hands a cell value as one of many shapes: plain values, shared/rich text, formulas with a
 * cached result, hyperlinks, errors. A sheet reader wants what the user sees in the cell, as a plain
 * value: this flattens every shape.
 */

type RichTextRun = { text?: unknown }

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null

/**
 * The plain value of an exceljs cell value: rich text joined, a formula's cached result, a hyperlink's
 * text, an error as its code (`#N/A`, so the row's value is reported unreadable rather than silently
 * blank). An empty string is `null`.
 */
export const flattenXlsxValue = (value: unknown): Cell => {
  if (value === null || value === undefined) return null
  if (typeof value === 'string') return value === '' ? null : value
  if (typeof value === 'number') return Number.isFinite(value) ? value : null
  if (typeof value === 'boolean') return value
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value
  if (!isRecord(value)) return null
  if (Array.isArray(value.richText)) {
    const text = (value.richText as RichTextRun[])
      .map((run) => (typeof run?.text === 'string' ? run.text : ''))
      .join('')
    return text === '' ? null : text
  }
  if ('formula' in value || 'sharedFormula' in value) return flattenXlsxValue(value.result)
  if ('error' in value) return typeof value.error === 'string' ? value.error : null
  if ('text' in value) return flattenXlsxValue(value.text) // hyperlink: { text, hyperlink }
  return null
}
