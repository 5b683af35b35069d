import { TIER_IDS } from '@chufei/core'
import { useEffect, useState } from 'preact/hooks'
import { groupChart, openCasesChart, tierChart, TREND_KEYS, trendChart, trendName, trendPeriods } from '../home-charts'
import { useT } from '../i18n'
import { tierName } from '../labels'
import { LoadStatus } from '../load-status'
import { routeHref } from '../route'
import { useSession } from '../session'
import { fetchOpenCases, fetchOverdue, fetchOverview, fetchResurfacing, fetchTrend, type Overview, type OverdueCase, type Trend, type UnitOpenCases } from '../staff-client'
import { fetchSweeps, type CasePage, type CaseView } from '../store-client'
import { useAsync } from '../use-async'
import { canImport, SampleImportBox } from './sample-import'

/** How many cases each list on the page shows; the ledger has the rest. */
const LIST = 8

interface HomeData {
  overview: Overview
  open: UnitOpenCases[]
  overdue: OverdueCase[]
  resurfacing: CasePage
  trend: Array<{ from: string; to: string; trend: Trend }>
}

/** Everything the page shows, in parallel; the trend is one `GET /v1/trend` per sweep date (the last six). */
const loadHome = async (): Promise<HomeData> => {
  const [overview, open, overdue, resurfacing, sweeps] = await Promise.all([fetchOverview(), fetchOpenCases(), fetchOverdue(LIST), fetchResurfacing(LIST), fetchSweeps()])
  const periods = trendPeriods(sweeps.map((s) => s.date))
  const trend = await Promise.all(periods.map(async (p) => ({ ...p, trend: await fetchTrend(p.from, p.to) })))
  return { overview, open, overdue, resurfacing, trend }
}

/** An <svg> string from the ledger's charts: every text in it was escaped by the chart. */
const Chart = ({ svg, id }: { svg: string; id: string }) => <figure class="chart-box" data-chart={id} dangerouslySetInnerHTML={{ __html: svg }} />

/** 首页: open cases by tier, overdue, resurfacing, new this sweep, the charts and the trend across sweeps. */
export const HomePage = () => {
  const { t } = useT()
  const { state: session } = useSession()
  const [state, reload] = useAsync(loadHome)
  const role = session.status === 'signed-in' ? session.session.user.role : 'readonly'
  const empty = state.status === 'done' && state.value.overview.latestSweep === null
  // Offered once the store is seen empty, and kept after the import so its outcome stays on screen as home reloads.
  const [offerSamples, setOfferSamples] = useState(false)
  useEffect(() => {
    if (empty && canImport(role)) setOfferSamples(true)
  }, [empty, role])
  return (
    <section aria-labelledby="home-title" class="home">
      <h1 id="home-title" tabIndex={-1}>
        {t('homeTitle')}
      </h1>
      {empty && <p class="note">{t('noSweepsYet')}</p>}
      {offerSamples && <SampleImportBox onDone={reload} />}
      {state.status !== 'done' ? (
        <LoadStatus error={state.status === 'failed' ? state.error : undefined} retry={reload} />
      ) : (
        <HomeBody data={state.value} />
      )}
    </section>
  )
}

const CaseLink = ({ c }: { c: CaseView }) => <a href={routeHref({ page: 'case', caseId: c.id })}>{c.subject.name}</a>

