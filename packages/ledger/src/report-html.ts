import { TIERS, enumLabel } from '@chufei/core'
import { escapeHtml as h, jsonForScript } from './escape'
import { formatMeasure, formatNumber } from './format'
import { KEY_COLOR, MAX_BARS, OTHER_COLOR, TIER_COLORS, TYPICAL_CASES, buildReportModel, typicalFacts, typicalReasons, type ReportInput, type ReportModel } from './report-model'
import { trendSectionHtml } from './report-trend'
import type { Group, LeadSummary } from './stats'
import { barChartSvg, type Bar } from './svg-chart'
import type { TrackedLead } from './track'

/*
 * The summary report as one self-contained HTML file: inline CSS and SVG, no script, no font, no image
 * fetched (a Content-Security-Policy forbids it), A4 print styles. Every value from a sheet is escaped.
 */

const CSS = `
@page { size: A4; margin: 16mm 14mm; }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC", "WenQuanYi Micro Hei", sans-serif;
  color: #1f1f1f; margin: 0 auto; max-width: 1100px; padding: 28px 40px; line-height: 1.65; font-size: 15px; background: #fff; }
h1 { font-size: 26px; text-align: center; margin: 0 0 4px; letter-spacing: 2px; }
.subtitle { text-align: center; color: #595959; margin: 0 0 20px; }
h2 { font-size: 19px; border-left: 5px solid ${KEY_COLOR}; padding-left: 10px; margin: 26px 0 10px; break-after: avoid; page-break-after: avoid; }
h3 { font-size: 16px; margin: 16px 0 6px; break-after: avoid; page-break-after: avoid; }
p { margin: 6px 0; text-indent: 2em; }
.figures { display: grid; grid-template-columns: repeat(6, 1fr); gap: 8px; margin: 12px 0; }
.figure { border: 1px solid #d9d9d9; border-radius: 6px; padding: 8px 6px; text-align: center; }
.figure .value { font-size: 22px; font-weight: 700; color: ${KEY_COLOR}; }
.figure .label { font-size: 12px; color: #595959; }
table { width: 100%; border-collapse: collapse; margin: 8px 0 12px; font-size: 13px; }
th, td { border: 1px solid #bfbfbf; padding: 4px 6px; text-align: left; vertical-align: top; }
td.nowrap { white-space: nowrap; }
th { background: #f0f0f0; }
td.num, th.num { text-align: right; white-space: nowrap; }
table.trend tr.total td { font-weight: 700; background: #fafafa; }
tr { break-inside: avoid; page-break-inside: avoid; }
.chart { display: block; width: 100%; max-width: 820px; height: auto; margin: 6px 0; }
.chart-label, .chart-value, .chart-legend { font-size: 12px; fill: #262626; }
.charts { display: grid; grid-template-columns: 1fr 1fr; gap: 12px; }
.case { border: 1px solid #d9d9d9; border-radius: 6px; padding: 8px 12px; margin: 8px 0; break-inside: avoid; page-break-inside: avoid; }
.case h3 { margin: 0 0 4px; }
.case ul { margin: 4px 0; padding-left: 22px; }
.tier { display: inline-block; padding: 0 6px; border-radius: 3px; color: #fff; font-size: 12px; white-space: nowrap; }
.tier-yellow { color: #1f1f1f; }
ol.steps li { margin: 4px 0; }
.notes { font-size: 12px; color: #595959; }
.muted { color: #8c8c8c; }
@media print { body { max-width: none; padding: 0; font-size: 12pt; } .figures { grid-template-columns: repeat(3, 1fr); } .charts { grid-template-columns: 1fr; } }
`

const num = (n: number) => formatNumber(n, 0)

const tierBadge = (tier: LeadSummary['tier'], label: string) =>
  `<span class="tier tier-${h(tier)}" style="background:${TIER_COLORS[tier]}">${h(label)}</span>`

const groupTable = (caption: string, groups: readonly Group[], statPath: string): string => {
  const rows = groups
    .map(
      (g, i) =>
        `<tr><td>${h(g.label)}</td><td class="num" data-stat="${h(`${statPath}.${i}.leads`)}">${num(g.leads)}</td><td class="num" data-stat="${h(`${statPath}.${i}.keyLeads`)}">${num(g.keyLeads)}</td>` +
        `<td class="num">${h(formatMeasure(g.people, 'people'))}</td><td class="num">${h(formatMeasure(g.raised, 'money'))}</td><td class="num">${h(formatMeasure(g.outstanding, 'money'))}</td></tr>`,
    )
    .join('')
  return `<table><thead><tr><th>${h(caption)}</th><th class="num">线索（条）</th><th class="num">重点线索</th><th class="num">涉及人数</th><th class="num">集资金额（万元）</th><th class="num">未兑付（万元）</th></tr></thead><tbody>${rows}</tbody></table>`
}

