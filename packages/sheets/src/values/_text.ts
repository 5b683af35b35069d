import type { Cell } from '../types'

/*
 * Text helpers shared by the value parsers. They run once per cell of sheets with a million rows, so
 * they avoid allocating when the input is already clean (the common case).
 */

/**
 * Full-width ASCII (`１２００`, `（`, `％`) to half-width, and the ideographic space to a space.
 * Returns the same string when there is nothing to convert.
 */
export const toHalfWidth = (s: string): string => {
  let i = 0
  for (; i < s.length; i++) {
    const c = s.charCodeAt(i)
    if ((c >= 0xff01 && c <= 0xff5e) || c === 0x3000) break
  }
  if (i === s.length) return s
  let out = s.slice(0, i)
  for (; i < s.length; i++) {
    const c = s.charCodeAt(i)
    if (c >= 0xff01 && c <= 0xff5e) out += String.fromCharCode(c - 0xfee0)
    else if (c === 0x3000) out += ' '
    else out += s[i]
  }
  return out
}

/** Whitespace of any kind (incl. NBSP, zero-width and BOM), as typed or pasted into cells. */
const isSpace = (c: number): boolean =>
  c === 0x20 ||
  (c >= 0x09 && c <= 0x0d) ||
  c === 0xa0 ||
  c === 0x3000 ||
  (c >= 0x2000 && c <= 0x200b) ||
  c === 0x2028 ||
  c === 0x2029 ||
  c === 0x202f ||
  c === 0x205f ||
  c === 0xfeff

/** Removes every whitespace character (`1 200`, ` 集资 金额 `). */
export const removeSpaces = (s: string): string => {
  let i = 0
  for (; i < s.length; i++) if (isSpace(s.charCodeAt(i))) break
  if (i === s.length) return s
  let out = s.slice(0, i)
  for (; i < s.length; i++) if (!isSpace(s.charCodeAt(i))) out += s[i]
  return out
}

/** Half-width, no whitespace: the form value parsers compare against. */
export const compact = (s: string): string => removeSpaces(toHalfWidth(s))

/** True when a cell holds nothing (null, empty or whitespace only). */
export const isBlankCell = (cell: Cell | undefined): boolean =>
  cell === null || cell === undefined || (typeof cell === 'string' && removeSpaces(cell) === '')

/**
 * Cell contents that mean "not known" (`不详`, `未知`, `-`, `/`…): the field is unknown, no warning.
 * Compared after {@link compact}.
 */
const UNKNOWN_MARKERS: ReadonlySet<string> = new Set([
  '',
  '不详',
  '未知',
  '不清楚',
  '不明',
  '待查',
  '待核实',
  '待核查',
  '不确定',
  '-',
  '--',
  '---',
  '/',
  '//',
  '\\',
  '—',
  '——',
  '–',
  '_',
  '.',
  '..',
  '...',
  '…',
  '……',
  '?',
  '??',
  'n/a',
  'N/A',
  'na',
  'NA',
  'null',
  'NULL',
  'none',
  'nan',
  'NaN',
  '#N/A',
])

/** Whether a compacted cell text means "unknown" (see {@link UNKNOWN_MARKERS}). */
export const isUnknownMarker = (compacted: string): boolean => UNKNOWN_MARKERS.has(compacted)

/** An ISO date `YYYY-MM-DD` from a Date's UTC parts (XLSX readers give dates at UTC midnight). */
export const isoDateFromUtc = (d: Date): string | undefined => {
  const t = d.getTime()
  if (Number.isNaN(t)) return undefined
  const y = d.getUTCFullYear()
  if (y < 1 || y > 9999) return undefined
  return `${String(y).padStart(4, '0')}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())}`
}

export const pad2 = (n: number): string => (n < 10 ? `0${n}` : String(n))

/** A cell as text for free-text fields and messages. */
export const cellText = (cell: Cell | undefined): string => {
  if (cell === null || cell === undefined) return ''
  if (typeof cell === 'string') return cell
  if (typeof cell === 'number') return Number.isFinite(cell) ? String(cell) : ''
  if (typeof cell === 'boolean') return cell ? '是' : '否'
  return isoDateFromUtc(cell) ?? ''
}

/**
 * Multiplies by 10^k through the decimal text of the number, so `1.2 × 10^4` is exactly 12000 and
 * `0.07 × 100` is exactly 7 (plain float multiplication gives 12000.000000000002 and 7.000000000000001).
 */
export const times10 = (v: number, k: number): number => {
  if (k === 0 || v === 0 || !Number.isFinite(v)) return v
  const s = String(v)
  const e = s.indexOf('e')
  if (e < 0) return Number(`${s}e${k}`)
  return Number(`${s.slice(0, e)}e${Number(s.slice(e + 1)) + k}`)
}

/** Rounds to `digits` significant digits, to strip float noise from rate arithmetic (0.02 × 12). */
export const roundSignificant = (v: number, digits: number): number =>
  v === 0 || !Number.isFinite(v) ? v : Number(v.toPrecision(digits))
