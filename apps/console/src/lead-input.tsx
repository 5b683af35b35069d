import type { LeadFieldPath } from '@chufei/core'
import { useT } from './i18n'
import type { FormField, FormValues } from './lead-form-model'

/** Props of {@link LeadInput}. */
export interface LeadInputProps {
  mode: 'form' | 'json'
  onMode: (mode: 'form' | 'json') => void
  values: FormValues
  onValues: (values: FormValues) => void
  json: string
  onJson: (json: string) => void
  jsonError: string | undefined
  fields: readonly FormField[]
  label: (path: LeadFieldPath) => string
  onSubmit: () => void
  onSample: () => void
  busy: boolean
}

/** A lead entered in a small form or as JSON: every control labelled, Enter or the button submits. */
export const LeadInput = (props: LeadInputProps) => {
  const { t, lang } = useT()
  const set = (path: LeadFieldPath, value: string) => props.onValues({ ...props.values, [path]: value })
  return (
    <form
      class="lead-input"
      onSubmit={(e) => {
        e.preventDefault()
        props.onSubmit()
      }}
    >
      <fieldset class="modes">
        <legend class="sr-only">{lang === 'zh' ? '输入方式' : 'Input'}</legend>
        {(['form', 'json'] as const).map((m) => (
          <label key={m} class="check">
            <input type="radio" name="lead-mode" value={m} checked={props.mode === m} onChange={() => props.onMode(m)} />
            {m === 'form' ? t('modeForm') : t('modeJson')}
          </label>
        ))}
      </fieldset>
      {props.mode === 'form' ? (
        <div class="form-grid">
          {props.fields.map(({ path, input }) => {
            const id = `lead-${path.replace('.', '-')}`
            const value = props.values[path] ?? ''
            return (
              <div key={path} class={input === 'textarea' ? 'field wide' : 'field'}>
                <label for={id}>{props.label(path)}</label>
                {input === 'textarea' ? (
                  <textarea id={id} rows={2} value={value} onInput={(e) => set(path, e.currentTarget.value)} />
                ) : input === 'yesno' ? (
                  <select id={id} value={value} onChange={(e) => set(path, e.currentTarget.value)}>
                    <option value="">{lang === 'zh' ? '未知' : 'Unknown'}</option>
                    <option value="yes">{lang === 'zh' ? '是' : 'Yes'}</option>
                    <option value="no">{lang === 'zh' ? '否' : 'No'}</option>
                  </select>
                ) : typeof input === 'object' ? (
                  <select id={id} value={value} onChange={(e) => set(path, e.currentTarget.value)}>
                    <option value="">{lang === 'zh' ? '未填写' : 'Not given'}</option>
                    {Object.entries(input.choices).map(([slug, name]) => (
                      <option key={slug} value={slug}>
                        {name[lang]}
                      </option>
                    ))}
                  </select>
                ) : (
                  <input id={id} type="text" inputMode={input === 'number' ? 'decimal' : undefined} value={value} onInput={(e) => set(path, e.currentTarget.value)} />
                )}
              </div>
            )
          })}
        </div>
      ) : (
        <div class="field wide">
          <label for="lead-json">{t('leadJson')}</label>
          <textarea
            id="lead-json"
            class="code"
            rows={14}
            spellcheck={false}
            value={props.json}
            aria-invalid={props.jsonError !== undefined}
            aria-describedby={props.jsonError !== undefined ? 'lead-json-error' : undefined}
            onInput={(e) => props.onJson(e.currentTarget.value)}
          />
          {props.jsonError !== undefined && (
            <p id="lead-json-error" class="field-error" role="alert">
              {props.jsonError}
            </p>
          )}
        </div>
      )}
      <div class="row">
        <button type="submit" class="primary" disabled={props.busy}>
          {t('score')}
        </button>
        <button type="button" onClick={props.onSample}>
          {t('sample')}
        </button>
      </div>
    </form>
  )
}
