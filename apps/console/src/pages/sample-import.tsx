import { useState } from 'preact/hooks'
import { useT } from '../i18n'
import { errorText } from '../load-status'
import { importSamples, type SampleImport } from '../staff-client'

/**
 * 导入示例数据: the bundled sample sweeps into the user's town in one click (`POST /v1/samples`). The server
 * knows the files; a second click says they were imported before. Shown to those who may import.
 */
export const SampleImportBox = ({ onDone }: { onDone?: () => void }) => {
  const { t, lang } = useT()
  const [state, setState] = useState<{ status: 'idle' } | { status: 'busy' } | { status: 'done'; value: SampleImport } | { status: 'failed'; error: unknown }>({ status: 'idle' })
  const run = () => {
    setState({ status: 'busy' })
    importSamples().then(
      (value) => {
        setState({ status: 'done', value })
        onDone?.()
      },
      (error: unknown) => setState({ status: 'failed', error }),
    )
  }
  return (
    <section class="samples" aria-labelledby="samples-title">
      <h2 id="samples-title">{t('samplesTitle')}</h2>
      <p class="muted">{t('samplesHint')}</p>
      <button type="button" onClick={run} disabled={state.status === 'busy'}>
        {state.status === 'busy' ? t('samplesImporting') : t('samplesButton')}
      </button>
      <div aria-live="polite">
        {state.status === 'done' && (
          <ul class="sample-outcome" data-testid="samples-outcome">
            {state.value.sweeps.map((s) => (
              <li key={s.fileName} data-status={s.status}>
                {s.fileName}（{s.date}）：{s.status === 'imported' ? t('samplesImported') : t('samplesAlready')}
                {s.sweepId !== null && `，${t('sweep')} #${s.sweepId}`}
                {s.counts !== null && `，${t('countRead')} ${s.counts.read}、${t('countScored')} ${s.counts.scored}、${t('countRejected')} ${s.counts.rejected}`}
                {s.newCases !== null && `，${t('newCases')} ${s.newCases}`}
                {s.listedOnly !== null && `，${t('listedOnly')} ${s.listedOnly}`}
              </li>
            ))}
          </ul>
        )}
        {state.status === 'failed' && <p role="alert" class="problem">{errorText(state.error, lang)}</p>}
      </div>
    </section>
  )
}

/** Whether a role may import sheets (the store's rule: a town office or the administrator). */
export const canImport = (role: string): boolean => role === 'admin' || role === 'town-admin'
