import { describeFactCondition } from '@chufei/core/analyst'
import type { ConditionTrace, RuleTrace } from '@chufei/core'
import { useT, type Lang } from './i18n'

/*
 * A rule's condition trace as a nested list a person can read: ✓ held, ✗ failed, · not evaluated
 * (json-rules-engine stops once an `all` fails or an `any` holds). Leaves are the core's Chinese (or
 * English) sentences: `涉及人数 420人，达到 150人`.
 */

const MARK = { true: '✓', false: '✗', null: '·' } as const

const STATE_WORDS: Record<'true' | 'false' | 'null', { zh: string; en: string }> = {
  true: { zh: '成立', en: 'held' },
  false: { zh: '不成立', en: 'failed' },
  null: { zh: '未计算', en: 'not evaluated' },
}

const GROUP_WORDS = {
  all: { zh: '以下全部满足', en: 'All of' },
  any: { zh: '以下任一满足', en: 'Any of' },
  not: { zh: '以下不成立', en: 'Not' },
}

const nodeText = (node: ConditionTrace, lang: Lang): string => {
  const named = node.name && node.type !== 'reference' ? (lang === 'zh' ? `〔${node.name}〕` : ` [${node.name}]`) : ''
  switch (node.type) {
    case 'all':
    case 'any':
    case 'not':
      return GROUP_WORDS[node.type][lang] + named
    case 'reference':
      return lang === 'zh' ? `共享条件“${node.name}”` : `Shared condition "${node.name}"`
    case 'fact':
      return describeFactCondition(node, { lang }) + named
  }
}

const children = (node: ConditionTrace): readonly ConditionTrace[] =>
  node.type === 'all' || node.type === 'any' ? node.conditions : node.type === 'not' ? [node.condition] : []

const TraceNode = ({ node }: { node: ConditionTrace }) => {
  const { lang } = useT()
  const state = String(node.result) as keyof typeof MARK
  const kids = children(node)
  return (
    <li class={`cond cond-${state}`}>
      <span class="mark" aria-hidden="true">
        {MARK[state]}
      </span>
      <span class="sr-only">{STATE_WORDS[state][lang]}：</span>
      {nodeText(node, lang)}
      {kids.length > 0 && (
        <ul>
          {kids.map((child, i) => (
            <TraceNode key={i} node={child} />
          ))}
        </ul>
      )}
    </li>
  )
}

/** One rule's trace: headline (fired or not, what it does) and its condition tree. */
export const RuleTraceView = ({ trace, effect }: { trace: RuleTrace; effect: string }) => {
  const { t } = useT()
  return (
    <article class={`rule-trace ${trace.fired ? 'fired' : 'not-fired'}`} data-rule={trace.rule}>
      <h3>
        <span class="badge">{trace.fired ? t('fired') : t('notFired')}</span> <code>{trace.rule}</code> {trace.name}
        <span class="effect"> → {effect}</span> <span class="muted">（{trace.file}）</span>
      </h3>
      <ul class="trace-tree">
        <TraceNode node={trace.conditions} />
      </ul>
    </article>
  )
}
