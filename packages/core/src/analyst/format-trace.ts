import type { ConditionTrace } from '../explain'
import { FACTS, isFactName } from '../facts'
import type { TextMatcher } from '../text'
import { factLabel, formatFactValue } from '../format-value'
import type { Lang } from '../format-value'

/*
 * A condition trace as a tree an analyst can read and paste into a case note (条件树):
 *
 *   ✓ 全部满足
 *   ├─ ✓ 涉及人数 420人 ≥ 大于等于 150人
 *   └─ · 集资金额 …（未计算）
 *
 * ✓ passed, ✗ failed, · not evaluated (json-rules-engine stops early once an `all` fails or an `any` passes).
 */

const MARK = { true: '✓', false: '✗', null: '·' } as const

const OPERATOR_WORDS: Record<string, { zh: string; en: string }> = {
  equal: { zh: '等于', en: 'equals' },
  notEqual: { zh: '不等于', en: 'does not equal' },
  in: { zh: '属于', en: 'is one of' },
  notIn: { zh: '不属于', en: 'is none of' },
  lessThan: { zh: '小于', en: 'is less than' },
  lessThanInclusive: { zh: '不超过', en: 'is at most' },
  greaterThan: { zh: '超过', en: 'is more than' },
  greaterThanInclusive: { zh: '达到', en: 'is at least' },
  mentionsAny: { zh: '提及', en: 'mentions' },
  matchesRegex: { zh: '匹配', en: 'matches' },
}

const GROUP_WORDS = {
  all: { zh: '以下全部满足', en: 'all of' },
  any: { zh: '以下任一满足', en: 'any of' },
  not: { zh: '以下不成立', en: 'not' },
}

/** Options of {@link formatConditionTrace}. */
export interface TraceFormatOptions {
  readonly lang?: Lang
  /** The pack's text matcher, to show which keyword matched and whether it was negated. */
  readonly matcher?: TextMatcher
  /** Hide the failed alternatives of an `any` that held (default true). */
  readonly collapse?: boolean
  /**
   * The explanation's shared-condition traces. With `expanded`, a use of a shared condition is shown as
   * its tree the first time and as one line after (`同上`); without, always as one line.
   */
  readonly shared?: Readonly<Record<string, ConditionTrace>>
  /** Shared conditions already shown in full; the formatter adds the ones it expands. */
  readonly expanded?: Set<string>
}

/** A shared condition's trace, when the explanation has it (a use never evaluated has none). */
export const sharedTraceOf = (node: ConditionTrace, shared: Readonly<Record<string, ConditionTrace>> | undefined): ConditionTrace | undefined =>
  node.type === 'reference' && shared !== undefined && Object.hasOwn(shared, node.name) ? shared[node.name] : undefined

/** The names of the shared conditions a trace uses (and those they use), first use first. */
export const sharedConditionsOf = (trace: ConditionTrace, shared: Readonly<Record<string, ConditionTrace>>, into: Set<string> = new Set()): Set<string> => {
  switch (trace.type) {
    case 'all':
    case 'any':
      for (const c of trace.conditions) sharedConditionsOf(c, shared, into)
      break
    case 'not':
      sharedConditionsOf(trace.condition, shared, into)
      break
    case 'reference': {
      const target = trace.result === null ? undefined : sharedTraceOf(trace, shared)
      if (target && !into.has(trace.name)) {
        into.add(trace.name)
        sharedConditionsOf(target, shared, into)
      }
      break
    }
  }
  return into
}

/** The texts a trace looked at (fact → value), to print once above the trees. */
export const textsOfTrace = (trace: ConditionTrace, into: Map<string, string> = new Map()): Map<string, string> => {
  switch (trace.type) {
    case 'all':
    case 'any':
      for (const c of trace.conditions) textsOfTrace(c, into)
      break
    case 'not':
      textsOfTrace(trace.condition, into)
      break
    case 'fact':
      if (isFactName(trace.fact) && FACTS[trace.fact].type === 'text' && typeof trace.factValue === 'string') into.set(trace.fact, trace.factValue)
      break
  }
  return into
}

