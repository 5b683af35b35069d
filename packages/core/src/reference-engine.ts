import { Engine, Rule } from 'json-rules-engine'
import type { Almanac, RuleResult, TopLevelCondition as EngineCondition } from 'json-rules-engine'
import type { SharedMarks } from './explain'
import type { Facts } from './facts'
import type { OperatorFn } from './operators'
import type { Condition } from './rule-pack-schema'
import type { TextMatcher } from './text'
import { ChufeiError } from './errors'
import { createOperators } from './operators'
import type { RulePack } from './rule-pack'
import { safePathResolver } from './safe-path'

/*
 * The reference engine: json-rules-engine itself, configured safely. It defines what a rule pack means
 * and produces the condition-level trace analysts read.
 *
 * A json-rules-engine Engine keeps run status on itself, so overlapping `run()` calls on one Engine
 * interfere. Each run therefore takes an Engine of its own from a small pool and gives it back after.
 *
 * Shared conditions (共享条件) are evaluated once a lead. json-rules-engine realises a `{ condition }` reference
 * afresh at every use (and evaluates every branch of an `all` or `any` in one priority group), so on the default
 * pack it evaluated some 1.7 million conditions a lead — 15–20 s of CPU — for a pack a few thousand conditions
 * long. A reference inside a condition is therefore given to json-rules-engine as a fact, `{ fact: <the shared
 * condition's fact>, operator: 'equal', value: true }`, whose value json-rules-engine computes by evaluating the
 * shared condition (as a Rule of its own, on the run's almanac) and caches for the run, as it caches any fact.
 * A shared condition depends only on the lead's facts, so each use gets what evaluating it there would give; the
 * differential tests hold the answers and the traces to the compiled engine's. After the run each use is given
 * back its evaluated condition (`spliceSharedUses`), so the rule results read as json-rules-engine's own
 * realised references do and explain.ts traces them unchanged. A reference at the top of a rule or of a shared
 * condition stays a reference (json-rules-engine requires one there); its condition's inner uses are facts.
 */

/** The fact through which a use of shared condition `name` asks for its outcome; no lead field starts with NUL. */
const sharedFact = (name: string): string => `\u0000shared:${name}`

/** Marks a condition that stands for a use of a shared condition, with its name (a symbol: no JSON can forge it). */
const SHARED_USE = Symbol('shared condition use')

/** What json-rules-engine 7.3.1 (pinned) does with a rule it adds: binds it to the engine and evaluates it on an almanac. */
interface EvaluableRule {
  setEngine(engine: Engine): void
  evaluate(almanac: Almanac): Promise<RuleResult>
}

/** Each run's evaluated shared conditions, by the run's almanac. */
type SharedRuns = WeakMap<Almanac, Map<string, RuleResult>>

type Node = Record<string | symbol, unknown>

/** `c` with every reference below its top turned into a use of the shared condition's fact. */
const withSharedUses = (c: Condition, top: boolean): Condition => {
  if ('condition' in c) {
    if (top) return c
    const use = { fact: sharedFact(c.condition), operator: 'equal', value: true, ...(c.priority !== undefined ? { priority: c.priority } : {}), [SHARED_USE]: c.condition }
    return use as unknown as Condition
  }
  if ('all' in c) return { ...c, all: c.all.map((x) => withSharedUses(x, false)) }
  if ('any' in c) return { ...c, any: c.any.map((x) => withSharedUses(x, false)) }
  if ('not' in c) return { ...c, not: withSharedUses(c.not, false) }
  return c
}

/**
 * Puts each evaluated shared condition back where it was used, in place, as json-rules-engine's realised
 * reference would stand there: the same evaluated tree (with its marks) at every use, its outcome as its
 * result. A use json-rules-engine never reached (an `any` already passed in a higher-priority group) goes
 * back to an unrealised `{ condition }` reference.
 */
const spliceSharedUses = (node: Node, evaluated: ReadonlyMap<string, RuleResult>, spliced: Map<string, Node>): Node => {
  const name = node[SHARED_USE]
  if (typeof name === 'string') {
    if (typeof node.result !== 'boolean') return { condition: name }
    let tree = spliced.get(name)
    if (tree === undefined) {
      const run = evaluated.get(name)
      if (run === undefined) throw new ChufeiError('INTERNAL', `参考引擎内部错误：共享条件 ${name} 被引用却没有求值 / reference engine: shared condition ${name} was used but not evaluated`)
      tree = run.conditions as unknown as Node
      // json-rules-engine records no result on a rule's top-level condition; a realised reference has one.
      tree.result = run.result
      spliced.set(name, tree)
      spliceChildren(tree, evaluated, spliced)
    }
    return tree
  }
  spliceChildren(node, evaluated, spliced)
  return node
}

