import { describe, expect, it } from 'vitest'
import { addDays, isIsoDate, rulePackLabel, toWan } from './record'

describe('ledger cells from records', () => {
  it('adds days across month and year ends', () => {
    expect(addDays('2024-02-28', 2)).toBe('2024-03-01')
    expect(addDays('2023-12-31', 1)).toBe('2024-01-01')
    expect(addDays('2024-03-05', 0)).toBe('2024-03-05')
  })

  it('takes only real calendar dates as dates', () => {
    expect(isIsoDate('2024-02-29')).toBe(true)
    expect(isIsoDate('2023-02-29')).toBe(false)
    expect(isIsoDate('2024-3-5')).toBe(false)
  })

  it('labels a pack as name@version (12 hex chars)', () => {
    expect(rulePackLabel({ name: 'default', version: '2024.1.0', hash: 'sha256:3f2a9b1c0d4e5f60718293a4b5c6d7e8f9' })).toBe('default@2024.1.0 (3f2a9b1c0d4e)')
  })

  it('converts yuan to 万元 to the yuan, unknown staying unknown', () => {
    expect(toWan(1_234_567)).toBe(123.4567)
    expect(toWan(0)).toBe(0)
    expect(toWan(null)).toBeNull()
    expect(toWan(undefined)).toBeNull()
  })
})
