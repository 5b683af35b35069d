import type { Explanation } from '@chufei/core'
import { useEffect, useState } from 'preact/hooks'
import { explainLead, fetchRules } from '../api-client'
import { ExplanationView } from '../explanation-view'
import { useT } from '../i18n'
import type { PatternName } from '../labels'
import { fetchLead, type StoredLead } from '../lead-client'
import { LEAD_FORM_FIELDS, SAMPLE_LEAD, fieldLabel, formFromLead, leadFromForm, type FormValues } from '../lead-form-model'
import { LeadInput } from '../lead-input'
import { errorText } from '../load-status'
import { useAsync } from '../use-async'
import { LeadCase } from './lead-case'
import { StoredLeadPicker } from './stored-lead-picker'

type Outcome = { status: 'idle' } | { status: 'busy' } | { status: 'done'; explanation: Explanation } | { status: 'failed'; error: unknown }

/**
 * 试算线索：a lead from a small form, pasted JSON or a stored sweep (`leadId`: opened from a case page), scored
 * by the server with the pack it serves and explained condition by condition.
 */
export const TryPage = ({ leadId }: { leadId?: number }) => {
  const { t, lang } = useT()
  const [rules] = useAsync(fetchRules)
  const patterns: readonly PatternName[] = rules.status === 'done' ? rules.value.patterns : []
  const [mode, setMode] = useState<'form' | 'json'>('form')
  const [values, setValues] = useState<FormValues>({})
  const [json, setJson] = useState('')
  const [jsonError, setJsonError] = useState<string | undefined>()
  const [outcome, setOutcome] = useState<Outcome>({ status: 'idle' })
  const [picked, setPicked] = useState<{ label: string; lead: StoredLead } | undefined>()

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

  const explain = async (lead: unknown) => {
    setOutcome({ status: 'busy' })
    try {
      setOutcome({ status: 'done', explanation: await explainLead(lead) })
    } catch (error) {
      setOutcome({ status: 'failed', error })
    }
  }

  // A stored lead goes in as JSON (the form holds only some fields) and is scored at once.
  const pick = (stored: StoredLead & { input: Record<string, unknown> }, label: string) => {
    setJson(JSON.stringify(stored.input, null, 2))
    setValues(formFromLead(stored.input))
    setJsonError(undefined)
    setMode('json')
    setPicked({ label, lead: stored })
    void explain(stored.input)
  }

  useEffect(() => {
    if (leadId === undefined) return
    fetchLead(leadId).then(
      (stored) => {
        if (stored.input !== null) pick({ ...stored, input: stored.input }, `${stored.subject ?? stored.leadRef ?? `#${stored.id}`}（${t('sweep')} #${stored.sweep.id} · ${stored.sweep.date}）`)
      },
      (error: unknown) => setOutcome({ status: 'failed', error }),
    )
  }, [leadId])

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
    await explain(lead)
  }

  const fillSample = () => {
    setValues(formFromLead(SAMPLE_LEAD))
    setJson(JSON.stringify(SAMPLE_LEAD, null, 2))
  }

  return (
    <section aria-labelledby="try-title" class="try">
      <h1 id="try-title" tabIndex={-1}>
        {t('tryTitle')}
      </h1>
      <p class="muted">{t('tryHint')}</p>
      <StoredLeadPicker onPick={pick} />
      {picked !== undefined && (
        <>
          <p class="muted" data-testid="picked">
            {t('pickedLead')}：{picked.label}
          </p>
          <LeadCase key={picked.lead.id} lead={picked.lead} />
        </>
      )}
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
        {outcome.status === 'done' && <ExplanationView explanation={outcome.explanation} patterns={patterns} />}
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

