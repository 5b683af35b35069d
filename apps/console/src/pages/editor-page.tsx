import { findJsonSyntaxError } from '@chufei/core'
import { createRulePackJsonSchema } from '@chufei/core/analyst'
import type { Diagnostic } from '@codemirror/lint'
import { useEffect, useMemo, useState } from 'preact/hooks'
import { fetchPackFiles, validatePack, type ApiIssue, type PackFiles } from '../api-client'
import { useT } from '../i18n'
import { LoadStatus, errorText } from '../load-status'
import { routeHref } from '../route'
import { useAsync } from '../use-async'
import { BacktestPanel } from '../editor/backtest-panel'
import { ExamplesView } from '../editor/examples-view'
import { PublishPanel } from '../editor/publish-panel'
import { JsonEditor } from '../editor/json-editor'
import { rangeOfPointer, spliceValue } from '../editor/json-text'
import { listPackRules, runRuleExamples, splitIssues, type ExamplesOutcome, type PackRule } from '../editor/pack-check'
import { RuleForm } from '../editor/rule-form'
import { schemaEnums } from '../editor/schema-completion'

type Check =
  | { status: 'checking' }
  | { status: 'syntax' }
  | { status: 'done'; valid: boolean; inRule: ApiIssue[]; elsewhere: ApiIssue[] }
  | { status: 'failed'; error: unknown }

/** Property → values of the pack's JSON schema, built once. */
let enums: ReturnType<typeof schemaEnums> | undefined

const parse = (text: string): { ok: true; value: unknown } | { ok: false } => {
  try {
    return { ok: true, value: JSON.parse(text) }
  } catch {
    return { ok: false }
  }
}

/** 编辑规则：pick a rule of the served pack, or the one the URL names. */
export const EditorPage = ({ ruleId }: { ruleId: string | undefined }) => {
  const { t } = useT()
  const [state, reload] = useAsync(fetchPackFiles)
  return (
    <section aria-labelledby="editor-title" class="editor">
      <h1 id="editor-title" tabIndex={-1}>
        {t('editorTitle')}
      </h1>
      {state.status !== 'done' ? (
        <LoadStatus error={state.status === 'failed' ? state.error : undefined} retry={reload} />
      ) : (
        <RuleEditor key={ruleId} pack={state.value} ruleId={ruleId} />
      )}
    </section>
  )
}

const RulePicker = ({ rules, selected }: { rules: readonly PackRule[]; selected: string | undefined }) => {
  const { t } = useT()
  const files = [...new Set(rules.map((r) => r.file))]
  return (
    <label class="picker">
      {t('pickRule')}
      <select value={selected ?? ''} onChange={(e) => (location.hash = routeHref({ page: 'editor', ruleId: e.currentTarget.value }))}>
        <option value="" disabled>
          —
        </option>
        {files.map((file) => (
          <optgroup key={file} label={file}>
            {rules
              .filter((r) => r.file === file)
              .map((r) => (
                <option key={r.id} value={r.id}>
                  {r.id} {r.name}
                </option>
              ))}
          </optgroup>
        ))}
      </select>
    </label>
  )
}

