import {
  DISPOSITIONS,
  FACTS,
  TIERS,
  enumLabel,
  tierRank,
  type LeadWarning,
  type PatternDefinition,
  type Result,
  type ScoredResult,
} from '@chufei/core'
import { createPatternLabels, formatReason, patternLabel, type Lang, type PatternLabels } from './labels'
import type { ScoreLedgerField } from './ledger-columns'
import type { GuidePack } from './ledger-guide'
import type { LeadContext, LedgerItem } from './ledger-item'
import { LEAD_COLUMNS, isNumericLeadColumn, leadColumnCell } from './lead-columns'
import { STAFF_STATUSES, addDays, initialStatus, localIsoDate, rulePackLabel } from './record'

/*
 * One scored (or rejected) lead → one ledger row of labels, not slugs, in the columns @chufei/ledger
 * defines (SCORE_LEDGER_COLUMNS). The results carry no subject name or village, so the row is built from
 * the result plus the few lead fields kept beside it.
 */

/** A ledger cell: numbers stay numbers (scores, people, 万元), text is text, null is an empty cell. */
export type LedgerCell = string | number | null

/** One row of the score ledger, by field. */
export type LedgerRow = Record<ScoreLedgerField, LedgerCell>

/** What the ledger needs of the rule pack (the 说明 sheet explains its thresholds); `RulePack` from core satisfies it. */
export interface PackInfo extends GuidePack {
  /** Pattern vocabulary by id (the pack's own definitions over the built-in ones). */
  readonly patterns: ReadonlyMap<string, PatternDefinition>
}

/** Everything a ledger row depends on besides the item itself. */
export interface LedgerContext {
  readonly lang: Lang
  /** Pattern id → label: the pack's vocabulary first, then core's PATTERNS. */
  readonly patternLabels: PatternLabels
  /** `name@version (hash first 12)`. */
  readonly rulePackLabel: string
  /** Local date of the run, YYYY-MM-DD: the start of the deadline when the lead has no reportedAt. */
  readonly runDate: string
  /** The pack, for the XLSX ledger's 说明 sheet. */
  readonly pack: GuidePack
}

/** A key lead (重点线索): yellow tier or above. */
export const isKeyLead = (result: Result): result is ScoredResult =>
  result.status === 'scored' && tierRank(result.tier) >= tierRank('yellow')

// Looser than @chufei/ledger's isIsoDate (which `scoreSheet` uses): a lead's impossible 2024-02-30 starts
// the deadline here (rolled over to 03-01), there the run date does. Kept so the score ledger is unchanged.
const isIsoDate = (s: string | null | undefined): s is string =>
  typeof s === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(Date.parse(s))

/** Builds the ledger context for a pack. */
export const createLedgerContext = (pack: PackInfo, options: { lang: Lang; now: Date }): LedgerContext => ({
  lang: options.lang,
  patternLabels: createPatternLabels(pack.patterns),
  rulePackLabel: rulePackLabel(pack),
  runDate: localIsoDate(options.now),
  pack,
})

const sep = (lang: Lang) => (lang === 'zh' ? '；' : '; ')
const listSep = (lang: Lang) => (lang === 'zh' ? '、' : ', ')

/** The label of a field path (`people.total` → 涉及人数), the path itself when unknown. */
export const fieldLabel = (field: string | undefined, lang: Lang): string => {
  if (field === undefined || field === '') return ''
  return Object.hasOwn(FACTS, field) ? FACTS[field as keyof typeof FACTS][lang] : field
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
 * The lead columns (core's field table) and 备注, set on `row`: blank when the sheet did not say (or the
 * reader rejected the row) — an empty text cell, a null number.
 */
const setLeadFacts = (row: Record<string, LedgerCell>, lead: LeadContext | null, lang: Lang): void => {
  for (const c of LEAD_COLUMNS) row[c.key] = leadColumnCell(c, lead?.[c.key], lang) ?? (isNumericLeadColumn(c) ? null : '')
  row.notes = lead?.notes ?? ''
}

/** 主要依据 of a result, one formatted reason each, in the pack's order (empty for a rejected row). */
export const reasonTexts = (result: Result, ctx: LedgerContext): string[] =>
  result.status === 'scored' ? result.reasons.map((r) => formatReason(r, ctx.patternLabels, ctx.lang)) : []

/**
 * `rulePackLabel` of the last pack seen: every result of a run names the same pack, and the label (a regex
 * and three strings) was rebuilt for every row. Compared by its three strings, so it is never stale.
 */
let lastPack: { name: string; version: string; hash: string; label: string } | null = null
const packLabelOf = (pack: { name: string; version: string; hash: string }): string => {
  if (lastPack === null || lastPack.name !== pack.name || lastPack.version !== pack.version || lastPack.hash !== pack.hash)
    lastPack = { name: pack.name, version: pack.version, hash: pack.hash, label: rulePackLabel(pack) }
  return lastPack.label
}

/** Deadlines already computed (`start|days` → date): a run has few distinct starts and a handful of day counts. */
const deadlines = new Map<string, string>()
const DEADLINE_CACHE_SIZE = 4096
const deadlineOf = (start: string, days: number): string => {
  const key = `${start}|${days}`
  let date = deadlines.get(key)
  if (date === undefined) {
    if (deadlines.size >= DEADLINE_CACHE_SIZE) deadlines.clear()
    date = addDays(start, days)
    deadlines.set(key, date)
  }
  return date
}

/** Builds one ledger row. Cells are raw here; writers neutralise formulas. */
export const toLedgerRow = (item: LedgerItem, ctx: LedgerContext): LedgerRow => {
  const { result, lead } = item
  const { lang } = ctx
  // One object filled in column order (no spreads: this runs once per row of every CSV and XLSX ledger).
  const row: Record<string, LedgerCell> = {
    id: result.id ?? '',
    status: STAFF_STATUSES[initialStatus(result)][lang],
    problems: formatProblems(result, lang),
  }
  setLeadFacts(row, lead, lang)
  if (result.status === 'rejected') {
    row.total = null
    row.tier = ''
    row.scale = null
    row.exposure = null
    row.attention = null
    row.stability = null
    row.patterns = ''
    row.reasons = ''
    row.disposition = ''
    row.units = ''
    row.measures = ''
    row.deadline = ''
    row.rulePack = ctx.rulePackLabel
    return row as LedgerRow
  }
  const { assignment } = result
  const start = isIsoDate(lead?.reportedAt) ? lead.reportedAt : ctx.runDate
  row.total = result.total
  row.tier = enumLabel(TIERS, result.tier, lang)
  row.scale = result.scores.scale
  row.exposure = result.scores.exposure
  row.attention = result.scores.attention
  row.stability = result.scores.stability
  row.patterns = result.patterns.map((p) => patternLabel(ctx.patternLabels, p, lang)).join(listSep(lang))
  row.reasons = reasonTexts(result, ctx).join(sep(lang))
  row.disposition = enumLabel(DISPOSITIONS, result.disposition, lang)
  row.units = assignment.units.join(listSep(lang))
  row.measures = assignment.measures
  row.deadline = assignment.deadlineDays === null ? '' : deadlineOf(start, assignment.deadlineDays)
  row.rulePack = packLabelOf(result.rulePack)
  return row as LedgerRow
}
