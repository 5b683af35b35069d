import { escapeHtml } from '../escape-html'
import type { Reason } from '../result'
import { DIMENSIONS, DISPOSITIONS, TIERS, TIER_IDS } from '../vocabulary'
import type { BacktestDiff, LeadSide, MovedLead, RuleMove } from './backtest-diff'
import type { Lang } from '../format-value'

/*
 * The backtest as text (for the terminal and a memo) and as one self-contained HTML page (no external
 * assets: it is mailed around and opened offline).
 */

const SHORT_TIER = { red: '红色', orange: '橙色', yellow: '黄色', blue: '蓝色', none: '未达' } as const

const tierName = (t: keyof typeof TIERS | undefined, lang: Lang) => (t === undefined ? '—' : lang === 'zh' ? TIERS[t].zh : t)
const dispName = (d: keyof typeof DISPOSITIONS | undefined, lang: Lang) => (d === undefined ? '—' : lang === 'zh' ? DISPOSITIONS[d].zh : d)

const sideText = (s: LeadSide, lang: Lang): string =>
  s.status === 'rejected' ? (lang === 'zh' ? '未能评分' : 'rejected') : `${tierName(s.tier, lang)} ${s.total}${lang === 'zh' ? '分' : ''}，${dispName(s.disposition, lang)}`

/** What a reason does, in words: `涉众规模 +20`, `建议 行政处罚`. */
export const describeReasonEffect = (r: Reason | undefined, lang: Lang = 'zh'): string => effect(r, lang)

const effect = (r: Reason | undefined, lang: Lang): string => {
  if (!r) return ''
  if (r.dimension) return `${lang === 'zh' ? DIMENSIONS[r.dimension].zh : r.dimension} ${(r.points ?? 0) >= 0 ? '+' : ''}${r.points}`
  if (r.pattern) return `${lang === 'zh' ? '重点行为' : 'pattern'} ${r.pattern}`
  if (r.tier) return `${lang === 'zh' ? '预警至少' : 'tier at least'} ${tierName(r.tier, lang)}`
  if (r.cap) return `${lang === 'zh' ? '预警至多' : 'tier at most'} ${tierName(r.cap, lang)}`
  if (r.disposition) return `${lang === 'zh' ? '建议' : 'recommends'} ${dispName(r.disposition, lang)}`
  return ''
}

/** One rule move in words: `不再触发 scale-150「涉及人数达到150人」（涉众规模 +20）`. */
export const describeRuleMove = (m: RuleMove, lang: Lang = 'zh'): string => {
  const head = `${m.rule}${lang === 'zh' ? `「${m.name}」` : ` "${m.name}"`}`
  switch (m.change) {
    case 'fired':
      return lang === 'zh' ? `新触发 ${head}（${effect(m.after, lang)}）` : `now fires ${head} (${effect(m.after, lang)})`
    case 'stopped':
      return lang === 'zh' ? `不再触发 ${head}（${effect(m.before, lang)}）` : `no longer fires ${head} (${effect(m.before, lang)})`
    case 'changed':
      return lang === 'zh' ? `效果改变 ${head}：${effect(m.before, lang)} → ${effect(m.after, lang)}` : `effect changed ${head}: ${effect(m.before, lang)} → ${effect(m.after, lang)}`
  }
}

const leadName = (m: MovedLead, lang: Lang): string => {
  const where = m.source !== undefined || m.line !== undefined
    ? lang === 'zh' ? `（${[m.source, m.line !== undefined ? `第 ${m.line} 行` : undefined].filter(Boolean).join(' ')}）` : ` (${[m.source, m.line !== undefined ? `line ${m.line}` : undefined].filter(Boolean).join(' ')})`
    : ''
  return `${m.id ?? (lang === 'zh' ? '（无编号）' : '(no id)')}${m.subject ? ` ${m.subject}` : ''}${where}`
}

