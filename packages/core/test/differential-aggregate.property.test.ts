import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { aggregate } from '../src/aggregate'
import type { Aggregate } from '../src/aggregate'
import type { Lead } from '../src/lead'
import type { Reason, Scores } from '../src/result'
import type { RulePack } from '../src/rule-pack'
import type { PatternDefinition } from '../src/rule-pack-schema'
import type { Dimension, Disposition, Tier } from '../src/vocabulary'
import { DIMENSION_IDS, DISPOSITION_IDS, PATTERNS, PATTERN_IDS, SECTOR_IDS, maxTier, minTier, tierRank } from '../src/vocabulary'

/*
 * `aggregate` works out per pack, once, the order of reasons and what each rule adds (for speed). This
 * checks it against the plain definition — every fired rule in pack order, then one sort — on random
 * packs (repeated rule ids, dispositions off the ladder, unknown patterns) and random fired sets.
 */

const clampScore = (n: number): number => Math.min(100, Math.max(0, Math.round(n)))
const rank = (order: readonly string[], id: string): number => {
  const i = order.indexOf(id)
  return i < 0 ? order.length : i
}

/** The definition, as aggregate was first written. */
const plainAggregate = (pack: RulePack, fired: ReadonlySet<string>, lead: Lead): Aggregate => {
  const sums: Record<Dimension, number> = { scale: 0, exposure: 0, attention: 0, stability: 0 }
  const patterns = new Set<string>()
  let escalatedTo: Tier = 'none'
  let cappedTo: Tier = 'red'
  const ladder = pack.config.dispositionLadder
  let dispositionIndex = ladder.length - 1
  const reasons: Reason[] = []
  for (const rule of pack.rules) {
    if (!fired.has(rule.id)) continue
    const { event } = rule
    const base = { rule: rule.id, label: rule.name }
    switch (event.type) {
      case 'score':
        sums[event.params.dimension] += event.params.points
        reasons.push({ ...base, dimension: event.params.dimension, points: event.params.points })
        break
      case 'pattern':
        patterns.add(event.params.pattern)
        reasons.push({ ...base, pattern: event.params.pattern })
        break
      case 'escalate':
        escalatedTo = maxTier(escalatedTo, event.params.tier)
        reasons.push({ ...base, tier: event.params.tier })
        break
      case 'cap':
        cappedTo = minTier(cappedTo, event.params.tier)
        reasons.push({ ...base, cap: event.params.tier })
        break
      case 'disposition':
        dispositionIndex = Math.min(dispositionIndex, ladder.indexOf(event.params.disposition))
        reasons.push({ ...base, disposition: event.params.disposition })
        break
    }
  }
  const scores: Scores = { scale: clampScore(sums.scale), exposure: clampScore(sums.exposure), attention: clampScore(sums.attention), stability: clampScore(sums.stability) }
  const w = pack.config.weights
  const weightSum = w.scale + w.exposure + w.attention + w.stability
  const total = clampScore(DIMENSION_IDS.reduce((acc, d) => acc + w[d] * scores[d], 0) / weightSum)
  const t = pack.config.tiers
  const byThreshold: Tier = total >= t.red ? 'red' : total >= t.orange ? 'orange' : total >= t.yellow ? 'yellow' : total >= t.blue ? 'blue' : 'none'
  // Capped first, then floored: the floor wins.
  const tier = maxTier(minTier(byThreshold, cappedTo), escalatedTo)
  const disposition = ladder[dispositionIndex]!
  const kind = (r: Reason) => (r.dimension ? 0 : r.pattern ? 1 : r.tier ? 2 : r.cap ? 3 : 4)
  reasons.sort(
    (a, b) =>
      kind(a) - kind(b) ||
      (a.dimension && b.dimension ? DIMENSION_IDS.indexOf(a.dimension) - DIMENSION_IDS.indexOf(b.dimension) : 0) ||
      (b.points ?? 0) - (a.points ?? 0) ||
      (a.tier && b.tier ? tierRank(b.tier) - tierRank(a.tier) : 0) ||
      (a.cap && b.cap ? tierRank(a.cap) - tierRank(b.cap) : 0) ||
      (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0),
  )
  const patternOrder = [...pack.patterns.keys()]
  const orderedPatterns = [...patterns].sort((a, b) => rank(patternOrder, a) - rank(patternOrder, b) || (a < b ? -1 : 1))
  const { units, measures, deadlineDays } = pack.config.ledger
  const assigned = [...new Set([...(units.byDisposition?.[disposition] ?? []), ...(lead.sector ? (units.bySector?.[lead.sector] ?? []) : [])])]
  return {
    total,
    tier,
    scores,
    patterns: orderedPatterns,
    disposition,
    reasons,
    assignment: { units: assigned.length > 0 ? assigned : [...units.default], measures: measures[disposition] ?? '', deadlineDays: deadlineDays[tier] ?? null },
  }
}