const KEYWORDS_SHOWN = 6

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)

/** The comparison of a fact condition in words: `涉及人数 420人，达到 150人`. */
export const describeFactCondition = (node: Extract<ConditionTrace, { type: 'fact' }>, options: TraceFormatOptions = {}): string => {
  const lang = options.lang ?? 'zh'
  const { fact, operator, value, factValue } = node
  const label = factLabel(fact, lang)
  const known = factValue !== undefined && factValue !== null
  const shown = formatFactValue(fact, factValue, lang)
  if (operator === 'isKnown') {
    const wantKnown = value === true
    return lang === 'zh'
      ? `${label}${wantKnown ? '已填写' : '未填写'}（实际：${shown}）`
      : `${label} is ${wantKnown ? 'known' : 'unknown'} (actual: ${shown})`
  }
  const words = OPERATOR_WORDS[operator]?.[lang] ?? operator
  let threshold: string
  if (isObject(value) && typeof value.fact === 'string') {
    const ref = `${factLabel(value.fact, lang)}（${formatFactValue(value.fact, node.valueResult, lang)}）`
    threshold = ref
  } else if (operator === 'mentionsAny' && Array.isArray(value)) {
    // Long keyword lists are cut: the line must stay readable, and the hit (if any) is named after it.
    const listed = value.slice(0, KEYWORDS_SHOWN).map((v) => (lang === 'zh' ? `“${String(v)}”` : `"${String(v)}"`)).join(lang === 'zh' ? '、' : ', ')
    const more = value.length > KEYWORDS_SHOWN ? (lang === 'zh' ? `等 ${value.length} 个` : ` and ${value.length - KEYWORDS_SHOWN} more`) : ''
    threshold = `${lang === 'zh' ? '关键词' : 'keywords'} ${listed}${more}`
  } else if (operator === 'matchesRegex') {
    threshold = `/${String(value)}/`
  } else {
    threshold = formatFactValue(fact, value, lang)
  }
  // Texts are long and repeat on every keyword line; they are shown once above the tree (see textsOfTrace).
  const isText = isFactName(fact) && FACTS[fact].type === 'text' && known
  const head = isText
    ? `${label} ${words} ${threshold}`
    : lang === 'zh' ? `${label} ${shown}，${words} ${threshold}` : `${label} ${shown} ${words} ${threshold}`
  if (!known && node.result === false) return head + (lang === 'zh' ? '（未知不计）' : ' (unknown counts as no)')
  if (operator === 'mentionsAny' && known && typeof factValue === 'string' && Array.isArray(value) && options.matcher) {
    const mention = options.matcher.findMention(options.matcher.analyse(factValue), value as string[])
    if (mention) {
      const note = mention.negated
        ? lang === 'zh' ? `（“${mention.keyword}”为否定表述，不算）` : ` ("${mention.keyword}" is negated, not counted)`
        : lang === 'zh' ? `（命中“${mention.keyword}”）` : ` (found "${mention.keyword}")`
      return head + note
    }
  }
  return head
}

/**
 * Formats a condition trace as an indented tree, one line per condition. Each line starts with ✓, ✗ or ·.
 *
 * @example
 * ```ts
 * formatConditionTrace(ruleTrace.conditions).join('\n')
 * ```
 */
