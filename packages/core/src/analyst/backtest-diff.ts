import type { Reason, Result, RulePackRef } from '../result'
import type { RulePack } from '../rule-pack'
import { DISPOSITION_IDS, TIER_IDS } from '../vocabulary'
import type { Disposition, Tier } from '../vocabulary'

/*
 * The backtest of a rule edit (规则修改回测): the same leads scored with the pack before (base) and after
 * (head) the edit, compared lead by lead. It answers what an analyst must know before adopting an edit:
 * how tiers move (a 5×5 matrix), which dispositions change, every lead that moved and the rules that moved
 * it, and how often each rule fires before and after.
 */

/** One lead scored with both packs. */
export interface BacktestPair {
  readonly base: Result
  readonly head: Result
  /** Where the lead came from (the sheet's file name), for the listing. */
  readonly source?: string
  /** The subject's name (主体名称), for the listing. */
  readonly subject?: string
}

/** A rule whose contribution to a lead differs between the packs. */
export interface RuleMove {
  readonly rule: string
  readonly name: string
  /** `fired` in head only, `stopped` in base only, `changed` fired in both with another effect. */
  readonly change: 'fired' | 'stopped' | 'changed'
  readonly before?: Reason
  readonly after?: Reason
}

/** The side of a moved lead: what it scored. */
export interface LeadSide {
  readonly status: Result['status']
  readonly total?: number
  readonly tier?: Tier
  readonly disposition?: Disposition
  readonly patterns?: readonly string[]
  readonly scores?: Readonly<Record<string, number>>
}

/** A lead whose result differs between the packs. */
export interface MovedLead {
  readonly id: string | null
  readonly line?: number
  readonly source?: string
  readonly subject?: string
  readonly before: LeadSide
  readonly after: LeadSide
  /** What differs: status, tier, total, disposition, patterns, scores. */
  readonly differences: readonly ('status' | 'tier' | 'total' | 'disposition' | 'patterns' | 'scores')[]
  readonly rules: readonly RuleMove[]
}

/** How often one rule fired, before and after. */
export interface RuleHits {
  readonly rule: string
  readonly name: string
  readonly before: number
  readonly after: number
  /** `removed` when the rule is not in head, `added` when not in base. */
  readonly presence: 'both' | 'added' | 'removed'
}

/** The whole comparison. */
export interface BacktestDiff {
  readonly base: RulePackRef
  readonly head: RulePackRef
  readonly leads: number
  readonly scoredBoth: number
  /** `tiers[before][after]`: leads scored with both packs. */
  readonly tiers: Readonly<Record<Tier, Readonly<Record<Tier, number>>>>
  /** `dispositions[before][after]`, only pairs that differ. */
  readonly dispositions: readonly { readonly before: Disposition; readonly after: Disposition; readonly count: number }[]
  readonly moved: readonly MovedLead[]
  readonly ruleHits: readonly RuleHits[]
}

/**
 * What the comparison reads of a pack: its reference and its rules' ids and names. A loaded pack has it; so
 * does the record of a pack that is gone (a stored sweep keeps only its pack's name, version and hash, and
 * its results name the rules that fired), which is how the store's backtest compares against stored results.
 */
export type BacktestPackInfo = Pick<RulePack, 'name' | 'version' | 'hash'> & { readonly rules: readonly { readonly id: string; readonly name: string }[] }

const packRef = (pack: BacktestPackInfo): RulePackRef => ({ name: pack.name, version: pack.version, hash: pack.hash })

const side = (r: Result): LeadSide =>
  r.status === 'scored'
    ? { status: 'scored', total: r.total, tier: r.tier, disposition: r.disposition, patterns: r.patterns, scores: r.scores }
    : { status: 'rejected' }

const sameReason = (a: Reason, b: Reason): boolean =>
  a.dimension === b.dimension && a.points === b.points && a.pattern === b.pattern && a.tier === b.tier && a.disposition === b.disposition

const byRule = (r: Result): Map<string, Reason> => new Map(r.status === 'scored' ? r.reasons.map((x) => [x.rule, x]) : [])

const ruleMoves = (base: Result, head: Result, names: ReadonlyMap<string, string>): RuleMove[] => {
  const before = byRule(base)
  const after = byRule(head)
  const moves: RuleMove[] = []
  for (const [rule, reason] of before) {
    const other = after.get(rule)
    if (!other) moves.push({ rule, name: names.get(rule) ?? reason.label, change: 'stopped', before: reason })
    else if (!sameReason(reason, other)) moves.push({ rule, name: names.get(rule) ?? other.label, change: 'changed', before: reason, after: other })
  }
  for (const [rule, reason] of after) if (!before.has(rule)) moves.push({ rule, name: names.get(rule) ?? reason.label, change: 'fired', after: reason })
  return moves
}

