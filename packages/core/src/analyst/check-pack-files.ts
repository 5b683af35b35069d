import type { Issue } from '../errors'
import { formatIssue } from '../errors'
import { parseJsonSource } from '../json-source'
import { validateRulePack } from '../rule-pack'
import type { RulePackFiles, RulePackReport } from '../rule-pack'
import { zodToIssues } from '../_zod-issues'
import { jsonSourceIssues } from '../_json-issues'
import { findJsonSyntaxError } from '../json-syntax'
import type { Lang } from '../format-value'
import { PackTestFileSchema, isPackTestFile } from './pack-tests-schema'

/*
 * `rules validate` underneath (规则包校验): the loader's own validation, every problem at once, plus what an
 * analyst also needs before a pack goes live — JSON syntax errors at their real line and column, and the
 * test files under `tests/` checked against their format.
 */

const syntaxIssue = (file: string, text: string): Issue | undefined => {
  const problem = findJsonSyntaxError(text)
  if (!problem) return undefined
  return {
    code: 'json-syntax',
    severity: 'error',
    message: `JSON 语法错误：${problem.message}`,
    messageEn: `JSON syntax error: ${problem.messageEn}`,
    file,
    pointer: '',
    line: problem.line,
    column: problem.column,
  }
}

const checkTestFile = (file: string, content: unknown): Issue[] => {
  if (typeof content !== 'string') {
    const parsed = PackTestFileSchema.safeParse(content)
    return parsed.success ? [] : zodToIssues(parsed.error, { file })
  }
  const source = parseJsonSource(content)
  if (!source.ok) return source.error.code ? jsonSourceIssues(file, source) : [syntaxIssue(file, content)!].filter(Boolean)
  const parsed = PackTestFileSchema.safeParse(source.source.value)
  return [...jsonSourceIssues(file, source), ...(parsed.success ? [] : zodToIssues(parsed.error, { file, locate: source.source.locate }))]
}

const order = (a: Issue, b: Issue): number =>
  (a.file ?? '').localeCompare(b.file ?? '') || (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0)

/**
 * Validates a pack's files, test files included, and reports every problem with its real location.
 * `valid` is false when there is any error (warnings allowed).
 *
 * @example
 * ```ts
 * const report = checkRulePackFiles(await readRulePackFiles('rules'))
 * console.log(formatPackReport(report))
 * ```
 */
export const checkRulePackFiles = (files: RulePackFiles): RulePackReport => {
  const base = validateRulePack(files)
  const issues = base.issues.map((issue) => {
    if (issue.code !== 'json-syntax' || !issue.file) return issue
    const content = files[issue.file]
    return (typeof content === 'string' && syntaxIssue(issue.file, content)) || issue
  })
  for (const file of Object.keys(files).filter(isPackTestFile).sort()) issues.push(...checkTestFile(file, files[file]))
  issues.sort(order)
  return { valid: !issues.some((i) => i.severity === 'error'), issues }
}

/** Every issue as `file:line:column  pointer  message`, then a summary line. */
export const formatPackReport = (report: RulePackReport, lang: Lang = 'zh', dir?: string): string => {
  const errors = report.issues.filter((i) => i.severity === 'error').length
  const warnings = report.issues.length - errors
  const lines = report.issues.map((i) => formatIssue(i, lang))
  const where = dir ? (lang === 'zh' ? `规则包 ${dir}` : `rule pack ${dir}`) : lang === 'zh' ? '规则包' : 'rule pack'
  lines.push(
    lang === 'zh'
      ? `${where}：${errors === 0 ? '有效' : '无效'}，${errors} 个错误，${warnings} 个警告`
      : `${where} is ${errors === 0 ? 'valid' : 'invalid'}: ${errors} error(s), ${warnings} warning(s)`,
  )
  return `${lines.join('\n')}\n`
}
