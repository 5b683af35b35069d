import { ChufeiError } from './errors'
import type { SafeResult } from './errors'
import { aggregate, createRuleAggregator } from './aggregate'
import type { Aggregate } from './aggregate'
import { createRuleRunner } from './compiled/rule-runner'
import type { EngineInfo } from './compiled/rule-runner'
import { orderSharedTraces } from './explain'
import type { Explanation, RuleTrace, SharedTraces } from './explain'
import { leadToFacts } from './facts'
import type { Facts } from './facts'
import { addDatedFacts, compileRuleLabel, createToday, datedFiguresOf, figureDate } from './dated-figures'
import type { Lead } from './lead'
import { issuesToLeadErrors, prepareLead, readLeadForScoring } from './prepare-lead'
import type { LeadError, LeadWarning, RejectedResult, ScoredResult } from './result'
import type { RulePack } from './rule-pack'

/** The context of a lead scored without one (never handed out). */
const NO_CONTEXT: ScoreContext = Object.freeze({})

/** Where a lead came from, carried into its result. */
export interface ScoreContext {
  /** 1-based row number in the source sheet. */
  readonly line?: number
  /** Warnings found while reading the lead (e.g. by the sheet reader), listed before the scorer's own. */
  readonly warnings?: readonly LeadWarning[]
}

/** Options of {@link createScorer}. */
export interface ScorerOptions {
  /**
   * Which engine evaluates the rules: `compiled` (default) turns the pack into plain functions, proven
   * equal to `reference`, which is json-rules-engine itself. Both give the same results and traces.
   */
  readonly engine?: 'compiled' | 'reference'
  /**
   * The clock that says what day it is, for the dated figures of a lead without a 排查日期 (the value of
   * the one-year LPR in force today). Default: the system clock.
   */
  readonly now?: () => Date
}

/** Scores leads with one rule pack. Safe to call concurrently; results are deterministic. */
export interface Scorer {
  readonly pack: RulePack
  /** The engine in use, and any rules that fell back from the compiled engine to json-rules-engine. */
  readonly engineInfo: EngineInfo
  /**
   * Scores one lead (docs/spec.md §1) into a result (docs/spec.md §4).
   * @throws {ChufeiError} `INVALID_LEAD` when the input is not a valid lead; `issues` name each field
   */
  score(input: unknown, context?: ScoreContext): Promise<ScoredResult>
  /**
   * {@link Scorer.score} without a promise, for batch loops.
   * @throws {ChufeiError} `INVALID_LEAD` as `score`; `USAGE` unless `engineInfo.synchronous`
   */
  scoreSync(input: unknown, context?: ScoreContext): ScoredResult
  /** {@link Scorer.score} without throwing on an invalid lead. */
  safeScore(input: unknown, context?: ScoreContext): Promise<SafeResult<ScoredResult>>
  /** The result plus every rule's condition-level trace (the same from both engines). */
  explain(input: unknown, context?: ScoreContext): Promise<Explanation>
}

/**
 * Creates a scorer for a validated rule pack.
 *
 * @example
 * ```ts
 * import { createScorer } from '@chufei/core'
 * import { loadRulePack } from '@chufei/core/node'
 *
 * const scorer = createScorer(await loadRulePack('rules'))
 * const result = await scorer.score({ id: 'SQ-001', subject: { name: '某某养殖合作社' }, people: { total: 420 } })
 * console.log(result.tier, result.total, result.reasons)
 * ```
 */
