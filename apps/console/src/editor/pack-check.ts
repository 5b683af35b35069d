import { createScorer, isRuleFile, parseRulePack } from '@chufei/core'
import { completeLead } from '@chufei/core/analyst'
import type { ApiIssue } from '../api-client'

/*
 * The rule editor's checks. Validation is the server's (`POST /v1/rules/validate`, the same code that
 * loads a pack); the rule's examples run here in the page, on the core bundled with the console, so they
 * run on every change without a round trip (there is no API to run one rule's examples).
 */

/** A rule as it stands in the pack's files. */
export interface PackRule {
  readonly id: string
  readonly name: string
  readonly file: string
  /** Its position in the file's `rules`. */
  readonly index: number
  /** `/rules/<index>`. */
  readonly pointer: string
  readonly rule: Readonly<Record<string, unknown>>
}

/** Every rule of every rule file, in file order (disabled rules included: they can be edited too). */
export const listPackRules = (files: Readonly<Record<string, string>>): PackRule[] => {
  const out: PackRule[] = []
  for (const file of Object.keys(files).filter(isRuleFile).sort()) {
    let parsed: unknown
    try {
      parsed = JSON.parse(files[file]!)
    } catch {
      continue
    }
    const rules = (parsed as { rules?: unknown }).rules
    if (!Array.isArray(rules)) continue
    rules.forEach((rule: unknown, index) => {
      if (typeof rule !== 'object' || rule === null) return
      const { id, name } = rule as { id?: unknown; name?: unknown }
      if (typeof id !== 'string') return
      out.push({ id, name: typeof name === 'string' ? name : id, file, index, pointer: `/rules/${index}`, rule: rule as Record<string, unknown> })
    })
  }
  return out
}

/** The issues of a validation that fall inside the rule, with pointers relative to the rule; and the rest. */
export const splitIssues = (issues: readonly ApiIssue[], rule: Pick<PackRule, 'file' | 'pointer'>): { inRule: ApiIssue[]; elsewhere: ApiIssue[] } => {
  const inRule: ApiIssue[] = []
  const elsewhere: ApiIssue[] = []
  for (const issue of issues) {
    const inside = issue.file === rule.file && (issue.pointer === rule.pointer || issue.pointer.startsWith(`${rule.pointer}/`))
    if (inside) inRule.push({ ...issue, pointer: issue.pointer.slice(rule.pointer.length) })
    else elsewhere.push(issue)
  }
  return { inRule, elsewhere }
}

/** One example of the rule, run. */
export interface ExampleRun {
  readonly index: number
  readonly description?: string
  readonly lead: unknown
  readonly expected: boolean
  /** Whether the rule fired; undefined when the example's lead could not be scored (see `error`). */
  readonly fired?: boolean
  readonly error?: string
}

/** The rule's examples, run on the edited pack; or why they could not run. */
export type ExamplesOutcome =
  | { readonly status: 'ran'; readonly runs: readonly ExampleRun[] }
  | { readonly status: 'blocked'; readonly message: string }
  | { readonly status: 'disabled' }

/** Runs rule `ruleId`'s examples against the pack in `files`. */
export const runRuleExamples = async (files: Readonly<Record<string, string>>, ruleId: string): Promise<ExamplesOutcome> => {
  let pack
  try {
    pack = parseRulePack(files)
  } catch (error) {
    return { status: 'blocked', message: error instanceof Error ? error.message : String(error) }
  }
  const rule = pack.rules.find((r) => r.id === ruleId)
  if (rule === undefined) return { status: 'disabled' }
  const scorer = createScorer(pack)
  const runs: ExampleRun[] = []
  for (const [index, example] of (rule.examples ?? []).entries()) {
    const base = { index, lead: example.lead, expected: example.fires, ...(example.description === undefined ? {} : { description: example.description }) }
    try {
      const explained = await scorer.explain(completeLead(example.lead, `${ruleId}#${index + 1}`))
      runs.push({ ...base, fired: explained.rules.find((r) => r.rule === ruleId)?.fired ?? false })
    } catch (error) {
      runs.push({ ...base, error: error instanceof Error ? error.message : String(error) })
    }
  }
  return { status: 'ran', runs }
}
