import {
  DIMENSIONS,
  DISPOSITIONS,
  FACTS,
  PATTERNS,
  REGION_KINDS,
  SECTORS,
  SOURCES,
  TIERS,
  enumLabel,
  tierRank,
  type Label,
  type LeadWarning,
  type PatternDefinition,
  type Reason,
  type Result,
  type ScoredResult,
} from '@chufei/core'
import type { LeadContext, LedgerItem } from '../score-stream'
import type { Lang, LedgerRow } from './ledger-columns'

/*
 * One scored (or rejected) lead → one ledger row of labels, not slugs. The results carry no subject name
 * or village, so the row is built from the result plus the few lead fields kept beside it.
 */

/** What the ledger needs of the rule pack; `RulePack` from core satisfies it. */
export interface PackInfo {
  readonly name: string
  readonly version: string
  readonly hash: string
  /** Pattern vocabulary by id (the pack's own definitions over the built-in ones). */
  readonly patterns: ReadonlyMap<string, PatternDefinition>
}

/** Everything a ledger row depends on besides the item itself. */
export interface LedgerContext {
  readonly lang: Lang
  /** Pattern id → label: the pack's vocabulary first, then core's PATTERNS. */
  readonly patternLabels: ReadonlyMap<string, Label>
  /** `name@version (hash first 12)`. */
  readonly rulePackLabel: string
  /** Local date of the run, YYYY-MM-DD: the start of the deadline when the lead has no reportedAt. */
  readonly runDate: string
}

/** Ledger status (状态). */
export type LedgerStatus = 'pending' | 'monitor' | 'problem'

export const STATUS_LABELS: Readonly<Record<LedgerStatus, Label>> = {
  pending: { zh: '待处置', en: 'To handle' },
  monitor: { zh: '持续监测', en: 'Monitoring' },
  problem: { zh: '问题行', en: 'Problem row' },
}

/** A key lead (重点线索): yellow tier or above. */
export const isKeyLead = (result: Result): result is ScoredResult =>
  result.status === 'scored' && tierRank(result.tier) >= tierRank('yellow')

/**
 * 状态: a key lead (yellow and above), or any lead with a recommended action other than monitoring,
 * is 待处置 (someone must act); the rest are 持续监测. A rejected row is 问题行, not 已排除: it was never
 * assessed, so the sheet must be corrected and the row scored again.
 */
export const ledgerStatus = (result: Result): LedgerStatus => {
  if (result.status === 'rejected') return 'problem'
  return tierRank(result.tier) >= tierRank('yellow') || result.disposition !== 'monitor' ? 'pending' : 'monitor'
}

/** `default@2024.1.0 (3f2a9b1c0d4e)`. */
export const rulePackLabel = (pack: Pick<PackInfo, 'name' | 'version' | 'hash'>): string =>
  `${pack.name}@${pack.version} (${pack.hash.replace(/^sha256:/, '').slice(0, 12)})`

const pad = (n: number) => String(n).padStart(2, '0')

