import { escapeHtml as h, escapeMarkdown as e } from './escape'
import { formatNumber } from './format'

/*
 * The trend section of the summary report (动态趋势): per unit, what changed across the sweeps of a period —
 * 新增, 升级, 降级, 化解, 逾期 — and the cases in hand. The figures come from the case store (`caseTrend` of
 * @chufei/store); the type is stated here so the ledger does not depend on the store.
 */

/** The five figures of a period and the cases in hand. */
export interface ReportTrendFigures {
  readonly opened: number
  readonly escalated: number
  readonly deEscalated: number
  readonly resolved: number
  readonly overdue: number
  /** Cases in hand (待核查, 处置中) now. */
  readonly open: number
}

/** A period's trend, per unit and in total. */
export interface ReportTrend {
  readonly from: string
  readonly to: string
  readonly units: ReadonlyArray<ReportTrendFigures & { readonly unit: string }>
  readonly total: ReportTrendFigures
}

/** The columns of the trend table, in order, with their Chinese headers. */
export const TREND_COLUMNS: ReadonlyArray<{ key: keyof ReportTrendFigures; zh: string; en: string }> = [
  { key: 'opened', zh: '新增', en: 'New' },
  { key: 'escalated', zh: '升级', en: 'Escalated' },
  { key: 'deEscalated', zh: '降级', en: 'De-escalated' },
  { key: 'resolved', zh: '化解', en: 'Resolved' },
  { key: 'overdue', zh: '逾期', en: 'Overdue' },
  { key: 'open', zh: '在办', en: 'Open' },
]

const num = (n: number) => formatNumber(n, 0)

const summary = (t: ReportTrend): string =>
  `${t.from}至${t.to}：${TREND_COLUMNS.filter((c) => c.key !== 'open')
    .map((c) => `${c.zh}${num(t.total[c.key])}件`)
    .join('，')}；目前在办${num(t.total.open)}件。`

const NOTE = '新增、升级、降级按排查日期计，化解按工作人员标记已化解的日期计，逾期为期末仍在办且已过整改时限的案件，在办为目前待核查和处置中的案件。'

/** The trend section as HTML, numbered `n` (一、二…). */
export const trendSectionHtml = (t: ReportTrend, n: string): string => {
  const head = `<tr><th>单位</th>${TREND_COLUMNS.map((c) => `<th class="num">${h(c.zh)}</th>`).join('')}</tr>`
  const row = (label: string, f: ReportTrendFigures, attr: string) =>
    `<tr${attr}><td>${h(label)}</td>${TREND_COLUMNS.map((c) => `<td class="num" data-trend="${c.key}">${num(f[c.key])}</td>`).join('')}</tr>`
  const rows = t.units.map((u) => row(u.unit, u, '')).join('') + row('合计', t.total, ' class="total"')
  return `<h2>${n}、动态趋势</h2><p>${h(summary(t))}</p><table class="trend"><thead>${head}</thead><tbody>${rows}</tbody></table><p class="notes">${h(NOTE)}</p>`
}

/** The trend section as Markdown lines, numbered `n`. */
export const trendSectionMarkdown = (t: ReportTrend, n: string): string[] => {
  const row = (label: string, f: ReportTrendFigures) => `| ${e(label)} | ${TREND_COLUMNS.map((c) => num(f[c.key])).join(' | ')} |`
  return [
    `## ${n}、动态趋势`,
    '',
    e(summary(t)),
    '',
    `| 单位 | ${TREND_COLUMNS.map((c) => c.zh).join(' | ')} |`,
    `|---|${TREND_COLUMNS.map(() => '---:').join('|')}|`,
    ...t.units.map((u) => row(u.unit, u)),
    row('合计', t.total),
    '',
    e(NOTE),
    '',
  ]
}
