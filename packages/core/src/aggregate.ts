import type { Lead } from './lead'
import type { Assignment, Reason, Scores } from './result'
import type { RulePack } from './rule-pack'
import type { Dimension, Disposition, Tier } from './vocabulary'
import { DIMENSION_IDS, maxTier, tierRank } from './vocabulary'

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


/**
 * Combines the rules that fired into the result: dimension scores (sum of points, clamped to 0–100),
 * the weighted total, the tier (threshold, raised by escalations), patterns, the most severe disposition
 * on the pack's ladder, every reason, and the follow-up assignment. Pure and independent of the order in
 * which rules fired, so every engine that agrees on which rules fired agrees on the result.
 */
export const aggregate = (pack: RulePack, fired: ReadonlySet<string>, lead: Lead): Aggregate => {
  const sums: Record<Dimension, number> = { scale: 0, exposure: 0, attention: 0, stability: 0 }
  const patterns = new Set<string>()
  let escalatedTo: Tier = 'none'
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
      case 'disposition':
        dispositionIndex = Math.min(dispositionIndex, ladder.indexOf(event.params.disposition))
        reasons.push({ ...base, disposition: event.params.disposition })
        break
    }
  }
  const scores: Scores = {
    scale: clampScore(sums.scale),
    exposure: clampScore(sums.exposure),
    attention: clampScore(sums.attention),
    stability: clampScore(sums.stability),
  }
  const w = pack.config.weights
  const weightSum = w.scale + w.exposure + w.attention + w.stability
  const total = clampScore(DIMENSION_IDS.reduce((acc, d) => acc + w[d] * scores[d], 0) / weightSum)
  const t = pack.config.tiers
  const byThreshold: Tier = total >= t.red ? 'red' : total >= t.orange ? 'orange' : total >= t.yellow ? 'yellow' : total >= t.blue ? 'blue' : 'none'
  const tier = maxTier(byThreshold, escalatedTo)
  const disposition = ladder[dispositionIndex]!

  const kind = (r: Reason) => (r.dimension ? 0 : r.pattern ? 1 : r.tier ? 2 : 3)
  reasons.sort(
    (a, b) =>
      kind(a) - kind(b) ||
      (a.dimension && b.dimension ? DIMENSION_IDS.indexOf(a.dimension) - DIMENSION_IDS.indexOf(b.dimension) : 0) ||
      (b.points ?? 0) - (a.points ?? 0) ||
      (a.tier && b.tier ? tierRank(b.tier) - tierRank(a.tier) : 0) ||
      (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0),
  )

  const patternOrder = [...pack.patterns.keys()]
  const orderedPatterns = [...patterns].sort((a, b) => rank(patternOrder, a) - rank(patternOrder, b) || (a < b ? -1 : 1))

  const { units, measures, deadlineDays } = pack.config.ledger
  const assigned = [...new Set([...(units.byDisposition?.[disposition] ?? []), ...(lead.sector ? (units.bySector?.[lead.sector] ?? []) : [])])]
  const assignment: Assignment = {
    units: assigned.length > 0 ? assigned : [...units.default],
    measures: measures[disposition] ?? '',
    deadlineDays: deadlineDays[tier] ?? null,
  }
  return { total, tier, scores, patterns: orderedPatterns, disposition, reasons, assignment }
}

const rank = (order: readonly string[], id: string): number => {
  const i = order.indexOf(id)
  return i < 0 ? order.length : i
}
