import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { requiredLiterals } from './regex-literals'
import { compilePackRegex } from './pack-regex'
import type { PackRegex } from './pack-regex'

/*
 * The law of the regex prefilter: whenever a pattern matches a text, the text contains one of the
 * pattern's required literals (or the analysis said nothing). Random patterns are built from literals,
 * escapes, classes, groups of every kind, alternation and quantifiers; texts from the same alphabet.
 */

const CHARS = ['a', 'b', '币', '托', '管', '养', '牛', '。', '%', '.', '1']
const leaf: fc.Arbitrary<string> = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...CHARS) },
  { weight: 1, arbitrary: fc.constantFrom('\\.', '\\d', '\\w', '\\b', '.', '^', '$', '\\%'.slice(1), '[ab]', '[^。]', '[a-b]', '[托管]', '\\p{L}', '\\1') },
)
const pattern: fc.Arbitrary<string> = fc.letrec((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leaf,
    fc.array(tie('node') as fc.Arbitrary<string>, { minLength: 1, maxLength: 4 }).map((xs) => xs.join('')),
    fc.tuple(tie('node') as fc.Arbitrary<string>, tie('node') as fc.Arbitrary<string>).map(([a, b]) => `${a}|${b}`),
    fc.tuple(fc.constantFrom('(', '(?:', '(?=', '(?!', '(?<=', '(?<!', '(?<g>'), tie('node') as fc.Arbitrary<string>).map(([open, x]) => `${open}${x})`),
    fc.tuple(tie('node') as fc.Arbitrary<string>, fc.constantFrom('*', '+', '?', '{0,2}', '{1,3}', '{2}', '+?', '{1,}')).map(([x, q]) => `(?:${x})${q}`),
  ),
})).node
const text = fc.array(fc.constantFrom(...CHARS, '托管', '养牛', 'ab'), { maxLength: 12 }).map((xs) => xs.join(''))

// The oracle is the engine pack patterns run on (RE2): patterns it refuses (lookaround, `\\1`) are skipped.
const compiles = (source: string): PackRegex | undefined => {
  try {
    return compilePackRegex(source)
  } catch {
    return undefined
  }
}

describe('requiredLiterals', () => {
  it('every match contains a required literal', () => {
    let analysed = 0
    fc.assert(
      fc.property(pattern, fc.array(text, { minLength: 1, maxLength: 6 }), (source, texts) => {
        const re = compiles(source)
        if (!re) return
        const literals = requiredLiterals(source)
        if (!literals) return
        analysed++
        expect(literals.length).toBeGreaterThan(0)
        for (const t of texts) {
          if (re.test(t)) expect(literals.some((l) => t.includes(l)), `${source} on ${t}: ${JSON.stringify(literals)}`).toBe(true)
        }
      }),
      { numRuns: 3000 },
    )
    expect(analysed).toBeGreaterThan(400)
  })

  it('finds the literals of the default pack’s patterns', () => {
    expect(requiredLiterals('月息\\d+分')).toEqual(['月息'])
    expect(requiredLiterals('(?<![招投开评竞])标会')).toEqual(['标会'])
    expect(requiredLiterals('(?:^|[^招投开评竞])(标会)')).toEqual(['标会'])
    expect(requiredLiterals('(?:托管|代养)[^。]{0,6}(?:牛|羊)')).toEqual(['托管', '代养'])
    expect(requiredLiterals('a|b*')).toBeUndefined()
    expect(requiredLiterals('\\d+')).toBeUndefined()
  })
})
