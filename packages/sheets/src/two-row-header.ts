import { matchHeaderRow } from './columns'
import type { RawRow } from './read-sheet-types'
import type { Cell, HeaderMatch } from './types'
import { isBlankCell } from './values/_text'

/*
 * Two-row headers (双行表头): a group row (`基本情况`, `涉众情况` merged across several columns) above the
 * field row, with the columns that have no sub-field (`线索编号`, `主体名称`) merged down over both rows.
 * Excel keeps a merged cell's text in its top-left cell only, so each row alone misses columns: the
 * group row has 线索编号 but not 涉及人数, the field row the reverse. Read together, a column takes the
 * field row's text where it has one and the group row's text otherwise.
 */

/** The two rows as one header row: the lower row's text where it has one, else the upper row's. */
const combine = (upper: readonly Cell[], lower: readonly Cell[]): Cell[] =>
  Array.from({ length: Math.max(upper.length, lower.length) }, (_, i) => (isBlankCell(lower[i]) ? (upper[i] ?? null) : lower[i]!))

const allText = (row: RawRow): boolean => row.cells.every((c) => c === null || typeof c === 'string') && (row.errors?.length ?? 0) === 0

/**
 * When `match` was found on `upper` and `lower` is the field row under it: the header of both rows.
 * `lower` counts as a field row only when it is all text, blank under every column `upper` binds (those
 * are merged down), and brings at least one field `upper` lacks — a data row has values under the id.
 */
export const withFieldRow = (upper: RawRow, match: HeaderMatch, lower: RawRow, extra?: Record<string, string>): HeaderMatch | null => {
  if (!allText(lower) || lower.cells.every(isBlankCell)) return null
  if (match.bindings.some((b) => (b.field === 'id' || b.field === 'subject.name') && !isBlankCell(lower.cells[b.index]))) return null
  const both = matchHeaderRow(combine(upper.cells, lower.cells), extra)
  if (both === null || both.bindings.length <= match.bindings.length) return null
  const fields = new Set(match.bindings.map((b) => b.field))
  return both.bindings.some((b) => !fields.has(b.field) && !isBlankCell(lower.cells[b.index])) ? both : null
}

/**
 * When `match` was found on `lower` and `upper` is the row right above: the header of both rows, if
 * `upper` holds recognised headers over columns `lower` leaves blank (merged down from `upper`).
 */
export const withGroupRow = (upper: RawRow, lower: RawRow, match: HeaderMatch, extra?: Record<string, string>): HeaderMatch | null => {
  if (upper.line !== lower.line - 1 || !allText(upper)) return null
  const both = matchHeaderRow(combine(upper.cells, lower.cells), extra)
  if (both === null || both.bindings.length <= match.bindings.length) return null
  // Only recognised headers are borrowed from above: a group label over blank columns is not a field.
  const borrowed = both.bindings.filter((b) => isBlankCell(lower.cells[b.index]))
  return borrowed.length > 0 ? both : null
}
