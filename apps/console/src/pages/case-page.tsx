import { DIMENSIONS } from '@chufei/core'
import { useRef, useState } from 'preact/hooks'
import { ApiError } from '../api-client'
import { useT } from '../i18n'
import { dimensionName, dispositionName, tierName } from '../labels'
import { LoadStatus } from '../load-status'
import { fetchCase, type CaseDetail, type CaseLead, type CaseView } from '../store-client'
import { useAsync } from '../use-async'
import { CaseFollowUp } from './case-follow-up'
import { CaseWhy } from './case-why'
import { describeChange, eventKindName, matchedByName, statusName } from './case-labels'

const dateTime = (iso: string) => iso.replace('T', ' ').slice(0, 16)

/** The case's facts: tier, scores, disposition and the follow-up as it stands. */
const CaseFacts = ({ c, scores }: { c: CaseView; scores: Record<string, number> | undefined }) => {
  const { t, lang } = useT()
  return (
    <dl class="facts" aria-live="polite">
      <div>
        <dt>{t('tier')}</dt>
        <dd>
          <span class={`tier tier-${c.tier}`}>{tierName(c.tier, lang)}</span>
          {c.escalated && <span class="flag">{t('escalated')}</span>}
          {c.resurfacedFrom !== null && <span class="flag">{`${t('resurfacing')} #${c.resurfacedFrom}`}</span>}
        </dd>
      </div>
      <div>
        <dt>{t('total')}</dt>
        <dd>{c.total}</dd>
      </div>
      {scores !== undefined && (
        <div>
          <dt>{t('scores')}</dt>
          <dd>{Object.keys(DIMENSIONS).map((d) => `${dimensionName(d, lang)} ${scores[d] ?? 0}`).join(' · ')}</dd>
        </div>
      )}
      <div>
        <dt>{t('disposition')}</dt>
        <dd>{dispositionName(c.disposition, lang)}</dd>
      </div>
      <div>
        <dt>{t('statusLabel')}</dt>
        <dd data-field="status">{statusName(c.status, lang)}</dd>
      </div>
      <div>
        <dt>{t('deadline')}</dt>
        <dd>{c.deadline ?? '—'}</dd>
      </div>
      <div class="wide">
        <dt>{t('measures')}</dt>
        <dd data-field="measures">{c.measures === '' ? '—' : c.measures}</dd>
      </div>
      <div class="wide">
        <dt>{t('plan')}</dt>
        <dd>{c.plan === '' ? '—' : c.plan}</dd>
      </div>
      <div class="wide">
        <dt>{t('notes')}</dt>
        <dd>{c.notes === '' ? '—' : c.notes}</dd>
      </div>
      <div>
        <dt>{t('version')}</dt>
        <dd>{c.version}</dd>
      </div>
    </dl>
  )
}

