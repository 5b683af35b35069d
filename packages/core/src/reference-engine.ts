import { Engine } from 'json-rules-engine'
import type { RuleResult, TopLevelCondition as EngineCondition } from 'json-rules-engine'
import type { SharedMarks } from './explain'
import type { Facts } from './facts'
import type { OperatorFn } from './operators'
import type { Condition } from './rule-pack-schema'
import type { TextMatcher } from './text'
import { createOperators } from './operators'
import type { RulePack } from './rule-pack'
import { safePathResolver } from './safe-path'

/*
 * The reference engine: json-rules-engine itself, configured safely. It defines what a rule pack means
 * and produces the condition-level trace analysts read.
 *
 * A json-rules-engine Engine keeps run status on itself, so overlapping `run()` calls on one Engine
 * interfere. Each run therefore takes an Engine of its own from a small pool and gives it back after.
 */

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
export const buildEngine = (pack: RulePack, operators: Record<string, OperatorFn>, marks: ReadonlyMap<string, symbol>): Engine => {
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
    engine.setCondition(name, { ...condition, name: condition.name ?? name, [marks.get(name)!]: true } as unknown as EngineCondition)
  }
  for (const rule of pack.rules) {
    engine.addRule({ name: rule.id, priority: rule.priority ?? 1, conditions: rule.conditions as EngineCondition, event: rule.event })
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
  return {
    marks,
    async run(facts) {
      const engine = idle.pop() ?? buildEngine(pack, operators, byName)
      try {
        const { results, failureResults } = await engine.run({ ...facts })
        return { results, failureResults }
      } finally {
        if (idle.length < MAX_IDLE_ENGINES) idle.push(engine)
      }
    },
  }
}
