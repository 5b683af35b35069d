import { describeFactCondition } from '@chufei/core/analyst'
import type { ConditionTrace, Explanation, RuleTrace } from '@chufei/core'
import { useState } from 'preact/hooks'
import { useT, type Lang } from './i18n'

/*
 * A rule's condition trace as a nested list a person can read: ✓ held, ✗ failed, · not evaluated
 * (json-rules-engine stops once an `all` fails or an `any` holds). Leaves are the core's Chinese (or
 * English) sentences: `涉及人数 420人，达到 150人`.
 *
 * A shared condition (共享条件) is one line that opens to its tree (the explanation's `shared`). The tree
 * is drawn only once opened: shared conditions use one another, and drawn out in full the default pack's
 * trees of one lead would be some 42,000 list items.
 */

type Shared = Explanation['shared']

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
      return lang === 'zh' ? `共享条件〔${node.name}〕` : `Shared condition [${node.name}]`
    case 'fact':
      return describeFactCondition(node, { lang }) + named
  }
}

const children = (node: ConditionTrace): readonly ConditionTrace[] =>
  node.type === 'all' || node.type === 'any' ? node.conditions : node.type === 'not' ? [node.condition] : []

const SharedNode = ({ node, shared }: { node: Extract<ConditionTrace, { type: 'reference' }>; shared: Shared }) => {
  const { lang } = useT()
  const [open, setOpen] = useState(false)
  const state = String(node.result) as keyof typeof MARK
  const target = Object.hasOwn(shared, node.name) ? shared[node.name] : undefined
  return (
    <li class={`cond cond-${state}`} data-shared={node.name}>
      <details onToggle={(e) => setOpen(e.currentTarget.open)}>
        <summary>
          <span class="mark" aria-hidden="true">
            {MARK[state]}
          </span>
          <span class="sr-only">{STATE_WORDS[state][lang]}：</span>
          {nodeText(node, lang)}
        </summary>
        {open && target && (
          <ul>
            <TraceNode node={target} shared={shared} />
          </ul>
        )}
      </details>
    </li>
  )
}

const TraceNode = ({ node, shared }: { node: ConditionTrace; shared: Shared }) => {
  const { lang } = useT()
  if (node.type === 'reference' && node.result !== null && Object.hasOwn(shared, node.name)) return <SharedNode node={node} shared={shared} />
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
            <TraceNode key={i} node={child} shared={shared} />
          ))}
        </ul>
      )}
    </li>
  )
}

/** One rule's trace: headline (fired or not, what it does) and its condition tree; `shared` from the explanation. */
export const RuleTraceView = ({ trace, effect, shared }: { trace: RuleTrace; effect: string; shared: Shared }) => {
  const { t } = useT()
  return (
    <article class={`rule-trace ${trace.fired ? 'fired' : 'not-fired'}`} data-rule={trace.rule}>
      <h3>
        <span class="badge">{trace.fired ? t('fired') : t('notFired')}</span> <code>{trace.rule}</code> {trace.name}
        <span class="effect"> → {effect}</span> <span class="muted">（{trace.file}）</span>
      </h3>
      <ul class="trace-tree">
        <TraceNode node={trace.conditions} shared={shared} />
      </ul>
    </article>
  )
}
