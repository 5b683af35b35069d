import type { Cell } from '../types'
import { ok, unknown, warn, type Parsed } from './_result'
import { cellText, compact, isUnknownMarker } from './_text'

/*
 * Free text (names, places, descriptions). Trimmed; `不详` / `-` / `/` are unknown; text longer than the
 * field allows is cut with a `value-too-long` warning rather than dropped.
 */

/**
 * Reads a text cell.
 * @param maxLength the field's limit in characters (UTF-16 code units, as LeadSchema counts)
 * @param header the column header, for warning messages
 */
export const parseText = (cell: Cell, maxLength: number, header?: string): Parsed<string> => {
  if (cell === null) return unknown()
  const text = cellText(cell).trim()
  if (text === '') return unknown()
  if (text.length <= 3 && isUnknownMarker(compact(text))) return unknown()
  if (text.length <= maxLength) return ok(text)
  let cut = text.slice(0, maxLength)
  // Do not leave half of a surrogate pair (an emoji, a rare character) at the end.
  const last = cut.charCodeAt(cut.length - 1)
  if (last >= 0xd800 && last <= 0xdbff) cut = cut.slice(0, -1)
  return { value: cut.trimEnd(), warning: warn('value-too-long', cell, header, `超过${maxLength}字，已截断`) }
}
