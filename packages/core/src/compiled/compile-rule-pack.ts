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
  // condition is registered with its scan: facts known, and scans that found something (`evidence`, each
  // checked once per lead). Each such fact and scan has a bit; per lead the bits of what is there are set
  // once, and a rule is skipped when its clause's bits meet none of them — one AND per rule and word
  // (`words` 32-bit words of bits per rule; one for the default pack). No clause: always evaluated.
  const clauses: { slots: number[]; scans: number[] }[] = []
  const evidenceIndex = new Map<string, number>()
  const evidence: Predicate[] = []
  const matcherIds = new Map<unknown, number>()
  const evidenceKey = (node: FactNode): string | undefined => {
    const origin = operatorOrigin(node.op)
    const check = textEvidence(node, slotOf, context)
    if (!origin || !check) return undefined
    // One scan per text fact and matcher (operators made together share one matcher).
    if (!matcherIds.has(origin.matcher)) matcherIds.set(origin.matcher, matcherIds.size)
    const key = `${node.fact.fact}\u0000${matcherIds.get(origin.matcher)!}`
    if (!evidenceIndex.has(key)) {
      evidenceIndex.set(key, evidence.length)
      evidence.push(check)
    }
    return key
  }
  const always: boolean[] = []
  /** The slots some clause needs known, each with its bit (the bits after them are the scans'). */
  const neededSlots: number[] = []
  const bitOfSlot = new Map<number, number>()
  for (const plan of plansToCheck) {
    const clause = skippingClause(plan, evidenceKey) ?? []
    const needs = { slots: [] as number[], scans: [] as number[] }
    for (const atom of clause) {
      if (atom.kind === 'known') {
        const slot = slotOf(atom.fact)
        if (!bitOfSlot.has(slot)) {
          bitOfSlot.set(slot, neededSlots.length)
          neededSlots.push(slot)
        }
        needs.slots.push(slot)
      } else needs.scans.push(evidenceIndex.get(atom.key)!)
    }
    clauses.push(needs)
    always.push(clause.length === 0)
  }
  const bitCount = neededSlots.length + evidence.length
  const words = Math.max(1, Math.ceil(bitCount / 32))
  const needMask = new Int32Array(clauses.length * words)
  const setBit = (into: Int32Array, base: number, bit: number) => (into[base + (bit >> 5)]! |= 1 << (bit & 31))
  clauses.forEach(({ slots: needed, scans }, i) => {
    for (const slot of needed) setBit(needMask, i * words, bitOfSlot.get(slot)!)
    for (const e of scans) setBit(needMask, i * words, neededSlots.length + e)
  })
  const present = new Int32Array(words)
  const ids = rules.map((r) => r.id)
  const count = predicates.length
  const tracer = createTracer()
  // Names that exist on Object.prototype (constructor, __proto__…) must not read inherited values.
  const inherited = slotNames.map((name) => name in Object.prototype)
  const bag = (facts: Facts) => facts as Readonly<Record<string, unknown>>
  // One vector, refilled per lead: `fire` is synchronous and never re-entered.
  const vector: unknown[] = new Array(slotNames.length).fill(undefined)
  const firedIndexes: number[] = []
  /** Which rules may fire on `v` (the others need one of some facts known or scans finding something, and none is). */
  const fireOn = (v: readonly unknown[], onFire: (i: number) => void): void => {
    context.nextLead()
    present.fill(0)
    const slotBits = neededSlots.length
    for (let b = 0; b < slotBits; b++) {
      const x = v[neededSlots[b]!]
      if (x !== undefined && x !== null) present[b >> 5]! |= 1 << (b & 31)
    }
    for (let e = 0; e < evidence.length; e++) {
      const b = slotBits + e
      if (evidence[e]!(v)) present[b >> 5]! |= 1 << (b & 31)
    }
    for (let i = 0; i < count; i++) {
      if (!always[i]) {
        const base = i * words
        let w = 0
        while (w < words && (needMask[base + w]! & present[w]!) === 0) w++
        if (w === words) continue
      }
      if (predicates[i]!(v)) onFire(i)
    }
  }
  const pushFired = (i: number) => void firedIndexes.push(i)
  return {
    rules,
    fallback,
    slots: slotNames,
    fireVector(v) {
      firedIndexes.length = 0
      fireOn(v, pushFired)
      return firedIndexes
    },
    fire(facts, fired) {
      for (let s = 0; s < slotNames.length; s++) {
        const name = slotNames[s]!
        vector[s] = inherited[s] && !Object.hasOwn(facts, name) ? undefined : bag(facts)[name]
      }
      fireOn(vector, (i) => fired.add(ids[i]!))
    },
    trace(facts) {
      const traces = new Map<string, CompiledRuleTrace>()
      for (let i = 0; i < count; i++) traces.set(ids[i]!, tracer.traceRule(plans[i]!, facts))
      return traces
    },
  }
}