const spliceChildren = (node: Node, evaluated: ReadonlyMap<string, RuleResult>, spliced: Map<string, Node>): void => {
  for (const key of ['all', 'any'] as const) {
    const list = node[key]
    if (Array.isArray(list)) node[key] = list.map((c: Node) => spliceSharedUses(c, evaluated, spliced))
  }
  if (node.not !== undefined && node.not !== null) node.not = spliceSharedUses(node.not as Node, evaluated, spliced)
}

/** Runs the pack's rules on one lead's facts and answers with json-rules-engine's rule results. */
export interface ReferenceEngine {
  run(facts: Facts): Promise<{ results: RuleResult[]; failureResults: RuleResult[] }>
  /** The marks on the pack's shared conditions, for the trace (explain.ts). */
  readonly marks: SharedMarks
}

const MAX_IDLE_ENGINES = 32

/** A mark of its own for each of the pack's shared conditions (see explain.ts), by symbol. */
const markSharedConditions = (pack: RulePack): { byName: Map<string, symbol>; marks: SharedMarks } => {
  const byName = new Map(Object.keys(pack.conditions).map((name) => [name, Symbol(name)]))
  return { byName, marks: new Map([...byName].map(([name, mark]) => [mark, name])) }
}

/** Builds the json-rules-engine Engine for a pack: chufei's operators, safe paths, marked shared conditions. */
export const buildEngine = (pack: RulePack, operators: Record<string, OperatorFn>, marks: ReadonlyMap<string, symbol>, runs: SharedRuns): Engine => {
  const engine = new Engine([], {
    allowUndefinedFacts: true,
    allowUndefinedConditions: false,
    replaceFactsInEventParams: false,
    pathResolver: safePathResolver,
  })
  for (const [name, fn] of Object.entries(operators)) engine.addOperator(name, fn)
  // Names on shared conditions survive into the trace after json-rules-engine inlines a reference; the mark
  // lets the trace show the use as a reference (explain.ts).
  for (const [name, condition] of Object.entries(pack.conditions)) {
    const registered = { ...withSharedUses(condition, true), name: condition.name ?? name, [marks.get(name)!]: true } as unknown as EngineCondition
    engine.setCondition(name, registered)
    const rule = new Rule({ name, conditions: registered, event: { type: 'shared-condition' } }) as unknown as EvaluableRule
    rule.setEngine(engine)
    engine.addFact(sharedFact(name), async (_params, almanac) => {
      const run = await rule.evaluate(almanac)
      let evaluated = runs.get(almanac)
      if (evaluated === undefined) runs.set(almanac, (evaluated = new Map()))
      evaluated.set(name, run)
      return run.result === true
    })
  }
  for (const rule of pack.rules) {
    engine.addRule({ name: rule.id, priority: rule.priority ?? 1, conditions: withSharedUses(rule.conditions, true) as EngineCondition, event: rule.event })
  }
  return engine
}

/**
 * Registers every `mentionsAny` keyword list of the pack with the matcher before any text is analysed. The
 * matcher would register a list when first asked, but a text analysed before that (every text of the first
 * leads) then searches the list's keywords one by one instead of taking them from its single pass. Same
 * answers either way (text-index.property.test.ts); this only spares the slow path.
 */
const registerKeywordLists = (pack: RulePack, matcher: TextMatcher): void => {
  const walk = (c: Condition): void => {
    if ('all' in c) c.all.forEach(walk)
    else if ('any' in c) c.any.forEach(walk)
    else if ('not' in c) walk(c.not)
    else if ('fact' in c && c.operator === 'mentionsAny' && Array.isArray(c.value) && c.value.every((k) => typeof k === 'string')) {
      matcher.registerKeywords(c.value as string[])
    }
  }
  for (const condition of Object.values(pack.conditions)) walk(condition)
  for (const rule of pack.rules) walk(rule.conditions)
}

/** Creates the pooled reference engine for a pack. */
export const createReferenceEngine = (pack: RulePack): ReferenceEngine => {
  const { matcher, ...operators } = createOperators(pack.config.text)
  registerKeywordLists(pack, matcher)
  const { byName, marks } = markSharedConditions(pack)
  const idle: Engine[] = []
  const runs: SharedRuns = new WeakMap()
  return {
    marks,
    async run(facts) {
      const engine = idle.pop() ?? buildEngine(pack, operators, byName, runs)
      try {
        const { results, failureResults, almanac } = await engine.run({ ...facts })
        const evaluated = runs.get(almanac) ?? new Map<string, RuleResult>()
        const spliced = new Map<string, Node>()
        for (const r of [...results, ...failureResults]) r.conditions = spliceSharedUses(r.conditions as unknown as Node, evaluated, spliced) as unknown as EngineCondition
        return { results, failureResults }
      } finally {
        if (idle.length < MAX_IDLE_ENGINES) idle.push(engine)
      }
    },
  }
}
