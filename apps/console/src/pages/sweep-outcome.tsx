import { useT } from '../i18n'
import { tierName } from '../labels'
import { routeHref } from '../route'
import type { ImportOutcome } from '../staff-client'
import { sweepLedgerHref } from '../store-client'
import { matchedByName, statusName } from './case-labels'

/**
 * What an upload did: the counts, new and linked cases, the leads kept on the total list only, escalations,
 * resurfacing and the rejected rows.
 */
export const SweepOutcome = ({ outcome }: { outcome: ImportOutcome }) => {
  const { t, lang } = useT()
  const caseLink = (id: number, label: string) => <a href={routeHref({ page: 'case', caseId: id })}>{label}</a>
  const figures: Array<[string, number, string]> = [
    [t('countRead'), outcome.counts.read, 'read'],
    [t('countScored'), outcome.counts.scored, 'scored'],
    [t('countRejected'), outcome.counts.rejected, 'rejected'],
    [t('countSkipped'), outcome.counts.skipped, 'skipped'],
    [t('newCases'), outcome.newCases, 'new'],
    [t('linkedCases'), outcome.linked, 'linked'],
    [t('listedOnly'), outcome.listedOnly, 'listed-only'],
  ]
  return (
    <section class="outcome" aria-labelledby="outcome-title" data-testid="outcome">
      <h2 id="outcome-title">{t('outcomeTitle')}</h2>
      <p>
        {t('sweepLine')
          .replace('{id}', String(outcome.sweepId))
          .replace('{unit}', outcome.unit.name)
          .replace('{date}', outcome.date)
          .replace('{file}', outcome.fileName)}
      </p>
      <dl class="figures">
        {figures.map(([label, value, key]) => (
          <div key={key}>
            <dt>{label}</dt>
            <dd data-count={key}>{value}</dd>
          </div>
        ))}
      </dl>
      {outcome.listedOnly > 0 && <p class="muted">{t('listedOnlyHint')}</p>}
      <p class="actions" data-testid="sweep-ledger">
        {t('sweepLedger')}：
        <a class="button" href={sweepLedgerHref(outcome.sweepId, 'xlsx', lang)} download data-export="sweep-xlsx">
          {t('downloadXlsx')}
        </a>{' '}
        <a class="button" href={sweepLedgerHref(outcome.sweepId, 'csv', lang)} download data-export="sweep-csv">
          {t('downloadCsv')}
        </a>
      </p>
      {outcome.escalations.length > 0 && (
        <>
          <h3>{t('escalationsTitle')}</h3>
          <ul data-testid="escalations">
            {outcome.escalations.map((e) => (
              <li key={e.caseId}>
                {caseLink(e.caseId, e.subject)}：{tierName(e.from, lang)} → {tierName(e.to, lang)}
              </li>
            ))}
          </ul>
        </>
      )}
      {outcome.resurfacing.length > 0 && (
        <>
          <h3>{t('resurfacing')}</h3>
          <ul data-testid="resurfacing">
            {outcome.resurfacing.map((r) => (
              <li key={r.caseId}>
                {caseLink(r.caseId, r.subject)}
                {r.line !== null && `（${t('line')} ${r.line}）`}：
                {t('resurfacingLine')
                  .replace('{case}', `#${r.earlierCaseId}`)
                  .replace('{unit}', r.earlierUnit)
                  .replace('{status}', statusName(r.earlierStatus, lang))
                  .replace('{subject}', r.earlierSubject)
                  .replace('{matched}', matchedByName(r.matchedBy, lang))}{' '}
                {caseLink(r.earlierCaseId, `${t('earlierCase')} #${r.earlierCaseId}`)}
              </li>
            ))}
          </ul>
        </>
      )}
      <h3>{t('rejectedTitle')}</h3>
      {outcome.rejected.length === 0 ? (
        <p class="muted">{t('noRejected')}</p>
      ) : (
        <table class="rejected">
          <caption class="sr-only">{t('rejectedTitle')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('line')}</th>
              <th scope="col">{t('colLeadRef')}</th>
              <th scope="col">{t('colReason')}</th>
            </tr>
          </thead>
          <tbody>
            {outcome.rejected.map((r, i) => (
              <tr key={i} data-line={r.line ?? ''}>
                <td>{r.line ?? '—'}</td>
                <td>{r.leadRef ?? '—'}</td>
                <td>{r.reason}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p>
        <a href={routeHref({ page: 'cases' })}>{t('navCases')}</a> · <a href={routeHref({ page: 'home' })}>{t('navHome')}</a>
      </p>
    </section>
  )
}
