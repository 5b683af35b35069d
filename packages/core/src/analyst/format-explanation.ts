import type { ConditionTrace, Explanation, RuleTrace } from '../explain'
import type { RulePack } from '../rule-pack'
import type { RuleEvent } from '../rule-pack-schema'
import { createTextMatcher } from '../text'
import { DIMENSIONS, DIMENSION_IDS, DISPOSITIONS, TIERS, TIER_IDS, tierRank } from '../vocabulary'
import type { Tier } from '../vocabulary'
import { describeCondition, failedConditions, formatConditionTrace, sharedConditionsOf, sharedTraceOf, textsOfTrace } from './format-trace'
import type { TraceFormatOptions } from './format-trace'
import { factLabel } from '../format-value'
import type { Lang } from '../format-value'

/*
 * The explanation of one lead as text an analyst pastes into a case note (案件说明): the conclusion, why
 * this tier (threshold or escalation), why this disposition (which rule, the ladder), the points per
 * dimension and the condition tree of every rule that fired.
 */

/** Options of {@link formatExplanation}. */
export interface ExplanationFormatOptions {
  readonly lang?: Lang
  /** Show the tree of every rule, not just those that fired and the near misses. */
  readonly all?: boolean
  /** The subject's name (主体名称), shown beside the lead's id. */
  readonly subjectName?: string
}

const T = {
  zh: {
    lead: '线索',
    pack: '规则包',
    conclusion: '【结论】',
    total: '综合得分',
    disposition: '处置建议',
    patterns: '重点行为',
    none: '无',
    whyTier: '【为何是这个预警等级】',
    whyDisposition: '【为何是这个处置建议】',
    dimensions: '【各维度得分】',
    rules: '【规则明细】',
    shared: '【共享条件】（规则引用的共享条件，每个只列一次）',
    nearMisses: '【未触发但部分条件成立】（加 --all 显示完整条件树）',
    fired: (n: number, m: number) => `已触发 ${n} 条，共 ${m} 条`,
    others: (n: number) => `其余 ${n} 条规则未触发（加 --all 显示全部）`,
    cap: '（封顶100）',
    floor: '（保底0）',
    noPoints: '无加分',
    colon: '：',
    comma: '，',
  },
  en: {
    lead: 'Lead',
    pack: 'Rule pack',
    conclusion: '[Conclusion] ',
    total: 'total',
    disposition: 'disposition',
    patterns: 'patterns',
    none: 'none',
    whyTier: '[Why this tier]',
    whyDisposition: '[Why this disposition]',
    dimensions: '[Points per dimension]',
    rules: '[Rules] ',
    shared: '[Shared conditions] (each listed once)',
    nearMisses: '[Not fired, some conditions held] (--all shows the full trees)',
    fired: (n: number, m: number) => `${n} of ${m} fired`,
    others: (n: number) => `${n} other rules did not fire (--all shows them)`,
    cap: ' (capped at 100)',
    floor: ' (floored at 0)',
    noPoints: 'no points',
    colon: ': ',
    comma: ', ',
  },
}

/** What a rule's event does, in words: `涉众规模 +30`, `重点行为：牲畜托管`, `预警至少橙色`. */
export const describeEvent = (event: RuleEvent, pack: RulePack, lang: Lang = 'zh'): string => {
  switch (event.type) {
    case 'score': {
      const sign = event.params.points >= 0 ? '+' : ''
      return `${DIMENSIONS[event.params.dimension][lang]} ${sign}${event.params.points}`
    }
    case 'pattern': {
      const def = pack.patterns.get(event.params.pattern)
      const label = lang === 'zh' ? (def?.zh ?? event.params.pattern) : (def?.en ?? def?.zh ?? event.params.pattern)
      return lang === 'zh' ? `重点行为：${label}` : `pattern: ${label}`
    }
    case 'escalate':
      return lang === 'zh' ? `预警至少为${TIERS[event.params.tier].zh}` : `tier at least ${event.params.tier}`
    case 'cap':
      return lang === 'zh' ? `预警至多为${TIERS[event.params.tier].zh}` : `tier at most ${event.params.tier}`
    case 'disposition':
      return lang === 'zh' ? `建议${DISPOSITIONS[event.params.disposition].zh}` : `recommends ${DISPOSITIONS[event.params.disposition].en}`
  }
}

