import {
  DISPOSITIONS,
  DISPOSITION_IDS,
  REGION_KINDS,
  SECTORS,
  SOURCES,
  TIERS,
  TIER_IDS,
  enumLabel,
  tierRank,
  type Disposition,
  type Tier,
} from '@chufei/core'
import { createPatternLabels, patternLabel, type Lang, type PatternLabels } from './labels'
import { STAFF_STATUSES, isOverdue, type LedgerRecord, type StaffStatus } from './record'
import type { SweepCounts } from './score-sheet'

/*
 * 量化分析: the plan asks for a total risk list analysed by sector and region (对行业、区域风险规模进行量化
 * 分析). Everything `chufei stats` prints and the summary report shows comes from `computeStats`, so the
 * two cannot disagree.
 */

/** A sum over the leads that give the value; `unknown` counts those that do not (unknown is not zero). */
export interface Measure {
  sum: number
  unknown: number
}

export interface Totals {
  /** Scored leads. */
  leads: number
  /** Of them, key leads (重点线索: yellow tier and above). */
  keyLeads: number
  people: Measure
  /** 集资金额, yuan. */
  raised: Measure
  /** 未兑付金额, yuan. */
  outstanding: Measure
}

/** One line of a breakdown; `key` is the slug (or village name), '' when the sheet did not say. */
export interface Group extends Totals {
  key: string
  label: string
}

/** A key lead, ranked. */
export interface LeadSummary {
  rank: number
  row: number | null
  id: string | null
  name: string | null
  village: string | null
  sector: string | null
  sectorLabel: string
  tier: Tier
  tierLabel: string
  total: number
  disposition: Disposition | null
  dispositionLabel: string
  patterns: string[]
  patternLabels: string[]
  reasons: string[]
  people: number | null
  raised: number | null
  outstanding: number | null
  units: string[]
  deadline: string | null
  /** 状态 as shown (staff's own text when it is not a known status). */
  status: string
  statusId: StaffStatus | null
  notes: string
}

export interface Stats {
  /** The day overdue is judged against, YYYY-MM-DD. */
  today: string
  rows: { read: number; scored: number; rejected: number; skipped: number }
  overall: Totals
  byTier: Group[]
  byDisposition: Group[]
  bySector: Group[]
  byVillage: Group[]
  byRegionKind: Group[]
  bySource: Group[]
  /** A lead with two patterns counts under both. */
  byPattern: Group[]
  byStatus: Group[]
  /** Yellow and above, by total (then tier, outstanding, row). */
  keyLeads: LeadSummary[]
  /** 整改时限 passed and not 已化解, earliest deadline first. */
  overdue: LeadSummary[]
  /** Every scored lead whose recommended disposition is an action (all tiers), ranked like key leads. */
  actions: Record<Exclude<Disposition, 'monitor'>, LeadSummary[]>
  rulePacks: string[]
}

export interface StatsOptions {
  /** YYYY-MM-DD. */
  readonly today: string
  readonly counts?: SweepCounts
  readonly lang?: Lang
  readonly patternLabels?: PatternLabels
}

type Scored = LedgerRecord & { tier: Tier }

const isKey = (r: Scored) => tierRank(r.tier) >= tierRank('yellow')

const emptyTotals = (): Totals => ({
  leads: 0,
  keyLeads: 0,
  people: { sum: 0, unknown: 0 },
  raised: { sum: 0, unknown: 0 },
  outstanding: { sum: 0, unknown: 0 },
})

const addTo = (t: Totals, r: Scored) => {
  t.leads += 1
  if (isKey(r)) t.keyLeads += 1
  const add = (m: Measure, v: number | null) => {
    if (v === null) m.unknown += 1
    else m.sum += v
  }
  add(t.people, r.people)
  add(t.raised, r.raised)
  add(t.outstanding, r.outstanding)
}

const groupBy = (
  records: readonly Scored[],
  keysOf: (r: Scored) => readonly string[],
  labelOf: (key: string) => string,
  fixedOrder?: readonly string[],
): Group[] => {
  const groups = new Map<string, Group>()
  for (const key of fixedOrder ?? []) groups.set(key, { key, label: labelOf(key), ...emptyTotals() })
  for (const r of records) {
    for (const key of keysOf(r)) {
      let g = groups.get(key)
      if (g === undefined) {
        g = { key, label: labelOf(key), ...emptyTotals() }
        groups.set(key, g)
      }
      addTo(g, r)
    }
  }
  const list = [...groups.values()]
  if (fixedOrder !== undefined) return list
  // Most leads first; then most money outstanding; "not given" last; then by label for a stable order.
  return list.sort(
    (a, b) =>
      Number(a.key === '') - Number(b.key === '') ||
      b.leads - a.leads ||
      b.keyLeads - a.keyLeads ||
      b.outstanding.sum - a.outstanding.sum ||
      (a.label < b.label ? -1 : a.label > b.label ? 1 : 0),
  )
}

