import { useT } from '../i18n'
import type { ApiIssue } from '../api-client'
import { ruleFieldLabel } from './field-labels'
import { keywordsFromInput, numberFromInput, ruleFields, setAtPointer, type RuleField } from './rule-fields'

const fieldId = (field: RuleField) => `rule${field.pointer.replaceAll('/', '-')}`

const issuesAt = (issues: readonly ApiIssue[], field: RuleField) =>
  issues.filter((i) => i.pointer === field.pointer || i.pointer.startsWith(`${field.pointer}/`))

/** The rule form: name, points, thresholds and keyword lists, each with the validator's problems beneath it. */
export const RuleForm = ({ rule, issues, onRule }: { rule: unknown; issues: readonly ApiIssue[]; onRule: (next: unknown) => void }) => {
  const { t, lang } = useT()
  const fields = ruleFields(rule)
  const dimension = ((rule as { event?: { params?: { dimension?: unknown } } }).event?.params?.dimension as string | undefined) ?? undefined
  const set = (field: RuleField, value: unknown) => onRule(setAtPointer(rule, field.pointer, value))
  if (fields.filter((f) => f.kind !== 'name').length === 0) {
    return <p class="muted">{t('noFormFields')}</p>
  }
  return (
    <div class="rule-form">
      {fields.map((field) => {
        const id = fieldId(field)
        const problems = issuesAt(issues, field)
        const errorId = `${id}-error`
        const common = {
          id,
          'aria-invalid': problems.some((p) => p.severity === 'error'),
          'aria-describedby': problems.length > 0 ? errorId : undefined,
        }
        return (
          <div key={field.pointer} class="field" data-pointer={field.pointer}>
            <label for={id}>{ruleFieldLabel(field, lang, dimension)}</label>
            {field.kind === 'keywords' ? (
              <textarea {...common} rows={Math.min(8, Math.max(3, field.value.length))} value={field.value.join('\n')} onChange={(e) => set(field, keywordsFromInput(e.currentTarget.value))} />
            ) : field.kind === 'name' ? (
              <input {...common} type="text" value={String(field.value)} onInput={(e) => set(field, e.currentTarget.value)} />
            ) : (
              <input {...common} type="text" inputMode="decimal" value={String(field.value)} onInput={(e) => set(field, numberFromInput(e.currentTarget.value))} />
            )}
            {problems.length > 0 && (
              <ul id={errorId} class="field-error" role="alert">
                {problems.map((p, i) => (
                  <li key={i}>{lang === 'zh' ? p.message : p.messageEn}</li>
                ))}
              </ul>
            )}
          </div>
        )
      })}
    </div>
  )
}
