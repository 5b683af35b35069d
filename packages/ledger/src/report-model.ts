import type { Tier } from '@chufei/core'
import { formatMeasure, formatNumber, formatShare, formatWan } from './format'
import { rankReasons } from './main-reasons'
import { deriveNextSteps, type NextStep } from './next-steps'
import type { Group, LeadSummary, Stats } from './stats'
import type { ReportTrend } from './report-trend'
import { CHANGE_KINDS, CHANGE_LABELS, type ChangeKind, type TrackResult } from './track'

/*
 * What the summary report (风险排查总结报告, plan 六(四)) says, independent of HTML or Markdown: both
 * renderers walk this model, and every figure in it is read from `Stats` (the numbers `chufei stats`
 * prints) or from the tracking result — never recomputed.
 */

export interface ReportInput {
  readonly stats: Stats
  readonly track?: TrackResult
  /** The sweep's file name, as shown under the title. */
  readonly source: string
  readonly previousSource?: string
  /** Defaults to 非法集资风险排查总结报告. */
  readonly title?: string
  /** Who reports (e.g. 双桥镇处非办); optional. */
  readonly organisation?: string
  /** The period's trend across sweeps (动态趋势), from the case store; the section is left out without it. */
  readonly trend?: ReportTrend
}

export const TIER_COLORS: Readonly<Record<Tier, string>> = {
  red: '#d9363e',
  orange: '#fa8c16',
  yellow: '#e6b800',
  blue: '#1677ff',
  none: '#bfbfbf',
}

export const KEY_COLOR = '#c0392b'
export const OTHER_COLOR = '#9db4cc'

/** How many typical cases (典型案例) the report details. */
export const TYPICAL_CASES = 5
/** Bars per distribution chart; the table always lists every group. */
export const MAX_BARS = 15

export interface ReportModel {
  readonly title: string
  readonly subtitle: string
  /** 一、总体情况 — one paragraph. */
  readonly overview: string
  readonly keyFigures: ReadonlyArray<{ label: string; value: string; stat: string }>
  readonly stats: Stats
  readonly track: TrackResult | undefined
  readonly changes: ReadonlyArray<{ kind: ChangeKind; label: string; count: number }>
  readonly changeSummary: string | null
  readonly trend: ReportTrend | undefined
  readonly nextSteps: readonly NextStep[]
  readonly dataNotes: readonly string[]
}

const tierSentence = (stats: Stats): string =>
  stats.byTier
    .filter((g) => g.key !== 'none' && g.leads > 0)
    .map((g) => `${g.label}${g.leads}条`)
    .join('、')

const top = (groups: readonly Group[], n: number) => groups.filter((g) => g.key !== '').slice(0, n)

