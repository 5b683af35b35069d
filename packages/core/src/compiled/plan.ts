import type { OperatorFn } from '../operators'
import type { RulePack } from '../rule-pack'
import { compilePackRegex } from '../pack-regex'

/*
 * The plan (编译计划): a rule's condition tree resolved once — operators looked up, `{ fact }` values
 * recognised, shared conditions linked, priorities defaulted the way json-rules-engine defaults them —
 * so that both the fast evaluator and the traced evaluator walk the same structure.
 *
 * Anything the compiler cannot reproduce exactly is refused with a reason (`NotCompilable`); the rule
 * then runs on json-rules-engine instead.
 */

/** Where a fact value is read from: a fact name and an optional simple path inside it. */
export interface FactRef {
  readonly fact: string
  /** json-rules-engine applies a path only when it is non-empty and the fact's value is an object. */
  readonly path: string | undefined
}

interface NodeBase {
  /** json-rules-engine's grouping priority inside the parent (`priority` or 1). */
  readonly priority: number
  /** The node's `name` when it is a string (the trace shows only string names). */
  readonly name: string | undefined
}

/** A leaf: fact, operator, value. */
export interface FactNode extends NodeBase {
  readonly kind: 'fact'
  readonly fact: FactRef
  readonly operator: string
  readonly op: OperatorFn
  /** The value as written in the rule. */
  readonly value: unknown
  /** Set when the value is `{ "fact": … }`: compare with that fact instead. */
  readonly valueFact: FactRef | undefined
  /** Rough evaluation cost, for ordering the fast path (the result never depends on it). */
  readonly cost: number
}

export interface GroupNode extends NodeBase {
  readonly kind: 'all' | 'any'
  readonly children: readonly PlanNode[]
  readonly cost: number
}

export interface NotNode extends NodeBase {
  readonly kind: 'not'
  readonly child: PlanNode
  readonly cost: number
}

/** `{ "condition": "name" }`: evaluated as the shared condition it names. */
export interface ReferenceNode extends NodeBase {
  readonly kind: 'reference'
  /** The referenced name, shown while the reference is not yet evaluated. */
  readonly reference: string
  readonly target: PlanNode
  readonly cost: number
}

export type PlanNode = FactNode | GroupNode | NotNode | ReferenceNode

/** Thrown while planning a construct the compiler does not reproduce. */
export class NotCompilable extends Error {
  override readonly name = 'NotCompilable'
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)

const TEXT_COST = 20
const LEAF_COST = 1

const priorityOf = (n: Record<string, unknown>): number => {
  // json-rules-engine groups a condition by its own priority, else its fact's (none here, so 1).
  const p = n.priority
  if (p === undefined) return 1
  if (typeof p !== 'number' || !Number.isInteger(p) || p < 1) throw new NotCompilable(`priority ${JSON.stringify(p)}`)
  return p
}

const nameOf = (n: Record<string, unknown>): string | undefined => (typeof n.name === 'string' ? n.name : undefined)

const factRef = (fact: unknown, path: unknown): FactRef => {
  if (typeof fact !== 'string') throw new NotCompilable(`fact ${JSON.stringify(fact)}`)
  if (path !== undefined && typeof path !== 'string') throw new NotCompilable(`path ${JSON.stringify(path)}`)
  return { fact, path: path === '' ? undefined : (path as string | undefined) }
}

/** Checks an operand the operator would otherwise throw on, so skipping it can never hide an error. */
const checkOperand = (operator: string, value: unknown): void => {
  if (operator === 'mentionsAny' && Array.isArray(value) && !value.every((v) => typeof v === 'string')) {
    throw new NotCompilable('mentionsAny: keyword that is not a string')
  }
  if (operator === 'matchesRegex' && typeof value === 'string') {
    try {
      compilePackRegex(value)
    } catch {
      throw new NotCompilable('matchesRegex: invalid pattern')
    }
  }
}

/** Plans the conditions of one pack. Shared conditions are planned once and linked by reference. */
export const createPlanner = (pack: RulePack, operators: Readonly<Record<string, OperatorFn>>) => {
  const shared = new Map<string, PlanNode>()
  const inProgress = new Set<string>()

  const sharedPlan = (name: string): PlanNode => {
    const done = shared.get(name)
    if (done) return done
    if (!Object.hasOwn(pack.conditions, name)) throw new NotCompilable(`unknown shared condition “${name}”`)
    if (inProgress.has(name)) throw new NotCompilable(`circular shared condition “${name}”`)
    inProgress.add(name)
    try {
      const condition = pack.conditions[name] as unknown as Record<string, unknown>
      if (!isObject(condition) || !['all', 'any', 'not', 'condition'].some((k) => Object.hasOwn(condition, k))) {
        throw new NotCompilable(`shared condition “${name}” is not all, any, not or condition`)
      }
      // The reference engine registers each shared condition with its key as the default name.
      const plan = plan_({ ...condition, name: condition.name ?? name })
      shared.set(name, plan)
      return plan
    } finally {
      inProgress.delete(name)
    }
  }

  const plan_ = (n: unknown): PlanNode => {
    if (!isObject(n)) throw new NotCompilable('condition is not an object')
    // The same precedence json-rules-engine uses to tell what a condition is.
    if (Object.hasOwn(n, 'any') || Object.hasOwn(n, 'all')) {
      const kind = Object.hasOwn(n, 'any') ? 'any' : 'all'
      const list = n[kind]
      if (!Array.isArray(list)) throw new NotCompilable(`“${kind}” is not a list`)
      const children = list.map(plan_)
      return { kind, children, priority: priorityOf(n), name: nameOf(n), cost: children.reduce((a, c) => a + c.cost, 0) }
    }
    if (Object.hasOwn(n, 'not')) {
      if (Array.isArray(n.not)) throw new NotCompilable('“not” is a list')
      const child = plan_(n.not)
      return { kind: 'not', child, priority: priorityOf(n), name: nameOf(n), cost: child.cost }
    }
    if (Object.hasOwn(n, 'condition')) {
      if (typeof n.condition !== 'string') throw new NotCompilable('condition reference is not a string')
      const target = sharedPlan(n.condition)
      return { kind: 'reference', reference: n.condition, target, priority: priorityOf(n), name: nameOf(n), cost: target.cost }
    }
    if (!Object.hasOwn(n, 'fact') || !Object.hasOwn(n, 'operator') || !Object.hasOwn(n, 'value')) {
      throw new NotCompilable('condition without fact, operator or value')
    }
    if (n.params !== undefined) throw new NotCompilable('fact params')
    const operator = n.operator
    if (typeof operator !== 'string' || !Object.hasOwn(operators, operator)) {
      throw new NotCompilable(`operator ${JSON.stringify(operator)} is not one the compiler knows`)
    }
    const { value } = n
    let valueFact: FactRef | undefined
    if (value !== null && typeof value === 'object' && Object.hasOwn(value, 'fact')) {
      const v = value as Record<string, unknown>
      if (v.params !== undefined) throw new NotCompilable('fact params in value')
      valueFact = factRef(v.fact, v.path)
    } else checkOperand(operator, value)
    return {
      kind: 'fact',
      fact: factRef(n.fact, n.path),
      operator,
      op: operators[operator]!,
      value,
      valueFact,
      priority: priorityOf(n),
      name: nameOf(n),
      cost: operator === 'mentionsAny' || operator === 'matchesRegex' ? TEXT_COST : LEAF_COST,
    }
  }

  return { plan: plan_ }
}
