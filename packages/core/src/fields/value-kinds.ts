import * as z from 'zod'

/*
 * The kinds of value a lead field holds (值类型). A kind fixes the field's zod schema (and so its limits),
 * how the fast validator reads it, and how a sheet cell is read into it. The field table
 * (lead-fields.ts) gives each field one kind.
 */

/** A calendar date `YYYY-MM-DD` that exists (no 2024-02-30). */
const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'expected an ISO date YYYY-MM-DD' })
  .refine((s) => {
    const d = new Date(`${s}T00:00:00Z`)
    return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(s)
  }, { message: '日期不存在（no such date）' })

/** Required text that is trimmed: the id and the subject name. */
const name = <const M extends number>(max: M) => ({ kind: 'name', max, schema: z.string().trim().min(1).max(max) }) as const
/** Free text up to `max` UTF-16 code units, kept as written. */
const text = <const M extends number>(max: M) => ({ kind: 'text', max, schema: z.string().max(max) }) as const
/** One of a vocabulary's ids (vocabulary.ts). */
const oneOf = <const T extends readonly [string, ...string[]]>(ids: T) => ({ kind: 'enum', ids, schema: z.enum(ids) }) as const

/** The value kinds, by name. */
export const VALUE_KINDS = {
  name,
  text,
  oneOf,
  /** A whole number of people, times, posts: 0 to 10^9. */
  count: { kind: 'count', max: 1e9, schema: z.number().int().min(0).max(1e9) },
  /** Yuan, 0 to 10^15 (sheets write 万元; the reader converts). */
  amount: { kind: 'amount', max: 1e15, schema: z.number().finite().min(0).max(1e15) },
  /** Annualised fraction: 0.18 is 18%/year; at most 1000. */
  return: { kind: 'return', max: 1000, schema: z.number().finite().min(0).max(1000) },
  boolean: { kind: 'boolean', schema: z.boolean() },
  date: { kind: 'date', schema: isoDate },
  /** 统一社会信用代码 is 18 characters; the check digit is checked separately (a bad one is a warning). */
  creditCode: { kind: 'credit-code', max: 64, schema: z.string().max(64) },
} as const

/** What the table says about a field's value. */
export type ValueKind =
  | ReturnType<typeof name>
  | ReturnType<typeof text>
  | ReturnType<typeof oneOf>
  | (typeof VALUE_KINDS)['count' | 'amount' | 'return' | 'boolean' | 'date' | 'creditCode']

/** The name of a value kind: what a sheet reader switches on. */
export type ValueKindName = ValueKind['kind']
