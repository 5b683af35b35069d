import { formatMeasure, formatNumber } from './format'
import type { Lang } from './labels'
import type { Group, LeadSummary, Stats } from './stats'

/*
 * `chufei stats --format text`: the figures as aligned plain-text tables for a terminal or a 简报.
 */

const T = {
  zh: {
    title: '风险台账量化分析',
    rows: (s: Stats) => `读取 ${s.rows.read} 行：评分 ${s.rows.scored}，问题行 ${s.rows.rejected}，跳过 ${s.rows.skipped}`,
    overall: (s: Stats) =>
      `线索 ${s.overall.leads} 条，重点线索（黄色及以上）${s.overall.keyLeads} 条；涉及人数 ${formatMeasure(s.overall.people, 'people', 'zh')} 人；` +
      `集资金额 ${formatMeasure(s.overall.raised, 'money', 'zh')} 万元；未兑付 ${formatMeasure(s.overall.outstanding, 'money', 'zh')} 万元`,
    head: ['线索', '重点', '人数', '集资(万元)', '未兑付(万元)'],
    sections: { byTier: '按预警等级', byDisposition: '按处置建议', bySector: '按行业', byVillage: '按所属村', byRegionKind: '按区域类型', bySource: '按线索来源', byPattern: '按重点行为', byStatus: '按状态' },
    key: '重点线索（按综合得分）',
    keyHead: ['#', '编号', '主体名称', '所属村', '预警等级', '得分', '处置建议'],
    overdue: (today: string) => `逾期未化解（截至 ${today}）`,
    none: '（无）',
  },
  en: {
    title: 'Risk ledger analysis',
    rows: (s: Stats) => `Read ${s.rows.read} rows: scored ${s.rows.scored}, problem rows ${s.rows.rejected}, skipped ${s.rows.skipped}`,
    overall: (s: Stats) =>
      `${s.overall.leads} leads, ${s.overall.keyLeads} key leads (yellow and above); people ${formatMeasure(s.overall.people, 'people', 'en')}; ` +
      `raised ${formatMeasure(s.overall.raised, 'money', 'en')} (10k yuan); outstanding ${formatMeasure(s.overall.outstanding, 'money', 'en')} (10k yuan)`,
    head: ['Leads', 'Key', 'People', 'Raised (10k)', 'Outstanding (10k)'],
    sections: { byTier: 'By tier', byDisposition: 'By disposition', bySector: 'By sector', byVillage: 'By village', byRegionKind: 'By region kind', bySource: 'By source', byPattern: 'By pattern', byStatus: 'By status' },
    key: 'Key leads (by total)',
    keyHead: ['#', 'ID', 'Subject', 'Village', 'Tier', 'Total', 'Disposition'],
    overdue: (today: string) => `Overdue, not resolved (as of ${today})`,
    none: '(none)',
  },
} as const

/** Display width: CJK and full-width characters take two columns. */
const width = (s: string): number => {
  let w = 0
  for (const ch of s) w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1
  return w
}

const padEnd = (s: string, w: number) => s + ' '.repeat(Math.max(0, w - width(s)))
const padStart = (s: string, w: number) => ' '.repeat(Math.max(0, w - width(s))) + s

/** Aligned columns; numeric columns (by index) right-aligned. */
const table = (rows: readonly (readonly string[])[], numeric: ReadonlySet<number>): string[] => {
  const widths: number[] = []
  for (const r of rows) r.forEach((c, i) => (widths[i] = Math.max(widths[i] ?? 0, width(c))))
  return rows.map((r) => `  ${r.map((c, i) => (numeric.has(i) ? padStart(c, widths[i]!) : padEnd(c, widths[i]!))).join('  ').trimEnd()}`)
}

const groupLines = (title: string, groups: readonly Group[], lang: Lang, none: string): string[] => {
  const t = T[lang]
  if (groups.length === 0) return [title, `  ${none}`]
  const rows = [
    ['', ...t.head],
    ...groups.map((g) => [g.label, formatNumber(g.leads, 0), formatNumber(g.keyLeads, 0), formatMeasure(g.people, 'people', lang), formatMeasure(g.raised, 'money', lang), formatMeasure(g.outstanding, 'money', lang)]),
  ]
  return [title, ...table(rows, new Set([1, 2, 3, 4, 5]))]
}

const leadLines = (leads: readonly LeadSummary[], lang: Lang, extra?: (l: LeadSummary) => string): string[] => {
  const t = T[lang]
  if (leads.length === 0) return [`  ${t.none}`]
  const rows = [
    [...t.keyHead, ...(extra ? [lang === 'zh' ? '整改时限' : 'Deadline'] : [])],
    ...leads.map((l) => [String(l.rank), l.id ?? '', l.name ?? '', l.village ?? '', l.tierLabel, String(l.total), l.dispositionLabel, ...(extra ? [extra(l)] : [])]),
  ]
  return table(rows, new Set([0, 5]))
}

/** The stats as plain text, Chinese by default. */
export const formatStatsText = (stats: Stats, lang: Lang = 'zh'): string => {
  const t = T[lang]
  const lines: string[] = [t.title, t.rows(stats), t.overall(stats), '']
  for (const key of ['byTier', 'byDisposition', 'bySector', 'byVillage', 'byRegionKind', 'bySource', 'byPattern', 'byStatus'] as const) {
    lines.push(...groupLines(t.sections[key], stats[key], lang, t.none), '')
  }
  lines.push(t.key, ...leadLines(stats.keyLeads, lang), '')
  lines.push(t.overdue(stats.today), ...leadLines(stats.overdue, lang, (l) => l.deadline ?? ''), '')
  return lines.join('\n')
}
