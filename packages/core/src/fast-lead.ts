import type { Lead } from './lead'
import {
  PRIOR_SANCTION_IDS,
  REGION_KIND_IDS,
  REPAYMENT_ABILITY_IDS,
  REPAYMENT_WILLINGNESS_IDS,
  SECTOR_IDS,
  SOURCE_IDS,
  SUBJECT_KIND_IDS,
} from './vocabulary'

/*
 * The fast lead validator (线索快速校验): the lead schema of lead.ts written out by hand for the common
 * case — a plain object whose fields all fit. It either returns exactly what `LeadSchema.safeParse`
 * would return as data (same values, same keys in the same order, names trimmed), or `undefined`, and
 * then zod decides and explains. So it can never accept what zod rejects, and it is free to give up on
 * anything unusual (a prototype other than Object's, a wrong type, a bound crossed).
 * `fast-lead.property.test.ts` checks both on arbitrary JSON and on lead-like inputs.
 */

type Bag = Record<string, unknown>

/** A field reader: the parsed value, or FAIL. `undefined` is a valid (absent) value. */
type Field = (v: unknown) => unknown

const FAIL = Symbol('fail')

const plain = (v: unknown): v is Bag => {
  if (typeof v !== 'object' || v === null) return false
  const proto = Object.getPrototypeOf(v)
  return proto === Object.prototype || proto === null
}

/** The fields `optional` wraps, so that an object (which handles undefined itself) calls them directly. */
const wrapped = new WeakMap<Field, Field>()
const optional = (field: Field): Field => {
  const f: Field = (v) => (v === undefined ? undefined : field(v))
  wrapped.set(f, field)
  return f
}
const string = (max: number): Field => (v) => (typeof v === 'string' && v.length <= max ? v : FAIL)
const trimmed = (max: number): Field => (v) => {
  if (typeof v !== 'string') return FAIL
  const t = v.trim()
  return t.length >= 1 && t.length <= max ? t : FAIL
}
const count: Field = (v) => (typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= 1e9 ? v : FAIL)
const number = (max: number): Field => (v) => (typeof v === 'number' && v >= 0 && v <= max ? v : FAIL)
const boolean: Field = (v) => (typeof v === 'boolean' ? v : FAIL)
const oneOf = (ids: readonly string[]): Field => {
  const set = new Set(ids)
  return (v) => (typeof v === 'string' && set.has(v) ? v : FAIL)
}

const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
const digit = (s: string, i: number): number => {
  const c = s.charCodeAt(i) - 48
  return c >= 0 && c <= 9 ? c : -1
}
/** `YYYY-MM-DD`, a day that exists in the proleptic Gregorian calendar (as `Date` reads it). */
const isoDate: Field = (v) => {
  if (typeof v !== 'string' || v.length !== 10 || v[4] !== '-' || v[7] !== '-') return FAIL
  const y0 = digit(v, 0)
  const y1 = digit(v, 1)
  const y2 = digit(v, 2)
  const y3 = digit(v, 3)
  const m0 = digit(v, 5)
  const m1 = digit(v, 6)
  const d0 = digit(v, 8)
  const d1 = digit(v, 9)
  if ((y0 | y1 | y2 | y3 | m0 | m1 | d0 | d1) < 0) return FAIL
  const year = y0 * 1000 + y1 * 100 + y2 * 10 + y3
  const month = m0 * 10 + m1
  const day = d0 * 10 + d1
  if (month < 1 || month > 12 || day < 1) return FAIL
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0)
  return day <= (month === 2 && leap ? 29 : DAYS[month - 1]!) ? v : FAIL
}

/** An object schema: its fields in schema order. */
type Shape = readonly (readonly [key: string, field: Field])[]

/**
 * True while `Object.prototype` has no enumerable property (it has none unless polluted): `for…in` over
 * a plain object then visits exactly its own enumerable keys, as `Object.keys` does, without making an
 * array. Checked at the start of every parse.
 */
let plainForIn = true
const noEnumerable = (o: object): boolean => {
  for (const _ in o) return false
  return true
}
/** `Object.keys(v).length`, counted without an array when that is safe. */
const countOwnKeys = (v: Bag): number => {
  if (!plainForIn) return Object.keys(v).length
  let n = 0
  for (const _ in v) n++
  return n
}

/** Set during a parse when some object has keys beyond the fields found in it (unknown or undefined). */
let extraKeys = false
/** False while only checking (see {@link viewLeadFast}): objects are not copied, changes are noted. */
let copying = true
/** Set while checking when some field's parsed value differs from the input's (a name that is trimmed). */
let changed = false

