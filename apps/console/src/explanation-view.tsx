import type { Explanation, RuleTrace } from '@chufei/core'
import { useState } from 'preact/hooks'
import type { RuleSummary } from './api-client'
import { useT } from './i18n'
import { describeEffect, type PatternName } from './labels'
import { ScoreSummary } from './score-summary'
import { RuleTraceView } from './trace-view'

/*
 * A scored lead explained: the four scores, tier, disposition and reasons, then each rule's condition tree
 * (fired rules, or all on a switch). One view for the try page (a lead just scored) and the case page (a
 * stored lead, explained with the pack that scored it), so the two read the same.
 */

/** A rule's headline as the rules page lists it, from its trace. */
const summaryOf = (trace: RuleTrace): RuleSummary => ({
  id: trace.rule,
  name: trace.name,
  file: trace.file,
  type: trace.event.type,
  ...(trace.event.type === 'score' ? { dimension: trace.event.params.dimension, points: trace.event.params.points } : {}),
  ...(trace.event.type === 'pattern' ? { pattern: trace.event.params.pattern } : {}),
  ...(trace.event.type === 'escalate' || trace.event.type === 'cap' ? { tier: trace.event.params.tier } : {}),
  ...(trace.event.type === 'disposition' ? { disposition: trace.event.params.disposition } : {}),
})

/** The result and the condition-by-condition trace of one explanation; `headingLevel` fits the page's outline. */
export const ExplanationView = ({ explanation, patterns, heading = 'h2' }: { explanation: Explanation; patterns: readonly PatternName[]; heading?: 'h2' | 'h3' }) => {
  const { t, lang } = useT()
  const [showAll, setShowAll] = useState(false)
  const traces = explanation.rules.filter((r) => showAll || r.fired)
  const Heading = heading
  return (
    <div class="result">
      <ScoreSummary result={explanation.result} patterns={patterns} />
      <Heading>{t('trace')}</Heading>
      <label class="check">
        <input type="checkbox" checked={showAll} onChange={(e) => setShowAll(e.currentTarget.checked)} />
        {t('showNotFired')}
      </label>
      {traces.map((trace) => (
        <RuleTraceView key={trace.rule} trace={trace} shared={explanation.shared} effect={describeEffect(summaryOf(trace), patterns, lang)} />
      ))}
    </div>
  )
}