/** Builds the report model. */
export const buildReportModel = (input: ReportInput): ReportModel => {
  const { stats, track } = input
  const o = stats.overall
  const keyShare = formatShare(o.keyLeads, o.leads)
  const tiers = tierSentence(stats)
  const villages = top(stats.byVillage, 3)
  const sectors = top(stats.bySector, 3)
  const overview = [
    `本次排查共读取${stats.rows.read}行，评分线索${o.leads}条${stats.rows.rejected > 0 ? `（另有问题行${stats.rows.rejected}条待更正）` : ''}。`,
    `其中重点线索（黄色预警及以上）${o.keyLeads}条，占${keyShare}${tiers === '' ? '' : `：${tiers}`}。`,
    `涉及人数合计${formatMeasure(o.people, 'people')}人，集资金额合计${formatMeasure(o.raised, 'money')}万元，未兑付金额合计${formatMeasure(o.outstanding, 'money')}万元。`,
    villages.length > 0 ? `线索较多的村（社区）为${villages.map((g) => `${g.label}（${g.leads}条）`).join('、')}；` : '',
    sectors.length > 0 ? `行业上集中在${sectors.map((g) => `${g.label}（${g.leads}条）`).join('、')}。` : '',
    stats.overdue.length > 0 ? `已过整改时限仍未化解的线索${stats.overdue.length}条。` : '',
  ].join('')

  const changes = track === undefined ? [] : CHANGE_KINDS.map((kind) => ({ kind, label: CHANGE_LABELS[kind].zh, count: track.counts[kind] }))
  const changeSummary =
    track === undefined
      ? null
      : `与上期台账${input.previousSource ? `（${input.previousSource}）` : ''}相比：${changes.map((c) => `${c.label}${c.count}条`).join('，')}；逾期未化解${track.counts.overdue}条。`

  const unknownNotes: string[] = []
  if (o.people.unknown > 0) unknownNotes.push(`${o.people.unknown}条线索未填涉及人数`)
  if (o.raised.unknown > 0) unknownNotes.push(`${o.raised.unknown}条未填集资金额`)
  if (o.outstanding.unknown > 0) unknownNotes.push(`${o.outstanding.unknown}条未填未兑付金额`)
  const dataNotes = [
    `数据来源：${input.source}${input.previousSource ? `；上期台账：${input.previousSource}` : ''}。`,
    `读取${stats.rows.read}行：评分${stats.rows.scored}条，问题行${stats.rows.rejected}条，跳过空行和表尾${stats.rows.skipped}行。`,
    unknownNotes.length > 0 ? `合计金额和人数只计已填写的线索（未填不按零计）：${unknownNotes.join('，')}。` : '人数和金额均已填写。',
    '一条线索可命中多种重点行为，各行为的条数之和可能大于线索总数。',
    `规则版本：${stats.rulePacks.join('、') || '（未注明）'}；逾期以${stats.today}为准。`,
  ]

  return {
    title: input.title ?? '非法集资风险排查总结报告',
    subtitle: `${input.organisation ? `${input.organisation} · ` : ''}截至${stats.today}`,
    overview,
    keyFigures: [
      { label: '评分线索', value: formatNumber(o.leads, 0), stat: 'overall.leads' },
      { label: '重点线索', value: formatNumber(o.keyLeads, 0), stat: 'overall.keyLeads' },
      { label: '涉及人数（人）', value: formatNumber(o.people.sum, 0), stat: 'overall.people.sum' },
      { label: '集资金额（万元）', value: formatWan(o.raised.sum), stat: 'overall.raised.sum' },
      { label: '未兑付金额（万元）', value: formatWan(o.outstanding.sum), stat: 'overall.outstanding.sum' },
      { label: '逾期未化解', value: formatNumber(stats.overdue.length, 0), stat: 'overdue.length' },
    ],
    stats,
    track,
    changes,
    changeSummary,
    trend: input.trend,
    nextSteps: deriveNextSteps(stats, track),
    dataNotes,
  }
}

/** Reasons shown per typical case. */
export const CASE_REASONS = 6

/** The reasons that best explain a case, weightiest first (see {@link rankReasons}). */
export const typicalReasons = (reasons: readonly string[], max = CASE_REASONS): string[] => rankReasons(reasons, max)

/**
 * A typical case's facts, in the report's order: 所属村, 行业, 涉及人数, 集资, 未兑付 (each only when the sheet
 * gave it) and 处置建议. Plain text: each renderer escapes and joins them its own way.
 */
export const typicalFacts = (l: LeadSummary): string[] =>
  [
    l.village ? `所属村：${l.village}` : '',
    l.sectorLabel ? `行业：${l.sectorLabel}` : '',
    l.people !== null ? `涉及${formatNumber(l.people, 0)}人` : '',
    l.raised !== null ? `集资${formatWan(l.raised)}万元` : '',
    l.outstanding !== null ? `未兑付${formatWan(l.outstanding)}万元` : '',
    `处置建议：${l.dispositionLabel || '—'}`,
  ].filter((s) => s !== '')
