import { useState } from 'preact/hooks'
import { ApiError } from '../api-client'
import { useT } from '../i18n'
import { errorText } from '../load-status'
import { CASE_STATUSES, updateCase, type CaseStatus, type CaseView } from '../store-client'
import { statusName } from './case-labels'

type Draft = { status: CaseStatus; measures: string; deadline: string; plan: string; notes: string }

const draftOf = (c: CaseView): Draft => ({ status: c.status, measures: c.measures, deadline: c.deadline ?? '', plan: c.plan, notes: c.notes })

/**
 * 跟进处置: status, measures, deadline and notes, saved with the version the form was filled on. When someone
 * else changed the case meanwhile (409), the page shows the case as it is now and the form keeps what the user
 * typed, to apply again on the current version — never over the other change without the user seeing it.
 */
export const CaseFollowUp = ({ current, onSaved, onConflict }: { current: CaseView; onSaved: (c: CaseView) => void; onConflict: (c: CaseView) => void }) => {
  const { t, lang } = useT()
  const [draft, setDraft] = useState<Draft>(() => draftOf(current))
  // The version the draft is applied on: the case's when the form was filled, or the current one after a conflict.
  const [version, setVersion] = useState(current.version)
  const [busy, setBusy] = useState(false)
  const [outcome, setOutcome] = useState<{ kind: 'saved' } | { kind: 'conflict' } | { kind: 'failed'; error: unknown } | undefined>()
  const set = (patch: Partial<Draft>) => setDraft({ ...draft, ...patch })

  const save = async (onVersion: number) => {
    setBusy(true)
    setOutcome(undefined)
    try {
      const saved = await updateCase(current.id, { version: onVersion, status: draft.status, measures: draft.measures, deadline: draft.deadline === '' ? null : draft.deadline, plan: draft.plan, notes: draft.notes })
      setVersion(saved.version)
      setOutcome({ kind: 'saved' })
      onSaved(saved)
    } catch (error) {
      const now = error instanceof ApiError && error.status === 409 ? (error.details as { current?: CaseView } | null)?.current : undefined
      if (now !== undefined) {
        setOutcome({ kind: 'conflict' })
        onConflict(now)
      } else setOutcome({ kind: 'failed', error })
    } finally {
      setBusy(false)
    }
  }

  return (
    <form
      class="follow-up"
      aria-labelledby="follow-up-title"
      onSubmit={(e) => {
        e.preventDefault()
        void save(version)
      }}
    >
      <h2 id="follow-up-title">{t('followUp')}</h2>
      <div class="form-grid">
        <div class="field">
          <label for="fu-status">{t('statusLabel')}</label>
          <select id="fu-status" name="status" value={draft.status} onChange={(e) => set({ status: e.currentTarget.value as CaseStatus })}>
            {CASE_STATUSES.map((s) => (
              <option key={s} value={s}>
                {statusName(s, lang)}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="fu-deadline">{t('deadline')}</label>
          <input id="fu-deadline" name="deadline" type="date" value={draft.deadline} onInput={(e) => set({ deadline: e.currentTarget.value })} />
        </div>
        <div class="field wide">
          <label for="fu-measures">{t('measures')}</label>
          <textarea id="fu-measures" name="measures" rows={2} maxLength={2000} value={draft.measures} onInput={(e) => set({ measures: e.currentTarget.value })} />
        </div>
        <div class="field wide">
          <label for="fu-plan">{t('plan')}</label>
          <textarea id="fu-plan" name="plan" rows={2} maxLength={10000} value={draft.plan} onInput={(e) => set({ plan: e.currentTarget.value })} />
        </div>
        <div class="field wide">
          <label for="fu-notes">{t('notes')}</label>
          <textarea id="fu-notes" name="notes" rows={2} maxLength={10000} value={draft.notes} onInput={(e) => set({ notes: e.currentTarget.value })} />
        </div>
      </div>
      {outcome?.kind === 'conflict' ? (
        <div class="problem" role="alert">
          <p>
            <strong>{t('conflict')}</strong>
          </p>
          <p>{t('conflictHint')}</p>
          <button
            type="button"
            class="primary"
            disabled={busy}
            onClick={() => {
              // The case shown above is the current one: the same draft, saved on its version.
              setVersion(current.version)
              void save(current.version)
            }}
          >
            {t('reapply')}
          </button>
        </div>
      ) : (
        <div class="row">
          <button type="submit" class="primary" disabled={busy}>
            {busy ? t('saving') : t('save')}
          </button>
          <span role="status">{outcome?.kind === 'saved' ? t('saved') : ''}</span>
        </div>
      )}
      {outcome?.kind === 'failed' && (
        <p class="problem" role="alert">
          {errorText(outcome.error, lang)}
        </p>
      )}
    </form>
  )
}
