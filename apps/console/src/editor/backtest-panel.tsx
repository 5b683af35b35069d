import { TIER_IDS } from '@chufei/core'
import { useState } from 'preact/hooks'
import { useT } from '../i18n'
import { dispositionName, tierName } from '../labels'
import { errorText } from '../load-status'
import { useSession } from '../session'
import { backtestPack, fetchSweeps, type BacktestOutcome } from '../store-client'
import { useAsync } from '../use-async'
import { IssueList } from './issue-list'

/*
 * 回测: the edited pack on a stored sweep, by the server (POST /v1/backtest, the comparison `chufei diff`
 * prints): the tier transition matrix, disposition changes, the moved leads and the rules that moved them.
 */

const fill = (text: string, vars: Record<string, string | number>) => text.replace(/\{(\w+)\}/g, (_, k: string) => String(vars[k] ?? ''))

type Run = { status: 'idle' } | { status: 'running' } | { status: 'done'; outcome: BacktestOutcome } | { status: 'failed'; error: unknown }

/** The backtest panel of the editor; `files` is the edited pack, undefined while it is not valid. */
export const BacktestPanel = ({ files }: { files: Record<string, string> | undefined }) => {
  const { t } = useT()
  const { state } = useSession()
  // The stored sweeps are the store's: nothing is asked of a server without it, or before sign-in.
  if (state.status === 'signed-in') return <SweepBacktest files={files} />
  return (
    <section class="panel" aria-labelledby="backtest-title">
      <h2 id="backtest-title">{t('backtestTitle')}</h2>
      <p class="muted">{t('backtestHint')}</p>
      {state.status === 'none' && (
        <p class="note">
          {t('needSignInStore')} <a href="#/signin">{t('navSignIn')}</a>
        </p>
      )}
    </section>
  )
}

const SweepBacktest = ({ files }: { files: Record<string, string> | undefined }) => {
  const { t, lang } = useT()
  const [sweeps, reload] = useAsync(fetchSweeps)
  const [sweepId, setSweepId] = useState<number | undefined>()
  const [run, setRun] = useState<Run>({ status: 'idle' })
  const list = sweeps.status === 'done' ? sweeps.value : []
  const chosen = sweepId ?? list[0]?.id
  const start = () => {
    if (files === undefined || chosen === undefined) return
    setRun({ status: 'running' })
    backtestPack(files, chosen).then(
      (outcome) => setRun({ status: 'done', outcome }),
      (error: unknown) => setRun({ status: 'failed', error }),
    )
  }
  return (
    <section class="panel" aria-labelledby="backtest-title">
      <h2 id="backtest-title">{t('backtestTitle')}</h2>
      <p class="muted">{t('backtestHint')}</p>
      {sweeps.status === 'failed' && (
        <p class="problem" role="alert">
          {t('loadFailed')}：{errorText(sweeps.error, lang)}{' '}
          <button type="button" onClick={reload}>
            {t('retry')}
          </button>
        </p>
      )}
      {sweeps.status === 'done' && list.length === 0 && <p class="muted">{t('noSweeps')}</p>}
      {list.length > 0 && (
        <div class="row">
          <label>
            {t('pickSweep')}
            <select value={chosen} onChange={(e) => setSweepId(Number(e.currentTarget.value))}>
              {list.map((s) => (
                <option key={s.id} value={s.id}>
                  #{s.id} {s.unit} {s.date} {s.fileName}（{s.counts.scored}）
                </option>
              ))}
            </select>
          </label>
          <button type="button" onClick={start} disabled={files === undefined || run.status === 'running'}>
            {run.status === 'running' ? t('backtesting') : t('runBacktest')}
          </button>
        </div>
      )}
      {files === undefined && <p class="muted">{t('fixFirst')}</p>}
      {run.status === 'failed' && (
        <div class="problem" role="alert">
          <p>{errorText(run.error, lang)}</p>
          <IssueList error={run.error} />
        </div>
      )}
      {run.status === 'done' && <BacktestResult outcome={run.outcome} />}
    </section>
  )
}

const BacktestResult = ({ outcome }: { outcome: BacktestOutcome }) => {
  const { t, lang } = useT()
  const ruleChange = { fired: t('ruleFired'), stopped: t('ruleStopped'), changed: t('ruleChanged') }
  return (
    <div data-testid="backtest-result">
      <p role="status">
        {fill(t('backtestSummary'), { leads: outcome.leads, moved: outcome.movedCount, base: outcome.base.version, head: outcome.head.version })}
      </p>
      <table class="matrix" data-testid="tier-matrix">
        <caption>{t('matrixTitle')}</caption>
        <thead>
          <tr>
            <td />
            {TIER_IDS.map((to) => (
              <th key={to} scope="col">
                {tierName(to, lang)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {TIER_IDS.map((from) => (
            <tr key={from}>
              <th scope="row">{tierName(from, lang)}</th>
              {TIER_IDS.map((to) => {
                const n = outcome.tiers[from]?.[to] ?? 0
                return (
                  <td key={to} class={n > 0 && from !== to ? 'moved' : n > 0 ? 'same' : 'zero'}>
                    {n}
                  </td>
                )
              })}
            </tr>
          ))}
        </tbody>
      </table>
      {outcome.dispositions.length > 0 && (
        <>
          <h3>{t('dispositionChanges')}</h3>
          <ul>
            {outcome.dispositions.map((d) => (
              <li key={`${d.before}-${d.after}`}>
                {dispositionName(d.before, lang)} → {dispositionName(d.after, lang)}：{d.count}
              </li>
            ))}
          </ul>
        </>
      )}
      <h3>{t('movedLeads')}</h3>
      {outcome.movedCount === 0 ? (
        <p class="muted">{t('movedNone')}</p>
      ) : (
        <>
          {outcome.movedCount > outcome.moved.length && <p class="muted">{fill(t('movedMore'), { n: outcome.movedCount, m: outcome.moved.length })}</p>}
          {/* A sweep can move hundreds of leads: the list scrolls in its own box, reachable by keyboard. */}
          <div class="scroll" tabIndex={0} role="region" aria-label={t('movedLeads')}>
          <table class="moved" data-testid="moved-leads">
            <thead>
              <tr>
                <th scope="col">{t('colSubject')}</th>
                <th scope="col">{t('tier')}</th>
                <th scope="col">{t('scoreDelta')}</th>
                <th scope="col">{t('movedBy')}</th>
              </tr>
            </thead>
            <tbody>
              {outcome.moved.map((m, i) => {
                const delta = m.before.total !== undefined && m.after.total !== undefined ? m.after.total - m.before.total : undefined
                return (
                  <tr key={i}>
                    <td>
                      {m.subject ?? m.id ?? '—'}
                      {m.line !== undefined && <span class="muted small">（{t('line')} {m.line}）</span>}
                    </td>
                    <td>
                      {m.before.tier === undefined ? '—' : tierName(m.before.tier, lang)} → {m.after.tier === undefined ? '—' : tierName(m.after.tier, lang)}
                    </td>
                    <td>
                      {m.before.total ?? '—'} → {m.after.total ?? '—'}
                      {delta !== undefined && delta !== 0 && <strong>（{delta > 0 ? `+${delta}` : delta}）</strong>}
                    </td>
                    <td>
                      <ul class="plain">
                        {m.rules.map((r) => (
                          <li key={r.rule}>
                            <code>{r.rule}</code> {r.name}：{ruleChange[r.change]}
                          </li>
                        ))}
                      </ul>
                    </td>
                  </tr>
                )
              })}
            </tbody>
          </table>
          </div>
        </>
      )}
    </div>
  )
}
