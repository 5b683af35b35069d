import type { Lang } from './labels'

/*
 * A sheet longer than Excel allows goes on in continuation sheets: 评分依据, then 评分依据（续2）, 评分依据（续3）…
 * (English: Scoring grounds, then Scoring grounds (cont. 2)…), each with the first sheet's header. Excel and WPS
 * load at most EXCEL_MAX_ROWS rows of a sheet and drop the rest without a word, so the writer splits before that,
 * and the reader (readLedger) joins the parts again. The names are made and recognised here, in one place.
 */

/**
 * Rows in one worksheet, the header included: 1,048,576 (by 16,384 columns). Microsoft, “Excel specifications
 * and limits”, Worksheet and workbook specifications: “Total number of rows and columns on a worksheet:
 * 1,048,576 rows by 16,384 columns” (https://support.microsoft.com/office/excel-specifications-and-limits-1672b34d-7043-467e-8e27-269d656771c3).
 * WPS has the same limit for .xlsx.
 */
export const EXCEL_MAX_ROWS = 1_048_576

/** Excel's longest sheet name. */
const MAX_SHEET_NAME = 31

/** The name of part `part` (2, 3, …) of sheet `base`; part 1 is `base` itself. Cut to fit 31 characters. */
export const continuationName = (base: string, part: number, lang: Lang): string => {
  if (part <= 1) return base
  const tail = lang === 'zh' ? `（续${part}）` : ` (cont. ${part})`
  // The tail is kept whole (it tells the parts apart); a long base gives way. Code points, so no half emoji.
  const room = Math.max(0, MAX_SHEET_NAME - tail.length)
  const head = Array.from(base)
  return (head.length > room ? head.slice(0, room).join('') : base) + tail
}

const CONTINUATION = /^(.*?)\s*(?:[（(]\s*续\s*(\d+)\s*[）)]|\(\s*cont\.?\s*(\d+)\s*\))$/i

/** The base name and part number of a continuation sheet's name (either language), or null. */
export const parseContinuation = (name: string): { readonly base: string; readonly part: number } | null => {
  const m = CONTINUATION.exec(name.trim())
  if (m === null) return null
  const part = Number(m[2] ?? m[3])
  return part >= 2 ? { base: m[1]!, part } : null
}

/** Whether sheet `name` continues sheet `first` (its base may have been cut to fit 31 characters). */
export const continues = (name: string, first: string): boolean => {
  const c = parseContinuation(name)
  if (c === null || c.base === '') return false
  const base = first.trim()
  return c.base === base || (Array.from(c.base).length >= 20 && base.startsWith(c.base))
}

/** A sheet split because it reached the row limit: which, into how many sheets, and its data rows in all. */
export interface ContinuedSheet {
  /** The first sheet's name. */
  readonly name: string
  /** The continuation sheets' names, in order. */
  readonly continuations: readonly string[]
  /** Data rows across all its sheets (headers not counted). */
  readonly rows: number
}
