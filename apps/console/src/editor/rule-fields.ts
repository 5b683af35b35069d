/*
 * The form half of the rule editor: the parts of a rule an analyst tunes most — its name, its points, the
 * numeric thresholds of its conditions and its keyword lists — found in the rule's JSON by pointer, and
 * written back there. The JSON stays the one source of truth; the form is a view of it.
 */

/** A field of the rule form, at a JSON pointer inside the rule. */
export type RuleField =
  | { readonly kind: 'name'; readonly pointer: string; readonly value: unknown }
  | { readonly kind: 'points'; readonly pointer: string; readonly value: unknown }
  | { readonly kind: 'threshold'; readonly pointer: string; readonly fact: string; readonly operator: string; readonly value: unknown }
  | { readonly kind: 'keywords'; readonly pointer: string; readonly fact: string; readonly operator: string; readonly value: readonly string[] }

type Json = Record<string, unknown>

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v)

const isStringList = (v: unknown): v is string[] => Array.isArray(v) && v.every((s) => typeof s === 'string')

const walkConditions = (node: unknown, pointer: string, out: RuleField[]): void => {
  if (!isObject(node)) return
  for (const group of ['all', 'any'] as const) {
    const list = node[group]
    if (Array.isArray(list)) list.forEach((child, i) => walkConditions(child, `${pointer}/${group}/${i}`, out))
  }
  if (node.not !== undefined) walkConditions(node.not, `${pointer}/not`, out)
  if (typeof node.fact !== 'string' || typeof node.operator !== 'string') return
  const { fact, operator, value } = node
  // A number (or what was typed where a number was: the validator names it) is a threshold.
  if (typeof value === 'number' || (typeof value === 'string' && /^(greater|less)Than/.test(operator))) {
    out.push({ kind: 'threshold', pointer: `${pointer}/value`, fact, operator, value })
  } else if (isStringList(value) && value.length > 0 && (operator === 'mentionsAny' || operator === 'in' || operator === 'notIn')) {
    out.push({ kind: 'keywords', pointer: `${pointer}/value`, fact, operator, value })
  }
}

/** The form fields of a rule (a parsed rule object), in document order. */
export const ruleFields = (rule: unknown): RuleField[] => {
  if (!isObject(rule)) return []
  const out: RuleField[] = []
  if (rule.name !== undefined) out.push({ kind: 'name', pointer: '/name', value: rule.name })
  const event = rule.event
  if (isObject(event) && event.type === 'score' && isObject(event.params) && 'points' in event.params) {
    out.push({ kind: 'points', pointer: '/event/params/points', value: event.params.points })
  }
  walkConditions(rule.conditions, '/conditions', out)
  return out
}

const decode = (token: string): string => token.replaceAll('~1', '/').replaceAll('~0', '~')

/** A copy of `value` with the value at `pointer` replaced (objects and arrays along the way are copied). */
export const setAtPointer = (value: unknown, pointer: string, next: unknown): unknown => {
  if (pointer === '') return next
  const [head, ...rest] = pointer.slice(1).split('/')
  const key = decode(head!)
  const tail = rest.length === 0 ? '' : `/${rest.join('/')}`
  if (Array.isArray(value)) {
    const copy = [...value]
    copy[Number(key)] = setAtPointer(copy[Number(key)], tail, next)
    return copy
  }
  if (isObject(value)) return { ...value, [key]: setAtPointer(value[key], tail, next) }
  throw new Error(`no value at ${pointer}`)
}

/** What a number box holds as JSON: the number when it is one, else the text as typed (the validator names it). */
export const numberFromInput = (text: string): number | string => {
  const trimmed = text.trim()
  return trimmed !== '' && Number.isFinite(Number(trimmed)) ? Number(trimmed) : text
}

/** A keyword list from a textarea: one per line, blank lines dropped. */
export const keywordsFromInput = (text: string): string[] =>
  text
    .split('\n')
    .map((s) => s.trim())
    .filter((s) => s !== '')
