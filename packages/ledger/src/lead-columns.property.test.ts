import fc from 'fast-check'
import type { Lead } from '@chufei/core'
import { describe, expect, it } from 'vitest'
import { LEAD_COLUMNS, leadColumnValues, readLeadField } from './lead-columns'
import { leadContext } from './ledger-item'

// Leads with any subset of the ledgered fields set (values of any shape: the ledger only copies them).
const value = fc.oneof(fc.string({ maxLength: 4 }), fc.integer(), fc.constant(null), fc.constant(undefined))
const lead = fc
  .tuple(fc.array(fc.tuple(fc.constantFrom(...LEAD_COLUMNS.map((c) => c.path)), value), { maxLength: 12 }), fc.string(), fc.option(fc.string()))
  .map(([fields, name, notes]) => {
    const out: Record<string, unknown> = { id: 'X', subject: { name } }
    if (notes !== null) out.notes = notes
    for (const [path, v] of fields) {
      const dot = path.indexOf('.')
      if (dot < 0) out[path] = v
      else ((out[path.slice(0, dot)] ??= {}) as Record<string, unknown>)[path.slice(dot + 1)] = v
    }
    return out as unknown as Lead
  })

describe('leadColumnValues (property)', () => {
  it('reads what readLeadField reads, in column order, null for unknown', () => {
    fc.assert(
      fc.property(lead, (l) => {
        const reference = Object.fromEntries(LEAD_COLUMNS.map((c) => [c.key, readLeadField(l, c.path) ?? null]))
        const values = leadColumnValues(l)
        expect(values).toEqual(reference)
        expect(Object.keys(values)).toEqual(Object.keys(reference))
      }),
      { numRuns: 500 },
    )
  })

  it('leadContext has the keys and values of the spread it replaced, in the same order', () => {
    fc.assert(
      fc.property(lead, (l) => {
        const reference = { ...leadColumnValues(l), name: l.subject.name, notes: l.notes ?? null }
        const context = leadContext(l)
        expect(context).toEqual(reference)
        expect(Object.keys(context)).toEqual(Object.keys(reference))
        expect(JSON.stringify(context)).toBe(JSON.stringify(reference))
      }),
      { numRuns: 500 },
    )
  })
})
