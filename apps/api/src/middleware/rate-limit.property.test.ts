import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { createTokenBuckets } from './rate-limit'

describe('token buckets', () => {
  it('never allow more than burst + rate × elapsed requests, and allow at least the burst at once', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 20 }),
        fc.integer({ min: 1, max: 20 }),
        fc.array(fc.integer({ min: 0, max: 500 }), { maxLength: 200 }),
        (rate, burst, gaps) => {
          let clock = 0
          const buckets = createTokenBuckets({ ratePerSecond: rate, burst }, () => clock)
          let allowed = 0
          for (const gap of gaps) {
            clock += gap
            if (buckets.take('c') === 0) allowed++
            expect(allowed).toBeLessThanOrEqual(burst + (rate * clock) / 1000 + 1e-9)
          }
          const fresh = createTokenBuckets({ ratePerSecond: rate, burst }, () => 0)
          for (let i = 0; i < burst; i++) expect(fresh.take('c')).toBe(0)
          expect(fresh.take('c')).toBeGreaterThan(0)
        },
      ),
    )
  })

  it('forgets the least recently seen clients beyond maxClients, which only ever frees them', () => {
    const buckets = createTokenBuckets({ ratePerSecond: 1, burst: 1, maxClients: 2 }, () => 0)
    expect(buckets.take('a')).toBe(0)
    expect(buckets.take('a')).toBe(1)
    buckets.take('b')
    buckets.take('c')
    expect(buckets.take('a')).toBe(0)
  })
})