/** A Date as a local calendar date, YYYY-MM-DD. */
export const localIsoDate = (d: Date): string => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`

/** Adds whole days to a YYYY-MM-DD calendar date (no time zone involved). */
export const addDays = (isoDate: string, days: number): string => {
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number]
  const t = new Date(Date.UTC(y, m - 1, d + days))
  return `${t.getUTCFullYear()}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())}`
}

const isIsoDate = (s: string | null | undefined): s is string =>
  typeof s === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(Date.parse(s))

/** Builds the ledger context for a pack. */
export const createLedgerContext = (pack: PackInfo, options: { lang: Lang; now: Date }): LedgerContext => {
  const patternLabels = new Map<string, Label>()
  for (const [id, label] of Object.entries(PATTERNS)) patternLabels.set(id, label)
  for (const p of pack.patterns.values()) patternLabels.set(p.id, { zh: p.zh, en: p.en ?? p.zh })
  return { lang: options.lang, patternLabels, rulePackLabel: rulePackLabel(pack), runDate: localIsoDate(options.now) }
}

const sep = (lang: Lang) => (lang === 'zh' ? '；' : '; ')
const listSep = (lang: Lang) => (lang === 'zh' ? '、' : ', ')

/** The label of a field path (`people.total` → 涉及人数), the path itself when unknown. */
export const fieldLabel = (field: string | undefined, lang: Lang): string => {
  if (field === undefined || field === '') return ''
  return Object.hasOwn(FACTS, field) ? FACTS[field as keyof typeof FACTS][lang] : field
}

/** `涉及人数达到150人（+30 涉众规模）`: a reason's label with what it did. */
export const formatReason = (reason: Reason, ctx: Pick<LedgerContext, 'lang' | 'patternLabels'>): string => {
  const { lang } = ctx
  const notes: string[] = []
  if (reason.points !== undefined && reason.dimension !== undefined) {
    const signed = reason.points >= 0 ? `+${reason.points}` : String(reason.points)
    notes.push(`${signed} ${enumLabel(DIMENSIONS, reason.dimension, lang)}`)
  }
  if (reason.pattern !== undefined) notes.push(ctx.patternLabels.get(reason.pattern)?.[lang] ?? reason.pattern)
  if (reason.tier !== undefined) notes.push(`${lang === 'zh' ? '至少' : 'at least '}${enumLabel(TIERS, reason.tier, lang)}`)
  if (reason.disposition !== undefined) notes.push(enumLabel(DISPOSITIONS, reason.disposition, lang))
  if (notes.length === 0) return reason.label
  return lang === 'zh' ? `${reason.label}（${notes.join('，')}）` : `${reason.label} (${notes.join(', ')})`
}

/** One data problem as a sentence: `涉及人数：“约300人”按300计` (field label, then the message). */
export const formatWarning = (w: { field?: string | undefined; message: string }, lang: Lang): string => {
  const label = fieldLabel(w.field, lang)
  return label === '' ? w.message : `${label}${lang === 'zh' ? '：' : ': '}${w.message}`
}

/** 数据问题: the row's errors and warnings, prefixed with the source line so staff can find the row. */
export const formatProblems = (result: Result, lang: Lang): string => {
  const warnings: readonly LeadWarning[] = result.warnings ?? []
  const parts = [...(result.status === 'rejected' ? result.errors : []), ...warnings].map((p) => formatWarning(p, lang))
  if (parts.length === 0) return ''
  const where = result.line === undefined ? '' : lang === 'zh' ? `第${result.line}行：` : `line ${result.line}: `
  return where + parts.join(sep(lang))
}

/**
 * Yuan → 万元 for the ledger's money columns, kept to the yuan (as `chufei track` writes them); unknown
 * stays null (a blank cell), never 0.
 */
export const toWan = (yuan: number | null | undefined): number | null =>
  yuan === null || yuan === undefined ? null : Math.round((yuan / 10_000) * 10_000) / 10_000

type LeadFactKey = 'notes' | 'creditCode' | 'regionKind' | 'source' | 'people' | 'raised' | 'outstanding' | 'reportedAt'

/** 备注 and the lead facts after 数据问题: blank when the sheet did not say (or the reader rejected the row). */
const leadFacts = (lead: LeadContext | null, lang: Lang): Pick<LedgerRow, LeadFactKey> => ({
  notes: lead?.notes ?? '',
  creditCode: lead?.creditCode ?? '',
  regionKind: lead?.regionKind ? enumLabel(REGION_KINDS, lead.regionKind, lang) : '',
  source: lead?.source ? enumLabel(SOURCES, lead.source, lang) : '',
  people: lead?.people ?? null,
  raised: toWan(lead?.raised),
  outstanding: toWan(lead?.outstanding),
  reportedAt: lead?.reportedAt ?? '',
})

/** Builds one ledger row. Cells are raw here; writers neutralise formulas. */
export const toLedgerRow = (item: LedgerItem, ctx: LedgerContext): LedgerRow => {
  const { result, lead } = item
  const { lang } = ctx
  const base = {
    id: result.id ?? '',
    name: lead?.name ?? '',
    village: lead?.village ?? '',
    sector: lead?.sector ? enumLabel(SECTORS, lead.sector, lang) : '',
    status: STATUS_LABELS[ledgerStatus(result)][lang],
    problems: formatProblems(result, lang),
    ...leadFacts(lead, lang),
  }
  if (result.status === 'rejected') {
    return {
      ...base,
      total: null,
      tier: '',
      scale: null,
      exposure: null,
      attention: null,
      stability: null,
      patterns: '',
      reasons: '',
      disposition: '',
      units: '',
      measures: '',
      deadline: '',
      rulePack: ctx.rulePackLabel,
    }
  }
  const { assignment } = result
  const start = isIsoDate(lead?.reportedAt) ? lead.reportedAt : ctx.runDate
  return {
    ...base,
    total: result.total,
    tier: enumLabel(TIERS, result.tier, lang),
    scale: result.scores.scale,
    exposure: result.scores.exposure,
    attention: result.scores.attention,
    stability: result.scores.stability,
    patterns: result.patterns.map((p) => ctx.patternLabels.get(p)?.[lang] ?? p).join(listSep(lang)),
    reasons: result.reasons.map((r) => formatReason(r, ctx)).join(sep(lang)),
    disposition: enumLabel(DISPOSITIONS, result.disposition, lang),
    units: assignment.units.join(listSep(lang)),
    measures: assignment.measures,
    deadline: assignment.deadlineDays === null ? '' : addDays(start, assignment.deadlineDays),
    rulePack: rulePackLabel(result.rulePack),
  }
}