/** Whether some leaf of the trace held, looking into the shared conditions it used. */
const anyLeafPassed = (node: ConditionTrace, shared: Explanation['shared'], entered = new Set<string>()): boolean => {
  switch (node.type) {
    case 'all':
    case 'any':
      return node.conditions.some((c) => anyLeafPassed(c, shared, entered))
    case 'not':
      return anyLeafPassed(node.condition, shared, entered)
    case 'reference': {
      if (node.result === true) return true
      const target = sharedTraceOf(node, shared)
      if (!target || entered.has(node.name)) return false
      entered.add(node.name)
      return anyLeafPassed(target, shared, entered)
    }
    default:
      return node.result === true
  }
}

/**
 * The tree of one rule under a headline: `✓ scale-150 涉及人数达到150人 → 涉众规模 +30（scale.json）`.
 * `options.shared` and `options.expanded` say how shared conditions are shown ({@link TraceFormatOptions}).
 */
export const formatRuleTrace = (trace: RuleTrace, pack: RulePack, lang: Lang = 'zh', options: Pick<TraceFormatOptions, 'shared' | 'expanded'> = {}): string[] => {
  const matcher = createTextMatcher(pack.config.text)
  const head = `${trace.fired ? '✓' : '✗'} ${trace.rule} ${trace.name} → ${describeEvent(trace.event, pack, lang)}${lang === 'zh' ? `（${trace.file}）` : ` (${trace.file})`}`
  return [head, ...formatConditionTrace(trace.conditions, { lang, matcher, ...options }).map((l) => `    ${l}`)]
}

/** Why the lead got its tier: the threshold reached, any cap, then any escalation (a floor beats a cap), one line each. */
export const explainTier = (explanation: Explanation, pack: RulePack, lang: Lang): string[] => {
  const { result } = explanation
  const t = pack.config.tiers
  const label = (tier: Tier) => (lang === 'zh' ? TIERS[tier].zh : tier)
  const thresholds = (['red', 'orange', 'yellow', 'blue'] as const).map((x) => `${label(x)} ${t[x]}`).join(lang === 'zh' ? '、' : ', ')
  const byThreshold = TIER_IDS.find((x) => x !== 'none' && result.total >= t[x]) ?? 'none'
  const lines = [
    byThreshold === 'none'
      ? lang === 'zh' ? `综合得分 ${result.total} 未达到蓝色预警阈值 ${t.blue}` : `total ${result.total} is below the blue threshold ${t.blue}`
      : lang === 'zh' ? `综合得分 ${result.total} 达到${label(byThreshold)}阈值 ${t[byThreshold]}` : `total ${result.total} reaches the ${byThreshold} threshold ${t[byThreshold]}`,
    lang === 'zh' ? `（阈值：${thresholds}）` : `(thresholds: ${thresholds})`,
  ]
  const tierOf = (r: RuleTrace) => (r.event as Extract<RuleEvent, { type: 'escalate' | 'cap' }>).params.tier
  const fired = (type: 'escalate' | 'cap') => explanation.rules.filter((r) => r.fired && r.event.type === type)
  let capped: Tier = byThreshold
  const caps = fired('cap')
  for (const r of caps) {
    const cap = tierOf(r)
    const lowers = tierRank(cap) < tierRank(byThreshold)
    if (tierRank(cap) < tierRank(capped)) capped = cap
    lines.push(
      lang === 'zh'
        ? `规则 ${r.rule}「${r.name}」限定预警至多为${label(cap)}${lowers ? '，因此封顶' : '，未超过'}`
        : `rule ${r.rule} "${r.name}" caps the tier at ${cap}${lowers ? ', so the tier was lowered' : ', not exceeded'}`,
    )
  }
  for (const r of fired('escalate')) {
    const tier = tierOf(r)
    const raised = tierRank(tier) > tierRank(capped)
    const overCap = caps.length > 0 && tierRank(tier) > tierRank(capped)
    lines.push(
      lang === 'zh'
        ? `规则 ${r.rule}「${r.name}」要求预警至少为${label(tier)}${raised ? '，因此升级' : '，已满足'}${overCap ? '（升级优先于封顶）' : ''}`
        : `rule ${r.rule} "${r.name}" requires at least ${tier}${raised ? ', so the tier was raised' : ', already met'}${overCap ? ' (a floor beats a cap)' : ''}`,
    )
  }
  lines.push(lang === 'zh' ? `结果：${label(result.tier)}` : `result: ${result.tier}`)
  return lines
}