const object = (shape: Shape): Field => {
  const keys = shape.map(([key]) => key)
  const required = shape.map(([, field]) => field(undefined) === FAIL)
  // Undefined values never reach a field below, so an optional one is called without its wrapper.
  const fields = shape.map(([, field]) => wrapped.get(field) ?? field)
  return (v) => {
    if (!plain(v)) return FAIL
    const out: Bag | undefined = copying ? {} : undefined
    let seen = 0
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i]!
      const raw = v[key]
      if (raw === undefined) {
        if (required[i]) return FAIL
        // zod keeps a key that is present with the value undefined.
        if (out && key in v) out[key] = undefined
        continue
      }
      seen++
      const value = fields[i]!(raw)
      if (value === FAIL) return FAIL
      if (out) out[key] = value
      else if (value !== raw) changed = true
    }
    if (countOwnKeys(v) !== seen) extraKeys = true
    return out ?? v
  }
}

const shortText = string(500)
const text = string(20_000)

const LEAD = object([
  ['id', trimmed(200)],
  ['subject', object([
    ['name', trimmed(500)],
    ['kind', optional(oneOf(SUBJECT_KIND_IDS))],
    ['creditCode', optional(string(64))],
    ['registeredIn', optional(shortText)],
    ['operatesIn', optional(shortText)],
    ['addressChanges', optional(count)],
    ['executiveChanges', optional(count)],
  ])],
  ['sector', optional(oneOf(SECTOR_IDS))],
  ['region', optional(object([['name', optional(shortText)], ['kind', optional(oneOf(REGION_KIND_IDS))]]))],
  ['source', optional(oneOf(SOURCE_IDS))],
  ['people', optional(object([['total', optional(count)], ['elderly', optional(count)], ['vulnerable', optional(count)]]))],
  ['money', optional(object([['raised', optional(number(1e15))], ['outstanding', optional(number(1e15))], ['promisedReturn', optional(number(1000))]]))],
  ['attention', optional(object([['complaints', optional(count)], ['mediaReports', optional(count)], ['onlinePosts', optional(count)]]))],
  ['stability', optional(object([['gatherings', optional(count)], ['overdue', optional(boolean)], ['controllerMissing', optional(boolean)]]))],
  ['history', optional(object([['priorSanction', optional(oneOf(PRIOR_SANCTION_IDS))]]))],
  ['repayment', optional(object([['ability', optional(oneOf(REPAYMENT_ABILITY_IDS))], ['willingness', optional(oneOf(REPAYMENT_WILLINGNESS_IDS))]]))],
  ['text', optional(object([['description', optional(text)], ['promotion', optional(text)]]))],
  ['reporter', optional(shortText)],
  ['reportedAt', optional(isoDate)],
  ['notes', optional(text)],
])

/** What the fast validator accepted. */
export interface FastLead {
  readonly lead: Lead
  /** False when every key of the input (at every level) is a field with a value: no unknown keys. */
  readonly extraKeys: boolean
}

/**
 * The lead zod would parse from `input`, or undefined when zod has to decide (it may still accept).
 *
 * @example parseLeadFast({ id: ' A1 ', subject: { name: '某合作社' } })?.lead.id // 'A1'
 */
export const parseLeadFast = (input: unknown): FastLead | undefined => {
  extraKeys = false
  plainForIn = noEnumerable(Object.prototype)
  const lead = LEAD(input)
  if (lead === FAIL) return undefined
  return { lead: lead as Lead, extraKeys }
}

/**
 * The input itself, as a lead, when every field of it reads exactly as in the lead zod would parse
 * (nothing to trim): the scorer then reads facts straight from the input and copies nothing. Undefined
 * when zod would reject it, or parse it into something that reads differently ({@link parseLeadFast}
 * decides then). Fields are read again later, so this is for data (JSON, sheet rows), whose properties
 * are plain values, not getters. Whether the input had keys beyond its fields is then {@link fastLeadExtraKeys}.
 */
export const viewLeadFast = (input: unknown): Lead | undefined => {
  extraKeys = false
  plainForIn = noEnumerable(Object.prototype)
  changed = false
  copying = false
  try {
    const lead = LEAD(input)
    return lead === FAIL || changed ? undefined : (lead as Lead)
  } finally {
    copying = true
  }
}

/** Whether the input last given to {@link viewLeadFast} had keys beyond its fields (unknown or undefined). */
export const fastLeadExtraKeys = (): boolean => extraKeys
