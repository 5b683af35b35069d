import { join } from 'node:path'
import fc from 'fast-check'
import { beforeAll, describe, expect, it } from 'vitest'
import { loadRulePack } from '../node/load-rule-pack'
import { createOperators } from '../operators'
import type { OperatorFn } from '../operators'
import { requiredLiteralSets } from '../regex-literals'
import { compilePackRegex } from '../pack-regex'
import { normaliseText } from '../normalise-text'
import type { RulePack } from '../rule-pack'
import { compilePredicate, createPredicateContext } from './fast-predicate'
import type { Predicate } from './fast-predicate'
import type { FactNode } from './plan'

/*
 * The compiled `matchesRegex` condition runs RE2 only on texts holding a literal of every set the prefilter
 * found (regex-literals.ts), and the operator only where RE2 matches. This holds it to the operator itself
 * (the reference: RE2 on every text, with the negation analysis) for every pattern of the default pack, on
 * texts built from the pieces that decide: each pattern's literals, the pack's negation cues and breaks,
 * digits, % and filler. Several patterns share one context, so each text is scanned once for all of them,
 * as in a scorer.
 */

const RULES = join(__dirname, '../../../../rules')

/** Every `matchesRegex` pattern of the pack, with the fact it reads. */
const regexConditions = (pack: RulePack): { fact: string; source: string }[] => {
  const found = new Map<string, { fact: string; source: string }>()
  JSON.stringify([pack.conditions, pack.rules], (_, v: unknown) => {
    const c = v as { operator?: unknown; value?: unknown; fact?: unknown } | null
    if (c && c.operator === 'matchesRegex' && typeof c.value === 'string' && typeof c.fact === 'string') {
      found.set(`${c.fact}\u0000${c.value}`, { fact: c.fact, source: c.value })
    }
    return v
  })
  return [...found.values()]
}

describe('the compiled matchesRegex condition', () => {
  let pack: RulePack
  beforeAll(async () => {
    // No skip when rules/ is missing: loading fails, and so does the suite.
    pack = await loadRulePack(RULES)
  })

  it('answers as the operator on every pattern of the default pack', () => {
    const conditions = regexConditions(pack)
    expect(conditions.length).toBeGreaterThan(20)
    const { matcher: _matcher, ...operators } = createOperators(pack.config.text)
    const op: OperatorFn = operators.matchesRegex
    const slots: string[] = []
    const context = createPredicateContext((fact) => (slots.includes(fact) ? slots.indexOf(fact) : slots.push(fact) - 1))
    const compiled: { predicate: Predicate; slot: number; source: string }[] = conditions.map(({ fact, source }) => {
      const node: FactNode = { kind: 'fact', fact: { fact, path: undefined }, operator: 'matchesRegex', op, value: source, valueFact: undefined, priority: 1, name: undefined, cost: 20 }
      return { predicate: compilePredicate(node, context.slotOf, context), slot: context.slotOf(fact), source }
    })
    // Every word the negation analysis reads: the compiled condition answers it from the scan's cues.
    const { negations, weakNegations, clauseBreaks, negationExceptions, governingNegations = [], retractions = [], reportRetractions = [], reportMarkers = [], verificationMarkers = [] } = pack.config.text
    const literals = [...new Set(conditions.flatMap(({ source }) => (requiredLiteralSets(source) ?? []).flat()))]
    const cues = [...negations, ...weakNegations, ...clauseBreaks, ...negationExceptions, ...governingNegations, ...retractions, ...reportRetractions, ...reportMarkers, ...verificationMarkers]
    const pieces = [...literals, ...cues, '3', '18', '.5', '%', '万元', '元', '，', '。', '\n', '村民', '公司', 'ab', '１２', ' ']
    const text = fc.array(fc.constantFrom(...pieces), { maxLength: 14 }).map((xs) => xs.join(''))
    let matched = 0
    let negated = 0
    fc.assert(
      fc.property(fc.array(text, { minLength: 1, maxLength: 3 }), (texts) => {
        context.nextLead()
        const vector = slots.map((_, s) => texts[s % texts.length])
        for (const { predicate, slot, source } of compiled) {
          const expected = op(vector[slot], source) === true
          if (expected) matched++
          else if (typeof vector[slot] === 'string' && compilePackRegex(source).test(normaliseText(vector[slot]))) negated++
          expect(predicate(vector), `${source} on ${vector[slot]}`).toBe(expected)
        }
      }),
      { numRuns: 1500 },
    )
    // The texts must reach matches, and matches the negation analysis refuses, not only the prefilter's refusals.
    expect(matched).toBeGreaterThan(100)
    expect(negated).toBeGreaterThan(100)
  })
})
