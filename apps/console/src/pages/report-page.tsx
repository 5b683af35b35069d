import { useRef, useState } from 'preact/hooks'
import { useT } from '../i18n'
import { LoadStatus } from '../load-status'
import { reportUrl } from '../staff-client'
import { fetchSweeps, fetchUnits } from '../store-client'
import { UnitOptions } from '../unit-options'
import { useAsync } from '../use-async'

/** The first day of the quarter of a date (sweeps are quarterly; the API's default period is a quarter too). */
const quarterStart = (iso: string): string => `${iso.slice(0, 4)}-${String(Math.floor((Number(iso.slice(5, 7)) - 1) / 3) * 3 + 1).padStart(2, '0')}-01`

interface Period {
  unit: string
  from: string
  to: string
}

/** The period first shown: the quarter of the latest sweep the user can see (today's when there is none). */
const loadDefaults = async () => {
  const [units, sweeps] = await Promise.all([fetchUnits(), fetchSweeps()])
  const to = sweeps[0]?.date ?? new Date().toISOString().slice(0, 10)
  return { units, period: { unit: '', from: quarterStart(to), to } }
}

/**
 * 总结报告: the summary report of a unit and period, as the API renders it (`GET /v1/report.html`,
 * self-contained, A4) in a same-origin frame, and 打印 printing the frame alone. The frame is the report's
 * own page under its own policy (inline styles), so the console's policy stays free of inline styles.
 */
export const ReportPage = () => {
  const { t } = useT()
  const [defaults, reload] = useAsync(loadDefaults)
  return (
    <section aria-labelledby="report-title" class="report-page">
      <h1 id="report-title" tabIndex={-1}>
        {t('reportTitle')}
      </h1>
      <p class="muted">{t('reportHint')}</p>
      {defaults.status !== 'done' ? (
        <LoadStatus error={defaults.status === 'failed' ? defaults.error : undefined} retry={reload} />
      ) : (
        <ReportView units={defaults.value.units} initial={defaults.value.period} />
      )}
    </section>
  )
}

const ReportView = ({ units, initial }: { units: Array<{ id: number; name: string }>; initial: Period }) => {
  const { t } = useT()
  const [form, setForm] = useState<Period>(initial)
  const [shown, setShown] = useState<Period>(initial)
  const frame = useRef<HTMLIFrameElement>(null)
  const bad = form.from === '' || form.to === '' || form.from > form.to
  const src = reportUrl({ from: shown.from, to: shown.to, ...(shown.unit === '' ? {} : { unit: shown.unit }) })
  return (
    <>
      <form
        class="row"
        aria-label={t('reportTitle')}
        onSubmit={(e) => {
          e.preventDefault()
          if (!bad) setShown(form)
        }}
      >
        <label>
          {t('unitLabel')}
          <select name="unit" value={form.unit} onChange={(e) => setForm({ ...form, unit: e.currentTarget.value })}>
            <option value="">{t('all')}</option>
            <UnitOptions units={units} />
          </select>
        </label>
        <label>
          {t('reportFrom')}
          <input type="date" name="from" required value={form.from} aria-invalid={bad} aria-describedby={bad ? 'period-error' : undefined} onInput={(e) => setForm({ ...form, from: e.currentTarget.value })} />
        </label>
        <label>
          {t('reportTo')}
          <input type="date" name="to" required value={form.to} aria-invalid={bad} onInput={(e) => setForm({ ...form, to: e.currentTarget.value })} />
        </label>
        <button type="submit" disabled={bad}>
          {t('reportShow')}
        </button>
        <button type="button" class="primary" onClick={() => frame.current?.contentWindow?.print()}>
          {t('reportPrint')}
        </button>
        <a class="button" href={src} target="_blank" rel="noopener">
          {t('reportOpen')}
        </a>
        {bad && (
          <p id="period-error" class="field-error" role="alert">
            {t('reportBadPeriod')}
          </p>
        )}
      </form>
      {/* No scripts in the frame (the report has none); same origin so the page may print it; modals for the print dialog. */}
      <iframe ref={frame} class="report-frame" title={t('reportFrame')} src={src} sandbox="allow-same-origin allow-modals" />
    </>
  )
}
