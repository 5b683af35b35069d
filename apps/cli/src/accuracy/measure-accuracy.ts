import { tierRank, type Disposition, type Result, type ScoredResult, type Tier } from '@chufei/core'
import type { CaseExpectation, CaseSet } from './case-expectations'
import type { SheetRun } from './score-case-sheet'

/*
 * Accuracy of a rule pack on a case set (准确率). Definitions (docs/accuracy.md repeats them):
 * - pattern recall: required patterns that fired ÷ required patterns, over every case (a lost case fires nothing);
 * - forbidden patterns: `mustNotFire` patterns that fired (reported, listed as misses);
 * - false flag: a clean lead that fires any key pattern, gets a tier above blue, or a disposition above
 *   持续监测 (monitor) — blue alone is allowed (size without any fundraising sign);
 * - tier / disposition in set: cases whose tier / disposition is in the acceptable set ÷ all cases;
 * - accounted: the run read exactly one row per case, every row was scored (none rejected or skipped),
 *   every case id came back once and no other id came back.
 */

/** The targets of issue 10. */
export const ACCURACY_TARGETS = { recall: 0.95, falseFlags: 0, tier: 0.95, disposition: 0.95 } as const

export type Problem =
  | { readonly kind: 'lost'; readonly detail: string }
  | { readonly kind: 'pattern-missed'; readonly pattern: string }
  | { readonly kind: 'pattern-forbidden'; readonly pattern: string }
  | { readonly kind: 'tier'; readonly expected: readonly Tier[]; readonly got: Tier }
  | { readonly kind: 'disposition'; readonly expected: readonly Disposition[]; readonly got: Disposition }
  | { readonly kind: 'false-flag'; readonly detail: string }

/** One case with at least one problem, and what the pack said about it. */
export interface Miss {
  readonly id: string
  readonly source: string
  readonly kind: CaseExpectation['kind']
  readonly classes: readonly number[]
  readonly problems: readonly Problem[]
  readonly got: { readonly tier: Tier; readonly disposition: Disposition; readonly patterns: readonly string[]; readonly total: number } | null
}

export interface Ratio {
  readonly hit: number
  readonly of: number
  /** hit ÷ of; 1 when `of` is 0. */
  readonly rate: number
}

export interface AccuracyReport {
  readonly set: CaseSet['set']
  readonly cases: number
  readonly published: number
  readonly clean: number
  readonly accounting: {
    readonly read: number
    readonly scored: number
    readonly rejected: number
    readonly skipped: number
    readonly missingIds: readonly string[]
    readonly unexpectedIds: readonly string[]
    readonly ok: boolean
  }
  readonly recall: Ratio
  readonly forbiddenFired: number
  readonly falseFlags: number
  readonly tier: Ratio
  readonly disposition: Ratio
  /** Per pattern: required occurrences and how many fired. */
  readonly perPattern: ReadonlyMap<string, Ratio>
  readonly misses: readonly Miss[]
}

/** A ratio as people read it: `93.8% (30/32)`. */
export const formatShare = (r: Ratio): string => `${(r.rate * 100).toFixed(1)}% (${r.hit}/${r.of})`

const ratio = (hit: number, of: number): Ratio => ({ hit, of, rate: of === 0 ? 1 : hit / of })

const falseFlag = (r: ScoredResult): string | null => {
  const why: string[] = []
  if (r.patterns.length > 0) why.push(`patterns ${r.patterns.join(', ')}`)
  if (tierRank(r.tier) > tierRank('blue')) why.push(`tier ${r.tier}`)
  if (r.disposition !== 'monitor') why.push(`disposition ${r.disposition}`)
  return why.length === 0 ? null : why.join('; ')
}

