import { SECTORS, TIER_IDS } from '@chufei/core'
import { barChartSvg, type Bar } from '@chufei/ledger/svg-chart'
import type { Lang } from './i18n'
import { tierName } from './labels'
import type { OverviewGroup, TrendFigures, UnitOpenCases } from './staff-client'

/*
 * The home page's charts, drawn by the ledger package's SVG bar charts — the ones the printed summary report
 * uses, so staff see the same figures the same way on screen and on paper. Pure functions from the API's
 * figures to an <svg> string (every label escaped by the chart), tested beside this file.
 */

/** The console's tier colours (styles.css `.tier-*`), so a bar matches the badges beside it. */
export const TIER_COLORS: Readonly<Record<string, string>> = { red: '#c0392b', orange: '#d4700a', yellow: '#b8930b', blue: '#1f6fc5', none: '#8c959f' }
const KEY_COLOR = '#c0392b'
const OTHER_COLOR = '#9db4cc'
/** Bars beyond this are summed into one "其他 n 项" bar. */
export const MAX_BARS = 12

const text = (lang: Lang, zh: string, en: string) => (lang === 'zh' ? zh : en)

/** A group's name in the reader's language: tiers and sectors have English names; villages and patterns are the sheet's. */
const groupLabel = (g: OverviewGroup, kind: 'tier' | 'sector' | 'other', lang: Lang): string => {
  if (g.key === '') return text(lang, '未填写', 'Not given')
  if (kind === 'tier') return tierName(g.key, lang)
  if (kind === 'sector' && lang === 'en') return SECTORS[g.key as keyof typeof SECTORS]?.en ?? g.label
  return g.label
}

/** Leads per group, each bar split into key leads (yellow and above) and the rest, the largest groups first. */
export const groupChart = (title: string, groups: readonly OverviewGroup[], kind: 'sector' | 'other', lang: Lang): string => {
  const bar = (label: string, key: number, all: number): Bar => ({
    label,
    segments: [
      { value: key, color: KEY_COLOR, name: text(lang, '重点线索', 'Key leads') },
      { value: all - key, color: OTHER_COLOR, name: text(lang, '其他线索', 'Other leads') },
    ],
  })
  const sorted = [...groups].sort((a, b) => b.leads - a.leads)
  const bars = sorted.slice(0, MAX_BARS).map((g) => bar(groupLabel(g, kind, lang), g.keyLeads, g.leads))
  const rest = sorted.slice(MAX_BARS)
  if (rest.length > 0) {
    bars.push(bar(text(lang, `其他${rest.length}项`, `${rest.length} more`), rest.reduce((n, g) => n + g.keyLeads, 0), rest.reduce((n, g) => n + g.leads, 0)))
  }
  return barChartSvg(bars, {
    title,
    width: 600,
    legend: [
      { name: text(lang, '重点线索（黄色及以上）', 'Key leads (yellow and above)'), color: KEY_COLOR },
      { name: text(lang, '其他线索', 'Other leads'), color: OTHER_COLOR },
    ],
  })
}

/** Leads per tier, in the tiers' order, each in its colour. */
export const tierChart = (title: string, groups: readonly OverviewGroup[], lang: Lang): string => {
  const byKey = new Map(groups.map((g) => [g.key, g]))
  const bars = TIER_IDS.filter((id) => byKey.has(id)).map((id) => ({
    label: tierName(id, lang),
    segments: [{ value: byKey.get(id)!.leads, color: TIER_COLORS[id] ?? OTHER_COLOR, name: tierName(id, lang) }],
  }))
  return barChartSvg(bars, { title, width: 600 })
}

/** Open cases per unit, each bar split by tier. */
export const openCasesChart = (title: string, units: readonly UnitOpenCases[], lang: Lang): string => {
  const tiers = TIER_IDS.filter((id) => units.some((u) => (u.byTier[id] ?? 0) > 0))
  const bars = [...units]
    .sort((a, b) => b.open - a.open)
    .slice(0, MAX_BARS)
    .map((u) => ({ label: u.unit, segments: tiers.map((id) => ({ value: u.byTier[id] ?? 0, color: TIER_COLORS[id] ?? OTHER_COLOR, name: tierName(id, lang) })) }))
  return barChartSvg(bars, { title, width: 600, legend: tiers.map((id) => ({ name: tierName(id, lang), color: TIER_COLORS[id] ?? OTHER_COLOR })) })
}

/** One period of the trend across sweeps: from the day after the previous sweep date to a sweep date. */
export interface TrendPeriod {
  from: string
  to: string
}

const dayAfter = (iso: string): string => {
  const d = new Date(`${iso}T00:00:00Z`)
  d.setUTCDate(d.getUTCDate() + 1)
  return d.toISOString().slice(0, 10)
}

/** The first day of the quarter of a date. */
const quarterStart = (iso: string): string => `${iso.slice(0, 4)}-${String(Math.floor((Number(iso.slice(5, 7)) - 1) / 3) * 3 + 1).padStart(2, '0')}-01`

/**
 * The periods of the trend across sweeps, oldest first: one per sweep date, from the day after the previous
 * date (the first from the start of its quarter), the last `max` only — each a `GET /v1/trend` call.
 */
export const trendPeriods = (sweepDates: readonly string[], max = 6): TrendPeriod[] => {
  const dates = [...new Set(sweepDates)].sort()
  const periods = dates.map((to, i) => ({ from: i === 0 ? quarterStart(to) : dayAfter(dates[i - 1]!), to }))
  return periods.slice(Math.max(0, periods.length - max))
}

/** The five trend figures, in the report's order, with their names. */
export const TREND_KEYS = ['opened', 'escalated', 'deEscalated', 'resolved', 'overdue'] as const satisfies ReadonlyArray<keyof TrendFigures>
const TREND_COLORS: Record<(typeof TREND_KEYS)[number], string> = { opened: '#1f6fc5', escalated: '#c0392b', deEscalated: '#1a7f37', resolved: '#6f42c1', overdue: '#d4700a' }

/** The name of a trend figure. */
export const trendName = (key: (typeof TREND_KEYS)[number], lang: Lang): string =>
  ({ opened: ['新增', 'New'], escalated: ['升级', 'Escalated'], deEscalated: ['降级', 'De-escalated'], resolved: ['化解', 'Resolved'], overdue: ['逾期', 'Overdue'] })[key][lang === 'zh' ? 0 : 1]!

/** One bar per figure per period would be many: one bar per period, split by figure, each figure's count in its tooltip. */
export const trendChart = (title: string, rows: ReadonlyArray<{ label: string; figures: TrendFigures }>, lang: Lang): string =>
  barChartSvg(
    rows.map((r) => ({
      label: r.label,
      segments: TREND_KEYS.map((k) => ({ value: r.figures[k], color: TREND_COLORS[k], name: trendName(k, lang) })),
      text: TREND_KEYS.map((k) => r.figures[k]).join('/'),
    })),
    { title, width: 600, legend: TREND_KEYS.map((k) => ({ name: trendName(k, lang), color: TREND_COLORS[k] })) },
  )
