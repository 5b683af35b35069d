import { useMemo, useState } from 'preact/hooks'
import { fetchRules, type RuleSummary, type RulesListing } from '../api-client'
import { useT } from '../i18n'
import { EFFECT_GROUPS, describeEffect, effectGroup, effectGroupName, effectGroupRank } from '../labels'
import { legalBasis } from '../legal-basis'
import { LoadStatus } from '../load-status'
import { routeHref } from '../route'
import { useAsync } from '../use-async'

/** Rules grouped by file, then by dimension (or kind of effect), in pack order within each group. */
export const groupRules = (rules: readonly RuleSummary[]): Array<{ file: string; groups: Array<{ group: string; rules: RuleSummary[] }> }> => {
  const byFile = new Map<string, Map<string, RuleSummary[]>>()
  for (const rule of rules) {
    const groups = byFile.get(rule.file) ?? new Map<string, RuleSummary[]>()
    const group = effectGroup(rule)
    groups.set(group, [...(groups.get(group) ?? []), rule])
    byFile.set(rule.file, groups)
  }
  return [...byFile].map(([file, groups]) => ({
    file,
    groups: [...groups].sort(([a], [b]) => effectGroupRank(a) - effectGroupRank(b)).map(([group, list]) => ({ group, rules: list })),
  }))
}

const matches = (rule: RuleSummary, query: string, group: string): boolean => {
  if (group !== '' && effectGroup(rule) !== group) return false
  const q = query.trim().toLowerCase()
  if (q === '') return true
  return [rule.id, rule.name, rule.description ?? ''].some((s) => s.toLowerCase().includes(q))
}

const RuleRow = ({ rule, listing }: { rule: RuleSummary; listing: RulesListing }) => {
  const { t, lang } = useT()
  const basis = legalBasis(rule.description)
  return (
    <tr data-rule={rule.id}>
      <td>
        <code>{rule.id}</code>
      </td>
      <td>
        <div class="rule-name">{rule.name}</div>
        {rule.description !== undefined && (
          <details>
            <summary>{t('details')}</summary>
            <p class="description">{rule.description}</p>
          </details>
        )}
      </td>
      <td class="effect">{describeEffect(rule, listing.patterns, lang)}</td>
      <td>
        {basis.length === 0 ? (
          <span class="muted">—</span>
        ) : (
          <ul class="chips">
            {basis.map((ref) => (
              <li key={ref}>{ref}</li>
            ))}
          </ul>
        )}
      </td>
      <td>
        <a class="button" href={routeHref({ page: 'editor', ruleId: rule.id })} aria-label={`${t('edit')} ${rule.id}`}>
          {t('edit')}
        </a>
      </td>
    </tr>
  )
}

/** 规则：the served pack's rules by file and dimension, with Chinese names, points and legal basis. */
export const RulesPage = () => {
  const { t, lang } = useT()
  const [state, reload] = useAsync(fetchRules)
  const [query, setQuery] = useState('')
  const [group, setGroup] = useState('')
  const listing = state.status === 'done' ? state.value : undefined
  const shown = useMemo(() => (listing ? groupRules(listing.rules.filter((r) => matches(r, query, group))) : []), [listing, query, group])

  return (
    <section aria-labelledby="rules-title">
      <h1 id="rules-title" tabIndex={-1}>
        {t('navRules')}
      </h1>
      {listing === undefined ? (
        <LoadStatus error={state.status === 'failed' ? state.error : undefined} retry={reload} />
      ) : (
        <>
          <p class="pack-line">
            {t('pack')} <strong>{listing.name}</strong> · {t('version')} <strong>{listing.version}</strong> · {listing.rules.length} {t('rulesCount')} ·{' '}
            <code title={listing.hash}>{listing.hash.slice(0, 19)}…</code>
          </p>
          {listing.description !== undefined && (
            <details class="pack-description">
              <summary>{t('details')}</summary>
              <p>{listing.description}</p>
            </details>
          )}
          <div class="row filters">
            <label>
              {t('filterLabel')}
              <input type="search" value={query} onInput={(e) => setQuery(e.currentTarget.value)} />
            </label>
            <label>
              {t('filterDimension')}
              <select value={group} onChange={(e) => setGroup(e.currentTarget.value)}>
                <option value="">{t('all')}</option>
                {EFFECT_GROUPS.map((g) => (
                  <option key={g} value={g}>
                    {effectGroupName(g, lang)}
                  </option>
                ))}
              </select>
            </label>
          </div>
          {shown.length === 0 && <p role="status">{t('noRules')}</p>}
          {shown.map(({ file, groups }) => (
            <section key={file} class="rule-file" aria-label={`${t('file')} ${file}`}>
              <h2>
                <code>{file}</code>
              </h2>
              {groups.map(({ group: g, rules }) => (
                <table key={g} class="rules">
                  <caption>
                    {effectGroupName(g, lang)}（{rules.length}）
                  </caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('colId')}</th>
                      <th scope="col">{t('colName')}</th>
                      <th scope="col">{t('colEffect')}</th>
                      <th scope="col">{t('colBasis')}</th>
                      <th scope="col">{t('colActions')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {rules.map((rule) => (
                      <RuleRow key={rule.id} rule={rule} listing={listing} />
                    ))}
                  </tbody>
                </table>
              ))}
            </section>
          ))}
        </>
      )}
    </section>
  )
}