const RuleEditor = ({ pack, ruleId }: { pack: PackFiles; ruleId: string | undefined }) => {
  const { t, lang } = useT()
  const rules = useMemo(() => listPackRules(pack.files), [pack])
  const rule = rules.find((r) => r.id === ruleId)
  const original = useMemo(() => (rule ? `${JSON.stringify(rule.rule, null, 2)}\n` : ''), [rule])
  const [text, setText] = useState(original)
  const [check, setCheck] = useState<Check>({ status: 'checking' })
  const [examples, setExamples] = useState<ExamplesOutcome | undefined>()
  enums ??= schemaEnums(createRulePackJsonSchema() as Record<string, unknown>)

  const parsed = useMemo(() => parse(text), [text])
  const editedFile = useMemo(() => {
    if (!rule || !parsed.ok) return undefined
    return spliceValue(pack.files[rule.file]!, rule.pointer, text.trimEnd())
  }, [rule, parsed, text, pack])

  // Validate and run the examples on every change, a moment after typing stops; a stale answer is dropped.
  useEffect(() => {
    if (!rule) return
    if (editedFile === undefined) {
      setCheck({ status: 'syntax' })
      setExamples(undefined)
      return
    }
    let live = true
    setCheck({ status: 'checking' })
    const files = { ...pack.files, [rule.file]: editedFile }
    const timer = setTimeout(() => {
      validatePack(files).then(
        (result) => live && setCheck({ status: 'done', valid: result.valid, ...splitIssues(result.issues, rule) }),
        (error: unknown) => live && setCheck({ status: 'failed', error }),
      )
      const id = (parsed as { value: { id?: unknown } }).value?.id
      void runRuleExamples(files, typeof id === 'string' ? id : rule.id).then((outcome) => live && setExamples(outcome))
    }, 250)
    return () => {
      live = false
      clearTimeout(timer)
    }
  }, [editedFile])

  const diagnostics = useMemo((): Diagnostic[] => {
    if (!parsed.ok) {
      const problem = findJsonSyntaxError(text)
      if (!problem) return []
      return [{ from: problem.offset, to: problem.offset + 1, severity: 'error', message: lang === 'zh' ? problem.message : problem.messageEn }]
    }
    if (check.status !== 'done') return []
    return check.inRule.flatMap((issue) => {
      const range = rangeOfPointer(text, issue.pointer)
      return range ? [{ ...range, severity: issue.severity, message: lang === 'zh' ? issue.message : issue.messageEn }] : []
    })
  }, [parsed, check, text, lang])

  if (!rule) {
    return (
      <>
        <RulePicker rules={rules} selected={undefined} />
        {ruleId !== undefined && <p role="alert">{lang === 'zh' ? `没有编号为 ${ruleId} 的规则` : `No rule with id ${ruleId}`}</p>}
      </>
    )
  }

  const download = () => {
    if (editedFile === undefined) return
    const url = URL.createObjectURL(new Blob([editedFile], { type: 'application/json' }))
    const a = document.createElement('a')
    a.href = url
    a.download = rule.file.split('/').pop()!
    a.click()
    URL.revokeObjectURL(url)
  }

  // The whole edited pack, once it validates: what the backtest scores with and what a publish sends.
  const validFiles = check.status === 'done' && check.valid && editedFile !== undefined ? { ...pack.files, [rule.file]: editedFile } : undefined
  const errors = check.status === 'done' ? check.inRule.filter((i) => i.severity === 'error').length + check.elsewhere.filter((i) => i.severity === 'error').length : 0
  return (
    <>
      <div class="row editor-bar">
        <RulePicker rules={rules} selected={rule.id} />
        <p class="validation" role="status" data-testid="validation" data-state={check.status === 'done' ? (check.valid ? 'valid' : 'invalid') : check.status}>
          {check.status === 'checking' && t('validating')}
          {check.status === 'syntax' && t('badJson')}
          {check.status === 'failed' && `${t('loadFailed')}：${errorText(check.error, lang)}`}
          {check.status === 'done' && (check.valid ? `✓ ${t('valid')}` : `✗ ${t('invalid')}（${errors}）`)}
        </p>
        <button type="button" onClick={() => setText(original)} disabled={text === original}>
          {t('reset')}
        </button>
        <button type="button" onClick={download} disabled={editedFile === undefined}>
          {t('copyJson')}
        </button>
      </div>
      <div class="editor-grid">
        <div class="editor-left">
          <h2>{t('formTitle')}</h2>
          {parsed.ok ? (
            <RuleForm rule={parsed.value} issues={check.status === 'done' ? check.inRule : []} onRule={(next) => setText(`${JSON.stringify(next, null, 2)}\n`)} />
          ) : (
            <p class="muted">{t('badJson')}</p>
          )}
          {check.status === 'done' && check.elsewhere.length > 0 && (
            <ul class="issues">
              {check.elsewhere.map((issue, i) => (
                <li key={i} class={issue.severity}>
                  <code>
                    {issue.file}
                    {issue.pointer}
                  </code>{' '}
                  {lang === 'zh' ? issue.message : issue.messageEn}
                </li>
              ))}
            </ul>
          )}
          <h2>{t('examples')}</h2>
          <ExamplesView outcome={examples} />
        </div>
        <div class="editor-right">
          <h2 id="json-title">{t('jsonTitle')}</h2>
          <JsonEditor value={text} onChange={setText} diagnostics={diagnostics} label={t('jsonTitle')} completions={enums} />
        </div>
      </div>
      <div class="editor-panels">
        <BacktestPanel files={validFiles} />
        <PublishPanel files={validFiles} />
      </div>
    </>
  )
}
