import type { Lead } from './lead'
import type { Assignment, Reason, Scores } from './result'
import type { LoadedRule, RulePack } from './rule-pack'
import type { Dimension, Disposition, Tier } from './vocabulary'
import { DIMENSION_IDS, maxTier, minTier, tierRank } from './vocabulary'
import { compileRuleLabel, createToday, figureDate } from './dated-figures'

/** What the fired rules add up to: everything of a scored result but the lead's id, line and warnings. */
export interface Aggregate {
  total: number
  tier: Tier
  scores: Scores
  patterns: string[]
  disposition: Disposition
  reasons: Reason[]
  assignment: Assignment
}

const clampScore = (n: number): number => Math.min(100, Math.max(0, Math.round(n)))

/** What aggregation needs from one rule, worked out once per pack. */
interface RuleTally {
  readonly rule: LoadedRule
  /** A fresh reason object (results are handed to callers, so none is shared). */
  readonly reason: () => Reason
  readonly dimension: Dimension | undefined
  readonly points: number
  readonly pattern: string | undefined
  /** An escalation's floor. */
  readonly tier: Tier | undefined
  /** A cap's ceiling. */
  readonly cap: Tier | undefined
  readonly dispositionIndex: number
  /** The label for a figure date, when the rule's name shows dated figures (`{lpr-1y}`). */
  readonly label: ((date: string) => string) | undefined
}

/** A pack's rules in the order their reasons are listed, with everything aggregation needs. */
interface PackTally {
  readonly ordered: readonly RuleTally[]
  /** Position in `ordered` of each rule id (a rule id may repeat in a hand-built pack). */
  readonly byId: ReadonlyMap<string, readonly number[]>
  /** The positions of each rule (by its index in `pack.rules`): those of every rule with its id. */
  readonly positionsOfRule: readonly (readonly number[])[]
  readonly patternRank: ReadonlyMap<string, number>
  /** Assigned units by disposition, then sector, filled as met. */
  readonly units: Map<string | undefined, Map<string | undefined, readonly string[]>>
}

const reasonKind = (r: Reason) => (r.dimension ? 0 : r.pattern ? 1 : r.tier ? 2 : r.cap ? 3 : 4)

/**
 * The order of reasons: scores by dimension then points (largest first), patterns, escalations (most
 * severe first), caps (lowest first), dispositions; ties by rule id. It depends only on the rule, so it
 * is fixed per pack.
 */
const compareReasons = (a: Reason, b: Reason): number =>
  reasonKind(a) - reasonKind(b) ||
  (a.dimension && b.dimension ? DIMENSION_IDS.indexOf(a.dimension) - DIMENSION_IDS.indexOf(b.dimension) : 0) ||
  (b.points ?? 0) - (a.points ?? 0) ||
  (a.tier && b.tier ? tierRank(b.tier) - tierRank(a.tier) : 0) ||
  (a.cap && b.cap ? tierRank(a.cap) - tierRank(b.cap) : 0) ||
  (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0)

const tallies = new WeakMap<RulePack, PackTally>()

const tallyOf = (pack: RulePack): PackTally => {
  let tally = tallies.get(pack)
  if (tally) return tally
  const ladder = pack.config.dispositionLadder
  const entries = pack.rules.map((rule): RuleTally => {
    const { event } = rule
    const { id, name } = rule
    const tallyBase = { rule, dimension: undefined, points: 0, pattern: undefined, tier: undefined, cap: undefined, dispositionIndex: ladder.length - 1, label: compileRuleLabel(name, pack.config) }
    // Literal objects (not spreads) with the keys in the order reasons always had.
    switch (event.type) {
      case 'score': {
        const { dimension, points } = event.params
        return { ...tallyBase, dimension, points, reason: () => ({ rule: id, label: name, dimension, points }) }
      }
      case 'pattern': {
        const { pattern } = event.params
        return { ...tallyBase, pattern, reason: () => ({ rule: id, label: name, pattern }) }
      }
      case 'escalate': {
        const { tier } = event.params
        return { ...tallyBase, tier, reason: () => ({ rule: id, label: name, tier }) }
      }
      case 'cap': {
        const { tier } = event.params
        return { ...tallyBase, cap: tier, reason: () => ({ rule: id, label: name, cap: tier }) }
      }
      case 'disposition': {
        const { disposition } = event.params
        return { ...tallyBase, dispositionIndex: ladder.indexOf(disposition), reason: () => ({ rule: id, label: name, disposition }) }
      }
    }
  })
  // A stable sort on the reasons themselves: the same order the reasons of any fired set would get.
  const ordered = entries.map((e) => ({ e, r: e.reason() })).sort((a, b) => compareReasons(a.r, b.r)).map((x) => x.e)
  const byId = new Map<string, number[]>()
  ordered.forEach((e, i) => byId.set(e.rule.id, [...(byId.get(e.rule.id) ?? []), i]))
  const patternRank = new Map([...pack.patterns.keys()].map((id, i) => [id, i]))
  const positionsOfRule = pack.rules.map((rule) => byId.get(rule.id)!)
  tally = { ordered, byId, positionsOfRule, patternRank, units: new Map() }
  tallies.set(pack, tally)
  return tally
}

