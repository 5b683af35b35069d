import type * as z from 'zod'
import type { Issue } from './errors'
import { messageFor } from './_messages'
import { toPointer } from './json-source'

const TYPE_ZH: Record<string, string> = {
  string: '文字',
  number: '数字',
  int: '整数',
  boolean: '布尔值（true/false）',
  object: '对象 { }',
  array: '列表 [ ]',
  null: 'null',
}

/** Location of an issue: file, pointer, and line/column when the source text is known. */
export interface IssueLocation {
  readonly file?: string
  readonly pointer?: string
  readonly line?: number
  readonly column?: number
}

/** Builds an issue from a code, its message parameters and where it is. */
export const makeIssue = (
  code: string,
  params: Record<string, string | number | undefined>,
  location: IssueLocation,
  severity: 'error' | 'warning' = 'error',
): Issue => ({ code, severity, ...messageFor(code, params), ...location })

/**
 * Turns zod issues into located, bilingual issues. `base` is the pointer of the validated value inside
 * the file; `locate` finds line and column.
 */
export const zodToIssues = (
  error: z.ZodError,
  location: { file?: string; base?: string; locate?: (pointer: string) => { line: number; column: number } | undefined },
): Issue[] =>
  error.issues.flatMap((zi): Issue[] => {
    const at = (extra: readonly PropertyKey[] = []): IssueLocation => {
      const pointer = `${location.base ?? ''}${toPointer([...zi.path, ...extra])}`
      return { file: location.file, pointer, ...location.locate?.(pointer) }
    }
    switch (zi.code) {
      case 'invalid_type': {
        if (zi.message.endsWith('received undefined')) return [makeIssue('required', { key: String(zi.path.at(-1) ?? '') }, at())]
        return [makeIssue('invalid-type', { expected: `${TYPE_ZH[zi.expected] ?? zi.expected}（${zi.expected}）`, expectedEn: zi.expected }, at())]
      }
      case 'unrecognized_keys':
        return zi.keys.map((key) => makeIssue('unknown-key', { key }, at([key])))
      case 'invalid_value':
        return [makeIssue('invalid-value', { allowed: zi.values.map((v) => JSON.stringify(v)).join('、') }, at())]
      case 'invalid_union': {
        // A discriminated union with a bad discriminator names the allowed tags in its note.
        const nested = zi.errors.flat()
        const first = nested[0]
        if (first?.code === 'invalid_value') {
          return [makeIssue('invalid-value', { allowed: first.values.map((v) => JSON.stringify(v)).join('、') }, at(first.path))]
        }
        return [makeIssue('invalid', { detail: zi.message }, at())]
      }
      case 'too_small':
      case 'too_big':
        return [makeIssue('out-of-range', { detail: `${zi.code === 'too_small' ? '≥' : '≤'} ${String(zi.code === 'too_small' ? zi.minimum : zi.maximum)}` }, at())]
      case 'invalid_format':
        return [makeIssue('invalid-format', { detail: zi.message === 'rule-id' || zi.message === 'pattern-id' || zi.message === 'figure-id' ? '只能用小写字母、数字和连字符（如 scale-150）' : zi.message === 'date' ? '应为日期 YYYY-MM-DD（如 2025-05-20）' : zi.message }, at())]
      default:
        return [makeIssue('invalid', { detail: zi.message }, at())]
    }
  })
