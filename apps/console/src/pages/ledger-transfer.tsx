import { useState } from 'preact/hooks'
import { ApiError } from '../api-client'
import { useT, type MessageKey } from '../i18n'
import { errorText } from '../load-status'
import { routeHref } from '../route'
import { useSession } from '../session'
import { applyLedger, ledgerDownloadHref, previewLedger, type LedgerApplied, type LedgerField, type LedgerPreview } from '../store-client'

/*
 * 台账导出与回填 on the ledger page: the unit's ledger as the file `chufei ledger export` writes (a plain link:
 * the browser sends the session cookie and saves the file under the server's Chinese name), and an edited file
 * back — previewed first (every change, conflict and bad row), written only on 确认写入 with the preview's hash,
 * so what is written is what the user saw. A conflict is never written over: the server refuses the whole file.
 */

const FIELD_KEY: Record<LedgerField, MessageKey> = { status: 'statusLabel', measures: 'measures', deadline: 'deadline', plan: 'plan', notes: 'notes' }
const shown = (v: string | null): string => (v === null || v === '' ? '—' : v)

type Step =
  | { kind: 'idle' }
  | { kind: 'busy'; what: 'previewing' | 'applying'; file: File; preview?: LedgerPreview }
  | { kind: 'preview'; file: File; preview: LedgerPreview }
  | { kind: 'applied'; result: LedgerApplied }
  | { kind: 'failed'; error: unknown; file?: File; preview?: LedgerPreview }

