import type { RuleResult } from 'json-rules-engine'
import type { ScoredResult } from './result'
import type { RuleEvent } from './rule-pack-schema'

/*
 * The condition-level trace (条件级解释): for every rule, every condition with the fact's value, the
 * operator, the threshold and whether it passed. `result: null` marks a condition json-rules-engine did not
 * need to evaluate (an `all` already failed, an `any` already passed in a higher-priority group).
 */

/** One node of a condition trace. */
export type ConditionTrace =
  | { readonly type: 'all' | 'any'; readonly name?: string; readonly result: boolean | null; readonly conditions: readonly ConditionTrace[] }
  | { readonly type: 'not'; readonly name?: string; readonly result: boolean | null; readonly condition: ConditionTrace }
  | { readonly type: 'reference'; readonly name: string; readonly result: boolean | null }
  | {
      readonly type: 'fact'
      readonly fact: string
      readonly operator: string
      /** The condition's value as written in the rule (a number, a list, `{ fact }`). */
      readonly value: unknown
      /** The value it was compared with, after resolving a `{ fact }` reference. */
      readonly valueResult?: unknown
      /** The lead's value of the fact; undefined when unknown. */
      readonly factValue: unknown
      readonly result: boolean | null
      readonly name?: string
    }

/** How one rule evaluated on a lead. */
export interface RuleTrace {
  readonly rule: string
  readonly name: string
  readonly file: string
  readonly fired: boolean
  readonly event: RuleEvent
  readonly conditions: ConditionTrace
}

/** The explanation of one lead's score: the result, and every rule's trace in pack order. */
export interface Explanation {
  readonly result: ScoredResult
  readonly rules: readonly RuleTrace[]
}

type Node = Record<string, unknown>

const resultOf = (n: Node): boolean | null => (typeof n.result === 'boolean' ? n.result : null)

/** Converts a json-rules-engine condition (after a run) into a trace node. */
export const toConditionTrace = (n: Node): ConditionTrace => {
  const name = typeof n.name === 'string' ? { name: n.name } : {}
  if (Array.isArray(n.all) || Array.isArray(n.any)) {
    const type = Array.isArray(n.all) ? 'all' : 'any'
    return { type, ...name, result: resultOf(n), conditions: (n[type] as Node[]).map(toConditionTrace) }
  }
  if (n.not !== undefined) return { type: 'not', ...name, result: resultOf(n), condition: toConditionTrace(n.not as Node) }
  if (typeof n.condition === 'string') return { type: 'reference', name: n.condition, result: resultOf(n) }
  return {
    type: 'fact',
    fact: String(n.fact),
    operator: String(n.operator),
    value: n.value,
    ...(n.valueResult !== undefined && typeof n.value === 'object' && n.value !== null && !Array.isArray(n.value) ? { valueResult: n.valueResult } : {}),
    factValue: n.factResult,
    result: resultOf(n),
    ...name,
  }
}

/**
 * The trace of a json-rules-engine rule result. json-rules-engine records no result on a rule's
 * top-level condition, so it is taken from whether the rule fired.
 */
export const ruleResultConditions = (r: RuleResult): ConditionTrace => {
  const trace = toConditionTrace(r.conditions as unknown as Node)
  return { ...trace, result: r.result === true }
}
