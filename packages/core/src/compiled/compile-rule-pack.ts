import type { ConditionTrace } from '../explain'
import type { Facts } from '../facts'
import type { OperatorFn } from '../operators'
import { operatorOrigin } from '../operators'
import type { LoadedRule, RulePack } from '../rule-pack'
import { compilePredicate, createPredicateContext, textEvidence } from './fast-predicate'
import type { Predicate } from './fast-predicate'
import { NotCompilable, createPlanner } from './plan'
import type { FactNode, PlanNode } from './plan'
import { skippingClause } from './required-facts'
import { createTracer } from './trace-plan'

/*
 * The rule-pack compiler (规则编译): every rule of a validated pack becomes a plain synchronous predicate
 * over the lead's facts, with the same meaning as json-rules-engine (the reference) gives it. A rule with
 * a construct the compiler does not reproduce is listed in `fallback` with the reason, and the scorer
 * runs that rule on json-rules-engine instead.
 */

/** A rule that runs on json-rules-engine because the compiler does not reproduce one of its constructs. */
export interface FallbackRule {
  readonly rule: string
  /** Why, in English (the construct refused). */
  readonly reason: string
}

/** How one compiled rule evaluated on a lead, with its condition-level trace. */
export interface CompiledRuleTrace {
  readonly fired: boolean
  readonly conditions: ConditionTrace
}

/** A rule pack compiled to predicates. */
export interface CompiledRulePack {
  /** Rules that compiled, in pack order. */
  readonly rules: readonly LoadedRule[]
  /** Rules that did not, in pack order, with the reason. */
  readonly fallback: readonly FallbackRule[]
  /**
   * Adds the id of every compiled rule that fires on `facts` to `fired`. Synchronous, allocation-free
   * apart from what the operators need (text analysis is cached per text).
   */
  fire(facts: Facts, fired: Set<string>): void
  /** The fact each slot of a fact vector holds, for {@link CompiledRulePack.fireVector}. */
  readonly slots: readonly string[]
  /**
   * Which compiled rules fire on a fact vector (`vector[s]` = the value of fact `slots[s]`, undefined
   * when unknown): their indexes in `rules`, ascending, in a list reused by the next call.
   */
  fireVector(vector: readonly unknown[]): readonly number[]
  /** The trace of every compiled rule on `facts`, the same as json-rules-engine's, by rule id. */
  trace(facts: Facts): Map<string, CompiledRuleTrace>
}

/**
 * Compiles a pack's rules with the given operators (the pack's {@link createOperators}, without
 * `matcher`): the one definition of every comparison, shared with the reference engine.
 *
 * @example
 * ```ts
 * const { matcher, ...operators } = createOperators(pack.config.text)
 * const compiled = compileRulePack(pack, operators)
 * const fired = new Set<string>()
 * compiled.fire(leadToFacts(lead), fired)
 * ```
 */
export const compileRulePack = (pack: RulePack, operators: Readonly<Record<string, OperatorFn>>): CompiledRulePack => {
  const planner = createPlanner(pack, operators)
  const slotNames: string[] = []
  const slots = new Map<string, number>()
  const slotOf = (fact: string): number => {
    let slot = slots.get(fact)
    if (slot === undefined) {
      slot = slotNames.length
      slotNames.push(fact)
      slots.set(fact, slot)
    }
    return slot
  }
  const context = createPredicateContext(slotOf)
  const rules: LoadedRule[] = []
  const plans: PlanNode[] = []
  const predicates: Predicate[] = []
  const plansToCheck: PlanNode[] = []
  const fallback: FallbackRule[] = []
  for (const rule of pack.rules) {
    try {
      const plan = planner.plan(rule.conditions)
      plans.push(plan)
      predicates.push(compilePredicate(plan, slotOf, context))
      plansToCheck.push(plan)
      rules.push(rule)
    } catch (error) {
      if (!(error instanceof NotCompilable)) throw error
      fallback.push({ rule: rule.id, reason: error.message })
    }
  }
  // Per rule, what it cannot fire without one of (see required-facts.ts), worked out once every text
  // condition is registered with its scan: the slots of facts, `needSlots[needFrom[i] … needFrom[i + 1])`,
  // and the scans that must have found something, `needScans[i]`. None: the rule is always evaluated.
  const needSlots: number[] = []
  const needFrom: number[] = [0]
  const needScans: (readonly Predicate[])[] = []
  const evidence = new Map<string, Predicate>()
  const matcherIds = new Map<unknown, number>()
  const evidenceKey = (node: FactNode): string | undefined => {
    const origin = operatorOrigin(node.op)
    const check = textEvidence(node, slotOf, context)
    if (!origin || !check) return undefined
    // One scan per text fact and matcher (operators made together share one matcher).
    if (!matcherIds.has(origin.matcher)) matcherIds.set(origin.matcher, matcherIds.size)
    const key = `${node.fact.fact}\u0000${matcherIds.get(origin.matcher)!}`
    if (!evidence.has(key)) evidence.set(key, check)
    return key
  }
  for (const plan of plansToCheck) {
    const clause = skippingClause(plan, evidenceKey) ?? []
    for (const atom of clause) if (atom.kind === 'known') needSlots.push(slotOf(atom.fact))
    needFrom.push(needSlots.length)
    needScans.push(clause.flatMap((atom) => (atom.kind === 'evidence' ? [evidence.get(atom.key)!] : [])))
  }
  const ids = rules.map((r) => r.id)
  const count = predicates.length
  const tracer = createTracer()
  // Names that exist on Object.prototype (constructor, __proto__…) must not read inherited values.
  const inherited = slotNames.map((name) => name in Object.prototype)
  const bag = (facts: Facts) => facts as Readonly<Record<string, unknown>>
  // One vector, refilled per lead: `fire` is synchronous and never re-entered.
  const vector: unknown[] = new Array(slotNames.length).fill(undefined)
  const firedIndexes: number[] = []
  /** False when rule `i` needs one of some facts known or scans finding something, and none is. */
  const mayFire = (v: readonly unknown[], i: number): boolean => {
    const from = needFrom[i]!
    const to = needFrom[i + 1]!
    const scans = needScans[i]!
    if (from === to && scans.length === 0) return true
    for (let k = from; k < to; k++) {
      const x = v[needSlots[k]!]
      if (x !== undefined && x !== null) return true
    }
    for (let k = 0; k < scans.length; k++) if (scans[k]!(v)) return true
    return false
  }
  return {
    rules,
    fallback,
    slots: slotNames,
    fireVector(v) {
      context.nextLead()
      firedIndexes.length = 0
      for (let i = 0; i < count; i++) if (mayFire(v, i) && predicates[i]!(v)) firedIndexes.push(i)
      return firedIndexes
    },
    fire(facts, fired) {
      context.nextLead()
      for (let s = 0; s < slotNames.length; s++) {
        const name = slotNames[s]!
        vector[s] = inherited[s] && !Object.hasOwn(facts, name) ? undefined : bag(facts)[name]
      }
      for (let i = 0; i < count; i++) if (mayFire(vector, i) && predicates[i]!(vector)) fired.add(ids[i]!)
    },
    trace(facts) {
      const traces = new Map<string, CompiledRuleTrace>()
      for (let i = 0; i < count; i++) traces.set(ids[i]!, tracer.traceRule(plans[i]!, facts))
      return traces
    },
  }
}
