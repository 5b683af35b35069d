import type { ScoredResult } from '@chufei/core'
import { DIMENSION_IDS } from '@chufei/core'
import { useT } from './i18n'
import { describeEffect, dimensionName, dispositionName, effectGroupName, patternName, tierName, type PatternName } from './labels'
import { groupReasons, groupScoreNote, reasonEffect } from './reason-groups'

/** The four scores, the total, tier, disposition, patterns and main reasons of a scored lead. */
export const ScoreSummary = ({ result, patterns }: { result: ScoredResult; patterns: readonly PatternName[] }) => {
  const { t, lang } = useT()
  return (
    <section class="summary" aria-label={lang === 'zh' ? '评分结果' : 'Result'}>
      <div class="headline">
        <div class="total">
          <span class="muted">{t('total')}</span>
          <strong data-testid="total">{result.total}</strong>
        </div>
        <div>
          <span class="muted">{t('tier')}</span>
          <strong class={`tier tier-${result.tier}`} data-testid="tier">
            {tierName(result.tier, lang)}
          </strong>
        </div>
        <div>
          <span class="muted">{t('disposition')}</span>
          <strong data-testid="disposition">{dispositionName(result.disposition, lang)}</strong>
        </div>
      </div>
      <dl class="scores">
        {DIMENSION_IDS.map((d) => (
          <div key={d} data-dimension={d}>
            <dt>{dimensionName(d, lang)}</dt>
            <dd>
              <meter min={0} max={100} value={result.scores[d]} aria-label={dimensionName(d, lang)} />
              <span class="num">{result.scores[d]}</span>
            </dd>
          </div>
        ))}
      </dl>
      <p>
        <span class="muted">{t('patterns')}：</span>
        {result.patterns.length === 0 ? t('none') : result.patterns.map((p) => patternName(p, patterns, lang)).join(lang === 'zh' ? '、' : ', ')}
      </p>
      {result.reasons.length > 0 && (
        <>
          <h2>{t('reasons')}</h2>
          {groupReasons(result).map((g) => (
            <section key={g.group} class="reason-group" data-group={g.group}>
              <h3>
                {effectGroupName(g.group, lang)} <span class="muted">{groupScoreNote(g, lang)}</span>
              </h3>
              <ol class="reasons">
                {g.reasons.map((r) => {
                  const effect = reasonEffect(r)
                  const points = effect.points ?? 0
                  return (
                    <li key={r.rule}>
                      {r.label} <strong class="effect">{effect.type === 'score' ? `${points >= 0 ? '+' : ''}${points}` : describeEffect(effect, patterns, lang)}</strong> <code>{r.rule}</code>
                    </li>
                  )
                })}
              </ol>
            </section>
          ))}
        </>
      )}
      {result.warnings.length > 0 && (
        <ul class="warnings">
          {result.warnings.map((w, i) => (
            <li key={i}>
              <code>{w.field}</code> {w.message}
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}
