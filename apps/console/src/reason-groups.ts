import type { Reason, ScoredResult } from '@chufei/core'
import { effectGroup, effectGroupRank, type RuleEffect } from './labels'

/*
 * A result's reasons as staff read them in the console (评分依据): under the dimension they scored in, each with
 * its points, then the patterns, escalations, caps and dispositions — the same groups as the rules page. A dimension's
 * reasons can add up past 100 (five ladders of people all fire); its score is capped, and the heading says so,
 * so every point on screen adds up.
 */

/** The effect a reason records (a reason names the one thing its rule did), as the rules page describes a rule's. */
export const reasonEffect = (r: Reason): RuleEffect => {
  if (r.dimension !== undefined) return { type: 'score', dimension: r.dimension, points: r.points ?? 0 }
  if (r.pattern !== undefined) return { type: 'pattern', pattern: r.pattern }
  if (r.tier !== undefined) return { type: 'escalate', tier: r.tier }
  if (r.cap !== undefined) return { type: 'cap', tier: r.cap }
  return { type: 'disposition', disposition: r.disposition }
}

/** One group of reasons. For a dimension: the points its reasons add up to and the score shown (0–100). */
export interface ReasonGroup {
  readonly group: string
  readonly reasons: readonly Reason[]
  readonly sum?: number
  readonly score?: number
}

/** The reasons of `result` by group, in the rules page's order; within a group, the pack's order. */
export const groupReasons = (result: Pick<ScoredResult, 'reasons' | 'scores'>): ReasonGroup[] => {
  const byGroup = new Map<string, Reason[]>()
  for (const r of result.reasons) {
    const group = effectGroup(reasonEffect(r))
    const list = byGroup.get(group)
    if (list === undefined) byGroup.set(group, [r])
    else list.push(r)
  }
  return [...byGroup]
    .sort(([a], [b]) => effectGroupRank(a) - effectGroupRank(b))
    .map(([group, reasons]) => {
      if (!(group in result.scores)) return { group, reasons }
      return { group, reasons, sum: reasons.reduce((n, r) => n + (r.points ?? 0), 0), score: result.scores[group as keyof ScoredResult['scores']] }
    })
}

/** A dimension group's heading note: `得分 100（依据合计 +110，按 0–100 计）`. */
export const groupScoreNote = (g: ReasonGroup, lang: 'zh' | 'en'): string => {
  if (g.sum === undefined || g.score === undefined) return ''
  const sum = `${g.sum >= 0 ? '+' : ''}${g.sum}`
  const clamped = g.sum !== g.score
  if (lang === 'en') return `score ${g.score} (reasons add up to ${sum}${clamped ? ', counted within 0–100' : ''})`
  return `得分 ${g.score}（依据合计 ${sum}${clamped ? '，按 0–100 计' : ''}）`
}