const pad = (s: string, width: number): string => {
  const w = [...s].reduce((n, ch) => n + (ch.charCodeAt(0) > 0x2e80 ? 2 : 1), 0)
  return s + ' '.repeat(Math.max(0, width - w))
}

/** The backtest as plain text. */
export const formatBacktestText = (diff: BacktestDiff, lang: Lang = 'zh'): string => {
  const zh = lang === 'zh'
  const ref = (r: BacktestDiff['base']) => `${r.name} ${r.version}（${r.hash.slice(0, 19)}…）`
  const out: string[] = [
    zh ? `回测：基线 ${ref(diff.base)} → 修改后 ${ref(diff.head)}` : `Backtest: base ${ref(diff.base)} → head ${ref(diff.head)}`,
    zh ? `线索 ${diff.leads} 条，两边均评分 ${diff.scoredBoth} 条；变化 ${diff.moved.length} 条` : `${diff.leads} leads, ${diff.scoredBoth} scored by both; ${diff.moved.length} moved`,
    '',
    zh ? '【预警等级变化矩阵】行：修改前，列：修改后' : '[Tier transitions] rows: before, columns: after',
    pad('', 10) + TIER_IDS.map((t) => pad(zh ? SHORT_TIER[t] : t, 8)).join(''),
    ...TIER_IDS.map((a) => pad(zh ? SHORT_TIER[a] : a, 10) + TIER_IDS.map((b) => pad(a === b ? String(diff.tiers[a][b]) : diff.tiers[a][b] === 0 ? '·' : `${diff.tiers[a][b]}`, 8)).join('')),
    '',
    zh ? '【处置建议变化】' : '[Disposition changes]',
    ...(diff.dispositions.length === 0 ? [zh ? '  无' : '  none'] : diff.dispositions.map((d) => `  ${dispName(d.before, lang)} → ${dispName(d.after, lang)}：${d.count}`)),
    '',
    zh ? '【变化的线索】' : '[Leads that moved]',
  ]
  if (diff.moved.length === 0) out.push(zh ? '  无' : '  none')
  for (const m of diff.moved) {
    out.push(`  ${leadName(m, lang)}：${sideText(m.before, lang)} → ${sideText(m.after, lang)}`)
    for (const r of m.rules) out.push(`    ${describeRuleMove(r, lang)}`)
  }
  out.push('', zh ? '【各规则命中次数】修改前 → 修改后（* 为有变化）' : '[Rule hits] before → after (* changed)')
  const width = Math.max(...diff.ruleHits.map((h) => h.rule.length), 4) + 2
  for (const h of diff.ruleHits) {
    const mark = h.before !== h.after || h.presence !== 'both' ? '*' : ' '
    const presence = h.presence === 'added' ? (zh ? '（新增规则）' : ' (new rule)') : h.presence === 'removed' ? (zh ? '（已删除或停用）' : ' (removed or disabled)') : ''
    out.push(`${mark} ${h.rule.padEnd(width)}${String(h.before).padStart(5)} → ${String(h.after).padEnd(5)} ${h.name}${presence}`)
  }
  return `${out.join('\n')}\n`
}

const esc = escapeHtml