/**
 * Combines the rules that fired into the result: dimension scores (sum of points, clamped to 0–100),
 * the weighted total, the tier (threshold, lowered to the lowest cap, then raised by escalations: a floor
 * beats a cap), patterns, the most severe disposition
 * on the pack's ladder, every reason, and the follow-up assignment. Pure and independent of the order in
 * which rules fired, so every engine that agrees on which rules fired agrees on the result.
 */
export const aggregate = (pack: RulePack, fired: ReadonlySet<string>, lead: Lead, today: () => string = systemToday): Aggregate => {
  const tally = tallyOf(pack)
  const { ordered, byId } = tally
  // Few rules fire on most leads: visit only those (in reason order), else walk the ordered rules.
  const positions: number[] = []
  if (fired.size * 4 < ordered.length) {
    for (const id of fired) {
      const at = byId.get(id)
      if (at) for (const i of at) positions.push(i)
    }
    positions.sort((a, b) => a - b)
  } else for (let k = 0; k < ordered.length; k++) if (fired.has(ordered[k]!.rule.id)) positions.push(k)
  return aggregatePositions(pack, tally, positions, positions.length, lead, today)
}

/** Today by the system clock, for labels with dated figures of leads without a 排查日期. */
const systemToday = createToday()

/**
 * {@link aggregate} for the rules at the given indexes of `pack.rules` (the same result as the set of
 * their ids: rules that share an id count together), bound to one pack so that what it works out per
 * pack is looked up once.
 */
export const createRuleAggregator = (pack: RulePack, today: () => string = systemToday): ((ruleIndexes: readonly number[], lead: Lead) => Aggregate) => {
  const tally = tallyOf(pack)
  const { positionsOfRule } = tally
  return (ruleIndexes, lead) => {
    // Positions go into one scratch array (aggregation is synchronous and calls no outside code), sorted
    // by insertion: few rules fire on a lead.
    let count = 0
    for (let i = 0; i < ruleIndexes.length; i++) {
      const at = positionsOfRule[ruleIndexes[i]!]!
      for (let k = 0; k < at.length; k++) {
        const p = at[k]!
        if (count === scratch.length) scratch = grow(scratch)
        let j = count++
        while (j > 0 && scratch[j - 1]! > p) {
          scratch[j] = scratch[j - 1]!
          j--
        }
        scratch[j] = p
      }
    }
    let unique = count > 0 ? 1 : 0
    for (let k = 1; k < count; k++) if (scratch[k] !== scratch[unique - 1]) scratch[unique++] = scratch[k]!
    return aggregatePositions(pack, tally, scratch, unique, lead, today)
  }
}

let scratch: Int32Array = new Int32Array(64)
const grow = (a: Int32Array): Int32Array => {
  const grown = new Int32Array(a.length * 2)
  grown.set(a)
  return grown
}

/** The units of a disposition and sector, de-duplicated once per pack (each result gets a copy). */
const unitsFor = (pack: RulePack, tally: PackTally, disposition: Disposition, sector: string | undefined): readonly string[] => {
  const byDispositionCache = tally.units
  let bySectorCache = byDispositionCache.get(disposition)
  if (!bySectorCache) byDispositionCache.set(disposition, (bySectorCache = new Map()))
  let list = bySectorCache.get(sector)
  if (!list) {
    const { units } = pack.config.ledger
    const byDisposition = units.byDisposition?.[disposition]
    const bySector = sector ? units.bySector?.[sector as keyof typeof units.bySector] : undefined
    const assigned = byDisposition && bySector ? [...new Set([...byDisposition, ...bySector])] : byDisposition ? [...new Set(byDisposition)] : bySector ? [...new Set(bySector)] : []
    list = assigned.length > 0 ? assigned : [...units.default]
    bySectorCache.set(sector, list)
  }
  return list
}

