import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { creditCodeCheckChar, isValidCreditCode } from './credit-code'

const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY'

describe('统一社会信用代码 check character (GB 32100-2015)', () => {
  it('accepts a published valid code, also typed full-width, lower-case or with spaces', () => {
    expect(isValidCreditCode('91350100M000100Y43')).toBe(true)
    expect(isValidCreditCode('９１３５０１００m000100y43')).toBe(true)
    expect(isValidCreditCode('91350100 M000100Y43')).toBe(true)
  })

  it('rejects a wrong check character, wrong length and letters outside the alphabet', () => {
    expect(isValidCreditCode('91350100M000100Y44')).toBe(false)
    expect(isValidCreditCode('91350100M000100Y4')).toBe(false)
    expect(isValidCreditCode('91350100M000100IO3')).toBe(false)
    expect(creditCodeCheckChar('12345')).toBeUndefined()
  })

  it('exactly one check character makes any 17-character body valid', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...ALPHABET), { minLength: 17, maxLength: 17 }), (chars) => {
        const body = chars.join('')
        const valid = [...ALPHABET].filter((c) => isValidCreditCode(body + c))
        expect(valid).toEqual([creditCodeCheckChar(body)])
      }),
    )
  })
})