const IDS = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k', 'l']
const eventArb = fc.oneof(
  fc.record({ type: fc.constant('score' as const), params: fc.record({ dimension: fc.constantFrom(...DIMENSION_IDS), points: fc.integer({ min: -100, max: 100 }) }) }),
  fc.record({ type: fc.constant('pattern' as const), params: fc.record({ pattern: fc.constantFrom(...PATTERN_IDS, 'x-custom', 'y-unknown') }) }),
  fc.record({ type: fc.constant('escalate' as const), params: fc.record({ tier: fc.constantFrom('red' as const, 'orange' as const, 'yellow' as const, 'blue' as const) }) }),
  fc.record({ type: fc.constant('cap' as const), params: fc.record({ tier: fc.constantFrom('orange' as const, 'yellow' as const, 'blue' as const, 'none' as const) }) }),
  fc.record({ type: fc.constant('disposition' as const), params: fc.record({ disposition: fc.constantFrom(...DISPOSITION_IDS) }) }),
)
const unitsArb = fc.subarray(['镇处非办', '派出所', '市场监管所', '农经站'])
const packArb = fc
  .record({
    rules: fc.array(fc.record({ id: fc.constantFrom(...IDS), event: eventArb }), { maxLength: 20 }),
    weights: fc.record({ scale: fc.nat(5), exposure: fc.nat(5), attention: fc.nat(5), stability: fc.double({ min: 0.5, max: 3, noNaN: true }) }),
    tiers: fc.uniqueArray(fc.integer({ min: 0, max: 100 }), { minLength: 4, maxLength: 4 }).map((t) => t.sort((a, b) => b - a)),
    ladder: fc.shuffledSubarray([...DISPOSITION_IDS], { minLength: 1 }),
    byDisposition: fc.dictionary(fc.constantFrom(...DISPOSITION_IDS), unitsArb),
    bySector: fc.dictionary(fc.constantFrom(...SECTOR_IDS), unitsArb),
  })
  .map((p): RulePack => {
    const [red, orange, yellow, blue] = p.tiers as [number, number, number, number]
    const patterns = new Map<string, PatternDefinition>(Object.entries(PATTERNS).map(([id, l]) => [id, { id, zh: l.zh }]))
    patterns.set('x-custom', { id: 'x-custom', zh: '自定义' })
    return {
      name: 'agg',
      version: '1',
      hash: `sha256:${'0'.repeat(64)}`,
      config: {
        name: 'agg',
        version: '1',
        weights: p.weights,
        tiers: { red, orange, yellow, blue },
        dispositionLadder: p.ladder as Disposition[],
        patterns: [],
        text: { negations: [], weakNegations: [], negationExceptions: [], clauseBreaks: [] },
        ledger: { units: { default: ['镇处非办'], byDisposition: p.byDisposition, bySector: p.bySector }, measures: { prosecute: '移送公安', monitor: '持续监测' }, deadlineDays: { red: 3, orange: 7, none: null } },
      },
      rules: p.rules.map((r, i) => ({ id: r.id, name: `规则${i}`, conditions: { all: [] }, event: r.event, file: 'r.json', pointer: `/rules/${i}` })),
      conditions: {},
      patterns,
      warnings: [],
    }
  })

describe('aggregate ≡ its plain definition', () => {
  it('gives the same result for every pack and fired set', () => {
    fc.assert(
      fc.property(packArb, fc.subarray([...IDS, 'not-a-rule']), fc.option(fc.constantFrom(...SECTOR_IDS), { nil: undefined }), (pack, fired, sector) => {
        const lead = { id: 'L', subject: { name: '某' }, ...(sector ? { sector } : {}) } as Lead
        const set = new Set(fired)
        expect(aggregate(pack, set, lead)).toStrictEqual(plainAggregate(pack, set, lead))
        // Twice, so the per-pack preparation is exercised from its cache as well.
        expect(aggregate(pack, set, lead)).toStrictEqual(plainAggregate(pack, set, lead))
      }),
      { numRuns: 1000 },
    )
  })
})