const differencesOf = (a: Result, b: Result): MovedLead['differences'][number][] => {
  if (a.status !== b.status) return ['status']
  if (a.status !== 'scored' || b.status !== 'scored') return []
  const out: MovedLead['differences'][number][] = []
  if (a.tier !== b.tier) out.push('tier')
  if (a.total !== b.total) out.push('total')
  if (a.disposition !== b.disposition) out.push('disposition')
  if ([...a.patterns].sort().join() !== [...b.patterns].sort().join()) out.push('patterns')
  if (JSON.stringify(a.scores) !== JSON.stringify(b.scores)) out.push('scores')
  return out
}

const emptyMatrix = (): Record<Tier, Record<Tier, number>> =>
  Object.fromEntries(TIER_IDS.map((t) => [t, Object.fromEntries(TIER_IDS.map((u) => [u, 0]))])) as Record<Tier, Record<Tier, number>>

/**
 * Compares the results of the same leads under two packs. A lead has moved when its status, tier, total,
 * disposition, patterns or dimension scores differ, or when a rule fired for it under one pack and not the
 * other (a rule can move without the total moving, e.g. above a dimension's cap of 100).
 *
 * @example
 * ```ts
 * const pairs = await Promise.all(leads.map(async (l) => ({ base: await base.score(l), head: await head.score(l) })))
 * const diff = diffBacktest(pairs, base.pack, head.pack)
 * ```
 */
export const diffBacktest = (pairs: readonly BacktestPair[], base: BacktestPackInfo, head: BacktestPackInfo): BacktestDiff => {
  const names = new Map<string, string>([...base.rules.map((r) => [r.id, r.name] as const), ...head.rules.map((r) => [r.id, r.name] as const)])
  const tiers = emptyMatrix()
  const dispositions = new Map<string, number>()
  const hitsBefore = new Map<string, number>()
  const hitsAfter = new Map<string, number>()
  const moved: MovedLead[] = []
  let scoredBoth = 0
  for (const pair of pairs) {
    const { base: a, head: b } = pair
    for (const [r, hits] of [[a, hitsBefore], [b, hitsAfter]] as const) {
      if (r.status === 'scored') for (const reason of r.reasons) hits.set(reason.rule, (hits.get(reason.rule) ?? 0) + 1)
    }
    if (a.status === 'scored' && b.status === 'scored') {
      scoredBoth++
      tiers[a.tier][b.tier]++
      if (a.disposition !== b.disposition) dispositions.set(`${a.disposition}>${b.disposition}`, (dispositions.get(`${a.disposition}>${b.disposition}`) ?? 0) + 1)
    }
    const differences = differencesOf(a, b)
    const rules = ruleMoves(a, b, names)
    if (differences.length === 0 && rules.length === 0) continue
    const line = a.line ?? b.line
    moved.push({
      id: a.status === 'scored' ? a.id : b.status === 'scored' ? b.id : a.id,
      ...(line !== undefined ? { line } : {}),
      ...(pair.source !== undefined ? { source: pair.source } : {}),
      ...(pair.subject !== undefined ? { subject: pair.subject } : {}),
      before: side(a),
      after: side(b),
      differences,
      rules,
    })
  }
  const baseIds = new Set(base.rules.map((r) => r.id))
  const headIds = new Set(head.rules.map((r) => r.id))
  const order = [...new Set([...base.rules.map((r) => r.id), ...head.rules.map((r) => r.id)])]
  const ruleHits: RuleHits[] = order.map((rule) => ({
    rule,
    name: names.get(rule) ?? rule,
    before: hitsBefore.get(rule) ?? 0,
    after: hitsAfter.get(rule) ?? 0,
    presence: baseIds.has(rule) && headIds.has(rule) ? 'both' : baseIds.has(rule) ? 'removed' : 'added',
  }))
  const dispositionChanges = [...dispositions].map(([key, count]) => {
    const [before, after] = key.split('>') as [Disposition, Disposition]
    return { before, after, count }
  })
  dispositionChanges.sort((x, y) => DISPOSITION_IDS.indexOf(x.before) - DISPOSITION_IDS.indexOf(y.before) || DISPOSITION_IDS.indexOf(x.after) - DISPOSITION_IDS.indexOf(y.after))
  return { base: packRef(base), head: packRef(head), leads: pairs.length, scoredBoth, tiers, dispositions: dispositionChanges, moved, ruleHits }
}