/** The backtest as one self-contained HTML page (inline CSS, no scripts, no external assets). */
export const formatBacktestHtml = (diff: BacktestDiff, lang: Lang = 'zh'): string => {
  const zh = lang === 'zh'
  const title = zh ? `规则修改回测：${diff.base.name} ${diff.base.version} → ${diff.head.name} ${diff.head.version}` : `Backtest: ${diff.base.name} ${diff.base.version} → ${diff.head.name} ${diff.head.version}`
  const matrix = [
    `<table class="matrix"><tr><th>${zh ? '修改前 \\ 修改后' : 'before \\ after'}</th>${TIER_IDS.map((t) => `<th class="${t}">${esc(tierName(t, lang))}</th>`).join('')}</tr>`,
    ...TIER_IDS.map((a) => `<tr><th class="${a}">${esc(tierName(a, lang))}</th>${TIER_IDS.map((b) => `<td class="${a === b ? 'same' : diff.tiers[a][b] > 0 ? 'moved' : ''}">${diff.tiers[a][b]}</td>`).join('')}</tr>`),
    '</table>',
  ].join('\n')
  const dispositions = diff.dispositions.length === 0
    ? `<p>${zh ? '无' : 'none'}</p>`
    : `<table><tr><th>${zh ? '修改前' : 'before'}</th><th>${zh ? '修改后' : 'after'}</th><th>${zh ? '条数' : 'leads'}</th></tr>${diff.dispositions.map((d) => `<tr><td>${esc(dispName(d.before, lang))}</td><td>${esc(dispName(d.after, lang))}</td><td>${d.count}</td></tr>`).join('')}</table>`
  const moved = diff.moved.length === 0
    ? `<p>${zh ? '无' : 'none'}</p>`
    : `<table><tr><th>${zh ? '线索' : 'lead'}</th><th>${zh ? '修改前' : 'before'}</th><th>${zh ? '修改后' : 'after'}</th><th>${zh ? '原因' : 'why'}</th></tr>${diff.moved
        .map((m) => `<tr><td>${esc(leadName(m, lang))}</td><td class="${m.before.tier ?? ''}">${esc(sideText(m.before, lang))}</td><td class="${m.after.tier ?? ''}">${esc(sideText(m.after, lang))}</td><td>${m.rules.map((r) => esc(describeRuleMove(r, lang))).join('<br>')}</td></tr>`)
        .join('\n')}</table>`
  const hits = `<table><tr><th>${zh ? '规则' : 'rule'}</th><th>${zh ? '名称' : 'name'}</th><th>${zh ? '修改前' : 'before'}</th><th>${zh ? '修改后' : 'after'}</th></tr>${diff.ruleHits
    .map((h) => `<tr class="${h.before !== h.after || h.presence !== 'both' ? 'moved' : ''}"><td><code>${esc(h.rule)}</code></td><td>${esc(h.name)}</td><td>${h.before}</td><td>${h.after}</td></tr>`)
    .join('\n')}</table>`
  return `<!DOCTYPE html>
<html lang="${zh ? 'zh-CN' : 'en'}">
<head>
<meta charset="utf-8">
<title>${esc(title)}</title>
<style>
body { font-family: "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", sans-serif; margin: 2em; color: #222; }
table { border-collapse: collapse; margin: 0.5em 0 1.5em; }
th, td { border: 1px solid #ccc; padding: 0.3em 0.7em; text-align: left; vertical-align: top; }
.matrix td { text-align: right; min-width: 3em; }
td.same { background: #f4f4f4; }
.moved { background: #fff3cd; }
.red { color: #b00020; } .orange { color: #d35400; } .yellow { color: #9a7d0a; } .blue { color: #1f5fa8; }
code { font-size: 0.95em; }
</style>
</head>
<body>
<h1>${esc(title)}</h1>
<p>${esc(zh ? `基线 ${diff.base.hash}；修改后 ${diff.head.hash}` : `base ${diff.base.hash}; head ${diff.head.hash}`)}</p>
<p>${esc(zh ? `线索 ${diff.leads} 条，两边均评分 ${diff.scoredBoth} 条；变化 ${diff.moved.length} 条` : `${diff.leads} leads, ${diff.scoredBoth} scored by both; ${diff.moved.length} moved`)}</p>
<h2>${zh ? '预警等级变化矩阵' : 'Tier transitions'}</h2>
${matrix}
<h2>${zh ? '处置建议变化' : 'Disposition changes'}</h2>
${dispositions}
<h2>${zh ? '变化的线索' : 'Leads that moved'}</h2>
${moved}
<h2>${zh ? '各规则命中次数' : 'Rule hits'}</h2>
${hits}
</body>
</html>
`
}
