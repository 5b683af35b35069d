import type { Issue } from './errors'
import { FACT_NAMES, FACTS, isFactName } from './facts'
import type { FactDefinition, FactType } from './facts'
import { makeIssue } from './_zod-issues'
import type { IssueLocation } from './_zod-issues'
import { suggest } from './_messages'
import { escapePointerToken } from './json-source'
import { OPERATOR_NAMES, OPERATORS, isOperatorName } from './operators'
import { checkRegex } from './regex-safety'
import { normaliseText } from './normalise-text'
import { findUnreachableConditions } from './analyst/condition-reachability'
import { parseSimplePath } from './safe-path'

/*
 * Checks a condition tree the way an analyst needs it checked: every unknown fact, operator, enum
 * value, unsafe path and catastrophic regex, each at its own JSON pointer — not just "invalid union".
 */

const TYPE_ZH: Record<FactType, string> = {
  integer: '整数',
  number: '数值',
  boolean: '是/否',
  string: '文字',
  text: '文本',
  enum: '枚举',
  date: '日期',
}

const OPERAND_TEXT = {
  number: ['一个数字', 'a number'],
  scalar: ['一个与事实同类型的值', 'a value of the fact’s type'],
  'scalar-list': ['一个取值列表 [ … ]', 'a list of values'],
  'keyword-list': ['一个非空的关键词列表 [ "…" ]', 'a non-empty list of keywords'],
  regex: ['一个正则表达式字符串', 'a regular expression string'],
  boolean: ['true 或 false', 'true or false'],
} as const

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)

/**
 * A value of a hostile pack as text for a message. `String(v)` throws on `{ "toString": 1 }` (valid JSON) and on
 * null-prototype objects; JSON text says what the analyst wrote, cut short so a huge value cannot flood the report.
 */
const shown = (v: unknown): string => {
  if (typeof v === 'string') return v
  let text: string | undefined
  try {
    text = JSON.stringify(v)
  } catch {
    text = undefined
  }
  text ??= typeof v
  return text.length > 80 ? `${text.slice(0, 80)}…` : text
}

/**
 * Deepest nesting of conditions (条件最大嵌套层数): a rule's top-level group is level 1, each `all`, `any`
 * or `not` inside it one more, shared conditions counted where they are referenced. Deeper trees are
 * refused, so no recursive walk of a tree (the validators, zod, both engines) can overflow the stack.
 */
export const MAX_CONDITION_DEPTH = 32

const BOOLEAN_KEYS = ['all', 'any', 'not', 'condition'] as const
const ALLOWED_FACT_KEYS = new Set(['fact', 'operator', 'value', 'path', 'priority', 'name'])
const ALLOWED_GROUP_KEYS = new Set(['priority', 'name'])

/** Context for walking conditions: where they are, and which shared conditions exist. */
export interface ConditionContext {
  readonly file: string
  readonly locate?: (pointer: string) => { line: number; column: number } | undefined
  readonly sharedConditions: ReadonlySet<string>
  /** Regex sources already checked (packs repeat patterns). */
  readonly regexCache: Map<string, ReturnType<typeof checkRegex>>
  /** Facts the pack itself defines (its dated figures, `dated.<id>`), beyond the built-in ones. */
  readonly factDefinition?: (name: string) => FactDefinition | undefined
}

const valueMatchesFact = (type: FactType, value: unknown, values?: readonly string[]): boolean => {
  switch (type) {
    case 'integer':
    case 'number':
      return typeof value === 'number' && Number.isFinite(value)
    case 'boolean':
      return typeof value === 'boolean'
    case 'enum':
      return typeof value === 'string' && (values?.includes(value) ?? false)
    default:
      return typeof value === 'string'
  }
}

/**
 * Validates one condition tree; returns every problem found, each with its pointer.
 * `pointer` is where the tree sits in its file (e.g. `/rules/3/conditions`).
 */