/** A pattern's place in the pack's order; unknown patterns after all known ones. */
const rankOf = (patternRank: ReadonlyMap<string, number>, id: string): number => patternRank.get(id) ?? patternRank.size

/** Adds up the rules at `positions[0 … count)` (ascending, distinct) of the pack's reason order. */
const aggregatePositions = (pack: RulePack, tally: PackTally, positions: ArrayLike<number>, count: number, lead: Lead, today: () => string): Aggregate => {
  const { ordered, patternRank } = tally
  let scale = 0
  let exposure = 0
  let attention = 0
  let stability = 0
  let escalatedTo: Tier = 'none'
  let cappedTo: Tier | undefined
  const ladder = pack.config.dispositionLadder
  let dispositionIndex = ladder.length - 1
  // Arrays made at their final size (a push onto an empty array makes room for 17).
  const reasons: Reason[] = new Array<Reason>(count)
  let patternCount = 0
  for (let k = 0; k < count; k++) if (ordered[positions[k]!]!.pattern !== undefined) patternCount++
  const patterns: string[] = new Array<string>(patternCount)
  let distinct = 0
  for (let k = 0; k < count; k++) {
    const entry = ordered[positions[k]!]!
    const reason = entry.reason()
    if (entry.label) reason.label = entry.label(figureDate(lead, today))
    reasons[k] = reason
    switch (entry.rule.event.type) {
      case 'score':
        if (entry.dimension === 'scale') scale += entry.points
        else if (entry.dimension === 'exposure') exposure += entry.points
        else if (entry.dimension === 'attention') attention += entry.points
        else stability += entry.points
        break
      case 'pattern': {
        const pattern = entry.pattern!
        let seen = false
        for (let p = 0; p < distinct; p++) if (patterns[p] === pattern) seen = true
        if (!seen) patterns[distinct++] = pattern
        break
      }
      case 'escalate':
        escalatedTo = maxTier(escalatedTo, entry.tier!)
        break
      case 'cap':
        cappedTo = cappedTo === undefined ? entry.cap! : minTier(cappedTo, entry.cap!)
        break
      case 'disposition':
        dispositionIndex = Math.min(dispositionIndex, entry.dispositionIndex)
        break
    }
  }
  // Setting the length is a runtime call even when it changes nothing: only when a pattern repeated.
  if (distinct !== patternCount) patterns.length = distinct
  const scores: Scores = {
    scale: clampScore(scale),
    exposure: clampScore(exposure),
    attention: clampScore(attention),
    stability: clampScore(stability),
  }
  const w = pack.config.weights
  const weightSum = w.scale + w.exposure + w.attention + w.stability
  const total = clampScore((w.scale * scores.scale + w.exposure * scores.exposure + w.attention * scores.attention + w.stability * scores.stability) / weightSum)
  const t = pack.config.tiers
  const byThreshold: Tier = total >= t.red ? 'red' : total >= t.orange ? 'orange' : total >= t.yellow ? 'yellow' : total >= t.blue ? 'blue' : 'none'
  // A cap lowers the threshold's tier; an escalation then raises it again (the floor wins: docs/rules.md §1).
  const capped = cappedTo === undefined ? byThreshold : minTier(byThreshold, cappedTo)
  const tier = escalatedTo === 'none' ? capped : maxTier(capped, escalatedTo)
  const disposition = ladder[dispositionIndex]!

  // By the pack's pattern order, unknown patterns last by id: an insertion sort, as there are few.
  for (let i = 1; i < distinct; i++) {
    const pattern = patterns[i]!
    const r = rankOf(patternRank, pattern)
    let j = i
    while (j > 0 && (rankOf(patternRank, patterns[j - 1]!) > r || (rankOf(patternRank, patterns[j - 1]!) === r && patterns[j - 1]! > pattern))) {
      patterns[j] = patterns[j - 1]!
      j--
    }
    patterns[j] = pattern
  }

  const { measures, deadlineDays } = pack.config.ledger
  const assignment: Assignment = {
    units: unitsFor(pack, tally, disposition, lead.sector).slice(),
    measures: measures[disposition] ?? '',
    deadlineDays: deadlineDays[tier] ?? null,
  }
  return { total, tier, scores, patterns, disposition, reasons, assignment }
}
