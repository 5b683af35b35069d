import { useState } from 'preact/hooks'
import { useT } from '../i18n'
import { openCaseForLead, type StoredLead } from '../lead-client'
import { errorText } from '../load-status'
import { routeHref } from '../route'
import { useSession } from '../session'

/*
 * A stored lead's case, on the try page: a link to it, or — for a lead an import kept on the total list only
 * (总量风险清单, no case) — the way to open one by hand (人工立案) with a reason, for staff who know more than
 * the sheet says. A read-only user sees the fact, not the form (the server refuses it anyway).
 */

/** The case of `lead`, or the form that opens one. */
export const LeadCase = ({ lead }: { lead: StoredLead }) => {
  const { t, lang } = useT()
  const { state } = useSession()
  const [reason, setReason] = useState('')
  const [deadline, setDeadline] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<unknown>()
  if (lead.status !== 'scored') return null
  if (lead.caseId !== null) {
    return (
      <p data-testid="lead-case">
        {t('leadHasCase').replace('{id}', String(lead.caseId))} · <a href={routeHref({ page: 'case', caseId: lead.caseId })}>{t('openTheCase')}</a>
      </p>
    )
  }
  const canOpen = state.status === 'signed-in' && state.session.user.role !== 'readonly'
  const submit = async (e: Event) => {
    e.preventDefault()
    setBusy(true)
    setError(undefined)
    try {
      const opened = await openCaseForLead(lead.id, reason, deadline)
      location.hash = routeHref({ page: 'case', caseId: opened.id })
    } catch (err) {
      setError(err)
    } finally {
      setBusy(false)
    }
  }
  return (
    <div class="lead-case" data-testid="lead-case">
      <p class="muted">{t('leadListedOnly')}</p>
      {canOpen && (
        <form onSubmit={(e) => void submit(e)}>
          <label>
            {t('openReason')}
            <textarea value={reason} required maxLength={2000} rows={2} onInput={(e) => setReason(e.currentTarget.value)} />
          </label>
          <label>
            {t('openDeadline')}
            <input type="date" value={deadline} onInput={(e) => setDeadline(e.currentTarget.value)} />
          </label>
          <button type="submit" disabled={busy || reason.trim() === ''}>
            {busy ? t('opening') : t('openCase')}
          </button>
          {error !== undefined && (
            <p class="problem" role="alert">
              {errorText(error, lang)}
            </p>
          )}
        </form>
      )}
    </div>
  )
}