export const validateCondition = (node: unknown, pointer: string, ctx: ConditionContext): Issue[] => {
  const issues: Issue[] = []
  const at = (p: string): IssueLocation => ({ file: ctx.file, pointer: p, ...ctx.locate?.(p) })
  const walk = (n: unknown, p: string, depth: number): void => {
    if (depth > MAX_CONDITION_DEPTH) {
      issues.push(makeIssue('condition-too-deep', { max: MAX_CONDITION_DEPTH }, at(p)))
      return
    }
    if (!isObject(n)) {
      issues.push(makeIssue('invalid-condition', { detail: '条件必须是一个对象 { }', detailEn: 'a condition must be an object' }, at(p)))
      return
    }
    const kinds = BOOLEAN_KEYS.filter((k) => Object.hasOwn(n, k))
    const isFact = Object.hasOwn(n, 'fact')
    if (kinds.length + (isFact ? 1 : 0) !== 1) {
      issues.push(makeIssue('invalid-condition', { detail: '每个条件必须且只能有 all、any、not、condition、fact 之一', detailEn: 'each condition needs exactly one of all, any, not, condition, fact' }, at(p)))
      return
    }
    const allowed = isFact ? ALLOWED_FACT_KEYS : ALLOWED_GROUP_KEYS
    for (const key of Object.keys(n)) {
      if (!allowed.has(key) && !(kinds[0] === key)) issues.push(makeIssue('unknown-key', { key }, at(`${p}/${escapePointerToken(key)}`)))
    }
    if (n.priority !== undefined && !(Number.isInteger(n.priority) && (n.priority as number) >= 1)) {
      issues.push(makeIssue('out-of-range', { detail: 'priority ≥ 1' }, at(`${p}/priority`)))
    }
    if (n.name !== undefined && typeof n.name !== 'string') issues.push(makeIssue('invalid-type', { expected: '文字（string）', expectedEn: 'string' }, at(`${p}/name`)))
    const kind = kinds[0]
    if (kind === 'all' || kind === 'any') {
      const list = n[kind]
      if (!Array.isArray(list)) {
        issues.push(makeIssue('invalid-type', { expected: '列表 [ ]（array）' }, at(`${p}/${kind}`)))
        return
      }
      if (list.length === 0) issues.push(makeIssue('empty-group', { kind }, at(`${p}/${kind}`), 'warning'))
      list.forEach((child, i) => walk(child, `${p}/${kind}/${i}`, depth + 1))
      return
    }
    if (kind === 'not') return walk(n.not, `${p}/not`, depth + 1)
    if (kind === 'condition') {
      if (typeof n.condition !== 'string' || !ctx.sharedConditions.has(n.condition)) {
        issues.push(makeIssue('unknown-condition', { name: shown(n.condition) }, at(`${p}/condition`)))
      }
      return
    }
    checkFactCondition(n, p)
  }

  const checkFactCondition = (n: Record<string, unknown>, p: string): void => {
    const { fact, operator, value } = n
    const packFact = typeof fact === 'string' ? ctx.factDefinition?.(fact) : undefined
    let factOk = false
    if (typeof fact !== 'string' || (!isFactName(fact) && !packFact)) {
      issues.push(makeIssue('unknown-fact', { fact: shown(fact), suggestion: typeof fact === 'string' ? suggest(fact, FACT_NAMES) : undefined }, at(`${p}/fact`)))
    } else factOk = true
    if (n.path !== undefined && (typeof n.path !== 'string' || parseSimplePath(n.path) === undefined)) {
      issues.push(makeIssue('unsafe-path', { path: shown(n.path) }, at(`${p}/path`)))
    }
    if (typeof operator !== 'string' || !isOperatorName(operator)) {
      issues.push(makeIssue('unknown-operator', { operator: shown(operator), suggestion: typeof operator === 'string' ? suggest(operator, OPERATOR_NAMES) : undefined, allowed: OPERATOR_NAMES.join(', ') }, at(`${p}/operator`)))
      return
    }
    if (!Object.hasOwn(n, 'value')) {
      issues.push(makeIssue('required', { key: 'value' }, at(p)))
      return
    }
    const op = OPERATORS[operator]
    const def: FactDefinition | undefined = factOk ? (packFact ?? FACTS[fact as keyof typeof FACTS]) : undefined
    if (def && !(op.factTypes as readonly string[]).includes(def.type)) {
      issues.push(makeIssue('operator-fact-mismatch', { operator, fact: fact as string, type: TYPE_ZH[def.type], typeEn: def.type }, at(`${p}/operator`)))
      return
    }
    const vp = `${p}/value`
    const bad = () =>
      issues.push(makeIssue('invalid-operand', { operator, expected: OPERAND_TEXT[op.value][0], expectedEn: OPERAND_TEXT[op.value][1] }, at(vp)))
    // `{ "fact": "…" }` compares with another fact of the lead.
    if (isObject(value) && Object.hasOwn(value, 'fact')) {
      if (typeof value.fact !== 'string' || (!isFactName(value.fact) && !ctx.factDefinition?.(value.fact))) {
        issues.push(makeIssue('unknown-fact', { fact: shown(value.fact), suggestion: typeof value.fact === 'string' ? suggest(value.fact, FACT_NAMES) : undefined }, at(`${vp}/fact`)))
      }
      for (const key of Object.keys(value)) if (key !== 'fact') issues.push(makeIssue('unknown-key', { key }, at(`${vp}/${escapePointerToken(key)}`)))
      return
    }
    const enumCheck = (v: unknown, vpointer: string) => {
      if (def?.type === 'enum' && typeof v === 'string' && !def.values?.includes(v)) {
        issues.push(makeIssue('unknown-enum-value', { value: v, fact: fact as string, suggestion: suggest(v, def.values ?? []), allowed: def.values?.join(', ') }, at(vpointer)))
        return true
      }
      return false
    }
    switch (op.value) {
      case 'number':
        if (typeof value !== 'number' || !Number.isFinite(value)) bad()
        return
      case 'boolean':
        if (typeof value !== 'boolean') bad()
        return
      case 'scalar':
        if (!enumCheck(value, vp) && def && !valueMatchesFact(def.type, value, def.values)) bad()
        return
      case 'scalar-list':
        if (!Array.isArray(value) || value.length === 0) return void bad()
        value.forEach((v, i) => {
          if (!enumCheck(v, `${vp}/${i}`) && def && !valueMatchesFact(def.type, v, def.values)) bad()
        })
        return
      case 'keyword-list':
        if (!Array.isArray(value) || value.length === 0 || !value.every((v) => typeof v === 'string' && v.trim().length > 0)) bad()
        return
      case 'regex': {
        if (typeof value !== 'string' || value.length === 0) return void bad()
        if (!ctx.regexCache.has(value)) ctx.regexCache.set(value, checkRegex(value))
        const problem = ctx.regexCache.get(value)
        if (problem) issues.push(makeIssue(problem.problem, { detail: problem.detail }, at(vp)))
        const unmatchable = unnormalisedLiteral(value)
        if (unmatchable !== undefined) {
          issues.push(makeIssue('regex-not-normalised', { char: unmatchable, suggestion: normaliseText(unmatchable) }, at(vp)))
        }
        return
      }
    }
  }

  walk(node, pointer, 1)
  // Thresholds that can never be reached and contradictory groups, once the tree itself is well formed.
  if (!issues.some((i) => i.severity === 'error')) issues.push(...findUnreachableConditions(node, pointer, at))
  return issues
}

/**
 * The first literal character of a regex source that text normalisation removes or changes (an upper-case
 * letter, white space, a full-width form): patterns run on normalised text, so such a character can never
 * match. Escapes (`\\D`, `\\p{Lu}`, `\\u{…}`) are skipped.
 */
export const unnormalisedLiteral = (source: string): string | undefined => {
  for (let i = 0; i < source.length; i++) {
    const ch = source[i]!
    if (ch === '\\') {
      const next = source[i + 1]
      if ((next === 'p' || next === 'P' || next === 'u') && source[i + 2] === '{') {
        const close = source.indexOf('}', i + 3)
        i = close < 0 ? source.length : close
      } else if (next === 'x') i += 3
      else if (next === 'u') i += 5
      else if (next === 'c') i += 2
      else i += 1
      continue
    }
    if (normaliseText(ch) !== ch) return ch
  }
  return undefined
}
