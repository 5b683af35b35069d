import { useT } from '../i18n'
import type { ExamplesOutcome } from './pack-check'

const leadText = (lead: unknown): string => JSON.stringify(lead)

/** The rule's examples as a table: the lead, whether it should fire, whether it did. */
export const ExamplesView = ({ outcome }: { outcome: ExamplesOutcome | undefined }) => {
  const { t, lang } = useT()
  if (outcome === undefined) return <p class="muted">{t('validating')}</p>
  if (outcome.status === 'blocked') return <p class="muted" data-testid="examples-blocked">{t('examplesBlocked')}</p>
  if (outcome.status === 'disabled') return <p class="muted">{lang === 'zh' ? '此规则已停用（enabled: false），示例不运行。' : 'This rule is disabled (enabled: false); examples do not run.'}</p>
  if (outcome.runs.length === 0) return <p class="muted">{t('noExamples')}</p>
  const yes = (b: boolean) => (b ? t('fired') : t('notFired'))
  return (
    <table class="examples" data-testid="examples">
      <thead>
        <tr>
          <th scope="col">{t('example')}</th>
          <th scope="col">{t('expected')}</th>
          <th scope="col">{t('actual')}</th>
          <th scope="col">{lang === 'zh' ? '结果' : 'Result'}</th>
        </tr>
      </thead>
      <tbody>
        {outcome.runs.map((run) => {
          const passed = run.fired === run.expected
          return (
            <tr key={run.index} class={passed ? 'pass' : 'fail'} data-passed={String(passed)}>
              <td>
                {run.description !== undefined && <div>{run.description}</div>}
                <code>{leadText(run.lead)}</code>
              </td>
              <td>{yes(run.expected)}</td>
              <td>{run.error !== undefined ? run.error : yes(run.fired ?? false)}</td>
              <td>{passed ? `✓ ${t('passed')}` : `✗ ${t('failedExample')}`}</td>
            </tr>
          )
        })}
      </tbody>
    </table>
  )
}