/** Compares a run of a case sheet with its expectations. Pure: same inputs, same report. */
export const measureAccuracy = (set: CaseSet, run: SheetRun): AccuracyReport => {
  const byId = new Map<string, Result[]>()
  for (const r of run.results) {
    const id = r.id ?? ''
    byId.set(id, [...(byId.get(id) ?? []), r])
  }
  const expectedIds = new Set(set.cases.map((c) => c.id))
  const unexpectedIds = [...byId.keys()].filter((id) => !expectedIds.has(id))

  let required = 0
  let fired = 0
  let forbiddenFired = 0
  let falseFlags = 0
  let tierHit = 0
  let dispositionHit = 0
  const perPattern = new Map<string, { hit: number; of: number }>()
  const missingIds: string[] = []
  const misses: Miss[] = []

  for (const c of set.cases) {
    const problems: Problem[] = []
    const rows = byId.get(c.id) ?? []
    const scored = rows.length === 1 && rows[0]!.status === 'scored' ? (rows[0] as ScoredResult) : null
    if (scored === null) {
      missingIds.push(c.id)
      const detail = rows.length === 0 ? 'no result for this id' : rows.length > 1 ? `${rows.length} results for this id` : 'row rejected'
      problems.push({ kind: 'lost', detail })
    }
    const patterns = new Set(scored?.patterns ?? [])
    for (const p of c.mustFire) {
      const entry = perPattern.get(p) ?? { hit: 0, of: 0 }
      entry.of += 1
      required += 1
      if (patterns.has(p)) {
        entry.hit += 1
        fired += 1
      } else problems.push({ kind: 'pattern-missed', pattern: p })
      perPattern.set(p, entry)
    }
    for (const p of c.mustNotFire) {
      if (patterns.has(p)) {
        forbiddenFired += 1
        problems.push({ kind: 'pattern-forbidden', pattern: p })
      }
    }
    if (scored !== null) {
      if (c.tiers.includes(scored.tier)) tierHit += 1
      else problems.push({ kind: 'tier', expected: c.tiers, got: scored.tier })
      if (c.dispositions.includes(scored.disposition)) dispositionHit += 1
      else problems.push({ kind: 'disposition', expected: c.dispositions, got: scored.disposition })
      if (c.kind === 'clean') {
        const why = falseFlag(scored)
        if (why !== null) {
          falseFlags += 1
          problems.push({ kind: 'false-flag', detail: why })
        }
      }
    }
    if (problems.length > 0) {
      misses.push({
        id: c.id,
        source: c.source,
        kind: c.kind,
        classes: c.classes,
        problems,
        got: scored === null ? null : { tier: scored.tier, disposition: scored.disposition, patterns: scored.patterns, total: scored.total },
      })
    }
  }

  const { read, scored, rejected, skipped } = run.counts
  const ok =
    read === scored + rejected + skipped &&
    read === set.cases.length &&
    rejected === 0 &&
    skipped === 0 &&
    missingIds.length === 0 &&
    unexpectedIds.length === 0
  return {
    set: set.set,
    cases: set.cases.length,
    published: set.cases.filter((c) => c.kind === 'published').length,
    clean: set.cases.filter((c) => c.kind === 'clean').length,
    accounting: { read, scored, rejected, skipped, missingIds, unexpectedIds, ok },
    recall: ratio(fired, required),
    forbiddenFired,
    falseFlags,
    tier: ratio(tierHit, set.cases.length),
    disposition: ratio(dispositionHit, set.cases.length),
    perPattern: new Map([...perPattern].sort(([a], [b]) => a.localeCompare(b)).map(([p, e]) => [p, ratio(e.hit, e.of)])),
    misses,
  }
}

/** The targets a report misses, in words; empty when it meets all of them. */
export const unmetTargets = (report: AccuracyReport): string[] => {
  const out: string[] = []
  if (!report.accounting.ok) out.push(`rows not all accounted for (read ${report.accounting.read}, scored ${report.accounting.scored}, rejected ${report.accounting.rejected}, skipped ${report.accounting.skipped}, missing ${report.accounting.missingIds.join(' ') || '—'}, unexpected ${report.accounting.unexpectedIds.join(' ') || '—'})`)
  if (report.recall.rate < ACCURACY_TARGETS.recall) out.push(`pattern recall ${formatShare(report.recall)} < ${ACCURACY_TARGETS.recall * 100}%`)
  if (report.falseFlags > ACCURACY_TARGETS.falseFlags) out.push(`${report.falseFlags} false flag(s) on clean leads`)
  if (report.tier.rate < ACCURACY_TARGETS.tier) out.push(`tier in allowed set ${formatShare(report.tier)} < ${ACCURACY_TARGETS.tier * 100}%`)
  if (report.disposition.rate < ACCURACY_TARGETS.disposition) out.push(`disposition in allowed set ${formatShare(report.disposition)} < ${ACCURACY_TARGETS.disposition * 100}%`)
  return out
}
