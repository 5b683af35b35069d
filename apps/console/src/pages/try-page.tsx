import type { Explanation, RuleTrace } from '@chufei/core'
import { useState } from 'preact/hooks'
import { explainLead, fetchRules, type RuleSummary } from '../api-client'
import { useT } from '../i18n'
import { describeEffect, type PatternName } from '../labels'
import { LEAD_FORM_FIELDS, SAMPLE_LEAD, fieldLabel, formFromLead, leadFromForm, type FormValues } from '../lead-form-model'
import { LeadInput } from '../lead-input'
import { errorText } from '../load-status'
import { ScoreSummary } from '../score-summary'
import { RuleTraceView } from '../trace-view'
import { useAsync } from '../use-async'

type Outcome = { status: 'idle' } | { status: 'busy' } | { status: 'done'; explanation: Explanation } | { status: 'failed'; error: unknown }

const summaryOf = (trace: RuleTrace): RuleSummary => ({
  id: trace.rule,
  name: trace.name,
  file: trace.file,
  type: trace.event.type,
  ...(trace.event.type === 'score' ? { dimension: trace.event.params.dimension, points: trace.event.params.points } : {}),
  ...(trace.event.type === 'pattern' ? { pattern: trace.event.params.pattern } : {}),
  ...(trace.event.type === 'escalate' ? { tier: trace.event.params.tier } : {}),
  ...(trace.event.type === 'disposition' ? { disposition: trace.event.params.disposition } : {}),
})

/** 试算线索：a lead from a small form or pasted JSON, scored by the server and explained condition by condition. */
export const TryPage = () => {
  const { t, lang } = useT()
  const [rules] = useAsync(fetchRules)
  const patterns: readonly PatternName[] = rules.status === 'done' ? rules.value.patterns : []
  const [mode, setMode] = useState<'form' | 'json'>('form')
  const [values, setValues] = useState<FormValues>({})
  const [json, setJson] = useState('')
  const [jsonError, setJsonError] = useState<string | undefined>()
  const [outcome, setOutcome] = useState<Outcome>({ status: 'idle' })
  const [showAll, setShowAll] = useState(false)

  const switchMode = (next: 'form' | 'json') => {
    if (next === mode) return
    if (next === 'json') setJson(JSON.stringify(leadFromForm(values), null, 2))
    else {
      try {
        setValues(formFromLead(JSON.parse(json)))
      } catch {
        // Invalid JSON: the form keeps what it had.
      }
    }
    setJsonError(undefined)
    setMode(next)
  }

  const submit = async () => {
    let lead: unknown
    if (mode === 'json') {
      try {
        lead = JSON.parse(json)
      } catch (error) {
        setJsonError(`${t('badJson')}：${error instanceof Error ? error.message : String(error)}`)
        return
      }
    } else lead = leadFromForm(values)
    setJsonError(undefined)
    setOutcome({ status: 'busy' })
    try {
      setOutcome({ status: 'done', explanation: await explainLead(lead) })
    } catch (error) {
      setOutcome({ status: 'failed', error })
    }
  }

  const fillSample = () => {
    setValues(formFromLead(SAMPLE_LEAD))
    setJson(JSON.stringify(SAMPLE_LEAD, null, 2))
  }

  const traces = outcome.status === 'done' ? outcome.explanation.rules.filter((r) => showAll || r.fired) : []

  return (
    <section aria-labelledby="try-title" class="try">
      <h1 id="try-title" tabIndex={-1}>
        {t('tryTitle')}
      </h1>
      <p class="muted">{t('tryHint')}</p>
      <LeadInput
        mode={mode}
        onMode={switchMode}
        values={values}
        onValues={setValues}
        json={json}
        onJson={setJson}
        jsonError={jsonError}
        fields={LEAD_FORM_FIELDS}
        label={(path) => fieldLabel(path, lang)}
        onSubmit={() => void submit()}
        onSample={fillSample}
        busy={outcome.status === 'busy'}
      />
      <div aria-live="polite">
        {outcome.status === 'failed' && (
          <div class="problem" role="alert">
            <p>
              {t('invalidLead')}：{errorText(outcome.error, lang)}
            </p>
            <ProblemDetails error={outcome.error} />
          </div>
        )}
        {outcome.status === 'done' && (
          <div class="result">
            <ScoreSummary result={outcome.explanation.result} patterns={patterns} />
            <h2>{t('trace')}</h2>
            <label class="check">
              <input type="checkbox" checked={showAll} onChange={(e) => setShowAll(e.currentTarget.checked)} />
              {t('showNotFired')}
            </label>
            {traces.map((trace) => (
              <RuleTraceView key={trace.rule} trace={trace} shared={outcome.explanation.shared} effect={describeEffect(summaryOf(trace), patterns, lang)} />
            ))}
          </div>
        )}
      </div>
    </section>
  )
}

/** The field-by-field problems of a 400 INVALID_LEAD. */
const ProblemDetails = ({ error }: { error: unknown }) => {
  const { lang } = useT()
  const details = (error as { details?: unknown }).details
  const issues = Array.isArray(details) ? (details as Array<{ field?: string; message?: string; messageEn?: string }>) : []
  if (issues.length === 0) return null
  return (
    <ul>
      {issues.map((issue, i) => (
        <li key={i}>
          <code>{issue.field}</code> {lang === 'zh' ? issue.message : (issue.messageEn ?? issue.message)}
        </li>
      ))}
    </ul>
  )
}