const CaseBodyView = ({ detail, reload }: { detail: CaseDetail; reload: () => void }) => {
  const { t, lang } = useT()
  // After a conflict this is the case as the server has it now, shown until the page reloads.
  const [shown, setShown] = useState<CaseView>(detail.case)
  const c = shown.version >= detail.case.version ? shown : detail.case
  const latest = detail.leads.at(-1)
  const scores = latest?.result['scores'] as Record<string, number> | undefined
  // The lead whose points are explained: the latest sweep's, or the one picked in the leads table.
  const [whyId, setWhyId] = useState<number | undefined>(undefined)
  const why = detail.leads.find((l) => l.id === whyId) ?? latest
  const leadLabel = (l: CaseLead) => `${t('sweep')} #${l.sweepId} · ${l.sweepDate} · ${t('line')} ${l.line ?? '—'}`
  return (
    <>
      <h1 id="case-title" tabIndex={-1}>
        {t('caseTitle')} #{c.id} · {c.subject.name}
      </h1>
      <p class="muted">
        {c.unit}
        {c.subject.creditCode !== null && ` · ${t('creditCode')} ${c.subject.creditCode}`}
        {c.subject.controller !== null && ` · ${t('controller')} ${c.subject.controller}`}
      </p>
      <CaseFacts c={c} scores={scores} />
      <CaseFollowUp
        key={c.id}
        current={c}
        onSaved={() => reload()}
        onConflict={(now) => {
          setShown(now)
          reload()
        }}
      />
      <h2 id="leads-title">{t('leads')}</h2>
      <table class="case-leads" aria-labelledby="leads-title">
        <thead>
          <tr>
            <th scope="col">{t('sweep')}</th>
            <th scope="col">{t('sweepDate')}</th>
            <th scope="col">{t('line')}</th>
            <th scope="col">{t('tier')}</th>
            <th scope="col">{t('total')}</th>
            <th scope="col">{t('matchedBy')}</th>
            <th scope="col">
              <span class="sr-only">{t('showWhy')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {detail.leads.map((l) => (
            <tr key={l.id}>
              <td>#{l.sweepId}</td>
              <td>{l.sweepDate}</td>
              <td>{l.line ?? '—'}</td>
              <td>{l.tier === null ? '—' : tierName(l.tier, lang)}</td>
              <td>{l.total ?? '—'}</td>
              <td>{matchedByName(l.matchedBy, lang)}</td>
              <td>
                <button type="button" aria-pressed={why?.id === l.id} aria-label={`${t('showWhy')}：${leadLabel(l)}`} onClick={() => setWhyId(l.id)}>
                  {t('showWhy')}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {why !== undefined && <CaseWhy key={why.id} leadId={why.id} label={leadLabel(why)} />}
      <h2 id="history-title">{t('history')}</h2>
      <table class="case-history" aria-labelledby="history-title">
        <thead>
          <tr>
            <th scope="col">{t('at')}</th>
            <th scope="col">{t('eventKind')}</th>
            <th scope="col">{t('who')}</th>
            <th scope="col">{t('change')}</th>
          </tr>
        </thead>
        <tbody>
          {[...detail.events].reverse().map((e) => (
            <tr key={e.id} data-event={e.kind}>
              <td>{dateTime(e.at)}</td>
              <td>{eventKindName(e.kind, lang, e.after)}</td>
              <td>{e.user ?? (e.sweepId === null ? '—' : `${t('sweep')} #${e.sweepId}`)}</td>
              <td>
                <ul class="changes">
                  {describeChange(e.before, e.after, lang).map((line) => (
                    <li key={line}>{line}</li>
                  ))}
                </ul>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  )
}

/** 案件（一事一策）: one case, its follow-up form, its leads across sweeps and its history. */
export const CasePage = ({ caseId }: { caseId: number }) => {
  const { t } = useT()
  const [state, reload] = useAsync(() => fetchCase(caseId))
  const missing = state.status === 'failed' && state.error instanceof ApiError && state.error.status === 404
  // While a save's reload is under way the page keeps showing the case (and the form's outcome) it had.
  const last = useRef<CaseDetail | undefined>(undefined)
  if (state.status === 'done') last.current = state.value
  if (state.status === 'failed') last.current = undefined
  const detail = state.status === 'done' ? state.value : state.status === 'pending' && last.current?.case.id === caseId ? last.current : undefined
  return (
    <section aria-labelledby="case-title">
      <p>
        <a href="#/cases">← {t('backToLedger')}</a>
      </p>
      {detail !== undefined ? (
        <CaseBodyView key={caseId} detail={detail} reload={reload} />
      ) : missing ? (
        <h1 id="case-title" tabIndex={-1}>
          {t('caseNotFound')}
        </h1>
      ) : (
        <>
          <h1 id="case-title" tabIndex={-1}>
            {t('caseTitle')} #{caseId}
          </h1>
          <LoadStatus error={state.status === 'failed' ? state.error : undefined} retry={reload} />
        </>
      )}
    </section>
  )
}