/** Bars of leads per group, split into key leads and the rest. */
const distributionChart = (title: string, groups: readonly Group[]): string => {
  const shown = groups.slice(0, MAX_BARS)
  const rest = groups.slice(MAX_BARS)
  const bars: Bar[] = shown.map((g) => ({
    label: g.label,
    segments: [
      { value: g.keyLeads, color: KEY_COLOR, name: '重点线索' },
      { value: g.leads - g.keyLeads, color: OTHER_COLOR, name: '其他线索' },
    ],
  }))
  if (rest.length > 0) {
    const key = rest.reduce((s, g) => s + g.keyLeads, 0)
    const all = rest.reduce((s, g) => s + g.leads, 0)
    bars.push({ label: `其他${rest.length}项`, segments: [{ value: key, color: KEY_COLOR, name: '重点线索' }, { value: all - key, color: OTHER_COLOR, name: '其他线索' }] })
  }
  return barChartSvg(bars, { title, legend: [{ name: '重点线索（黄色及以上）', color: KEY_COLOR }, { name: '其他线索', color: OTHER_COLOR }] })
}

const tierChart = (m: ReportModel): string =>
  barChartSvg(
    m.stats.byTier.map((g) => ({ label: g.label, segments: [{ value: g.leads, color: TIER_COLORS[g.key as LeadSummary['tier']], name: g.label }] })),
    { title: '预警等级分布', width: 520 },
  )

const leadRow = (l: LeadSummary, extra: string) =>
  `<tr><td>${h(l.id ?? '')}</td><td>${h(l.name ?? '')}</td><td>${h(l.village ?? '')}</td><td>${tierBadge(l.tier, l.tierLabel)}</td><td class="num">${num(l.total)}</td>${extra}</tr>`

const typicalCases = (m: ReportModel): string => {
  const cases = m.stats.keyLeads.slice(0, TYPICAL_CASES)
  if (cases.length === 0) return '<p>本次排查未发现黄色预警及以上的重点线索。</p>'
  return cases
    .map((l) => {
      const facts = typicalFacts(l)
      const reasons = typicalReasons(l.reasons).map((r) => `<li>${h(r)}</li>`).join('')
      return (
        `<div class="case" data-lead="${h(l.id ?? '')}"><h3>${num(l.rank)}. ${h(l.name ?? '（未填名称）')}（${h(l.id ?? '')}） ${tierBadge(l.tier, l.tierLabel)} 综合得分 ${num(l.total)}</h3>` +
        `<div>${h(facts.join('；'))}</div>` +
        (l.patternLabels.length > 0 ? `<div>重点行为：${h(l.patternLabels.join('、'))}</div>` : '') +
        `<div>主要依据：</div><ul>${reasons}</ul></div>`
      )
    })
    .join('')
}

const trackedName = (l: TrackedLead) => {
  const r = l.current ?? l.previous
  return `${h(r?.name ?? '（未填名称）')}（${h(r?.id ?? '')}）`
}

const changesSection = (m: ReportModel): string => {
  const t = m.track
  if (t === undefined) return ''
  const counts = `<table><thead><tr>${m.changes.map((c) => `<th class="num">${h(c.label)}</th>`).join('')}<th class="num">逾期未化解</th></tr></thead><tbody><tr>${m.changes
    .map((c) => `<td class="num" data-change="${h(c.kind)}">${num(c.count)}</td>`)
    .join('')}<td class="num" data-change="overdue">${num(t.counts.overdue)}</td></tr></tbody></table>`
  const tierText = (l: TrackedLead, which: 'previous' | 'current') => {
    const tier = l[which]?.tier
    return tier ? enumLabel(TIERS, tier) : '—'
  }
  const list = (title: string, leads: readonly TrackedLead[], detail: (l: TrackedLead) => string) =>
    leads.length === 0 ? '' : `<h3>${h(title)}（${leads.length}条）</h3><ul>${leads.map((l) => `<li>${trackedName(l)}：${detail(l)}</li>`).join('')}</ul>`
  const of = (kind: TrackedLead['change']) => t.leads.filter((l) => l.change === kind)
  const newKey = of('new').filter((l) => l.current?.tier === 'red' || l.current?.tier === 'orange' || l.current?.tier === 'yellow')
  const notes = (l: TrackedLead) => (l.notes.length > 0 ? `；${h(l.notes.join('；'))}` : '')
  return (
    `<h2>六、与上期相比的变化</h2><p>${h(m.changeSummary ?? '')}</p>${counts}` +
    list('风险升级', of('escalated'), (l) => `${h(tierText(l, 'previous'))} → ${h(tierText(l, 'current'))}${notes(l)}`) +
    list('新增重点线索', newKey, (l) => `${h(tierText(l, 'current'))}${notes(l)}`) +
    list('风险降级', of('de-escalated'), (l) => `${h(tierText(l, 'previous'))} → ${h(tierText(l, 'current'))}`) +
    list('已化解', of('resolved'), (l) =>
      l.resolvedBy === 'staff' ? `已由工作人员标记为已化解${l.previous?.notes ? `（备注：${h(l.previous.notes)}）` : ''}` : '本轮排查未再出现',
    )
  )
}

const daysBetween = (from: string, to: string) => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000)

