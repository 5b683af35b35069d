import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { FORMULA_TRIGGERS, isFormulaLike, neutraliseCell, neutraliseFormula, unneutraliseFormula } from './formula-guard'

const triggers = [...FORMULA_TRIGGERS]
const startsDangerously = (s: string) => s.length > 0 && FORMULA_TRIGGERS.has([...s][0]!)

/** The check as first written, by code point with the string iterator: the reference for the unit loop. */
const isFormulaLikeReference = (text: string): boolean => {
  for (const ch of text) {
    if (ch === ' ' || ch === '\u00a0' || ch === '\u3000') continue
    return FORMULA_TRIGGERS.has(ch)
  }
  return false
}

describe('isFormulaLike', () => {
  it('equals the code-point reference on any text, surrogates and lone halves included', () => {
    const unit = fc.oneof(fc.constantFrom(...triggers, ' ', '\u3000', '\u00a0', '𠀀', '\ud800', '\udc00', 'a', '线'), fc.string({ unit: 'binary', maxLength: 2 }))
    fc.assert(
      fc.property(fc.array(unit, { maxLength: 8 }), (parts) => {
        const s = parts.join('')
        expect(isFormulaLike(s)).toBe(isFormulaLikeReference(s))
      }),
      { numRuns: 2000 },
    )
  })
})

describe('neutraliseFormula', () => {
  it('never returns text that starts with a formula trigger', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (s) => {
        expect(startsDangerously(neutraliseFormula(s))).toBe(false)
      }),
    )
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        expect(startsDangerously(neutraliseFormula(s))).toBe(false)
      }),
    )
  })

  it('keeps a dangerous string whole after a single quote', () => {
    fc.assert(
      fc.property(fc.constantFrom(...triggers), fc.string(), (first, rest) => {
        const input = first + rest
        expect(neutraliseFormula(input)).toBe(`'${input}`)
      }),
    )
  })

  it('also guards a trigger hidden behind leading spaces', () => {
    fc.assert(
      fc.property(fc.constantFrom(' ', '\u3000', '\u00a0'), fc.constantFrom(...triggers), fc.string(), (sp, t, rest) => {
        const input = sp + t + rest
        expect(neutraliseFormula(input)).toBe(`'${input}`)
      }),
    )
  })

  it('leaves ordinary text alone, and is idempotent', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        const once = neutraliseFormula(s)
        expect(neutraliseFormula(once)).toBe(once)
        if (!startsDangerously(s.trimStart())) expect(once).toBe(s)
      }),
    )
    expect(neutraliseFormula('双桥镇某合作社')).toBe('双桥镇某合作社')
    expect(neutraliseFormula('＝1+1')).toBe("'＝1+1")
    expect(neutraliseFormula('-10%')).toBe("'-10%")
  })

  it('keeps numbers as numbers', () => {
    fc.assert(
      fc.property(fc.integer(), (n) => {
        expect(neutraliseCell(n)).toBe(n)
      }),
    )
    expect(neutraliseCell(null)).toBeNull()
  })

  it('is undone on read, except for text that already looked neutralised', () => {
    fc.assert(
      // Prefixes that reach every branch: plain text, a leading quote, a quoted trigger, a spaced trigger.
      fc.property(fc.constantFrom('', "'", "'=", ' +', '＝'), fc.string({ unit: 'grapheme' }), (prefix, rest) => {
        const s = prefix + rest
        const looksNeutralised = s.startsWith("'") && isFormulaLike(s.slice(1))
        if (!looksNeutralised) expect(unneutraliseFormula(neutraliseFormula(s))).toBe(s)
      }),
    )
    expect(unneutraliseFormula("'=SUM(A1)")).toBe('=SUM(A1)')
    expect(unneutraliseFormula("'abc")).toBe("'abc")
  })
})
