import type { ConditionTrace, SharedTraces } from '../explain'
import type { Facts } from '../facts'
import type { OperatorFn } from '../operators'
import type { LoadedRule, RulePack } from '../rule-pack'
import { compilePredicate, createPredicateContext, textEvidence } from './fast-predicate'
import type { Predicate, TextEvidence } from './fast-predicate'
import { NotCompilable, createPlanner } from './plan'
import type { FactNode, PlanNode } from './plan'
import { skippingClause } from './required-facts'
import type { ClauseMemo } from './required-facts'
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
  /**
   * The trace of every compiled rule on `facts`, the same as json-rules-engine's, by rule id; the shared
   * conditions it evaluates are traced into `shared` (see explain.ts).
   */
  trace(facts: Facts, shared: SharedTraces): Map<string, CompiledRuleTrace>
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
  // condition is registered with its scan: facts known, and flags set by a text scan. Each such fact and
  // flag has a bit, and per bit the set of rules needing it (`rulesOfBit`, `ruleWords` 32-bit words of
  // rules per bit). Per lead the candidates are the rules needing nothing, or'd with the rules of each
  // fact known and each flag set — each scan run once, its flags looked at only when it found anything —
  // and only the candidates are visited, in order, by their bits.
  const scanIndex = new Map<string, number>()
  const scans: TextEvidence[] = []
  /** Per scan, the flags some clause needs (their bits follow the slots' bits, scan after scan). */
  const flagsOfScan: number[][] = []
  const evidenceKey = (node: FactNode): string | undefined => {
    const evidence = textEvidence(node, slotOf, context)
    if (!evidence) return undefined
    // One scan per text fact and matcher (operators made together share one matcher).
    let scan = scanIndex.get(evidence.scan)
    if (scan === undefined) {
      scanIndex.set(evidence.scan, (scan = scans.length))
      scans.push(evidence)
      flagsOfScan.push([])
    }
    if (!flagsOfScan[scan]!.includes(evidence.flag)) flagsOfScan[scan]!.push(evidence.flag)
    return `${scan}\u0000${evidence.flag}`
  }
  const memo: ClauseMemo = new Map()
  const clauses = plansToCheck.map((plan) => skippingClause(plan, evidenceKey, memo) ?? [])
  const neededSlots = [...new Set(clauses.flatMap((c) => c.flatMap((atom) => (atom.kind === 'known' ? [slotOf(atom.fact)] : []))))]
  const bitOf = new Map<string, number>(neededSlots.map((slot, bit) => [`k${slot}`, bit]))
  const flagFrom = [0]
  const flagOfBit: number[] = []
  flagsOfScan.forEach((flags, scan) => {
    for (const flag of flags) {
      bitOf.set(`e${scan}\u0000${flag}`, neededSlots.length + flagOfBit.length)
      flagOfBit.push(flag)
    }
    flagFrom.push(flagOfBit.length)
  })
  const ruleWords = Math.max(1, Math.ceil(clauses.length / 32))
  const rulesOfBit = new Int32Array((neededSlots.length + flagOfBit.length) * ruleWords)
  const alwaysRules = new Int32Array(ruleWords)
  clauses.forEach((clause, i) => {
    const word = i >> 5
    const ruleBit = 1 << (i & 31)
    if (clause.length === 0) alwaysRules[word]! |= ruleBit
    for (const atom of clause) rulesOfBit[bitOf.get(atom.kind === 'known' ? `k${slotOf(atom.fact)}` : `e${atom.key}`)! * ruleWords + word]! |= ruleBit
  })
  const candidates = new Int32Array(ruleWords)
  /** Adds the rules needing `bit` to the candidates. */
  const admit = (bit: number) => {
    for (let w = 0, at = bit * ruleWords; w < ruleWords; w++, at++) candidates[w]! |= rulesOfBit[at]!
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
  /** Which rules may fire on `v` (the others need one of some facts known or scans finding something, and none is). */
  const fireOn = (v: readonly unknown[], onFire: (i: number) => void): void => {
    context.nextLead()
    candidates.set(alwaysRules)
    const slotBits = neededSlots.length
    for (let b = 0; b < slotBits; b++) {
      const x = v[neededSlots[b]!]
      if (x !== undefined && x !== null) admit(b)
    }
    for (let e = 0; e < scans.length; e++) {
      const { scanned, state } = scans[e]!
      if (!scanned(v)) continue
      const { flags, mark } = state
      for (let k = flagFrom[e]!, to = flagFrom[e + 1]!; k < to; k++) if (flags![flagOfBit[k]!] === mark) admit(slotBits + k)
    }
    for (let w = 0; w < ruleWords; w++) {
      let m = candidates[w]!
      while (m !== 0) {
        const low = m & -m
        m ^= low
        const i = (w << 5) + 31 - Math.clz32(low)
        if (predicates[i]!(v)) onFire(i)
      }
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
    trace(facts, shared) {
      const traces = new Map<string, CompiledRuleTrace>()
      for (let i = 0; i < count; i++) traces.set(ids[i]!, tracer.traceRule(plans[i]!, facts, shared))
      return traces
    },
  }
}
