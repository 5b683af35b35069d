import { DIMENSIONS, DISPOSITIONS, TIERS } from '../vocabulary'
import type { Tier } from '../vocabulary'
import { describeReasonEffect, describeRuleMove } from './format-backtest'
import { flattenLead, formatLead } from './format-lead'
import { factLabel, formatFactValue } from '../format-value'
import type { Lang } from '../format-value'
import type { PackCheckReport, PackViolation } from './pack-properties'

/*
 * The property check as text: one line per property, and for a failure the counterexample as a readable
 * lead (Chinese field names), what grew, what fell and which rules made it fall.
 */

const whatName = (what: string, lang: Lang): string =>
  what === 'total' ? (lang === 'zh' ? '综合得分' : 'total') : what === 'tier' ? (lang === 'zh' ? '预警等级' : 'tier') : lang === 'zh' ? DIMENSIONS[what as keyof typeof DIMENSIONS].zh : what

const valueOf = (what: string, v: number | string, lang: Lang): string => (what === 'tier' && lang === 'zh' ? TIERS[v as Tier].zh : String(v))

/** One violation as indented lines. */
export const formatPackViolation = (v: PackViolation, lang: Lang = 'zh'): string[] => {
  const zh = lang === 'zh'
  const lines: string[] = []
  if (v.detail) lines.push(`    ${zh ? v.detail.zh : v.detail.en}`)
  if (v.lead) lines.push(`    ${zh ? '反例线索' : 'counterexample'}：${formatLead({ ...v.lead, id: undefined }, lang)}`)
  if (v.lead && v.grown) {
    const before = new Map(flattenLead(v.lead))
    const grew = flattenLead(v.grown)
      .filter(([field, value]) => before.get(field) !== value)
      .map(([field, value]) => `${factLabel(field, lang)} ${formatFactValue(field, before.get(field), lang)} → ${formatFactValue(field, value, lang)}`)
    lines.push(`    ${zh ? '增加' : 'grown'}：${grew.join(zh ? '；' : '; ')}`)
  }
  if (v.drops?.length) lines.push(`    ${zh ? '下降' : 'fell'}：${v.drops.map((d) => `${whatName(d.what, lang)} ${valueOf(d.what, d.before, lang)} → ${valueOf(d.what, d.after, lang)}`).join(zh ? '；' : '; ')}`)
  if (v.involved && v.after) {
    const a = v.after
    lines.push(
      zh
        ? `    结果：${TIERS[a.tier].zh}，综合得分 ${a.total}，处置建议：${DISPOSITIONS[a.disposition].zh}`
        : `    result: tier ${a.tier}, total ${a.total}, disposition ${a.disposition}`,
    )
    const rules = v.involved.map((r) => `${r.rule}${zh ? `「${r.label}」（${describeReasonEffect(r, lang)}）` : ` "${r.label}" (${describeReasonEffect(r, lang)})`}`)
    lines.push(`    ${zh ? '涉及规则' : 'rules involved'}：${rules.length > 0 ? rules.join(zh ? '；' : '; ') : zh ? '（无）' : '(none)'}`)
  } else if (!v.drops && v.after) lines.push(`    ${zh ? '结果' : 'result'}：${JSON.stringify({ total: v.after.total, scores: v.after.scores })}`)
  for (const r of v.rules ?? []) lines.push(`    ${zh ? '原因' : 'because'}：${describeRuleMove(r, lang)}`)
  return lines
}

/** The whole report, with a summary line. */
export const formatPackCheckReport = (report: PackCheckReport, lang: Lang = 'zh'): string => {
  const zh = lang === 'zh'
  const lines: string[] = []
  for (const c of report.checks) {
    const runs = c.runs <= 1 ? '' : c.passed ? (zh ? `（${c.runs} 条线索）` : ` (${c.runs} leads)`) : zh ? `（第 ${c.runs} 条线索不满足）` : ` (failed on lead ${c.runs})`
    lines.push(`${c.passed ? '✓' : '✗'} ${zh ? c.zh : c.en}${runs}`)
    const v = report.violations.find((x) => x.property === c.property)
    if (v) lines.push(...formatPackViolation(v, lang))
  }
  const failed = report.checks.filter((c) => !c.passed).length
  lines.push(
    zh
      ? `性质检查：通过 ${report.checks.length - failed} 项，失败 ${failed} 项（随机种子 ${report.seed}）`
      : `property checks: ${report.checks.length - failed} passed, ${failed} failed (seed ${report.seed})`,
  )
  return `${lines.join('\n')}\n`
}
