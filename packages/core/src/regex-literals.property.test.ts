import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { MAX_LITERAL_SETS, requiredLiteralBranches, requiredLiteralPrefilter, requiredLiteralSets, requiredLiterals } from './regex-literals'
import { compilePackRegex } from './pack-regex'
import type { PackRegex } from './pack-regex'

/*
 * The law of the regex prefilter: whenever a pattern matches a text, the text contains one of the
 * pattern's required literals (or the analysis said nothing). Random patterns are built from literals,
 * escapes, classes, groups of every kind, alternation and quantifiers; texts from the same alphabet.
 */

const CHARS = ['a', 'b', '币', '托', '管', '养', '牛', '。', '%', '.', '1']
/** Patterns over `chars`: with few characters, matches of joined literals (托管, ab托) are frequent. */
const patternOf = (chars: readonly string[]): fc.Arbitrary<string> => {
const leaf: fc.Arbitrary<string> = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...chars) },
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
return pattern
}
const textOf = (chars: readonly string[]) => fc.array(fc.constantFrom(...chars), { maxLength: 12 }).map((xs) => xs.join(''))
const FEW = ['a', 'b', '托', '管']

// The oracle is the engine pack patterns run on (RE2): patterns it refuses (lookaround, `\\1`) are skipped.
const compiles = (source: string): PackRegex | undefined => {
  try {
    return compilePackRegex(source)
  } catch {
    return undefined
  }
}