const HomeBody = ({ data }: { data: HomeData }) => {
  const { t, lang } = useT()
  const { overview, open, overdue, resurfacing } = data
  const openTotal = open.reduce((n, u) => n + u.open, 0)
  // The list is the most overdue few; how many there are comes with the open cases, by unit.
  const overdueTotal = open.reduce((n, u) => n + u.overdue, 0)
  const byTier = Object.fromEntries(TIER_IDS.map((id) => [id, open.reduce((n, u) => n + (u.byTier[id] ?? 0), 0)]))
  const sweep = overview.latestSweep
  return (
    <>
      <div class="tiles">
        <section class="tile" aria-labelledby="open-title" data-testid="open-cases">
          <h2 id="open-title">{t('openCasesTitle')}</h2>
          <p class="big" data-count="open">
            {openTotal}
          </p>
          <ul class="tier-counts">
            {TIER_IDS.filter((id) => byTier[id]! > 0).map((id) => (
              <li key={id} data-tier={id}>
                <span class={`tier tier-${id}`}>{tierName(id, lang)}</span> {byTier[id]}
              </li>
            ))}
          </ul>
        </section>
        <section class="tile" aria-labelledby="overdue-title" data-testid="overdue">
          <h2 id="overdue-title">{t('overdueTitle')}</h2>
          <p class="big" data-count="overdue">
            {overdueTotal}
          </p>
          {overdue.length === 0 ? (
            <p class="muted">{t('noneYet')}</p>
          ) : (
            <ol class="case-list">
              {overdue.map((c) => (
                <li key={c.id}>
                  <CaseLink c={c} /> <span class="muted">{c.unit} · {t('deadline')} {c.deadline} · {t('daysOverdue')} {c.daysOverdue}</span>
                </li>
              ))}
            </ol>
          )}
          {overdueTotal > overdue.length && <a href={routeHref({ page: 'cases' })}>{t('seeAllInLedger')}</a>}
        </section>
        <section class="tile" aria-labelledby="resurfacing-title" data-testid="resurfacing">
          <h2 id="resurfacing-title">{t('resurfacingTitle')}</h2>
          {resurfacing.items.length === 0 ? (
            <p class="muted">{t('noneYet')}</p>
          ) : (
            <ul class="case-list">
              {resurfacing.items.map((c) => (
                <li key={c.id}>
                  <CaseLink c={c} /> <span class="muted">{c.unit}</span> ·{' '}
                  <a href={routeHref({ page: 'case', caseId: c.resurfacedFrom! })}>
                    {t('earlierCase')} #{c.resurfacedFrom}
                  </a>
                </li>
              ))}
            </ul>
          )}
        </section>
        <section class="tile" aria-labelledby="new-title" data-testid="new-this-sweep">
          <h2 id="new-title">{t('newThisSweep')}</h2>
          <p class="big" data-count="new">
            {overview.opened}
          </p>
          {sweep !== null && (
            <p class="muted small">
              {t('sweepLine').replace('{id}', String(sweep.id)).replace('{unit}', sweep.unit).replace('{date}', sweep.date).replace('{file}', sweep.fileName)}
            </p>
          )}
          <ul class="case-list">
            {overview.newCases.slice(0, LIST).map((c) => (
              <li key={c.id}>
                <CaseLink c={c} /> <span class={`tier tier-${c.tier}`}>{tierName(c.tier, lang)}</span>
              </li>
            ))}
          </ul>
        </section>
      </div>
      {sweep !== null && (
        <>
          <h2>{t('chartsTitle')}</h2>
          <div class="charts">
            <Chart id="tier" svg={tierChart(t('chartTier'), overview.byTier, lang)} />
            <Chart id="open" svg={openCasesChart(t('chartOpen'), open, lang)} />
            <Chart id="village" svg={groupChart(t('chartVillage'), overview.byVillage, 'other', lang)} />
            <Chart id="sector" svg={groupChart(t('chartSector'), overview.bySector, 'sector', lang)} />
            <Chart id="pattern" svg={groupChart(t('chartPattern'), overview.byPattern, 'other', lang)} />
          </div>
          <TrendSection rows={data.trend} />
        </>
      )}
    </>
  )
}

const TrendSection = ({ rows }: { rows: HomeData['trend'] }) => {
  const { t, lang } = useT()
  const label = (r: { from: string; to: string }) => t('periodText').replace('{from}', r.from).replace('{to}', r.to)
  return (
    <section aria-labelledby="trend-title">
      <h2 id="trend-title">{t('trendTitle')}</h2>
      <div class="charts">
        <table class="trend" data-testid="trend">
          <caption class="sr-only">{t('trendTitle')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('colPeriod')}</th>
              {TREND_KEYS.map((k) => (
                <th key={k} scope="col" class="num">
                  {trendName(k, lang)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.to}>
                <th scope="row">{label(r)}</th>
                {TREND_KEYS.map((k) => (
                  <td key={k} class="num" data-trend={k}>
                    {r.trend.total[k]}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
        <Chart id="trend" svg={trendChart(t('trendTitle'), rows.map((r) => ({ label: r.to, figures: r.trend.total })), lang)} />
      </div>
    </section>
  )
}
