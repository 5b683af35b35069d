import type { ConditionTrace, SharedTraces } from '../explain'
import type { Facts } from '../facts'
import type { FactNode, PlanNode } from './plan'
import { createFactReader } from './read-fact'
import type { FactReader } from './read-fact'

/*
 * The traced evaluation (only for `explain`): reproduces json-rules-engine 7.3.1's evaluation order
 * exactly, so a compiled trace is the same as the reference trace, `result: null` included.
 *
 * json-rules-engine (rule.js, prioritizeAndRun): an empty group passes; a group of one evaluates its
 * member directly; otherwise members are grouped by priority (highest first), every member of a group is
 * evaluated, and later groups are skipped once the outcome is decided (`all` after a failing group,
 * `any` after a passing one). A reference is replaced by a copy of the shared condition, name included,
 * and evaluated in its place; a reference never reached stays a reference.
 *
 * Where json-rules-engine repeats the shared condition's subtree at every use, the trace keeps a
 * `reference` node with the outcome and the subtree once per lead (`SharedTraces`, see explain.ts): the
 * first use evaluates it, later uses of the same lead take the outcome.
 */

type Evaluated = readonly [result: unknown, trace: ConditionTrace]

const isPlainObject = (v: unknown): boolean => typeof v === 'object' && v !== null && !Array.isArray(v)

/** Values in a trace are copies, so nobody can change the pack through an explanation. */
const copy = <T>(value: T): T => (typeof value === 'object' && value !== null ? structuredClone(value) : value)

const traceResult = (r: unknown): boolean | null => (typeof r === 'boolean' ? r : null)

const named = (name: string | undefined): { name?: string } => (name === undefined ? {} : { name })

/** The trace of a node json-rules-engine did not evaluate. */
export const unevaluatedTrace = (node: PlanNode): ConditionTrace => {
  switch (node.kind) {
    case 'all':
    case 'any':
      return { type: node.kind, ...named(node.name), result: null, conditions: node.children.map(unevaluatedTrace) }
    case 'not':
      return { type: 'not', ...named(node.name), result: null, condition: unevaluatedTrace(node.child) }
    case 'reference':
      return { type: 'reference', name: node.reference, result: null }
    case 'fact':
      return { type: 'fact', fact: node.fact.fact, operator: node.operator, value: copy(node.value), factValue: undefined, result: null, ...named(node.name) }
  }
}

/** Creates the traced evaluator; fact readers are built once per node and reused. */
export const createTracer = () => {
  const readers = new WeakMap<FactNode, { read: FactReader; readValue: FactReader | undefined }>()
  const readersOf = (node: FactNode) => {
    let r = readers.get(node)
    if (!r) {
      r = { read: createFactReader(node.fact), readValue: node.valueFact ? createFactReader(node.valueFact) : undefined }
      readers.set(node, r)
    }
    return r
  }

  const evaluateGroup = (node: PlanNode & { kind: 'all' | 'any' }, facts: Facts, shared: SharedTraces): Evaluated => {
    const { children, kind } = node
    const traces: ConditionTrace[] = new Array(children.length)
    let result: unknown
    if (children.length === 0) result = true
    else if (children.length === 1) {
      const [r, t] = evaluate(children[0]!, facts, shared)
      result = r
      traces[0] = t
    } else {
      const priorities = [...new Set(children.map((c) => c.priority))].sort((a, b) => b - a)
      let cursor: unknown = kind === 'all'
      for (const priority of priorities) {
        const decided = kind === 'any' ? Boolean(cursor) : !cursor
        if (decided) continue
        const results: unknown[] = []
        children.forEach((child, i) => {
          if (child.priority !== priority) return
          const [r, t] = evaluate(child, facts, shared)
          results.push(r)
          traces[i] = t
        })
        cursor = kind === 'any' ? results.some((r) => r === true) : results.every((r) => r === true)
      }
      result = cursor
    }
    children.forEach((child, i) => {
      traces[i] ??= unevaluatedTrace(child)
    })
    const passes = result === true
    return [result, { type: kind, ...named(node.name), result: passes, conditions: traces }]
  }

  const evaluate = (node: PlanNode, facts: Facts, shared: SharedTraces): Evaluated => {
    switch (node.kind) {
      case 'all':
      case 'any': {
        const [result, trace] = evaluateGroup(node, facts, shared)
        return [result === true, trace]
      }
      case 'not': {
        const [r, t] = evaluate(node.child, facts, shared)
        const passes = !r
        return [passes, { type: 'not', ...named(node.name), result: passes, condition: t }]
      }
      case 'reference': {
        // Realised: the shared condition (with its own name) is evaluated once per lead and traced in
        // `shared`. Operators answer booleans, so a realised trace's `result` is the outcome itself.
        let trace = shared.get(node.reference)
        if (!trace) {
          trace = evaluate(node.target, facts, shared)[1]
          shared.set(node.reference, trace)
        }
        return [trace.result, { type: 'reference', name: node.reference, result: trace.result }]
      }
      case 'fact': {
        const { read, readValue } = readersOf(node)
        const factValue = read(facts)
        const valueResult = readValue ? readValue(facts) : node.value
        const result = node.op(factValue, valueResult)
        const trace: ConditionTrace = {
          type: 'fact',
          fact: node.fact.fact,
          operator: node.operator,
          value: copy(node.value),
          ...(valueResult !== undefined && isPlainObject(node.value) ? { valueResult: copy(valueResult) } : {}),
          factValue: copy(factValue),
          result: traceResult(result),
          ...named(node.name),
        }
        return [result, trace]
      }
    }
  }

  /**
   * Evaluates a rule's top-level condition with its trace. json-rules-engine records no result on the
   * top-level node itself; as in the reference trace, it shows whether the rule fired. Shared conditions
   * are traced into `shared`: pass the same map for every rule of one lead, a new one for the next lead.
   */
  const traceRule = (root: PlanNode, facts: Facts, shared: SharedTraces): { fired: boolean; conditions: ConditionTrace } => {
    let result: unknown
    let trace: ConditionTrace
    // A top-level group is run without recording a result on it; anything else is evaluated as usual.
    if (root.kind === 'all' || root.kind === 'any') [result, trace] = evaluateGroup(root, facts, shared)
    else [result, trace] = evaluate(root, facts, shared)
    return { fired: Boolean(result), conditions: { ...trace, result: result === true } }
  }

  return { traceRule, evaluate }
}
