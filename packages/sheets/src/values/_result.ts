import type { Cell } from '../types'
import { cellText } from './_text'

/**
 * Stable warning codes for values read from sheets. Messages are Chinese and name the column and the
 * raw value; codes are what programs match on.
 */
export const VALUE_WARNING_CODES = [
  'approximate-number',
  'range-lower-bound',
  'unreadable-number',
  'not-integer',
  'out-of-range',
  'unreadable-amount',
  'unreadable-return',
  'assumed-percent',
  'unreadable-boolean',
  'unreadable-date',
  'invalid-date',
  'unknown-value',
  'ambiguous-value',
  'invalid-credit-code',
  'value-too-long',
  'inconsistent',
] as const

export type ValueWarningCode = (typeof VALUE_WARNING_CODES)[number]

/** A problem with one value; the row converter adds the field path to make a `LeadWarning`. */
export interface ValueWarning {
  readonly code: ValueWarningCode
  /** Chinese, naming the column and the raw value. */
  readonly message: string
}

/**
 * What a value parser returns: the value (`undefined` = unknown) and at most one warning. Parsers never
 * throw on any input.
 */
export interface Parsed<T> {
  readonly value: T | undefined
  readonly warning?: ValueWarning
}

const UNKNOWN: Parsed<never> = Object.freeze({ value: undefined })

/** Unknown, no warning (blank, `不详`, `-`…). */
export const unknown = <T>(): Parsed<T> => UNKNOWN

export const ok = <T>(value: T): Parsed<T> => ({ value })

const MAX_SHOWN = 40

/** The raw value as shown in a message: trimmed and cut to a readable length. */
export const showRaw = (cell: Cell): string => {
  const text = cellText(cell).trim()
  return text.length > MAX_SHOWN ? `${text.slice(0, MAX_SHOWN)}…` : text
}

/** `“涉及人数”列的值“约300人”` — or `值“约300人”` when the column is not known. */
export const describe = (cell: Cell, header: string | undefined): string =>
  header ? `“${header}”列的值“${showRaw(cell)}”` : `值“${showRaw(cell)}”`

/** A warning about `cell`, with `reason` appended to the column/value description. */
export const warn = (code: ValueWarningCode, cell: Cell, header: string | undefined, reason: string): ValueWarning => ({
  code,
  message: `${describe(cell, header)}${reason}`,
})

/** Unknown, with a warning. */
export const fail = <T>(code: ValueWarningCode, cell: Cell, header: string | undefined, reason: string): Parsed<T> => ({
  value: undefined,
  warning: warn(code, cell, header, reason),
})