export const createScorer = (pack: RulePack, options: ScorerOptions = {}): Scorer => {
  const engine = options.engine ?? 'compiled'
  if (engine !== 'compiled' && engine !== 'reference') {
    throw new ChufeiError('USAGE', `未知引擎“${String(engine)}”，可选 compiled 或 reference / unknown engine “${String(engine)}”: use compiled or reference`)
  }
  const today = createToday(options.now)
  const runner = createRuleRunner(pack, engine, today)
  const { name, version, hash } = pack
  const dated = datedFiguresOf(pack.config).size > 0
  const sharedOrder = Object.keys(pack.conditions)
  /** The facts of a lead for json-rules-engine and traces: its fields, derived facts and the pack's dated figures. */
  const factsOf = (lead: Lead): Facts => {
    const facts = leadToFacts(lead)
    if (dated) addDatedFacts(facts, lead, pack.config, today)
    return facts
  }

  // Literal objects with the keys in docs/spec.md §4 order (no spreads); nothing in a result is shared with another.
  const result = (lead: Lead, warnings: LeadWarning[], a: Aggregate, context: ScoreContext): ScoredResult => {
    const all = context.warnings && context.warnings.length > 0 ? mergeWarnings(context.warnings, warnings) : warnings
    const rulePack = { name, version, hash }
    return context.line !== undefined
      ? { id: lead.id, status: 'scored', line: context.line, total: a.total, tier: a.tier, scores: a.scores, patterns: a.patterns, disposition: a.disposition, reasons: a.reasons, assignment: a.assignment, warnings: all, rulePack }
      : { id: lead.id, status: 'scored', total: a.total, tier: a.tier, scores: a.scores, patterns: a.patterns, disposition: a.disposition, reasons: a.reasons, assignment: a.assignment, warnings: all, rulePack }
  }
  const finish = (lead: Lead, warnings: LeadWarning[], fired: ReadonlySet<string>, context: ScoreContext): ScoredResult =>
    result(lead, warnings, aggregate(pack, fired, lead, today), context)

  const { fireLead } = runner
  const aggregateFired = fireLead ? createRuleAggregator(pack, today) : undefined
  const scoreSync = (input: unknown, context: ScoreContext = NO_CONTEXT): ScoredResult => {
    if (!fireLead) {
      throw new ChufeiError('USAGE', `该评分器不能同步评分（${engine === 'reference' ? '参考引擎' : '部分规则未编译'}），请用 score() / this scorer cannot score synchronously; use score()`)
    }
    const warnings: LeadWarning[] = []
    const lead = readLeadForScoring(input, warnings)
    // Without fallback the compiled rules are the pack's rules, in order.
    return result(lead, warnings, aggregateFired!(fireLead(lead), lead), context)
  }

  const score = async (input: unknown, context: ScoreContext = NO_CONTEXT): Promise<ScoredResult> => {
    if (fireLead) return scoreSync(input, context)
    const { lead, warnings } = prepareLead(input)
    return finish(lead, warnings, await runner.fire(factsOf(lead)), context)
  }

  const safeScore = async (input: unknown, context?: ScoreContext): Promise<SafeResult<ScoredResult>> => {
    try {
      return { success: true, data: await score(input, context) }
    } catch (error) {
      if (error instanceof ChufeiError) return { success: false, error }
      throw error
    }
  }

  return {
    pack,
    engineInfo: runner.info,
    score,
    scoreSync,
    safeScore,
    async explain(input, context = {}) {
      const { lead, warnings } = prepareLead(input)
      const shared: SharedTraces = new Map()
      const outcomes = await runner.trace(factsOf(lead), shared)
      const fired = new Set([...outcomes].filter(([, o]) => o.fired).map(([id]) => id))
      const result = finish(lead, warnings, fired, context)
      // A rule whose name shows dated figures is named as its reason is: with the figures of this lead's date.
      const date = figureDate(lead, today)
      const nameOf = (rule: RulePack['rules'][number]) => (dated ? (compileRuleLabel(rule.name, pack.config)?.(date) ?? rule.name) : rule.name)
      const rules: RuleTrace[] = pack.rules.flatMap((rule) => {
        const outcome = outcomes.get(rule.id)
        return outcome ? [{ rule: rule.id, name: nameOf(rule), file: rule.file, fired: outcome.fired, event: rule.event, conditions: outcome.conditions }] : []
      })
      return { result, rules, shared: orderSharedTraces(shared, sharedOrder) }
    },
  }
}

/**
 * The reader's warnings, then the scorer's own — less any the reader already gave for the same field and
 * code (a sheet reader checks credit codes too, and says which column).
 */
const mergeWarnings = (first: readonly LeadWarning[], second: readonly LeadWarning[]): LeadWarning[] => {
  const seen = new Set(first.map((w) => `${w.field}\u0000${w.code}`))
  return [...first, ...second.filter((w) => !seen.has(`${w.field}\u0000${w.code}`))]
}

/**
 * The docs/spec.md §4 rejected result for a row that could not be scored.
 *
 * @example rejectedResult(error, { line: 7, id: null }) // { status: 'rejected', line: 7, id: null, errors: [...] }
 */
export const rejectedResult = (
  reason: ChufeiError | readonly LeadError[],
  context: { line?: number; id?: string | null; warnings?: readonly LeadWarning[] } = {},
): RejectedResult => {
  const errors = reason instanceof ChufeiError ? (reason.issues.length > 0 ? issuesToLeadErrors(reason.issues) : [{ code: reason.code.toLowerCase().replaceAll('_', '-'), message: reason.message }]) : [...reason]
  return {
    status: 'rejected',
    ...(context.line !== undefined ? { line: context.line } : {}),
    id: context.id ?? null,
    errors,
    ...(context.warnings && context.warnings.length > 0 ? { warnings: [...context.warnings] } : {}),
  }
}
