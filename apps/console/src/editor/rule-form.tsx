import { useState } from 'preact/hooks'
import { useT } from '../i18n'
import type { ApiIssue } from '../api-client'
import { ruleFieldLabel } from './field-labels'
import { keywordsFromInput, numberFromInput, ruleFields, setAtPointer, type RuleField } from './rule-fields'

const fieldId = (field: RuleField) => `rule${field.pointer.replaceAll('/', '-')}`

const issuesAt = (issues: readonly ApiIssue[], field: RuleField) =>
  issues.filter((i) => i.pointer === field.pointer || i.pointer.startsWith(`${field.pointer}/`))

/**
 * What a box shows: the text as typed while it still means the rule's value ("0." is 0, "托管\n" is
 * ["托管"]), else the value itself (changed in the JSON, or reset). Without it, "0." would turn into "0"
 * under the cursor and a decimal could never be typed, nor a new keyword line started.
 */
const useDraft = <T,>(value: T, format: (v: T) => string, parse: (text: string) => unknown): [string, (text: string) => void] => {
  const [draft, setDraft] = useState(() => format(value))
  const shown = JSON.stringify(parse(draft)) === JSON.stringify(value) ? draft : format(value)
  return [shown, setDraft]
}

type BoxProps = { field: RuleField; common: Record<string, unknown>; onValue: (value: unknown) => void }

const Box = ({ field, common, onValue }: BoxProps) => {
  const keywords = field.kind === 'keywords'
  const format = (v: unknown) => (keywords ? (v as readonly string[]).join('\n') : String(v))
  const parse = keywords ? keywordsFromInput : field.kind === 'name' ? (t: string) => t : numberFromInput
  const [text, setText] = useDraft(field.value, format, parse)
  const input = (next: string) => {
    setText(next)
    onValue(parse(next))
  }
  if (keywords) {
    return <textarea {...common} rows={Math.min(8, Math.max(3, (field.value as readonly string[]).length + 1))} value={text} onInput={(e) => input(e.currentTarget.value)} />
  }
  return (
    <input {...common} type="text" inputMode={field.kind === 'name' ? undefined : 'decimal'} value={text} onInput={(e) => input(e.currentTarget.value)} />
  )
}

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
            <Box field={field} common={common} onValue={(value) => set(field, value)} />
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