/** Why the lead got its disposition: the rules that recommended one and the ladder. */
export const explainDisposition = (explanation: Explanation, pack: RulePack, lang: Lang): string[] => {
  const ladder = pack.config.dispositionLadder
  const name = (d: keyof typeof DISPOSITIONS) => (lang === 'zh' ? DISPOSITIONS[d].zh : d)
  const recommending = explanation.rules.filter((r) => r.fired && r.event.type === 'disposition')
  const lines = recommending.map((r) => {
    const d = (r.event as Extract<RuleEvent, { type: 'disposition' }>).params.disposition
    return lang === 'zh' ? `规则 ${r.rule}「${r.name}」建议${name(d)}` : `rule ${r.rule} "${r.name}" recommends ${d}`
  })
  const ladderText = ladder.map(name).join(' > ')
  lines.push(lang === 'zh' ? `处置阶梯（从重到轻）：${ladderText}` : `ladder (most severe first): ${ladderText}`)
  lines.push(
    recommending.length === 0
      ? lang === 'zh' ? `没有规则建议处置，取阶梯最后一项：${name(explanation.result.disposition)}` : `no rule recommends a disposition; the last step applies: ${explanation.result.disposition}`
      : recommending.length > 1
        ? lang === 'zh' ? `取其中最重者：${name(explanation.result.disposition)}` : `the most severe applies: ${explanation.result.disposition}`
        : lang === 'zh' ? `结果：${name(explanation.result.disposition)}` : `result: ${explanation.result.disposition}`,
  )
  return lines
}

/** The points of each dimension by rule, and the weighted total. */
export const explainDimensions = (explanation: Explanation, pack: RulePack, lang: Lang): string[] => {
  const t = T[lang]
  const { result } = explanation
  const lines = DIMENSION_IDS.map((d) => {
    const reasons = result.reasons.filter((r) => r.dimension === d)
    const sum = reasons.reduce((a, r) => a + (r.points ?? 0), 0)
    const parts = reasons.map((r) => `${r.rule} ${(r.points ?? 0) >= 0 ? '+' : ''}${r.points}`).join(lang === 'zh' ? '，' : ', ')
    const note = sum > 100 ? t.cap : sum < 0 ? t.floor : ''
    return `${DIMENSIONS[d][lang]}${lang === 'zh' ? `（${d}）` : ` (${d})`}${String(result.scores[d]).padStart(4)}${note} = ${parts || t.noPoints}`
  })
  const w = pack.config.weights
  const weightSum = w.scale + w.exposure + w.attention + w.stability
  const terms = DIMENSION_IDS.map((d) => `${result.scores[d]}×${w[d]}`).join(' + ')
  const exact = DIMENSION_IDS.reduce((a, d) => a + result.scores[d] * w[d], 0) / weightSum
  lines.push(`${t.total} = (${terms}) ÷ ${weightSum} = ${Number(exact.toFixed(2))} → ${result.total}`)
  return lines
}

/**
 * Formats a lead's explanation as plain text for a case note.
 *
 * @example
 * ```ts
 * const text = formatExplanation(await scorer.explain(lead), scorer.pack)
 * ```
 */
