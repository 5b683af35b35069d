import type { Issue } from './errors'
import type { parseJsonSource } from './json-source'
import { makeIssue } from './_zod-issues'
import { MAX_CONDITION_DEPTH } from './validate-conditions'

/**
 * The issues of one parsed pack file: its syntax error, its nesting past the depth bound, or each key it
 * has twice (JSON.parse would silently keep the last value: `"points": 1, "points": 100` is 100).
 */
export const jsonSourceIssues = (file: string, parsed: ReturnType<typeof parseJsonSource>): Issue[] => {
  if (!parsed.ok) {
    const { error } = parsed
    if (error.code === 'json-too-deep') return [makeIssue('json-too-deep', { detail: error.message, detailEn: error.messageEn, conditionMax: MAX_CONDITION_DEPTH }, { file, pointer: error.pointer, ...error.position })]
    return [{ ...makeIssue('json-syntax', { detail: error.message }, { file, pointer: '', ...error.position }), messageEn: `JSON syntax error: ${error.messageEn}` }]
  }
  return parsed.duplicates.map((d) => makeIssue('duplicate-key', { key: d.key, first: d.first.line }, { file, pointer: d.pointer, ...d.position }))
}
