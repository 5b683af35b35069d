import type { Cell } from '../types'
import { fail, ok, unknown, warn, type Parsed } from './_result'
import { cellText, compact, isUnknownMarker } from './_text'

/*
 * 统一社会信用代码 (unified social credit code), GB 32100-2015: 18 characters from
 * 0-9 and A-Z without I, O, S, V, Z; the last is a check character over the first 17. A bad code is a
 * warning and the value is kept: staff copy codes by hand, and the rest of the row still counts.
 */

const CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY'
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const
const VALUES: ReadonlyMap<string, number> = new Map([...CHARSET].map((c, i) => [c, i]))

/** The longest code kept (LeadSchema); longer text is not a code. */
const MAX_LENGTH = 64

/** The check character for the first 17 characters of a code, or `undefined` if one is not allowed. */
export const creditCodeCheckChar = (first17: string): string | undefined => {
  if (first17.length !== 17) return undefined
  let sum = 0
  for (let i = 0; i < 17; i++) {
    const v = VALUES.get(first17[i]!)
    if (v === undefined) return undefined
    sum += v * WEIGHTS[i]!
  }
  return CHARSET[(31 - (sum % 31)) % 31]
}

/** Whether `code` (already upper-case, half-width) is a valid unified social credit code. */
export const isValidCreditCode = (code: string): boolean =>
  code.length === 18 && creditCodeCheckChar(code.slice(0, 17)) === code[17]

/** Half-width, upper-case, no spaces or hyphens: how codes are compared and stored. */
export const normalizeCreditCode = (text: string): string => {
  const s = compact(text).toUpperCase()
  return s.includes('-') ? s.replaceAll('-', '') : s
}

/**
 * Reads a credit code. An invalid one is kept with an `invalid-credit-code` warning.
 * @param header the column header, for warning messages
 */
export const parseCreditCode = (cell: Cell, header?: string): Parsed<string> => {
  if (cell === null) return unknown()
  const raw = cellText(cell)
  const code = normalizeCreditCode(raw)
  if (isUnknownMarker(code) || code === '无') return unknown()
  if (code.length > MAX_LENGTH) return fail('value-too-long', cell, header, `超过${MAX_LENGTH}个字符，不是信用代码，按未知处理`)
  if (isValidCreditCode(code)) return ok(code)
  const reason =
    code.length !== 18
      ? `不是有效的统一社会信用代码（应为18位，实为${code.length}位），仍保留原值`
      : `不是有效的统一社会信用代码（校验位不符），仍保留原值`
  return { value: code, warning: warn('invalid-credit-code', cell, header, reason) }
}
