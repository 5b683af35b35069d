import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { createScorer } from '../src/create-scorer'
import type { Scorer } from '../src/create-scorer'
import { safeParseRulePack } from '../src/rule-pack'
import { PACK_JSON, RULES_JSON, unitPackFiles } from './_pack'

/*
 * Pack regexes cannot freeze the scorer (issue 12, item 1). Patterns of the families that backtrack
 * catastrophically — nested counted quantifiers such as `((a{1,5}){1,5}){1,5}$` and `(.{1,10}){1,10}x`,
 * overlapping alternations such as `(a|aa)+$` — are generated and put in a pack; each is either refused
 * with a located issue or scored on a 10,000-character attack text in time within a constant factor of
 * a plain text of the same length, both measured here side by side (medians, so a busy machine cannot
 * fail it). On a backtracking engine the attack texts take longer than any test run.
 */

/** How much slower the attack text may score than the plain one. Measured worst: about 110 (`((a{1,5}){1,5}){1,5}$` on 10,000 a's). */
const FACTOR = 1000
const LENGTH = 10_000
const ROUNDS = 7

const PLAIN = '某某公司以托管代养名义向村民吸收资金，承诺年化收益百分之十二，目前已有部分群众反映逾期未兑付。'

/** A family member: the pattern, the character its attack repeats, and what ends the attack text. */
interface Hostile {
  readonly pattern: string
  readonly fill: string
  readonly literal: string
  readonly tail: string
}

const atom = fc.constantFrom('a', '.', '\\w', '[a-z]', '\\p{Han}', '[^。]')
const count = fc.integer({ min: 1, max: 9 })
const fillFor = (a: string) => (a === '\\p{Han}' || a === '[^。]' ? '的' : 'a')

const nested: fc.Arbitrary<Hostile> = fc
  .tuple(atom, count, count, count, fc.constantFrom('$', 'x', '!'), fc.boolean())
  .map(([a, k1, k2, k3, end, three]) => ({
    pattern: three ? `((${a}{1,${k1}}){1,${k2}}){1,${k3}}${end === '$' ? '$' : end}` : `(${a}{1,${k1}}){1,${k2}}${end === '$' ? '$' : end}`,
    fill: fillFor(a),
    literal: end === '$' ? '' : end,
    tail: end === '$' ? '!' : '',
  }))

const alternation: fc.Arbitrary<Hostile> = fc
  .tuple(fc.constantFrom('(a|aa)+', '(a|a?)+', '(\\w|\\d|a)+', '(a|ab|b)*', '(.*a){1,20}', '(?:a+)+', '(a*)*', '([a-z]+)*'), fc.constantFrom('$', 'x', 'y$'))
  .map(([body, end]) => ({ pattern: `${body}${end}`, fill: 'a', literal: end === '$' ? '' : end[0]!, tail: end === '$' ? '!' : '' }))

const packWith = (pattern: string) => {
  const rules = structuredClone(RULES_JSON) as { rules: unknown[] }
  rules.rules.push({ id: 'hostile', name: '构造的正则', conditions: { all: [{ fact: 'text.all', operator: 'matchesRegex', value: pattern }] }, event: { type: 'pattern', params: { pattern: 'rebate' } } })
  return safeParseRulePack(unitPackFiles(rules, PACK_JSON))
}

const lead = (description: string) => ({ id: 'H-1', subject: { name: '某某公司' }, text: { description } })

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!

/** Median times of scoring the attack and the plain text, interleaved so both see the same load. */
const timeSideBySide = async (scorer: Scorer, attack: string, plain: string): Promise<{ attack: number; plain: number }> => {
  const a: number[] = []
  const p: number[] = []
  for (let r = 0; r < ROUNDS; r++) {
    let t = performance.now()
    await scorer.score(lead(attack))
    a.push(performance.now() - t)
    t = performance.now()
    await scorer.score(lead(plain))
    p.push(performance.now() - t)
  }
  return { attack: median(a), plain: median(p) }
}

const check = async (h: Hostile, engine: 'compiled' | 'reference'): Promise<void> => {
  const loaded = packWith(h.pattern)
  if (!loaded.success) {
    // Refused at load (e.g. too complex once expanded): a located issue on the pattern.
    const issue = loaded.error.issues.find((i) => i.code.startsWith('regex-'))
    expect(issue, `${h.pattern}: ${JSON.stringify(loaded.error.issues)}`).toMatchObject({ file: 'rules.json', pointer: `/rules/${RULES_JSON.rules.length}/conditions/all/0/value` })
    return
  }
  const scorer = createScorer(loaded.data, { engine })
  // Both texts hold the pattern's literal, so the regex runs on both (the prefilter stops neither).
  const attack = (h.literal + h.fill.repeat(LENGTH)).slice(0, LENGTH - h.tail.length) + h.tail
  const plain = (h.literal + PLAIN.repeat(Math.ceil(LENGTH / PLAIN.length))).slice(0, LENGTH)
  const { attack: slow, plain: fast } = await timeSideBySide(scorer, attack, plain)
  expect(slow, `${h.pattern} (${engine}): attack ${slow.toFixed(1)} ms, plain ${fast.toFixed(1)} ms`).toBeLessThanOrEqual(FACTOR * Math.max(fast, 0.05))
}

describe('hostile pack regexes', () => {
  it('the reported patterns score a 10,000-character attack text like a plain one, on both engines', async () => {
    for (const pattern of ['((a{1,5}){1,5}){1,5}$', '(.{1,10}){1,10}x']) {
      for (const engine of ['compiled', 'reference'] as const) {
        await check({ pattern, fill: 'a', literal: pattern.endsWith('x') ? 'x' : '', tail: '' }, engine)
      }
    }
  })

  it('generated nested-quantifier and alternation families do too', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(nested, alternation), (h) => check(h, 'compiled')),
      { numRuns: 24 },
    )
  })
})
