import { useEffect, useState } from 'preact/hooks'
import { fetchRules } from '../api-client'
import { ExplanationView } from '../explanation-view'
import { useT } from '../i18n'
import { tierName, type PatternName } from '../labels'
import { fetchLeadExplanation, type LeadExplanation } from '../lead-client'
import { errorText } from '../load-status'
import { routeHref } from '../route'

/*
 * 评分依据: why a case's lead scored as it did — every point, condition by condition — explained by the
 * server with the pack that scored the lead's sweep. When that pack is gone the server explains with the
 * pack it serves and the page says so, with the stored result beside it when the two differ: a reader must
 * never take today's rules for the reason of last quarter's tier.
 */

type Load = { status: 'pending' } | { status: 'done'; value: LeadExplanation } | { status: 'failed'; error: unknown }

/** The explanation of lead `leadId` of the case; `label` names the lead (sweep, date, line). */
export const CaseWhy = ({ leadId, label }: { leadId: number; label: string }) => {
  const { t, lang } = useT()
  const [state, setState] = useState<Load>({ status: 'pending' })
  const [patterns, setPatterns] = useState<readonly PatternName[]>([])
  useEffect(() => {
    let live = true
    setState({ status: 'pending' })
    fetchLeadExplanation(leadId).then(
      (value) => live && setState({ status: 'done', value }),
      (error: unknown) => live && setState({ status: 'failed', error }),
    )
    return () => {
      live = false
    }
  }, [leadId])
  useEffect(() => {
    // Pattern names for the labels; without them the pattern ids show, which is still right.
    fetchRules().then(
      (rules) => setPatterns(rules.patterns),
      () => undefined,
    )
  }, [])
  return (
    <section class="case-why" aria-labelledby="why-title" data-lead={leadId}>
      <h2 id="why-title">{t('whyTitle')}</h2>
      <p class="muted">
        {t('whyOf')}：{label} · <a href={routeHref({ page: 'try', leadId })}>{t('openInTry')}</a>
      </p>
      {state.status === 'pending' && <p role="status">{t('loading')}</p>}
      {state.status === 'failed' && (
        <p class="problem" role="alert">
          {t('loadFailed')}：{errorText(state.error, lang)}
        </p>
      )}
      {state.status === 'done' && (
        <>
          <p class={state.value.samePack ? 'muted' : 'problem'} data-testid="why-pack">
            {state.value.samePack ? t('whySamePack') : t('whyOtherPack')}：{state.value.explainedWith.name} {state.value.explainedWith.version}
            {!state.value.samePack && ` （${lang === 'zh' ? '评分时' : 'scored with'} ${state.value.scoredWith.name} ${state.value.scoredWith.version}）`}
          </p>
          {!state.value.matchesStored && (
            <p class="problem" role="note">
              {t('whyMismatch')} {state.value.lead.tier === null ? '—' : tierName(state.value.lead.tier, lang)} · {t('total')} {state.value.lead.total ?? '—'}
            </p>
          )}
          <ExplanationView explanation={state.value.explanation} patterns={patterns} heading="h3" />
        </>
      )}
    </section>
  )
}
