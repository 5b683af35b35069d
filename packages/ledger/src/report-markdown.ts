import { TIERS, enumLabel } from '@chufei/core'
import { escapeMarkdown as e } from './escape'
import { formatMeasure, formatNumber } from './format'
import { TYPICAL_CASES, buildReportModel, typicalFacts, typicalReasons, type ReportInput, type ReportModel } from './report-model'
import { trendSectionMarkdown } from './report-trend'
import type { Group } from './stats'
import type { TrackedLead } from './track'

/*
 * The summary report as Markdown, for pasting into a document or a wiki: the same model and figures as
 * the HTML, with bars drawn in text. Sheet values are escaped (no raw HTML, no table breaks).
 */

const num = (n: number) => formatNumber(n, 0)
const BAR_WIDTH = 20

const bar = (value: number, max: number) => '█'.repeat(max === 0 ? 0 : Math.round((value / max) * BAR_WIDTH))

const groupTable = (caption: string, groups: readonly Group[], withBars: boolean): string => {
  const max = Math.max(0, ...groups.map((g) => g.leads))
  const head = `| ${caption} | 线索（条） | 重点线索 | 涉及人数 | 集资金额（万元） | 未兑付（万元） |${withBars ? ' 分布 |' : ''}`
  const sep = `|---|---:|---:|---:|---:|---:|${withBars ? '---|' : ''}`
  const rows = groups.map(
    (g) =>
      `| ${e(g.label)} | ${num(g.leads)} | ${num(g.keyLeads)} | ${formatMeasure(g.people, 'people')} | ${formatMeasure(g.raised, 'money')} | ${formatMeasure(g.outstanding, 'money')} |${withBars ? ` ${bar(g.leads, max)} |` : ''}`,
  )
  return [head, sep, ...rows].join('\n')
}

const name = (l: TrackedLead) => {
  const r = l.current ?? l.previous
  return `${e(r?.name ?? '（未填名称）')}（${e(r?.id ?? '')}）`
}

const CHINESE_NUMERALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十']

/** Renders the report model as Markdown. */
export const renderReportModelMarkdown = (m: ReportModel): string => {
  const s = m.stats
  const out: string[] = [`# ${e(m.title)}`, '', `*${e(m.subtitle)}*`, '', '## 一、总体情况', '']
  out.push(`| ${m.keyFigures.map((f) => f.label).join(' | ')} |`, `|${m.keyFigures.map(() => '---:').join('|')}|`, `| ${m.keyFigures.map((f) => f.value).join(' | ')} |`, '')
  out.push(e(m.overview), '')
  out.push('## 二、风险分布', '', '### 按村（社区）', '', groupTable('所属村（社区）', s.byVillage, true), '')
  out.push('### 按行业', '', groupTable('行业', s.bySector, true), '')
  out.push('### 按区域类型', '', groupTable('区域类型', s.byRegionKind, false), '')
  out.push('### 按线索来源', '', groupTable('线索来源', s.bySource, false), '')
  out.push('## 三、预警等级与处置建议', '', groupTable('预警等级', s.byTier, true), '', groupTable('处置建议', s.byDisposition, false), '')
  out.push('## 四、重点行为频次', '', s.byPattern.length === 0 ? '未发现重点行为。' : groupTable('重点行为', s.byPattern, true), '')
  out.push('## 五、典型案例', '')
  const cases = s.keyLeads.slice(0, TYPICAL_CASES)
  if (cases.length === 0) out.push('本次排查未发现黄色预警及以上的重点线索。', '')
  for (const l of cases) {
    out.push(`### ${l.rank}. ${e(l.name ?? '（未填名称）')}（${e(l.id ?? '')}）${e(l.tierLabel)}，综合得分 ${l.total}`, '')
    const facts = typicalFacts(l)
    out.push(e(facts.join('；')), '')
    if (l.patternLabels.length > 0) out.push(`重点行为：${e(l.patternLabels.join('、'))}`, '')
    out.push(...typicalReasons(l.reasons).map((r) => `- ${e(r)}`), '')
  }
  let section = 6
  if (m.track !== undefined) {
    const t = m.track
    out.push(`## ${CHINESE_NUMERALS[section++ - 1]}、与上期相比的变化`, '', e(m.changeSummary ?? ''), '')
    const tier = (l: TrackedLead, w: 'previous' | 'current') => (l[w]?.tier ? enumLabel(TIERS, l[w]!.tier!) : '—')
    const list = (title: string, leads: readonly TrackedLead[], detail: (l: TrackedLead) => string) => {
      if (leads.length === 0) return
      out.push(`### ${title}（${leads.length}条）`, '', ...leads.map((l) => `- ${name(l)}：${detail(l)}`), '')
    }
    const of = (k: TrackedLead['change']) => t.leads.filter((l) => l.change === k)
    list('风险升级', of('escalated'), (l) => `${tier(l, 'previous')} → ${tier(l, 'current')}${l.notes.length ? `；${e(l.notes.join('；'))}` : ''}`)
    list('新增重点线索', of('new').filter((l) => ['red', 'orange', 'yellow'].includes(l.current?.tier ?? '')), (l) => tier(l, 'current'))
    list('风险降级', of('de-escalated'), (l) => `${tier(l, 'previous')} → ${tier(l, 'current')}`)
    list('已化解', of('resolved'), (l) => (l.resolvedBy === 'staff' ? `已由工作人员标记为已化解${l.previous?.notes ? `（备注：${e(l.previous.notes)}）` : ''}` : '本轮排查未再出现'))
  }
  if (m.trend !== undefined) out.push(...trendSectionMarkdown(m.trend, CHINESE_NUMERALS[section++ - 1]!))
  out.push(`## ${CHINESE_NUMERALS[section++ - 1]}、逾期未化解事项`, '')
  if (s.overdue.length === 0) out.push(`截至${s.today}，没有已过整改时限仍未化解的线索。`, '')
  else {
    out.push('| 线索编号 | 主体名称 | 所属村 | 预警等级 | 整改时限 | 责任单位 | 状态 | 备注 |', '|---|---|---|---|---|---|---|---|')
    for (const l of s.overdue) {
      out.push(`| ${e(l.id ?? '')} | ${e(l.name ?? '')} | ${e(l.village ?? '')} | ${e(l.tierLabel)} | ${e(l.deadline ?? '')} | ${e(l.units.join('、'))} | ${e(l.status)} | ${e(l.notes)} |`)
    }
    out.push('')
  }
  out.push(`## ${CHINESE_NUMERALS[section++ - 1]}、下一步工作建议`, '', ...m.nextSteps.map((st, i) => `${i + 1}. ${e(st.text)}`), '')
  out.push(`## ${CHINESE_NUMERALS[section++ - 1]}、数据说明`, '', ...m.dataNotes.map((n) => `- ${e(n)}`), '')
  return out.join('\n')
}

/** Renders the 风险排查总结报告 as Markdown. */
export const renderReportMarkdown = (input: ReportInput): string => renderReportModelMarkdown(buildReportModel(input))
