import {
  DIMENSIONS,
  DISPOSITIONS,
  PATTERNS,
  TIERS,
  enumLabel,
  type Label,
  type Reason,
} from '@chufei/core'
import type { Lang } from '@chufei/core'
import { STAFF_STATUSES } from './record'

/*
 * Labels both ways: slugs → what people read, and the labels a ledger carries → slugs again.
 */

/** The one language type, core's, re-exported for the ledger's callers. */
export type { Lang }

/** Pattern id → label: core's ten, overridden and extended by a pack's vocabulary. */
export type PatternLabels = ReadonlyMap<string, Label>

/** The pattern labels of a pack (or of core alone). */
export const createPatternLabels = (patterns?: ReadonlyMap<string, { id: string; zh: string; en?: string | undefined }>): PatternLabels => {
  const labels = new Map<string, Label>()
  for (const [id, label] of Object.entries(PATTERNS)) labels.set(id, label)
  for (const p of patterns?.values() ?? []) labels.set(p.id, { zh: p.zh, en: p.en ?? p.zh })
  return labels
}

/** The label of a pattern id; the id itself when unknown. */
export const patternLabel = (labels: PatternLabels, id: string, lang: Lang): string => labels.get(id)?.[lang] ?? id

/** Normalises a label for lookup: no spaces, half-width brackets, lower case. */
export const normaliseLabel = (s: string): string =>
  s
    .normalize('NFKC')
    .replace(/\s+/g, '')
    .replace(/[（]/g, '(')
    .replace(/[）]/g, ')')
    .toLowerCase()

/** A reverse index label → slug over both languages, plus the slugs themselves. */
export const createReverseIndex = (vocabulary: Readonly<Record<string, Label>>): ReadonlyMap<string, string> => {
  const index = new Map<string, string>()
  for (const [id, label] of Object.entries(vocabulary)) {
    index.set(normaliseLabel(id), id)
    index.set(normaliseLabel(label.zh), id)
    index.set(normaliseLabel(label.en), id)
  }
  return index
}

export const TIER_INDEX = createReverseIndex(TIERS)
export const DISPOSITION_INDEX = createReverseIndex(DISPOSITIONS)
export const STATUS_INDEX = createReverseIndex(STAFF_STATUSES)

/** Looks a label up; null when it is not in the vocabulary. */
export const lookup = (index: ReadonlyMap<string, string>, text: string): string | null => index.get(normaliseLabel(text)) ?? null

/** `涉及人数达到150人（+30 涉众规模）` — the same wording as the CLI's 主要依据 column. */
export const formatReason = (reason: Reason, labels: PatternLabels, lang: Lang = 'zh'): string => {
  const notes: string[] = []
  if (reason.points !== undefined && reason.dimension !== undefined) {
    notes.push(`${reason.points >= 0 ? `+${reason.points}` : reason.points} ${enumLabel(DIMENSIONS, reason.dimension, lang)}`)
  }
  if (reason.pattern !== undefined) notes.push(patternLabel(labels, reason.pattern, lang))
  if (reason.tier !== undefined) notes.push(`${lang === 'zh' ? '至少' : 'at least '}${enumLabel(TIERS, reason.tier, lang)}`)
  if (reason.cap !== undefined) notes.push(`${lang === 'zh' ? '至多' : 'at most '}${enumLabel(TIERS, reason.cap, lang)}`)
  if (reason.disposition !== undefined) notes.push(enumLabel(DISPOSITIONS, reason.disposition, lang))
  if (notes.length === 0) return reason.label
  return lang === 'zh' ? `${reason.label}（${notes.join('，')}）` : `${reason.label} (${notes.join(', ')})`
}
