import { useEffect, useState } from 'preact/hooks'
import { ApiError } from '../api-client'
import { useT } from '../i18n'
import { tierName } from '../labels'
import { fetchLead, fetchSweepLeads, type StoredLead, type SweepLeadRow } from '../lead-client'
import { errorText } from '../load-status'
import { fetchSweeps, type SweepView } from '../store-client'

/*
 * 选取已入库线索: pick a lead of a stored sweep for the try page — a sweep, then its scored leads in sheet
 * order a page at a time. Closed until asked for (it reads the store); needs a signed-in session, and says
 * so to a reader without one. A server without a case store has nothing to pick: the panel is not shown.
 */

const PAGE = 20

type Load<T> = { status: 'idle' | 'pending' } | { status: 'done'; value: T } | { status: 'failed'; error: unknown }

/** The picker; `onPick` gets the stored lead (its input: the lead as its sheet gave it) and a label naming it. */
export const StoredLeadPicker = ({ onPick }: { onPick: (lead: StoredLead & { input: Record<string, unknown> }, label: string) => void }) => {
  const { t, lang } = useT()
  const [open, setOpen] = useState(false)
  const [sweeps, setSweeps] = useState<Load<SweepView[]>>({ status: 'idle' })
  const [sweepId, setSweepId] = useState<number | undefined>()
  const [offset, setOffset] = useState(0)
  // What the box holds, and what was last searched (Enter or the button): the list follows the latter.
  const [typed, setTyped] = useState('')
  const [search, setSearch] = useState('')
  const [rows, setRows] = useState<Load<SweepLeadRow[]>>({ status: 'idle' })
  const [picking, setPicking] = useState<number | undefined>()
  const [pickError, setPickError] = useState<unknown>()

  useEffect(() => {
    if (!open || sweeps.status !== 'idle') return
    setSweeps({ status: 'pending' })
    fetchSweeps().then(
      (value) => {
        setSweeps({ status: 'done', value })
        if (value[0] !== undefined) setSweepId(value[0].id)
      },
      (error: unknown) => setSweeps({ status: 'failed', error }),
    )
  }, [open])

  useEffect(() => {
    if (sweepId === undefined) return
    let live = true
    setRows({ status: 'pending' })
    fetchSweepLeads(sweepId, offset, PAGE, search).then(
      (value) => live && setRows({ status: 'done', value }),
      (error: unknown) => live && setRows({ status: 'failed', error }),
    )
    return () => {
      live = false
    }
  }, [sweepId, offset, search])

  if (sweeps.status === 'failed' && sweeps.error instanceof ApiError && sweeps.error.status === 404) return null

  const pick = async (row: SweepLeadRow) => {
    setPicking(row.id)
    setPickError(undefined)
    try {
      const lead = await fetchLead(row.id)
      const sweep = sweeps.status === 'done' ? sweeps.value.find((s) => s.id === lead.sweep.id) : undefined
      if (lead.input !== null) onPick({ ...lead, input: lead.input }, `${lead.subject ?? lead.leadRef ?? `#${lead.id}`}（${sweep?.unit ?? lead.unit} · ${t('sweep')} #${lead.sweep.id} · ${lead.sweep.date} · ${t('line')} ${lead.line ?? '—'}）`)
    } catch (error) {
      setPickError(error)
    } finally {
      setPicking(undefined)
    }
  }

  return (
    <details class="stored-pick" onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>{t('pickStored')}</summary>
      {sweeps.status === 'pending' && <p role="status">{t('loading')}</p>}
      {sweeps.status === 'failed' && (
        <p class="problem" role="alert">
          {sweeps.error instanceof ApiError && sweeps.error.status === 401 ? (
            <>
              {t('pickNeedsSignIn')} <a href="#/signin">{t('signInTitle')}</a>
            </>
          ) : (
            `${t('loadFailed')}：${errorText(sweeps.error, lang)}`
          )}
        </p>
      )}
      {sweeps.status === 'done' && sweeps.value.length === 0 && <p class="muted">{t('noSweeps')}</p>}
      {sweeps.status === 'done' && sweeps.value.length > 0 && (
        <>
          <label>
            {t('sweep')}{' '}
            <select
              value={sweepId}
              onChange={(e) => {
                setSweepId(Number(e.currentTarget.value))
                setOffset(0)
              }}
            >
              {sweeps.value.map((s) => (
                <option key={s.id} value={s.id}>
                  #{s.id} · {s.unit} · {s.date} · {s.fileName}
                </option>
              ))}
            </select>
          </label>
          <form
            class="row"
            role="search"
            onSubmit={(e) => {
              e.preventDefault()
              setSearch(typed)
              setOffset(0)
            }}
          >
            <label>
              {t('pickSearch')} <input type="search" value={typed} maxLength={100} onInput={(e) => setTyped(e.currentTarget.value)} />
            </label>
            <button type="submit">{t('search')}</button>
          </form>
          {rows.status === 'pending' && <p role="status">{t('loading')}</p>}
          {rows.status === 'failed' && (
            <p class="problem" role="alert">
              {t('loadFailed')}：{errorText(rows.error, lang)}
            </p>
          )}
          {rows.status === 'done' && (
            <table class="pick-leads" aria-label={t('pickStored')}>
              <thead>
                <tr>
                  <th scope="col">{t('line')}</th>
                  <th scope="col">{t('colSubject')}</th>
                  <th scope="col">{t('tier')}</th>
                  <th scope="col">{t('total')}</th>
                  <th scope="col">
                    <span class="sr-only">{t('pickLead')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {rows.value.map((r) => (
                  <tr key={r.id} data-lead={r.id}>
                    <td>{r.line ?? '—'}</td>
                    <td>{r.subject ?? r.leadRef ?? '—'}</td>
                    <td>{r.tier === null ? '—' : tierName(r.tier, lang)}</td>
                    <td>{r.total ?? '—'}</td>
                    <td>
                      <button type="button" disabled={picking !== undefined} aria-label={`${t('pickLead')}：${r.subject ?? r.leadRef ?? r.id}`} onClick={() => void pick(r)}>
                        {picking === r.id ? t('loading') : t('pickLead')}
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <p class="row">
            <button type="button" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE))}>
              {t('prevPage')}
            </button>
            <span class="muted">
              {offset + 1}–{offset + (rows.status === 'done' ? rows.value.length : 0)}
            </span>
            <button type="button" disabled={rows.status !== 'done' || rows.value.length < PAGE} onClick={() => setOffset(offset + PAGE)}>
              {t('nextPage')}
            </button>
          </p>
          {pickError !== undefined && (
            <p class="problem" role="alert">
              {t('loadFailed')}：{errorText(pickError, lang)}
            </p>
          )}
        </>
      )}
    </details>
  )
}