export const formatExplanation = (explanation: Explanation, pack: RulePack, options: ExplanationFormatOptions = {}): string => {
  const lang = options.lang ?? 'zh'
  const t = T[lang]
  const { result } = explanation
  const patternNames = result.patterns.map((p) => (lang === 'zh' ? (pack.patterns.get(p)?.zh ?? p) : p))
  const sep = lang === 'zh' ? '；' : '; '
  const out: string[] = [
    `${t.lead} ${result.id}${options.subjectName ? `${lang === 'zh' ? '　' : '  '}${options.subjectName}` : ''}`,
    `${t.pack} ${pack.name} ${pack.version}${lang === 'zh' ? `（${pack.hash.slice(0, 19)}…）` : ` (${pack.hash.slice(0, 19)}…)`}`,
    '',
    `${t.conclusion}${t.total} ${result.total}${t.comma}${lang === 'zh' ? TIERS[result.tier].zh : result.tier}${sep}${t.disposition}${t.colon}${lang === 'zh' ? DISPOSITIONS[result.disposition].zh : result.disposition}${sep}${t.patterns}${t.colon}${patternNames.length > 0 ? patternNames.join(lang === 'zh' ? '、' : ', ') : t.none}`,
    '',
    t.whyTier,
    ...explainTier(explanation, pack, lang).map((l) => `  ${l}`),
    '',
    t.whyDisposition,
    ...explainDisposition(explanation, pack, lang).map((l) => `  ${l}`),
    '',
    t.dimensions,
    ...explainDimensions(explanation, pack, lang).map((l) => `  ${l}`),
    '',
  ]
  const { shared } = explanation
  const texts = new Map<string, string>()
  for (const r of explanation.rules) textsOfTrace(r.conditions, texts)
  for (const trace of Object.values(shared)) textsOfTrace(trace, texts)
  if (texts.size > 0) {
    out.push(lang === 'zh' ? '【规则查看的文字】' : '[Texts the rules read]')
    for (const [fact, value] of texts) out.push(`  ${factLabel(fact, lang)}${t.colon}${lang === 'zh' ? `“${value}”` : JSON.stringify(value)}`)
    out.push('')
  }
  const fired = explanation.rules.filter((r) => r.fired)
  out.push(`${t.rules}${t.fired(fired.length, explanation.rules.length)}`)
  // Rule trees show a shared condition as one line; its tree is listed once, in the section after the rules.
  const used = new Set<string>()
  for (const r of fired) {
    out.push(...formatRuleTrace(r, pack, lang, { shared }))
    sharedConditionsOf(r.conditions, shared, used)
  }
  const rest = explanation.rules.filter((r) => !r.fired)
  const shown = options.all ? rest : rest.filter((r) => anyLeafPassed(r.conditions, shared))
  if (shown.length > 0) {
    out.push('', options.all ? (lang === 'zh' ? '【未触发的规则】' : '[Rules not fired]') : t.nearMisses)
    if (options.all) {
      for (const r of shown) {
        out.push(...formatRuleTrace(r, pack, lang, { shared }))
        sharedConditionsOf(r.conditions, shared, used)
      }
    } else {
      // Near misses: the headline and the conditions that failed, which is what an analyst would change.
      const matcher = createTextMatcher(pack.config.text)
      for (const r of shown) {
        out.push(formatRuleTrace(r, pack, lang)[0]!)
        for (const c of failedConditions(r.conditions, 4, shared)) out.push(`    ${lang === 'zh' ? '未满足：' : 'failed: '}${describeCondition(c, { lang, matcher })}`)
      }
    }
  }
  if (!options.all && rest.length > shown.length) out.push('', t.others(rest.length - shown.length))
  if (used.size > 0) {
    const matcher = createTextMatcher(pack.config.text)
    out.push('', t.shared)
    for (const name of Object.keys(shared)) {
      if (used.has(name)) out.push(...formatConditionTrace(shared[name]!, { lang, matcher, shared }).map((l) => `  ${l}`))
    }
  }
  if (result.warnings.length > 0) {
    out.push('', lang === 'zh' ? '【数据提示】' : '[Data warnings]')
    for (const w of result.warnings) out.push(`  ${w.field}${t.colon}${w.message}`)
  }
  return `${out.join('\n')}\n`
}
