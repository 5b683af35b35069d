import { ChufeiError } from './errors'
import type { SafeResult } from './errors'
import { aggregate } from './aggregate'
import type { Explanation, RuleTrace } from './explain'
import { ruleResultConditions } from './explain'
import { leadToFacts } from './facts'
import { issuesToLeadErrors, prepareLead } from './prepare-lead'
import { createReferenceEngine } from './reference-engine'
import type { LeadError, LeadWarning, RejectedResult, ScoredResult } from './result'
import type { RulePack } from './rule-pack'

/** Where a lead came from, carried into its result. */
export interface ScoreContext {
  /** 1-based row number in the source sheet. */
  readonly line?: number
  /** Warnings found while reading the lead (e.g. by the sheet reader), listed before the scorer's own. */
  readonly warnings?: readonly LeadWarning[]
}

/** Options of {@link createScorer}. */
export interface ScorerOptions {
  /** Which engine evaluates the rules. Only `reference` (json-rules-engine) exists so far. */
  readonly engine?: 'reference'
}

/** Scores leads with one rule pack. Safe to call concurrently; results are deterministic. */
export interface Scorer {
  readonly pack: RulePack
  /**
   * Scores one lead (SPEC §1) into a result (SPEC §4).
   * @throws {ChufeiError} `INVALID_LEAD` when the input is not a valid lead; `issues` name each field
   */
  score(input: unknown, context?: ScoreContext): Promise<ScoredResult>
  /** {@link Scorer.score} without throwing on an invalid lead. */
  safeScore(input: unknown, context?: ScoreContext): Promise<SafeResult<ScoredResult>>
  /** The result plus every rule's condition-level trace. */
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
export const createScorer = (pack: RulePack, _options: ScorerOptions = {}): Scorer => {
  const engine = createReferenceEngine(pack)
  const rulePack = { name: pack.name, version: pack.version, hash: pack.hash }
  const rulesById = new Map(pack.rules.map((r) => [r.id, r]))

  const evaluate = async (input: unknown, context: ScoreContext) => {
    const { lead, warnings } = prepareLead(input)
    const run = await engine.run(leadToFacts(lead))
    const fired = new Set(run.results.map((r) => r.name as string))
    const result: ScoredResult = {
      id: lead.id,
      status: 'scored',
      ...(context.line !== undefined ? { line: context.line } : {}),
      ...aggregate(pack, fired, lead),
      warnings: [...(context.warnings ?? []), ...warnings],
      rulePack,
    }
    return { result, run }
  }

  const score = async (input: unknown, context: ScoreContext = {}) => (await evaluate(input, context)).result

  return {
    pack,
    score,
    async safeScore(input, context) {
      try {
        return { success: true, data: await score(input, context) }
      } catch (error) {
        if (error instanceof ChufeiError) return { success: false, error }
        throw error
      }
    },
    async explain(input, context = {}) {
      const { result, run } = await evaluate(input, context)
      const traces = new Map<string, RuleTrace>()
      for (const [list, fired] of [[run.results, true], [run.failureResults, false]] as const) {
        for (const r of list) {
          const rule = rulesById.get(r.name as string)
          if (!rule) continue
          traces.set(rule.id, { rule: rule.id, name: rule.name, file: rule.file, fired, event: rule.event, conditions: ruleResultConditions(r) })
        }
      }
      return { result, rules: pack.rules.flatMap((r) => traces.get(r.id) ?? []) }
    },
  }
}

/**
 * The SPEC §4 rejected result for a row that could not be scored.
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
