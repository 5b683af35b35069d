import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { canonicalJson, contentHash } from './hash'

/** The definition: keys sorted, undefined members dropped, every value written by JSON.stringify. */
const definition = (value: unknown): string => {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null'
  if (Array.isArray(value)) return `[${value.map(definition).join(',')}]`
  const record = value as Record<string, unknown>
  const entries = Object.keys(record)
    .sort()
    .filter((k) => record[k] !== undefined)
    .map((k) => `${JSON.stringify(k)}:${definition(record[k])}`)
  return `{${entries.join(',')}}`
}

const values = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.constantFrom(null, undefined, true, false, 0, -0, 1.5, Number.NaN, Number.POSITIVE_INFINITY),
    fc.string(),
    fc.array(tie('value')),
    fc.dictionary(fc.string(), tie('value')),
  ),
}))

describe('canonicalJson', () => {
  it('is the sorted-key JSON of any value, arrays of plain values and undefined members included', () => {
    fc.assert(
      fc.property(values.value, (value) => {
        expect(canonicalJson(value)).toBe(definition(value))
      }),
      { numRuns: 2000 },
    )
  })

  it('does not depend on key order', () => {
    expect(contentHash({ b: [1, 'x', null], a: { d: undefined, c: 2 } })).toBe(contentHash({ a: { c: 2 }, b: [1, 'x', null] }))
    expect(canonicalJson([undefined, 1])).toBe('[null,1]')
  })
})