const byRank = (a: Scored, b: Scored) =>
  (b.total ?? 0) - (a.total ?? 0) ||
  tierRank(b.tier) - tierRank(a.tier) ||
  (b.outstanding ?? 0) - (a.outstanding ?? 0) ||
  (a.row ?? 0) - (b.row ?? 0)

/**
 * Counts, people and money by tier, disposition, sector, village, region kind, source, pattern and 状态;
 * the key leads ranked; the overdue leads. Only scored leads enter the breakdowns; rejected rows are
 * counted in `rows`.
 */
export const computeStats = (records: readonly LedgerRecord[], options: StatsOptions): Stats => {
  const lang = options.lang ?? 'zh'
  const labels = options.patternLabels ?? createPatternLabels()
  const unknown = lang === 'zh' ? '（未填）' : '(not given)'
  const scored = records.filter((r): r is Scored => r.kind === 'scored' && r.tier !== null)
  const rejected = records.length - scored.length
  const skipped = options.counts?.skipped ?? 0

  const overall = emptyTotals()
  for (const r of scored) addTo(overall, r)

  const statusKey = (r: LedgerRecord) => r.status ?? (r.statusText !== null ? 'other' : '')
  const statusLabel = (key: string) =>
    key === '' ? unknown : key === 'other' ? (lang === 'zh' ? '其他' : 'Other') : (STAFF_STATUSES[key as keyof typeof STAFF_STATUSES]?.[lang] ?? key)

  const summary = (r: Scored, rank: number): LeadSummary => ({
    rank,
    row: r.row,
    id: r.id,
    name: r.name,
    village: r.village,
    sector: r.sector,
    sectorLabel: r.sector === null ? '' : enumLabel(SECTORS, r.sector, lang),
    tier: r.tier,
    tierLabel: enumLabel(TIERS, r.tier, lang),
    total: r.total ?? 0,
    disposition: r.disposition,
    dispositionLabel: r.disposition === null ? '' : enumLabel(DISPOSITIONS, r.disposition, lang),
    patterns: [...r.patterns],
    patternLabels: r.patterns.map((p) => patternLabel(labels, p, lang)),
    reasons: [...r.reasons],
    people: r.people,
    raised: r.raised,
    outstanding: r.outstanding,
    units: [...r.units],
    deadline: r.deadline,
    status: r.statusText ?? (r.status === null ? '' : STAFF_STATUSES[r.status][lang]),
    statusId: r.status,
    notes: r.notes,
  })

  const keyLeads = scored.filter(isKey).sort(byRank).map((r, i) => summary(r, i + 1))
  const overdue = scored
    .filter((r) => isOverdue(r, options.today))
    .sort((a, b) => (a.deadline! < b.deadline! ? -1 : a.deadline! > b.deadline! ? 1 : byRank(a, b)))
    .map((r, i) => summary(r, i + 1))

  const ranked = [...scored].sort(byRank)
  const actionsOf = (d: Disposition) => ranked.filter((r) => r.disposition === d).map((r, i) => summary(r, i + 1))

  return {
    today: options.today,
    rows: { read: records.length + skipped, scored: scored.length, rejected, skipped },
    overall,
    byTier: groupBy(scored, (r) => [r.tier], (k) => enumLabel(TIERS, k, lang), TIER_IDS),
    byDisposition: groupBy(scored, (r) => (r.disposition === null ? [] : [r.disposition]), (k) => enumLabel(DISPOSITIONS, k, lang), DISPOSITION_IDS),
    bySector: groupBy(scored, (r) => [r.sector ?? ''], (k) => (k === '' ? unknown : enumLabel(SECTORS, k, lang))),
    byVillage: groupBy(scored, (r) => [r.village?.trim() ?? ''], (k) => (k === '' ? unknown : k)),
    byRegionKind: groupBy(scored, (r) => [r.regionKind ?? ''], (k) => (k === '' ? unknown : enumLabel(REGION_KINDS, k, lang))),
    bySource: groupBy(scored, (r) => [r.source ?? ''], (k) => (k === '' ? unknown : enumLabel(SOURCES, k, lang))),
    byPattern: groupBy(scored, (r) => [...new Set(r.patterns)], (k) => patternLabel(labels, k, lang)),
    byStatus: groupBy(scored, (r) => [statusKey(r)], statusLabel),
    keyLeads,
    overdue,
    actions: { prosecute: actionsOf('prosecute'), penalty: actionsOf('penalty'), rectify: actionsOf('rectify'), interview: actionsOf('interview') },
    rulePacks: [...new Set(records.map((r) => r.rulePack).filter((p): p is string => p !== null))],
  }
}
