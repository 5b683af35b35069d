import { DISPOSITION_IDS, TIER_IDS } from '@chufei/core'
import { useState } from 'preact/hooks'
import { fetchRules } from '../api-client'
import { useT, type MessageKey } from '../i18n'
import { dispositionName, patternName, tierName } from '../labels'
import { LoadStatus } from '../load-status'
import { routeHref } from '../route'
import { CASE_STATUSES, fetchCases, fetchUnits, type CaseQuery } from '../store-client'
import { UnitOptions } from '../unit-options'
import { useAsync } from '../use-async'
import { statusName } from './case-labels'
import { LedgerTransfer } from './ledger-transfer'

/** The orders of the ledger, as GET /v1/cases names them, and their labels. */
const SORTS: ReadonlyArray<[string, MessageKey]> = [
  ['severity', 'sortSeverity'],
  ['deadline', 'sortDeadline'],
  ['updated', 'sortUpdated'],
  ['subject', 'sortSubject'],
  ['id', 'sortId'],
]

/** Cases one page of the ledger shows: a screen and a bit at 1366×768, few enough to read. */
export const LEDGER_PAGE = 50

/**
 * 案件台账: the cases the user can see, filtered, sorted and paged by the server (a page of 50 rows in the DOM
 * however many cases match: 10,000 cases are 200 pages, not 10,000 rows), each linking to its page; and the
 * ledger out to Excel/WPS and back.
 */
export const CasesPage = () => {
  const { t, lang } = useT()
  const [query, setQuery] = useState<CaseQuery>({ offset: 0, limit: LEDGER_PAGE })
  const [searchText, setSearchText] = useState('')
  // The query is the load's input: a new query object asks for a new page.
  const [state, reload] = useAsync(() => fetchCases(query))
  const [units] = useAsync(fetchUnits)
  // The served pack's patterns, for the 重点行为 filter; without them (an API key the tab lacks) the filter offers 全部 only.
  const [rules] = useAsync(fetchRules)
  const patterns = rules.status === 'done' ? rules.value.patterns : []
  const change = (patch: Partial<CaseQuery>) => {
    setQuery({ ...query, ...patch, offset: patch.offset ?? 0 })
    reload()
  }
  const page = state.status === 'done' ? state.value : undefined
  const pageNumber = Math.floor((query.offset ?? 0) / LEDGER_PAGE) + 1

  return (
    <section aria-labelledby="cases-title">
      <h1 id="cases-title" tabIndex={-1}>
        {t('casesTitle')}
      </h1>
      <form
        class="row filters"
        aria-label={t('casesFilters')}
        onSubmit={(e) => {
          e.preventDefault()
          change({ search: searchText })
        }}
      >
        <label>
          {t('tier')}
          <select name="tier" value={query.tier ?? ''} onChange={(e) => change({ tier: e.currentTarget.value })}>
            <option value="">{t('all')}</option>
            {TIER_IDS.map((id) => (
              <option key={id} value={id}>
                {tierName(id, lang)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('statusLabel')}
          <select name="status" value={query.status ?? ''} onChange={(e) => change({ status: e.currentTarget.value })}>
            <option value="">{t('all')}</option>
            {CASE_STATUSES.map((s) => (
              <option key={s} value={s}>
                {statusName(s, lang)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('unitLabel')}
          <select name="unit" value={query.unit ?? ''} onChange={(e) => change({ unit: e.currentTarget.value })}>
            <option value="">{t('all')}</option>
            {units.status === 'done' && <UnitOptions units={units.value} />}
          </select>
        </label>
        <label>
          {t('dispositionLabel')}
          <select name="disposition" value={query.disposition ?? ''} onChange={(e) => change({ disposition: e.currentTarget.value })}>
            <option value="">{t('all')}</option>
            {DISPOSITION_IDS.map((id) => (
              <option key={id} value={id}>
                {dispositionName(id, lang)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('patternLabel')}
          <select name="pattern" value={query.pattern ?? ''} onChange={(e) => change({ pattern: e.currentTarget.value })}>
            <option value="">{t('all')}</option>
            {patterns.map((p) => (
              <option key={p.id} value={p.id}>
                {patternName(p.id, patterns, lang)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('sortLabel')}
          <select name="sort" value={query.sort ?? 'severity'} onChange={(e) => change({ sort: e.currentTarget.value })}>
            {SORTS.map(([id, key]) => (
              <option key={id} value={id}>
                {t(key)}
              </option>
            ))}
          </select>
        </label>
        <label class="check">
          <input type="checkbox" name="open" checked={query.open === true} onChange={(e) => change({ open: e.currentTarget.checked })} />
          {t('openOnly')}
        </label>
        <label class="check">
          <input type="checkbox" name="overdue" checked={query.overdue === true} onChange={(e) => change({ overdue: e.currentTarget.checked })} />
          {t('overdueOnly')}
        </label>
        <label>
          {t('searchCases')}
          <input type="search" name="search" value={searchText} onInput={(e) => setSearchText(e.currentTarget.value)} />
        </label>
        <button type="submit">{t('search')}</button>
      </form>
      <LedgerTransfer unit={query.unit} onApplied={reload} />
      {page === undefined ? (
        <LoadStatus error={state.status === 'failed' ? state.error : undefined} retry={reload} />
      ) : page.items.length === 0 ? (
        <p role="status">{t('noCases')}</p>
      ) : (
        <>
          <table class="cases">
            <caption class="sr-only">{t('casesTitle')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('colCase')}</th>
                <th scope="col">{t('colSubject')}</th>
                <th scope="col">{t('unitLabel')}</th>
                <th scope="col">{t('tier')}</th>
                <th scope="col">{t('total')}</th>
                <th scope="col">{t('disposition')}</th>
                <th scope="col">{t('statusLabel')}</th>
                <th scope="col">{t('deadline')}</th>
              </tr>
            </thead>
            <tbody>
              {page.items.map((c) => (
                <tr key={c.id} data-case={c.id}>
                  <td>
                    <a href={routeHref({ page: 'case', caseId: c.id })}>#{c.id}</a>
                  </td>
                  <td>
                    <a href={routeHref({ page: 'case', caseId: c.id })}>{c.subject.name}</a>
                    {c.subject.creditCode !== null && <div class="muted small">{c.subject.creditCode}</div>}
                  </td>
                  <td>{c.unit}</td>
                  <td>
                    <span class={`tier tier-${c.tier}`}>{tierName(c.tier, lang)}</span>
                    {c.escalated && <span class="flag">{t('escalated')}</span>}
                    {c.resurfacedFrom !== null && <span class="flag">{t('resurfacing')}</span>}
                  </td>
                  <td>{c.total}</td>
                  <td>{dispositionName(c.disposition, lang)}</td>
                  <td>{statusName(c.status, lang)}</td>
                  <td>{c.deadline ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <nav class="row pager" aria-label={t('casesPaging')}>
            <button type="button" disabled={(query.offset ?? 0) === 0} onClick={() => change({ offset: Math.max(0, (query.offset ?? 0) - LEDGER_PAGE) })}>
              {t('prevPage')}
            </button>
            <span role="status">{t('pageN').replace('{n}', String(pageNumber))}</span>
            <button type="button" disabled={!page.more} onClick={() => change({ offset: (query.offset ?? 0) + LEDGER_PAGE })}>
              {t('nextPage')}
            </button>
          </nav>
        </>
      )}
    </section>
  )
}
