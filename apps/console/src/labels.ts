import { DIMENSIONS, DISPOSITIONS, TIERS } from '@chufei/core'
import type { RuleSummary } from './api-client'
import type { Lang } from './i18n'

/*
 * The names people read for the pack's vocabulary (维度、预警等级、处置建议、重点行为), from the core's
 * bilingual tables, and what a rule does in words.
 */

/** A pattern of the served pack with its names. */
export interface PatternName {
  id: string
  zh: string
  en?: string
}

const pick = (label: { zh: string; en: string } | undefined, lang: Lang, fallback: string): string => label?.[lang] ?? fallback

/** The name of a scoring dimension (涉众规模…). */
export const dimensionName = (id: string, lang: Lang): string => pick(DIMENSIONS[id as keyof typeof DIMENSIONS], lang, id)

/** The name of a tier (红色预警…). */
export const tierName = (id: string, lang: Lang): string => pick(TIERS[id as keyof typeof TIERS], lang, id)

/** The name of a disposition (刑事打击（移送公安）…). */
export const dispositionName = (id: string, lang: Lang): string => pick(DISPOSITIONS[id as keyof typeof DISPOSITIONS], lang, id)

/** The name of a pattern, from the pack's vocabulary. */
export const patternName = (id: string, patterns: readonly PatternName[], lang: Lang): string => {
  const def = patterns.find((p) => p.id === id)
  if (def === undefined) return id
  return lang === 'en' ? (def.en ?? def.zh) : def.zh
}

/** What a rule (or a reason it gave) does, without its name and file. */
export type RuleEffect = Pick<RuleSummary, 'type' | 'dimension' | 'points' | 'pattern' | 'tier' | 'disposition'>

/** What a rule does: `涉众规模 +20`, `重点行为：牲畜托管`, `预警至少为橙色预警`, `建议规范整改`. */
export const describeEffect = (rule: RuleEffect, patterns: readonly PatternName[], lang: Lang): string => {
  const zh = lang === 'zh'
  switch (rule.type) {
    case 'score': {
      const points = rule.points ?? 0
      return `${dimensionName(rule.dimension ?? '', lang)} ${points >= 0 ? '+' : ''}${points}`
    }
    case 'pattern':
      return `${zh ? '重点行为：' : 'Pattern: '}${patternName(rule.pattern ?? '', patterns, lang)}`
    case 'escalate':
      return zh ? `预警至少为${tierName(rule.tier ?? '', lang)}` : `Tier at least ${tierName(rule.tier ?? '', lang)}`
    case 'cap':
      return zh ? `预警至多为${tierName(rule.tier ?? '', lang)}` : `Tier at most ${tierName(rule.tier ?? '', lang)}`
    case 'disposition':
      return zh ? `建议${dispositionName(rule.disposition ?? '', lang)}` : `Recommends ${dispositionName(rule.disposition ?? '', lang)}`
  }
}

/** The group a rule is listed under: its dimension for score rules, else its kind of effect. */
export const effectGroup = (rule: Pick<RuleSummary, 'type' | 'dimension'>): string => (rule.type === 'score' ? (rule.dimension ?? 'score') : rule.type)

/** The groups in the order the rules page shows them. */
export const EFFECT_GROUPS = ['scale', 'exposure', 'attention', 'stability', 'pattern', 'escalate', 'cap', 'disposition'] as const

/** Where `group` stands in {@link EFFECT_GROUPS}; a group not among them (a pack's own dimension) after them all. */
export const effectGroupRank = (group: string): number => {
  const i = (EFFECT_GROUPS as readonly string[]).indexOf(group)
  return i < 0 ? EFFECT_GROUPS.length : i
}

/** The heading of an effect group. */
export const effectGroupName = (group: string, lang: Lang): string => {
  const names: Record<string, { zh: string; en: string }> = {
    pattern: { zh: '重点行为', en: 'Key patterns' },
    escalate: { zh: '升级预警', en: 'Escalations' },
    cap: { zh: '预警封顶', en: 'Caps' },
    disposition: { zh: '处置建议', en: 'Dispositions' },
  }
  return names[group]?.[lang] ?? dimensionName(group, lang)
}