const overdueSection = (m: ReportModel, n: string): string => {
  const items = m.stats.overdue
  const body =
    items.length === 0
      ? `<p>截至${h(m.stats.today)}，没有已过整改时限仍未化解的线索。</p>`
      : `<table><thead><tr><th>线索编号</th><th>主体名称</th><th>所属村</th><th>预警等级</th><th class="num">得分</th><th>整改时限</th><th class="num">逾期天数</th><th>责任单位</th><th>状态</th><th>备注</th></tr></thead><tbody>${items
          .map((l) =>
            leadRow(
              l,
              `<td>${h(l.deadline ?? '')}</td><td class="num">${num(daysBetween(l.deadline ?? m.stats.today, m.stats.today))}</td><td>${h(l.units.join('、'))}</td><td class="nowrap">${h(l.status)}</td><td>${h(l.notes)}</td>`,
            ),
          )
          .join('')}</tbody></table>`
  return `<h2>${n}、逾期未化解事项</h2>${body}`
}

const CHINESE_NUMERALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十']

/** Renders the report model as a self-contained HTML document. */
export const renderReportModelHtml = (m: ReportModel): string => {
  const s = m.stats
  let section = m.track === undefined ? 6 : 7
  const next = () => CHINESE_NUMERALS[section++ - 1]!
  const figures = m.keyFigures
    .map((f) => `<div class="figure"><div class="value" data-stat="${h(f.stat)}">${h(f.value)}</div><div class="label">${h(f.label)}</div></div>`)
    .join('')
  const patterns =
    s.byPattern.length === 0
      ? '<p>未发现重点行为。</p>'
      : barChartSvg(
          s.byPattern.slice(0, MAX_BARS).map((g) => ({ label: g.label, segments: [{ value: g.leads, color: KEY_COLOR, name: g.label }] })),
          { title: '重点行为频次' },
        ) + groupTable('重点行为', s.byPattern, 'byPattern')
  const dispositions = `<table><thead><tr><th>处置建议</th><th class="num">线索（条）</th><th class="num">其中重点线索</th><th class="num">未兑付（万元）</th></tr></thead><tbody>${s.byDisposition
    .map((g, i) => `<tr><td>${h(g.label)}</td><td class="num" data-stat="byDisposition.${i}.leads">${num(g.leads)}</td><td class="num">${num(g.keyLeads)}</td><td class="num">${h(formatMeasure(g.outstanding, 'money'))}</td></tr>`)
    .join('')}</tbody></table>`
  const tiersTable = `<table><thead><tr><th>预警等级</th><th class="num">线索（条）</th><th class="num">涉及人数</th><th class="num">未兑付（万元）</th></tr></thead><tbody>${s.byTier
    .map((g, i) => `<tr><td>${tierBadge(g.key as LeadSummary['tier'], g.label)}</td><td class="num" data-stat="byTier.${i}.leads">${num(g.leads)}</td><td class="num">${h(formatMeasure(g.people, 'people'))}</td><td class="num">${h(formatMeasure(g.outstanding, 'money'))}</td></tr>`)
    .join('')}</tbody></table>`
  const trend = m.trend === undefined ? '' : trendSectionHtml(m.trend, next())
  const overdue = overdueSection(m, next())
  const steps = `<h2>${next()}、下一步工作建议</h2><ol class="steps">${m.nextSteps.map((st) => `<li data-step="${h(st.kind)}">${h(st.text)}</li>`).join('')}</ol>`
  const notes = `<h2>${next()}、数据说明</h2><ul class="notes">${m.dataNotes.map((n) => `<li>${h(n)}</li>`).join('')}</ul>`
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="chufei">
<title>${h(m.title)}</title>
<style>${CSS}</style>
</head>
<body>
<h1>${h(m.title)}</h1>
<div class="subtitle">${h(m.subtitle)}</div>
<h2>一、总体情况</h2>
<div class="figures">${figures}</div>
<p>${h(m.overview)}</p>
<h2>二、风险分布</h2>
<h3>按村（社区）</h3>
${distributionChart('各村（社区）线索分布', s.byVillage)}
${groupTable('所属村（社区）', s.byVillage, 'byVillage')}
<h3>按行业</h3>
${distributionChart('各行业线索分布', s.bySector)}
${groupTable('行业', s.bySector, 'bySector')}
<h3>按区域类型</h3>
${groupTable('区域类型', s.byRegionKind, 'byRegionKind')}
<h3>按线索来源</h3>
${groupTable('线索来源', s.bySource, 'bySource')}
<h2>三、预警等级与处置建议</h2>
<div class="charts"><div>${tierChart(m)}${tiersTable}</div><div>${dispositions}</div></div>
<h2>四、重点行为频次</h2>
${patterns}
<h2>五、典型案例</h2>
${typicalCases(m)}
${changesSection(m)}
${trend}
${overdue}
${steps}
${notes}
<script type="application/json" id="chufei-stats">${jsonForScript(s)}</script>
</body>
</html>
`
}

/** Renders the 风险排查总结报告 as HTML. */
export const renderReportHtml = (input: ReportInput): string => renderReportModelHtml(buildReportModel(input))
