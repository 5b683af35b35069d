import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { FACT_NAMES, factReader } from './facts'
import { parseLeadFast, viewLeadFast } from './fast-lead'
import { LeadSchema, findUnknownLeadKeys } from './lead'
import { LEAD_FIELDS, type LeadFieldSpec } from './fields/lead-fields'
import type { ValueKind } from './fields/value-kinds'

/*
 * The fast lead validator must return exactly zod's data whenever it accepts, and on plain JSON-like
 * leads it must accept whenever zod does (else it would be no faster). Values sit on and around every
 * bound the schema has: lengths, counts, amounts, enum ids, calendar dates, white space around names.
 * The scorer's view (the input itself, no copy) must read every fact exactly as zod's data does, and is
 * refused only when a name or id would be trimmed.
 */

const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined, freq: 2 })
const junk = fc.oneof(fc.constant(null), fc.constant(undefined), fc.constant('x'), fc.constant(-1), fc.constant(1.5), fc.constant(true), fc.constant([]), fc.constant({}), fc.constant(Number.NaN))
const or = <T>(arb: fc.Arbitrary<T>) => fc.oneof({ weight: 40, arbitrary: arb }, { weight: 1, arbitrary: junk })
const edge = <T>(edges: fc.Arbitrary<T>, usual: fc.Arbitrary<T>) => fc.oneof({ weight: 1, arbitrary: edges }, { weight: 6, arbitrary: usual })
const count = or(edge(fc.constantFrom(0, -0, 1, 1e9, 1e9 + 1, 2 ** 53, -1, 0.5, Infinity), fc.nat(5000)))
const amount = (max: number) => or(edge(fc.constantFrom(0, -0, max, max * 1.0000001, -0.01, 0.18, Infinity, max * 2), fc.double({ min: 0, max, noNaN: true })))
const str = (max: number) => or(edge(fc.constantFrom('', ' ', '寿县', 'x'.repeat(max), 'x'.repeat(max + 1)), fc.string({ maxLength: 8 })))
const name = (max: number) => or(edge(fc.constantFrom('', '  ', ' 某合作社 ', '\u3000张三\u3000', '\ufeffA', ` ${'名'.repeat(max)} `, '名'.repeat(max + 1)), fc.string({ minLength: 1, maxLength: 6 })))
const enumOf = (ids: readonly string[]) => or(edge(fc.constantFrom('other-x', '', 'RURAL'), fc.constantFrom(...ids)))
const date = or(edge(
  fc.constantFrom('2024-02-29', '2023-02-29', '1900-02-29', '2000-02-29', '2024-04-31', '2024-12-31', '2024-13-01', '2024-00-10', '2024-01-00', '0000-01-01', '9999-12-31', '2024-1-01', '2024/01/01', '２０２４-01-01', '2024-01-01\n'),
  fc.tuple(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 })).map(([y, m, d]) => `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`),
))
const bool = or(fc.boolean())
const extra = fc.dictionary(fc.constantFrom('foo', 'totl', '__proto__', 'constructor', 'name'), fc.jsonValue(), { maxKeys: 2 })
const obj = <T extends Record<string, fc.Arbitrary<unknown>>>(fields: T) =>
  fc.tuple(fc.record(fields, { requiredKeys: [] }), fc.option(extra, { nil: undefined, freq: 12 })).map(([o, e]) => (e ? { ...o, ...JSON.parse(JSON.stringify(e)) } : o))

/** An arbitrary for each value kind, on and around its bounds. */
const valueOf = (value: ValueKind): fc.Arbitrary<unknown> => {
  switch (value.kind) {
    case 'name':
      return name(value.max)
    case 'text':
    case 'credit-code':
      return str(value.max)
    case 'enum':
      return enumOf(value.ids)
    case 'count':
      return count
    case 'amount':
    case 'return':
      return amount(value.max)
    case 'boolean':
      return bool
    case 'date':
      return date
  }
}

