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

const HAN = /[\u4e00-\u9fff]/
/** How zod's own (English) messages begin, which may quote Chinese values ("Invalid option: expected one of "待核查"…"). */
const ZOD_DEFAULT = /^(Invalid|Too big|Too small|Unrecognized key)/

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
 * Turns zod issues into located, bilingual issues (问题): what a person reads, in Chinese and English, instead
 * of zod's English. `base` is the pointer of the validated value inside
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
    // A schema's own Chinese message (立案原因最多 2000 字) says it better than any generic text.
    if (HAN.test(zi.message) && !ZOD_DEFAULT.test(zi.message)) return [makeIssue('schema-message', { detail: zi.message }, at())]
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
        // The branch whose type matched (its issue is not a wrong type) says what is wrong with the value.
        const matched = nested.find((n) => n.code !== 'invalid_type')
        if (matched !== undefined) return zodToIssues({ issues: [{ ...matched, path: [...zi.path, ...matched.path] }] } as unknown as z.ZodError, location)
        return [makeIssue('invalid', { detail: zi.message }, at())]
      }
      case 'too_small':
      case 'too_big': {
        const bound = String(zi.code === 'too_small' ? zi.minimum : zi.maximum)
        // A text's or a list's length is not a 数值: say how many characters or items are allowed.
        if (zi.origin === 'string' && zi.code === 'too_small' && bound === '1') return [makeIssue('empty-text', {}, at())]
        if (zi.origin === 'string') return [makeIssue(zi.code === 'too_small' ? 'text-too-short' : 'text-too-long', { bound }, at())]
        if (zi.origin === 'array' || zi.origin === 'set') return [makeIssue(zi.code === 'too_small' ? 'list-too-short' : 'list-too-long', { bound }, at())]
        return [makeIssue('out-of-range', { detail: `${zi.code === 'too_small' ? '≥' : '≤'} ${bound}` }, at())]
      }
      case 'invalid_format':
        return [makeIssue('invalid-format', { detail: zi.message === 'rule-id' || zi.message === 'pattern-id' || zi.message === 'figure-id' ? '只能用小写字母、数字和连字符（如 scale-150）' : zi.message === 'date' ? '应为日期 YYYY-MM-DD（如 2025-05-20）' : zi.message }, at())]
      default:
        return [makeIssue('invalid', { detail: zi.message }, at())]
    }
  })

/** One refused field of an input (an API request, a form): its dotted name (`cases.0.status`, empty for the whole value) and why. */
export interface FieldIssue {
  readonly field: string
  readonly message: string
  readonly messageEn: string
}

/** An RFC 6901 JSON pointer as a dotted field name: `/people/total` → `people.total`, `''` → `''`; escapes undone. */
export const pointerToField = (pointer: string): string =>
  pointer
    .split('/')
    .slice(1)
    .map((part) => part.replaceAll('~1', '/').replaceAll('~0', '~'))
    .join('.')

/** zod's issues as refused fields, each with its reason in Chinese and English ({@link zodToIssues}). */
export const zodIssueFields = (error: z.ZodError): FieldIssue[] =>
  zodToIssues(error, {}).map((i) => ({
    field: pointerToField(i.pointer ?? ''),
    message: i.message,
    messageEn: i.messageEn,
  }))