describe('requiredLiterals', () => {
  it.each([
    ['many characters', patternOf(CHARS), textOf([...CHARS, '托管', '养牛', 'ab']), 400, 0, 0],
    ['few characters', patternOf(FEW), textOf(FEW), 400, 150, 0],
    // Two parts with a gap between them, as rule patterns are written: both parts' literals are needed.
    ['two parts', fc.tuple(patternOf(FEW), patternOf(FEW)).map(([a, b]) => `(?:${a})[^。]{0,3}(?:${b})`), textOf([...FEW, '。']), 400, 0, 100],
  ])('every match contains a required literal (%s)', (_, pattern, text, minAnalysed, minJoined, minConjunctions) => {
    let analysed = 0
    // Matches checked against literals of two or more characters (joined from adjacent items).
    let joinedChecked = 0
    // Matches checked against more than one set.
    let conjunctionsChecked = 0
    fc.assert(
      fc.property(pattern, fc.array(text, { minLength: 5, maxLength: 20 }), (source, texts) => {
        const re = compiles(source)
        if (!re) return
        const literals = requiredLiterals(source)
        const sets = requiredLiteralSets(source)
        expect(sets?.[0]).toEqual(literals)
        if (!literals || !sets) return
        analysed++
        expect(literals.length).toBeGreaterThan(0)
        expect(sets.length).toBeLessThanOrEqual(MAX_LITERAL_SETS)
        for (const t of texts) {
          if (!re.test(t)) continue
          // Every set holds, not only the first.
          for (const set of sets) expect(set.some((l) => t.includes(l)), `${source} on ${t}: ${JSON.stringify(set)}`).toBe(true)
          if (literals.every((l) => l.length > 1)) joinedChecked++
          if (sets.length > 1) conjunctionsChecked++
        }
      }),
      { numRuns: 3000 },
    )
    expect(analysed).toBeGreaterThan(minAnalysed)
    expect(joinedChecked).toBeGreaterThanOrEqual(minJoined)
    expect(conjunctionsChecked).toBeGreaterThanOrEqual(minConjunctions)
  })

  it('finds the literals of the default pack’s patterns', () => {
    expect(requiredLiterals('月息\\d+分')).toEqual(['月息'])
    expect(requiredLiterals('(?<![招投开评竞])标会')).toEqual(['标会'])
    expect(requiredLiterals('(?:^|[^招投开评竞])(标会)')).toEqual(['标会'])
    expect(requiredLiterals('(?:托管|代养)[^。]{0,6}(?:牛|羊)')).toEqual(['托管', '代养'])
    expect(requiredLiterals('a|b*')).toBeUndefined()
  })

  it('gives every set a match needs, the most selective first', () => {
    expect(requiredLiteralSets('(?:每月|每年)\\d+(?:利息|分红)')).toEqual([['每月', '每年'], ['利息', '分红']])
    expect(requiredLiteralSets('(?:托管|代养)[^。]{0,6}(?:牛|羊)')).toEqual([['托管', '代养'], ['牛', '羊']])
    // 管 is implied by 托管 and not kept as a set of its own.
    expect(requiredLiteralSets('托管+养')).toEqual([['托管'], ['管养']])
    // An alternation holds what every branch holds: one requirement of each branch, joined.
    expect(requiredLiteralSets('返\\d+%|承诺\\d+回报')).toEqual([['返', '承诺'], ['返', '回报'], ['%', '承诺'], ['%', '回报']])
    expect(requiredLiteralSets('(?:存进|存入)\\d+合作社|合作社的存单')).toEqual([['合作社', '合作社的存单'], ['存进', '存入', '合作社的存单']])
    expect(requiredLiteralSets('a\\db\\dc\\dd\\de\\df')).toHaveLength(MAX_LITERAL_SETS)
    expect(requiredLiteralSets('\\d+')).toBeUndefined()
  })

  it('joins adjacent items into longer literals', () => {
    expect(requiredLiterals('存(?:进|入)')).toEqual(['存进', '存入'])
    expect(requiredLiterals('(?:(?:钱|积蓄)存在|存(?:进|到|放在))')).toEqual(['钱存在', '积蓄存在', '存进', '存到', '存放在'])
    // The prefixes of a repeated item extend the run before it, its suffixes start the next run.
    expect(requiredLiterals('返(?:利|息)+%')).toEqual(['返利', '返息'])
    expect(requiredLiterals('(?:托|代)+管理')).toEqual(['托管理', '代管理'])
    expect(requiredLiterals('[ab]币')).toEqual(['a币', 'b币'])
    expect(requiredLiterals('[a-c]{2,12}币')).toEqual(['a币', 'b币', 'c币'])
    // A wide range is not expanded.
    expect(requiredLiterals('[一-龥]币')).toEqual(['币'])
    expect(requiredLiterals('[-a]币')).toEqual(['币'])
    // An optional item breaks the run: 存 and 入 need not be adjacent.
    expect(requiredLiterals('存了?入')).toEqual(['存'])
    // Past 64 strings a product is not taken: the run starts again from the item that did not fit.
    expect(requiredLiterals('[abcdefghij][abcdefghij]托管')).toEqual([...'abcdefghij'].map((c) => `${c}托管`))
    expect(requiredLiterals('\\d+')).toBeUndefined()
  })

  it('every match contains a literal of every set of some top-level branch', () => {
    // Branches with a gap inside, as rule patterns are written: `(?:a)…(?:b)|(?:c)…(?:d)`.
    const branch = fc.tuple(patternOf(FEW), patternOf(FEW)).map(([a, b]) => `(?:${a})[^。]{0,3}(?:${b})`)
    let checked = 0
    // Matching texts that hold a literal of every set of the whole, and those that hold no branch's sets (never).
    let sharper = 0
    fc.assert(
      fc.property(fc.array(fc.oneof(branch, patternOf(FEW)), { minLength: 2, maxLength: 4 }), fc.array(textOf([...FEW, '。']), { minLength: 5, maxLength: 20 }), (parts, texts) => {
        const source = parts.join('|')
        const re = compiles(source)
        const branches = requiredLiteralBranches(source)
        const whole = requiredLiteralSets(source)
        if (!re || !branches) return
        for (const t of texts) {
          const holds = (sets: readonly (readonly string[])[]) => sets.every((set) => set.some((l) => t.includes(l)))
          const someBranch = branches.some(holds)
          if (whole && holds(whole) && !someBranch) sharper++
          if (!re.test(t)) continue
          checked++
          expect(someBranch, `${source} on ${t}: ${JSON.stringify(branches)}`).toBe(true)
        }
      }),
      { numRuns: 3000 },
    )
    expect(checked).toBeGreaterThan(200)
    // The branch sets reject texts the whole's sets let through (else they would be worth nothing).
    expect(sharper).toBeGreaterThan(5)
  })

  it('gives each top-level branch its own sets', () => {
    expect(requiredLiteralBranches('买.{0,8}返利|排队.{0,8}返现')).toEqual([[['返利'], ['买']], [['排队'], ['返现']]])
    expect(requiredLiteralBranches('a|(b|c)d')).toEqual([[['a']], [['bd', 'cd']]])
    // One branch at the top (the alternation is inside a group) or a branch without literals: nothing.
    expect(requiredLiteralBranches('(?:a|b)c')).toBeUndefined()
    expect(requiredLiteralBranches('a|\\d+')).toBeUndefined()
  })

  it('requiredLiteralPrefilter is both analyses from one parse (the compiled engine uses it)', () => {
    const alternation = fc.array(patternOf(FEW), { minLength: 1, maxLength: 4 }).map((parts) => parts.join('|'))
    fc.assert(
      fc.property(fc.oneof(patternOf(CHARS), alternation), (source) => {
        expect(requiredLiteralPrefilter(source)).toEqual({ sets: requiredLiteralSets(source), branches: requiredLiteralBranches(source) })
      }),
      { numRuns: 1000 },
    )
  })
})