export const formatConditionTrace = (trace: ConditionTrace, options: TraceFormatOptions = {}): string[] => {
  const lang = options.lang ?? 'zh'
  const lines: string[] = []
  const visit = (node: ConditionTrace, prefix: string, branch: string, childPrefix: string): void => {
    const mark = MARK[String(node.result) as keyof typeof MARK]
    const named = node.name && node.type !== 'reference' ? (lang === 'zh' ? `〔${node.name}〕` : ` [${node.name}]`) : ''
    let text: string
    let children: ConditionTrace[] = []
    switch (node.type) {
      case 'all':
      case 'any':
        text = GROUP_WORDS[node.type][lang] + named
        children = [...node.conditions]
        // Once an `any` holds, its failed alternatives explain nothing: count them instead of listing them.
        if (node.type === 'any' && node.result === true && options.collapse !== false) {
          const held = children.filter((c) => c.result === true)
          const skipped = children.length - held.length
          if (skipped > 0) text += lang === 'zh' ? `（另有 ${skipped} 项未满足或未计算，从略）` : ` (${skipped} other alternatives omitted)`
          children = held
        }
        break
      case 'not':
        text = GROUP_WORDS.not[lang] + named
        children = [node.condition]
        break
      case 'reference': {
        const target = node.result === null ? undefined : sharedTraceOf(node, options.shared)
        text = describeReference(node, lang)
        if (target && options.expanded && !options.expanded.has(node.name)) {
          options.expanded.add(node.name)
          children = [target]
        } else if (target) {
          text += options.expanded ? (lang === 'zh' ? '（同上）' : ' (as above)') : lang === 'zh' ? '（见【共享条件】）' : ' (see [Shared conditions])'
        }
        break
      }
      case 'fact':
        text = describeFactCondition(node, options) + named
        break
    }
    const pending = node.result === null ? (lang === 'zh' ? '（未计算）' : ' (not evaluated)') : ''
    lines.push(`${prefix}${branch}${mark} ${text}${pending}`)
    children.forEach((child, i) => {
      const last = i === children.length - 1
      visit(child, prefix + childPrefix, last ? '└─ ' : '├─ ', last ? '   ' : '│  ')
    })
  }
  visit(trace, '', '', '')
  return lines
}

const describeReference = (node: Extract<ConditionTrace, { type: 'reference' }>, lang: 'zh' | 'en'): string =>
  lang === 'zh'
    ? `共享条件〔${node.name}〕${node.result === true ? '成立' : node.result === false ? '不成立' : ''}`
    : `shared condition [${node.name}]${node.result === true ? ' holds' : node.result === false ? ' does not hold' : ''}`

/**
 * The conditions that made a trace fail (the leaves to change for it to hold), at most `limit`. A failed
 * shared condition is looked into when `shared` has its trace.
 */
export const failedConditions = (trace: ConditionTrace, limit = 4, shared?: Readonly<Record<string, ConditionTrace>>): ConditionTrace[] => {
  const out: ConditionTrace[] = []
  const entered = new Set<string>()
  const visit = (node: ConditionTrace): void => {
    if (out.length >= limit || node.result !== false) return
    const target = sharedTraceOf(node, shared)
    if (target && node.type === 'reference' && !entered.has(node.name)) {
      entered.add(node.name)
      visit(target)
      return
    }
    if (node.type === 'all' || node.type === 'any') {
      const failed = node.conditions.filter((c) => c.result === false)
      if (failed.length === 0) out.push(node)
      for (const c of failed) visit(c)
      return
    }
    out.push(node)
  }
  visit(trace)
  return out
}

/** One line for a condition, without its subtree (for lists of failed conditions). */
export const describeCondition = (node: ConditionTrace, options: TraceFormatOptions = {}): string => {
  const lang = options.lang ?? 'zh'
  switch (node.type) {
    case 'fact':
      return describeFactCondition(node, options)
    case 'reference':
      return describeReference(node, lang)
    case 'not':
      return lang === 'zh' ? `“以下不成立”不满足（其中条件成立了）${node.name ? `〔${node.name}〕` : ''}` : `a "not" group failed (its condition held)${node.name ? ` [${node.name}]` : ''}`
    default:
      return `${GROUP_WORDS[node.type][lang]}${node.name ? (lang === 'zh' ? `〔${node.name}〕` : ` [${node.name}]`) : ''}`
  }
}
