import { ruleResultConditions } from '../explain'
import type { ConditionTrace, SharedTraces } from '../explain'
import { factReader } from '../facts'
import { datedFactReader } from '../dated-figures'
import type { Facts } from '../facts'
import type { Lead } from '../lead'
import { createOperators } from '../operators'
import type { ReferenceEngine } from '../reference-engine'
import type { RulePack } from '../rule-pack'
import { compileRulePack } from './compile-rule-pack'
import type { FallbackRule } from './compile-rule-pack'

/*
 * What the scorer needs from an engine: which rules fire on a lead, and (for `explain`) each rule's
 * trace. Two implementations: json-rules-engine itself (the reference), and the compiled pack with
 * json-rules-engine running only the rules that did not compile.
 */

/** Which engine a scorer uses, and what fell back. */
export interface EngineInfo {
  /** The engine asked for. */
  readonly engine: 'compiled' | 'reference'
  /** Rules run by json-rules-engine although the compiled engine was asked for, with the reason. */
  readonly fallback: readonly FallbackRule[]
  /** True when no rule needs json-rules-engine, so leads can be scored synchronously (`scoreSync`). */
  readonly synchronous: boolean
  /** A note for people when some rules fell back (Chinese, then English); absent otherwise. */
  readonly warning?: string
}

/** One rule's outcome with its trace. */
export interface RuleOutcome {
  readonly fired: boolean
  readonly conditions: ConditionTrace
}

/** The rule-evaluation half of a scorer. */
export interface RuleRunner {
  readonly info: EngineInfo
  /**
   * The indexes in `pack.rules` of the rules that fire on a lead, ascending, in a list reused by the next
   * call; only when `info.synchronous`. Facts are read straight from the lead into the fact vector.
   */
  readonly fireLead: ((lead: Lead) => readonly number[]) | undefined
  fire(facts: Facts): Promise<Set<string>>
  /** Every rule's outcome by rule id; the shared conditions evaluated are traced into `shared`. */
  trace(facts: Facts, shared: SharedTraces): Promise<Map<string, RuleOutcome>>
}

/*
 * json-rules-engine (with jsonpath-plus, eventemitter2, hash-it: about a fifth of a browser bundle) is loaded
 * on the first lead that needs it, not with the scorer's module: a pack that compiles whole never loads it,
 * and a bundler puts it in a chunk of its own. Both methods that use it are asynchronous anyway.
 */
const referenceRunner = (pack: RulePack, info: EngineInfo): RuleRunner => {
  let loaded: Promise<ReferenceEngine> | undefined
  const engine = (): Promise<ReferenceEngine> =>
    (loaded ??= import('../reference-engine').then(({ createReferenceEngine }) => createReferenceEngine(pack)))
  return {
    info,
    fireLead: undefined,
    async fire(facts) {
      const run = await (await engine()).run(facts)
      return new Set(run.results.map((r) => r.name as string))
    },
    async trace(facts, shared) {
      const reference = await engine()
      const run = await reference.run(facts)
      const outcomes = new Map<string, RuleOutcome>()
      for (const [list, fired] of [[run.results, true], [run.failureResults, false]] as const) {
        for (const r of list) outcomes.set(r.name as string, { fired, conditions: ruleResultConditions(r, shared, reference.marks) })
      }
      return outcomes
    },
  }
}

const fallbackWarning = (fallback: readonly FallbackRule[]): string => {
  const ids = fallback.map((f) => f.rule).join('、')
  return `以下规则无法编译，改用 json-rules-engine 逐条评估（结果相同，速度较慢）：${ids} / these rules did not compile and run on json-rules-engine (same results, slower): ${fallback.map((f) => `${f.rule} (${f.reason})`).join('; ')}`
}

/** Creates the runner for a pack: the reference engine, or the compiled pack with its fallback. */
export const createRuleRunner = (pack: RulePack, engine: 'compiled' | 'reference', today: () => string): RuleRunner => {
  if (engine === 'reference') return referenceRunner(pack, { engine, fallback: [], synchronous: false })
  const { matcher: _matcher, ...operators } = createOperators(pack.config.text)
  const compiled = compileRulePack(pack, operators)
  const { fallback } = compiled
  const info: EngineInfo = {
    engine,
    fallback,
    synchronous: fallback.length === 0,
    ...(fallback.length > 0 ? { warning: fallbackWarning(fallback) } : {}),
  }
  const fallbackIds = new Set(fallback.map((f) => f.rule))
  const rest = fallback.length > 0 ? referenceRunner({ ...pack, rules: pack.rules.filter((r) => fallbackIds.has(r.id)) }, info) : undefined
  const readers = compiled.slots.map((name) => factReader(name) ?? datedFactReader(pack.config, name, today) ?? (() => undefined))
  const vector: unknown[] = new Array(readers.length).fill(undefined)
  return {
    info,
    fireLead: rest
      ? undefined
      : (lead) => {
          for (let s = 0; s < readers.length; s++) vector[s] = readers[s]!(lead)
          return compiled.fireVector(vector)
        },
    async fire(facts) {
      const fired = rest ? await rest.fire(facts) : new Set<string>()
      compiled.fire(facts, fired)
      return fired
    },
    async trace(facts, shared) {
      const outcomes: Map<string, RuleOutcome> = rest ? await rest.trace(facts, shared) : new Map()
      for (const [id, outcome] of compiled.trace(facts, shared)) outcomes.set(id, outcome)
      return outcomes
    },
  }
}
