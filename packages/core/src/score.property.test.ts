import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { createScorer } from './create-scorer'
import { ChufeiError } from './errors'
import { parseRulePack } from './rule-pack'
import { PACK_JSON, RULES_JSON, unitPackFiles } from '../test/_pack'

const scorer = createScorer(parseRulePack(unitPackFiles()))

const leadArb = fc.record(
  {
    id: fc.constant('P-1'),
    subject: fc.constant({ name: '测试主体' }),
    people: fc.record({ total: fc.nat(10_000), elderly: fc.nat(10_000) }, { requiredKeys: [] }),
    money: fc.record({ raised: fc.nat(1e9), outstanding: fc.nat(1e9), promisedReturn: fc.double({ min: 0, max: 5, noNaN: true }) }, { requiredKeys: [] }),
    attention: fc.record({ complaints: fc.nat(100) }, { requiredKeys: [] }),
    stability: fc.record({ gatherings: fc.nat(50), overdue: fc.boolean(), controllerMissing: fc.boolean() }, { requiredKeys: [] }),
    text: fc.record({ description: fc.constantFrom('消费返利', '未发现返利行为', '', '承诺保本') }, { requiredKeys: [] }),
  },
  { requiredKeys: ['id', 'subject'] },
)

describe('scoring laws', () => {
  it('every score is an integer in 0–100', async () => {
    await fc.assert(
      fc.asyncProperty(leadArb, async (lead) => {
        const r = await scorer.score(lead)
        for (const v of [r.total, ...Object.values(r.scores)]) {
          expect(Number.isInteger(v)).toBe(true)
          expect(v).toBeGreaterThanOrEqual(0)
          expect(v).toBeLessThanOrEqual(100)
        }
      }),
    )
  })

  it('any JSON value as a lead gives a result or an INVALID_LEAD error, never a crash', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.jsonValue(), leadArb.map((l) => ({ ...l, people: fc.sample(fc.jsonValue(), 1)[0] }))), async (input) => {
        const r = await scorer.safeScore(input)
        if (!r.success) {
          expect(r.error).toBeInstanceOf(ChufeiError)
          expect(r.error.code).toBe('INVALID_LEAD')
        }
      }),
    )
  })

  it('the order of rules and rule files does not change the result', async () => {
    const shuffled = createScorer(
      parseRulePack({
        'z.json': JSON.stringify({ rules: RULES_JSON.rules.slice(0, 4) }),
        'a.json': JSON.stringify({ conditions: RULES_JSON.conditions, rules: RULES_JSON.rules.slice(4).reverse() }),
        'pack.json': JSON.stringify(PACK_JSON),
      }),
    )
    await fc.assert(
      fc.asyncProperty(leadArb, async (lead) => {
        const [a, b] = await Promise.all([scorer.score(lead), shuffled.score(lead)])
        expect({ ...b, rulePack: a.rulePack }).toEqual(a)
      }),
      { numRuns: 50 },
    )
  })
})
