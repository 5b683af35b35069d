import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { createKeyOrder } from './key-order'

describe('createKeyOrder', () => {
  it('gives the places back as a stable sort by total (highest first) then line, past its first growth', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 20 }), fc.double({ min: 0, max: 100, noNaN: true }), fc.integer({ min: 0, max: 50 })), { maxLength: 3000 }), (leads) => {
        const order = createKeyOrder()
        const places = leads.map(([length], i) => ({ start: i * 1000, length }))
        leads.forEach(([, total, line], i) => order.add(places[i]!, total, line))
        const expected = leads
          .map(([, total, line], i) => ({ place: places[i]!, total, line }))
          .sort((a, b) => b.total - a.total || a.line - b.line)
          .map((r) => r.place)
        expect(order.size).toBe(leads.length)
        expect([...order.sorted()]).toEqual(expected)
      }),
      { numRuns: 30 },
    )
  })
})
