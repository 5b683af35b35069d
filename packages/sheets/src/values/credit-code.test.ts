import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { creditCodeCheckChar, isValidCreditCode, parseCreditCode } from './credit-code'

const CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY'
const VALID = '91350100M000100Y43'

describe('unified social credit code (GB 32100-2015)', () => {
  it('accepts a valid code, normalising width, case and spaces', () => {
    expect(isValidCreditCode(VALID)).toBe(true)
    for (const raw of [VALID, VALID.toLowerCase(), '９１３５０１００Ｍ０００１００Ｙ４３', ' 9135 0100 M000 100Y43 ']) {
      expect(parseCreditCode(raw, '统一社会信用代码')).toEqual({ value: VALID })
    }
  })

  it('keeps a code with a wrong check character, with an invalid-credit-code warning', () => {
    const r = parseCreditCode('91350100M000100Y44', '统一社会信用代码')
    expect(r.value).toBe('91350100M000100Y44')
    expect(r.warning).toEqual({
      code: 'invalid-credit-code',
      message: '“统一社会信用代码”列的值“91350100M000100Y44”不是有效的统一社会信用代码（校验位不符），仍保留原值',
    })
  })

  it('keeps a code of the wrong length, with a warning', () => {
    const r = parseCreditCode('12345')
    expect(r.value).toBe('12345')
    expect(r.warning?.code).toBe('invalid-credit-code')
  })

  it('reads 不详 / - / 无 as unknown without a warning', () => {
    for (const raw of ['不详', '-', '无', '']) expect(parseCreditCode(raw)).toEqual({ value: undefined })
  })

  it('accepts every code with the computed check character and rejects every other check character', () => {
    const body = fc.array(fc.constantFrom(...CHARSET), { minLength: 17, maxLength: 17 }).map((a) => a.join(''))
    fc.assert(
      fc.property(body, fc.constantFrom(...CHARSET), (first17, other) => {
        const check = creditCodeCheckChar(first17)!
        expect(isValidCreditCode(first17 + check)).toBe(true)
        if (other !== check) expect(isValidCreditCode(first17 + other)).toBe(false)
      }),
    )
  })

  it('refuses letters outside the charset (I, O, S, V, Z)', () => {
    expect(creditCodeCheckChar('91350100M000100IO')).toBeUndefined()
  })
})
