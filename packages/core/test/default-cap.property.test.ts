import { join } from 'node:path'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { leadArbitrary } from '../src/analyst/pack-properties'
import { createScorer } from '../src/create-scorer'
import type { Condition } from '../src/rule-pack-schema'
import { loadRulePack } from '../src/node/load-rule-pack'

/*
 * The default pack's cap (cap-no-fundraising-yellow) looks only at leads whose numbers could reach orange
 * (100 people, 10万元, a promised rate, a complaint …): its first condition. That guard is for speed alone —
 * without it every clean lead would be judged for fundraising conduct — so it must change no tier: outside
 * it, a lead with no fundraising conduct and no crisis cannot total 40 (the rule's description does the
 * sum). Checked against the same pack with the guard removed, on leads made of the pack's own keywords and
 * thresholds (the guard's among them), sparse ones included.
 */

const RULES = join(__dirname, '../../../rules')
const CAP = 'cap-no-fundraising-yellow'

describe(`${CAP}: the guard changes no tier`, () => {
  it('gives every lead the same tier and total with and without the guard', async () => {
    const pack = await loadRulePack(RULES)
    const rule = pack.rules.find((r) => r.id === CAP)!
    const conditions = rule.conditions as { all: Condition[] }
    expect(conditions.all[0]).toHaveProperty('any')
    const unguarded = { ...pack, rules: pack.rules.map((r) => (r === rule ? { ...r, conditions: { all: conditions.all.slice(1) } } : r)) }
    const guardedScorer = createScorer(pack)
    const unguardedScorer = createScorer(unguarded)
    let lowered = 0
    let outside = 0
    const sparse = fc.tuple(leadArbitrary(pack), fc.nat(1023)).map(([lead, keep]) => {
      const out: Record<string, unknown> = { ...lead }
      ;['sector', 'region', 'source', 'people', 'money', 'attention', 'stability', 'history', 'repayment', 'text'].forEach((k, bit) => {
        if ((keep & (1 << bit)) === 0) delete out[k]
      })
      return out
    })
    fc.assert(
      fc.property(fc.oneof(leadArbitrary(pack), sparse), (lead) => {
        const a = guardedScorer.scoreSync(lead)
        const b = unguardedScorer.scoreSync(lead)
        expect(a.tier).toBe(b.tier)
        expect(a.total).toBe(b.total)
        const capB = b.reasons.some((r) => r.rule === CAP)
        if (capB && !a.reasons.some((r) => r.rule === CAP)) outside++
        if (capB && b.total >= pack.config.tiers.orange) lowered++
      }),
      { seed: 20251100, numRuns: 3000 },
    )
    // The leads must reach both sides: the cap lowering a tier, and the cap cut off by the guard.
    expect(lowered).toBeGreaterThan(0)
    expect(outside).toBeGreaterThan(0)

    // Below every threshold of the guard (each number clamped under it), the cap without the guard never
    // finds a total of orange or more to lower: what the guard leaves out, it could not have changed.
    const guard = (conditions.all[0] as { any: { fact: string; operator: string; value: number }[] }).any
    const below = leadArbitrary(pack).map((lead) => {
      const out = structuredClone(lead) as Record<string, Record<string, unknown> | unknown>
      for (const { fact, operator, value } of guard) {
        const [group, key] = fact.split('.') as [string, string]
        const section = out[group] as Record<string, unknown> | undefined
        if (section === undefined || typeof section[key] !== 'number') continue
        const limit = operator === 'greaterThanInclusive' ? value - 1 : value
        if ((section[key] as number) > limit) section[key] = limit
      }
      return out
    })
    let capped = 0
    fc.assert(
      fc.property(below, (lead) => {
        const b = unguardedScorer.scoreSync(lead)
        if (!b.reasons.some((r) => r.rule === CAP)) return
        capped++
        expect(b.total).toBeLessThan(pack.config.tiers.orange)
      }),
      { seed: 20251101, numRuns: 3000 },
    )
    expect(capped).toBeGreaterThan(100)
  })
})