/** The export links and the import of an edited ledger; `onApplied` reloads the list. */
export const LedgerTransfer = ({ unit, onApplied }: { unit: string | undefined; onApplied: () => void }) => {
  const { t, lang } = useT()
  const [asOf, setAsOf] = useState('')
  const [step, setStep] = useState<Step>({ kind: 'idle' })
  const [inputKey, setInputKey] = useState(0)

  const pick = async (file: File | undefined) => {
    if (file === undefined) return
    setStep({ kind: 'busy', what: 'previewing', file })
    try {
      setStep({ kind: 'preview', file, preview: await previewLedger(file) })
    } catch (error) {
      setStep({ kind: 'failed', error, file })
    }
  }
  const apply = async (file: File, preview: LedgerPreview) => {
    setStep({ kind: 'busy', what: 'applying', file, preview })
    try {
      const result = await applyLedger(file, preview.planHash)
      setStep({ kind: 'applied', result })
      setInputKey((k) => k + 1)
      onApplied()
    } catch (error) {
      setStep({ kind: 'failed', error, file, preview })
    }
  }
  const reset = () => {
    setStep({ kind: 'idle' })
    setInputKey((k) => k + 1)
  }
  const href = (format: 'xlsx' | 'csv') => ledgerDownloadHref({ ...(unit ? { unit } : {}), format, ...(asOf ? { asOf } : {}), lang })
  const preview = step.kind === 'preview' || step.kind === 'busy' || step.kind === 'failed' ? step.preview : undefined
  const file = step.kind === 'preview' || step.kind === 'busy' || step.kind === 'failed' ? step.file : undefined

  return (
    <section class="ledger-transfer" aria-labelledby="ledger-transfer-title">
      <h2 id="ledger-transfer-title">{t('ledgerTransfer')}</h2>
      <p class="muted small">{t('ledgerTransferHint')}</p>
      <div class="row">
        <label>
          {t('ledgerAsOf')}
          <input type="date" name="asOf" value={asOf} onInput={(e) => setAsOf(e.currentTarget.value)} />
        </label>
        <a class="button" href={href('xlsx')} download data-export="xlsx">
          {t('exportXlsx')}
        </a>
        <a class="button" href={href('csv')} download data-export="csv">
          {t('exportCsv')}
        </a>
        <label class={`button file-button${step.kind === 'busy' ? ' disabled' : ''}`}>
          {t('importLedger')}
          <input
            class="sr-only"
            key={inputKey}
            type="file"
            name="ledgerFile"
            accept=".xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv"
            title={t('importLedgerFile')}
            disabled={step.kind === 'busy'}
            onChange={(e) => void pick(e.currentTarget.files?.[0])}
          />
        </label>
      </div>
      {step.kind === 'busy' && (
        <p class="muted" role="status">
          {t(step.what)}
        </p>
      )}
      {step.kind === 'applied' && (
        <div role="status" class="ledger-result">
          <p>{t('ledgerApplied').replace('{n}', String(step.result.updated.length))}</p>
          {step.result.updated.length > 0 && (
            <ul class="small">
              {step.result.updated.map((c) => (
                <li key={c.id}>
                  <a href={routeHref({ page: 'case', caseId: c.id })}>
                    #{c.id} {c.subject.name}
                  </a>
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
      {step.kind === 'failed' && (
        <div class="problem" role="alert">
          <p>
            {step.preview === undefined ? t('loadFailed') : t('ledgerApplyRefused')}：{errorText(step.error, lang)}
          </p>
          {step.error instanceof ApiError && step.error.status === 409 && <p class="small">{t('ledgerConflictsHint')}</p>}
        </div>
      )}
      {preview !== undefined && file !== undefined && <PlanView preview={preview} busy={step.kind === 'busy'} onApply={() => void apply(file, preview)} onCancel={reset} />}
    </section>
  )
}

/** The preview: summary, changes, conflicts, bad rows, and 确认写入. */
const PlanView = ({ preview, busy, onApply, onCancel }: { preview: LedgerPreview; busy: boolean; onApply: () => void; onCancel: () => void }) => {
  const { t, lang } = useT()
  const { state } = useSession()
  // The server refuses a read-only user's apply (403); the button says so before anyone clicks it.
  const readOnly = state.status === 'signed-in' && state.session.user.role === 'readonly'
  const { plan } = preview
  const summary = t('previewSummary')
    .replace('{rows}', String(plan.rows))
    .replace('{changes}', String(plan.changes.length))
    .replace('{cases}', String(new Set(plan.changes.map((c) => c.caseId)).size))
    .replace('{conflicts}', String(plan.conflicts.length))
    .replace('{errors}', String(plan.errors.length))
  return (
    <div class="ledger-preview" aria-labelledby="ledger-preview-title">
      <h3 id="ledger-preview-title">
        {t('previewTitle')} · {preview.file}
      </h3>
      <p role="status" data-summary>
        {summary}
      </p>
      {plan.changes.length > 0 && (
        <table class="ledger-changes">
          <caption>{t('ledgerChanges')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('colCase')}</th>
              <th scope="col">{t('colRow')}</th>
              <th scope="col">{t('colField')}</th>
              <th scope="col">{t('colBeforeAfter')}</th>
            </tr>
          </thead>
          <tbody>
            {plan.changes.map((c) => (
              <tr key={`${c.caseId}-${c.field}`} data-case={c.caseId} data-field={c.field}>
                <td>
                  <a href={routeHref({ page: 'case', caseId: c.caseId })}>#{c.caseId}</a> {c.subject}
                </td>
                <td>{c.row}</td>
                <td>{t(FIELD_KEY[c.field])}</td>
                <td>
                  {shown(c.before)} → {shown(c.after)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {plan.conflicts.length > 0 && (
        <>
          <table class="ledger-conflicts">
            <caption>{t('ledgerConflicts')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('colCase')}</th>
                <th scope="col">{t('colRow')}</th>
                <th scope="col">{t('colVersions')}</th>
                <th scope="col">{t('colSheetEdit')}</th>
                <th scope="col">{t('colStoreNow')}</th>
              </tr>
            </thead>
            <tbody>
              {plan.conflicts.map((c) => (
                <tr key={c.caseId} data-case={c.caseId}>
                  <td>
                    <a href={routeHref({ page: 'case', caseId: c.caseId })}>#{c.caseId}</a> {c.current.subject.name}
                  </td>
                  <td>{c.row}</td>
                  <td>
                    {c.exportedVersion} → {c.currentVersion}
                  </td>
                  <td>{c.edits.map((e) => `${t(FIELD_KEY[e.field])}：${shown(e.after)}`).join(lang === 'zh' ? '；' : '; ')}</td>
                  <td>{c.edits.map((e) => `${t(FIELD_KEY[e.field])}：${shown(c.current[e.field])}`).join(lang === 'zh' ? '；' : '; ')}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p class="problem small">{t('ledgerConflictsHint')}</p>
        </>
      )}
      {plan.errors.length > 0 && (
        <>
          <h4>{t('ledgerErrors')}</h4>
          <ul class="ledger-errors small">
            {plan.errors.map((e, i) => (
              <li key={i} data-row={e.row}>
                {lang === 'zh' ? e.message : e.messageEn}
              </li>
            ))}
          </ul>
        </>
      )}
      {plan.changes.length === 0 && plan.conflicts.length === 0 && <p>{t('nothingToApply')}</p>}
      {readOnly && <p class="muted small">{t('ledgerReadOnly')}</p>}
      <div class="row">
        <button type="button" class="primary" disabled={busy || readOnly || plan.changes.length === 0 || plan.conflicts.length > 0} onClick={onApply}>
          {busy ? t('applying') : t('applyLedger')}
        </button>
        <button type="button" disabled={busy} onClick={onCancel}>
          {t('cancelImport')}
        </button>
      </div>
    </div>
  )
}
