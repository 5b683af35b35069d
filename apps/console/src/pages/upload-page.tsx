import { useState } from 'preact/hooks'
import { useT } from '../i18n'
import { errorText, LoadStatus } from '../load-status'
import { useSession } from '../session'
import { uploadSweep, type ImportOutcome } from '../staff-client'
import { fetchUnits } from '../store-client'
import { UnitOptions } from '../unit-options'
import { useAsync } from '../use-async'
import { canImport, SampleImportBox } from './sample-import'
import { SweepOutcome } from './sweep-outcome'

/** What the page accepts: the sheets a village fills (the API reads JSON too, but staff upload sheets). */
const SHEET = /\.(xlsx|csv)$/i

/** Today in the browser's time zone, YYYY-MM-DD: the usual sweep date is the day it is uploaded. */
const localToday = (): string => {
  const now = new Date()
  return new Date(now.getTime() - now.getTimezoneOffset() * 60_000).toISOString().slice(0, 10)
}

type Phase =
  | { status: 'idle' }
  | { status: 'uploading'; sent: number; total: number }
  | { status: 'scoring' }
  | { status: 'done'; outcome: ImportOutcome }
  | { status: 'failed'; error: unknown }

/** 上传排查表: a sheet dropped or chosen, its unit and date, the upload's progress, then the sweep's outcome. */
export const UploadPage = () => {
  const { t } = useT()
  const { state: session } = useSession()
  const role = session.status === 'signed-in' ? session.session.user.role : 'readonly'
  return (
    <section aria-labelledby="upload-title">
      <h1 id="upload-title" tabIndex={-1}>
        {t('uploadTitle')}
      </h1>
      {canImport(role) ? (
        <>
          <UploadForm />
          <SampleImportBox />
        </>
      ) : (
        <p class="note" role="status" data-testid="upload-not-allowed">
          {t('uploadNotAllowed')}
        </p>
      )}
    </section>
  )
}

const UploadForm = () => {
  const { t, lang } = useT()
  const [units, reloadUnits] = useAsync(fetchUnits)
  const [file, setFile] = useState<File | null>(null)
  const [fileError, setFileError] = useState<string | null>(null)
  const [unit, setUnit] = useState('')
  const [date, setDate] = useState(localToday)
  const [dragging, setDragging] = useState(false)
  const [phase, setPhase] = useState<Phase>({ status: 'idle' })

  const pick = (chosen: File | undefined) => {
    if (chosen === undefined) return
    if (!SHEET.test(chosen.name)) {
      setFile(null)
      setFileError(t('badFileType'))
      return
    }
    setFileError(null)
    setFile(chosen)
    setPhase({ status: 'idle' })
  }

  if (units.status !== 'done') return <LoadStatus error={units.status === 'failed' ? units.error : undefined} retry={reloadUnits} />
  const unitValue = unit || String(units.value.find((u) => u.kind === 'town')?.id ?? units.value[0]?.id ?? '')
  const busy = phase.status === 'uploading' || phase.status === 'scoring'

  const submit = (e: Event) => {
    e.preventDefault()
    if (file === null) {
      setFileError(t('noFile'))
      return
    }
    setPhase({ status: 'uploading', sent: 0, total: file.size })
    uploadSweep(file, { unit: unitValue, date }, (sent, total) => setPhase(sent >= total ? { status: 'scoring' } : { status: 'uploading', sent, total })).then(
      (outcome) => setPhase({ status: 'done', outcome }),
      (error: unknown) => setPhase({ status: 'failed', error }),
    )
  }

  return (
    <>
      <p class="muted">{t('uploadHint')}</p>
      <form class="upload" onSubmit={submit} aria-label={t('uploadTitle')}>
        <div
          class={`drop-zone${dragging ? ' dragging' : ''}`}
          data-testid="drop-zone"
          onDragOver={(e) => {
            e.preventDefault()
            setDragging(true)
          }}
          onDragLeave={() => setDragging(false)}
          onDrop={(e) => {
            e.preventDefault()
            setDragging(false)
            pick(e.dataTransfer?.files[0])
          }}
        >
          <p aria-hidden="true">{t('dropZone')}</p>
          {/* The browser's own file button speaks the browser's language ("Choose File"); this one speaks the page's. */}
          <label class="button file-button">
            {t('chooseFile')}
            <input
              class="sr-only"
              type="file"
              name="file"
              accept=".xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv"
              aria-invalid={fileError !== null}
              aria-describedby={fileError !== null ? 'file-error' : undefined}
              onChange={(e) => pick(e.currentTarget.files?.[0])}
            />
          </label>
          {file !== null && (
            <p data-testid="chosen-file">
              {t('chosenFile')}：<strong>{file.name}</strong>（{Math.max(1, Math.round(file.size / 1024))} KB）
            </p>
          )}
          {fileError !== null && (
            <p id="file-error" class="field-error" role="alert">
              {fileError}
            </p>
          )}
        </div>
        <div class="row">
          <label>
            {t('importUnit')}
            <select name="unit" value={unitValue} onChange={(e) => setUnit(e.currentTarget.value)}>
              <UnitOptions units={units.value} />
            </select>
          </label>
          <label>
            {t('sweepDate')}
            <input type="date" name="date" required value={date} onInput={(e) => setDate(e.currentTarget.value)} />
          </label>
          <button type="submit" class="primary" disabled={busy}>
            {t('uploadButton')}
          </button>
        </div>
      </form>
      <div aria-live="polite">
        {phase.status === 'uploading' && (
          <p role="status">
            <label class="check">
              {t('uploadProgress')}
              <progress max={phase.total} value={phase.sent} />
            </label>
            {t('uploading')} {Math.round((100 * phase.sent) / Math.max(1, phase.total))}%
          </p>
        )}
        {phase.status === 'scoring' && (
          <p role="status">
            <progress aria-label={t('uploadProgress')} />
            {t('uploadScoring')}
          </p>
        )}
        {phase.status === 'failed' && (
          <div class="problem" role="alert" data-testid="upload-error">
            <p>
              {t('uploadFailed')}：{errorText(phase.error, lang)}
            </p>
          </div>
        )}
      </div>
      {phase.status === 'done' && <SweepOutcome outcome={phase.outcome} />}
    </>
  )
}
