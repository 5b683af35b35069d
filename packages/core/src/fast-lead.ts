import { LEAD_FIELDS, type LeadFieldSpec } from './fields/lead-fields'
import type { ValueKind } from './fields/value-kinds'
import type { Lead } from './lead'

/*
 * The fast lead validator (线索快速校验): the lead schema, derived from the same field table, read by hand for
 * the common case — a plain object whose fields all fit. It either returns exactly what `LeadSchema.safeParse`
 * would return as data (same values, same keys in the same order, names trimmed), or `undefined`, and
 * then zod decides and explains. So it can never accept what zod rejects, and it is free to give up on
 * anything unusual (a prototype other than Object's, a wrong type, a bound crossed).
 * `fast-lead.property.test.ts` checks both on arbitrary JSON and on lead-like inputs.
 */

type Bag = Record<string, unknown>

/**
 * What one parse notes on the way; a fresh one per parse, so nothing is shared between calls (a
 * re-entrant or interleaved parse cannot see another's flags).
 */
interface ParseState {
  /**
   * True while `Object.prototype` has no enumerable property (it has none unless polluted): `for…in`
   * over a plain object then visits exactly its own enumerable keys, as `Object.keys` does, without
   * making an array.
   */
  readonly plainForIn: boolean
  /** False while only checking (see {@link viewLeadFast}): objects are not copied, changes are noted. */
  readonly copying: boolean
  /** Set when some object has keys beyond the fields found in it (unknown or undefined). */
  extraKeys: boolean
  /** Set while checking when some field's parsed value differs from the input's (a name that is trimmed). */
  changed: boolean
}

/** A field reader: the parsed value, or FAIL. `undefined` is a valid (absent) value. */
type Field = (v: unknown, state: ParseState) => unknown

const FAIL = Symbol('fail')

const plain = (v: unknown): v is Bag => {
  if (typeof v !== 'object' || v === null) return false
  const proto = Object.getPrototypeOf(v)
  return proto === Object.prototype || proto === null
}

const string = (max: number): Field => (v) => (typeof v === 'string' && v.length <= max ? v : FAIL)
const trimmed = (max: number): Field => (v) => {
  if (typeof v !== 'string') return FAIL
  const t = v.trim()
  return t.length >= 1 && t.length <= max ? t : FAIL
}
const count = (max: number): Field => (v) => (typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= max ? v : FAIL)
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

/** The reader of a value kind: the same limits its zod schema has (value-kinds.ts). */
const readerOf = (value: ValueKind): Field => {
  switch (value.kind) {
    case 'name':
      return trimmed(value.max)
    case 'text':
    case 'credit-code':
      return string(value.max)
    case 'enum':
      return oneOf(value.ids)
    case 'count':
      return count(value.max)
    case 'amount':
    case 'return':
      return number(value.max)
    case 'boolean':
      return boolean
    case 'date':
      return isoDate
  }
}

const noEnumerable = (o: object): boolean => {
  for (const _ in o) return false
  return true
}
/** `Object.keys(v).length`, counted without an array when that is safe. */
const countOwnKeys = (v: Bag, state: ParseState): number => {
  if (!state.plainForIn) return Object.keys(v).length
  let n = 0
  for (const _ in v) n++
  return n
}

/** One key of an object schema: its reader, and whether it must be present. */
interface Slot {
  readonly key: string
  readonly field: Field
  readonly required: boolean
}

/** An object schema: its fields in schema order. Undefined values never reach a field. */
const object = (slots: readonly Slot[]): Field => {
  const keys = slots.map((s) => s.key)
  const required = slots.map((s) => s.required)
  const fields = slots.map((s) => s.field)
  return (v, state) => {
    if (!plain(v)) return FAIL
    const out: Bag | undefined = state.copying ? {} : undefined
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
      const value = fields[i]!(raw, state)
      if (value === FAIL) return FAIL
      if (out) out[key] = value
      else if (value !== raw) state.changed = true
    }
    if (countOwnKeys(v, state) !== seen) state.extraKeys = true
    return out ?? v
  }
}

/** The lead's shape, from the field table: a group where its first field is, as LeadSchema has it. */
const buildLead = (): Field => {
  const order: string[] = []
  const leaves = new Map<string, Slot>()
  const groups = new Map<string, Slot[]>()
  for (const [path, spec] of Object.entries(LEAD_FIELDS) as [string, LeadFieldSpec][]) {
    const dot = path.indexOf('.')
    const slot: Slot = { key: path.slice(dot + 1), field: readerOf(spec.value), required: spec.required === true }
    if (dot < 0) {
      order.push(path)
      leaves.set(path, slot)
      continue
    }
    const name = path.slice(0, dot)
    if (!groups.has(name)) {
      order.push(name)
      groups.set(name, [])
    }
    groups.get(name)!.push(slot)
  }
  // A group is required when one of its fields is (subject, for its name).
  return object(order.map((key) => {
    const group = groups.get(key)
    return group ? { key, field: object(group), required: group.some((g) => g.required) } : leaves.get(key)!
  }))
}

const LEAD = buildLead()

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
  const state: ParseState = { plainForIn: noEnumerable(Object.prototype), copying: true, extraKeys: false, changed: false }
  const lead = LEAD(input, state)
  if (lead === FAIL) return undefined
  return { lead: lead as Lead, extraKeys: state.extraKeys }
}

/**
 * The input itself, as a lead, when every field of it reads exactly as in the lead zod would parse
 * (nothing to trim): the scorer then reads facts straight from the input and copies nothing. Undefined
 * when zod would reject it, or parse it into something that reads differently ({@link parseLeadFast}
 * decides then). Fields are read again later, so this is for data (JSON, sheet rows), whose properties
 * are plain values, not getters. `extraKeys` says whether the input had keys beyond its fields.
 */
export const viewLeadFast = (input: unknown): FastLead | undefined => {
  const state: ParseState = { plainForIn: noEnumerable(Object.prototype), copying: false, extraKeys: false, changed: false }
  const lead = LEAD(input, state)
  return lead === FAIL || state.changed ? undefined : { lead: lead as Lead, extraKeys: state.extraKeys }
}
