import { isValidCreditCode } from '@chufei/core'
import type { Cell } from '../types'
import { fail, ok, unknown, warn, type Parsed } from './_result'
import { cellText, compact, isUnknownMarker } from './_text'

/*
 * 统一社会信用代码 (unified social credit code), GB 32100-2015: 18 characters from
 * 0-9 and A-Z without I, O, S, V, Z; the last is a check character over the first 17. A bad code is a
 * warning and the value is kept: staff copy codes by hand, and the rest of the row still counts.
 */

/** The longest code kept (LeadSchema); longer text is not a code. */
const MAX_LENGTH = 64

// The check-digit arithmetic lives in the core, which also checks codes in JSON leads.
export { creditCodeCheckChar, isValidCreditCode } from '@chufei/core'

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
