import type { RuleResult } from 'json-rules-engine'
import type { ScoredResult } from './result'
import type { RuleEvent } from './rule-pack-schema'

/*
 * The condition-level trace (条件级解释): for every rule, every condition with the fact's value, the
 * operator, the threshold and whether it passed. `result: null` marks a condition json-rules-engine did not
 * need to evaluate (an `all` already failed, an `any` already passed in a higher-priority group).
 *
 * A shared condition (共享条件) is traced once per lead, in `Explanation.shared`; where a rule uses it, its
 * trace holds a `reference` node with the outcome. json-rules-engine inlines a copy of the shared condition
 * at every use, so its own trace repeats the same subtree wherever it is referenced: with the default pack
 * that is some 42,000 nodes (10 MB of JSON, 1,770 lines of case note) for one lead. A shared condition
 * depends only on the lead's facts, so every copy is the same and one is enough.
 */

/** One node of a condition trace. */
export type ConditionTrace =
  | { readonly type: 'all' | 'any'; readonly name?: string; readonly result: boolean | null; readonly conditions: readonly ConditionTrace[] }
  | { readonly type: 'not'; readonly name?: string; readonly result: boolean | null; readonly condition: ConditionTrace }
  /**
   * A use of a shared condition: `result` is its outcome, and its trace is `Explanation.shared[name]`;
   * `null` when the rule never needed it (then it may be absent from `shared`).
   */
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

/** The explanation of one lead's score: the result, every rule's trace in pack order, each shared condition's once. */
export interface Explanation {
  readonly result: ScoredResult
  readonly rules: readonly RuleTrace[]
  /** The trace of every shared condition some rule evaluated, by name, in the pack's order. */
  readonly shared: Readonly<Record<string, ConditionTrace>>
}

/** Shared-condition traces collected while a lead's rules are traced, by name. */
export type SharedTraces = Map<string, ConditionTrace>

/** `shared` in the order of the pack's shared conditions, as {@link Explanation.shared} gives it. */
export const orderSharedTraces = (shared: SharedTraces, order: readonly string[]): Record<string, ConditionTrace> => {
  const out: Record<string, ConditionTrace> = {}
  for (const name of order) {
    const trace = shared.get(name)
    if (trace) out[name] = trace
  }
  return out
}

const resultOf = (n: Node): boolean | null => (typeof n.result === 'boolean' ? n.result : null)

/**
 * The marks the reference engine puts on the shared conditions it registers: a symbol of its own for each,
 * by symbol. json-rules-engine deletes a reference's `condition` key when it puts the copy in its place, so
 * without a mark a realised reference could not be told from a condition written inline. A symbol cannot
 * come from a pack's JSON; json-rules-engine's copies (Object.assign, clone) carry it, in order, so a shared
 * condition that is itself a reference to another leaves both marks, outer first.
 */
export type SharedMarks = ReadonlyMap<symbol, string>

type Node = { readonly [key: string | symbol]: unknown }

/**
 * Converts a json-rules-engine condition (after a run) into a trace node. A realised reference (a copy of
 * a shared condition, marked) becomes a `reference` node, and the copy's trace goes to `shared` the first
 * time.
 */
export const toConditionTrace = (n: Node, shared: SharedTraces, marks: SharedMarks): ConditionTrace => {
  const own = Object.getOwnPropertySymbols(n).filter((s) => marks.has(s))
  if (own.length > 0) {
    const copy: Record<string | symbol, unknown> = { ...n }
    for (const s of own) delete copy[s]
    // The innermost shared condition holds the copy's trace; each outer one is a reference to the next.
    const chain = own.map((s) => marks.get(s)!)
    let trace = shared.get(chain.at(-1)!) ?? toConditionTrace(copy, shared, marks)
    for (let i = chain.length - 1; i >= 0; i--) {
      if (!shared.has(chain[i]!)) shared.set(chain[i]!, trace)
      trace = { type: 'reference', name: chain[i]!, result: trace.result }
    }
    return trace
  }
  if (typeof n.condition === 'string') return { type: 'reference', name: n.condition, result: resultOf(n) }
  const name = typeof n.name === 'string' ? { name: n.name } : {}
  if (Array.isArray(n.all) || Array.isArray(n.any)) {
    const type = Array.isArray(n.all) ? 'all' : 'any'
    return { type, ...name, result: resultOf(n), conditions: (n[type] as Node[]).map((c) => toConditionTrace(c, shared, marks)) }
  }
  if (n.not !== undefined) return { type: 'not', ...name, result: resultOf(n), condition: toConditionTrace(n.not as Node, shared, marks) }
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
export const ruleResultConditions = (r: RuleResult, shared: SharedTraces, marks: SharedMarks): ConditionTrace => {
  const trace = toConditionTrace(r.conditions as unknown as Node, shared, marks)
  return { ...trace, result: r.result === true }
}