/** Lead-like objects with every field of the table (so a new field is covered when it is added). */
const leadLike = (() => {
  const top: Record<string, fc.Arbitrary<unknown>> = {}
  const groups = new Map<string, Record<string, fc.Arbitrary<unknown>>>()
  for (const [path, spec] of Object.entries(LEAD_FIELDS) as [string, LeadFieldSpec][]) {
    const dot = path.indexOf('.')
    if (dot < 0) {
      top[path] = valueOf(spec.value)
      continue
    }
    const group = path.slice(0, dot)
    if (!groups.has(group)) groups.set(group, {})
    groups.get(group)![path.slice(dot + 1)] = valueOf(spec.value)
  }
  for (const [group, fields] of groups) top[group] = group === 'subject' ? or(obj(fields)) : maybe(or(obj(fields)))
  return obj(top)
})()

const agrees = (input: unknown, complete: boolean) => {
  const zod = LeadSchema.safeParse(input)
  const fast = parseLeadFast(input)
  if (fast) {
    expect(zod.success).toBe(true)
    expect(fast.lead).toStrictEqual(zod.data)
    expect(Object.keys(fast.lead)).toEqual(Object.keys(zod.data!))
    if (!fast.extraKeys) expect(findUnknownLeadKeys(input)).toEqual([])
  } else if (complete) expect(zod.success).toBe(false)
  // The scorer's view: the input itself, read as zod's data reads (every fact), or nothing.
  const viewed = viewLeadFast(input)
  const view = viewed?.lead
  if (viewed && view) {
    const extra = viewed.extraKeys
    expect(view).toBe(input)
    expect(fast).toBeDefined()
    expect(extra).toBe(fast!.extraKeys)
    for (const fact of FACT_NAMES) expect(Object.is(factReader(fact)!(view), factReader(fact)!(zod.data!))).toBe(true)
  } else if (fast) expect(fast.lead.id !== (input as { id: unknown }).id || fast.lead.subject.name !== (input as { subject: { name: unknown } }).subject.name).toBe(true)
  return view !== undefined
}

describe('parseLeadFast ≡ LeadSchema', () => {
  it('on lead-like inputs: accepts exactly what zod accepts, with zod’s data', () => {
    let accepted = 0
    let viewed = 0
    fc.assert(
      fc.property(leadLike, (input) => {
        if (agrees(input, true)) viewed++
        if (parseLeadFast(input)) accepted++
      }),
      { numRuns: 4000 },
    )
    expect(accepted).toBeGreaterThan(150)
    expect(viewed).toBeGreaterThan(50)
  })

  it('on arbitrary JSON and arbitrary values: never accepts what zod rejects', () => {
    fc.assert(fc.property(fc.jsonValue(), (input) => void agrees(input, true)), { numRuns: 1000 })
    fc.assert(fc.property(fc.anything({ withObjectString: true, withNullPrototype: true, withMap: true, withDate: true }), (input) => void agrees(input, false)), { numRuns: 1000 })
  })

  it('counts own keys as Object.keys does, even with Object.prototype polluted', () => {
    const lead = { id: 'A1', subject: { name: '某合作社' }, sector: 'agriculture' }
    expect(parseLeadFast(lead)?.extraKeys).toBe(false)
    expect(viewLeadFast(lead)?.lead === lead && viewLeadFast(lead)!.extraKeys).toBe(false)
    const proto = Object.prototype as Record<string, unknown>
    try {
      proto.polluted = 1
      // for…in would now also visit the inherited key; the validator must not count it.
      expect(parseLeadFast(lead)?.extraKeys).toBe(false)
      expect(viewLeadFast(lead)?.lead === lead && viewLeadFast(lead)!.extraKeys).toBe(false)
      expect(parseLeadFast({ ...lead, unknown: 1 })?.extraKeys).toBe(true)
    } finally {
      delete proto.polluted
    }
  })

  it('leaves unusual objects to zod', () => {
    class Lead {
      id = 'A1'
      subject = { name: '某合作社' }
    }
    expect(parseLeadFast(new Lead())).toBeUndefined()
    expect(LeadSchema.safeParse(new Lead()).success).toBe(true)
    const inherited = Object.assign(Object.create({ sector: 'other' }), { id: 'A1', subject: { name: '某合作社' } })
    expect(parseLeadFast(inherited)).toBeUndefined()
    expect(viewLeadFast(inherited)).toBeUndefined()
    expect(viewLeadFast({ id: ' A1', subject: { name: '某合作社' } })).toBeUndefined()
  })
})
