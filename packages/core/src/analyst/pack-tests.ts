import { createScorer } from '../create-scorer'
import { ChufeiError } from '../errors'
import type { Issue } from '../errors'
import type { Explanation, RuleTrace } from '../explain'
import { parseJsonSource } from '../json-source'
import type { JsonSource } from '../json-source'
import type { LoadedRule, RulePack, RulePackFiles } from '../rule-pack'
import { DISPOSITIONS, TIERS, tierRank } from '../vocabulary'
import { makeIssue, zodToIssues } from '../_zod-issues'
import { formatLead } from './format-lead'
import { findJsonSyntaxError } from '../json-syntax'
import type { Lang } from '../format-value'
import { explainDimensions, explainDisposition, explainTier, formatRuleTrace } from './format-explanation'
import { PackTestFileSchema, isPackTestFile } from './pack-tests-schema'
import type { PackTestCase, PackTestExpectation } from './pack-tests-schema'

/*
 * Examples as tests (示例即测试): every rule's `examples` and every case in `tests/*.json` are scored with
 * the pack, and each failure keeps what is needed to say why — the expectation, what came out, and the
 * condition traces of the rules involved.
 */

/** Where a test is written. */
export interface TestSite {
  readonly file: string
  readonly pointer: string
  readonly line?: number
  readonly column?: number
}

/** One mismatch between an expectation and the result. */
export interface Mismatch {
  readonly field: 'fires' | 'tier' | 'minTier' | 'patterns' | 'disposition' | 'minTotal' | 'maxTotal' | 'lead'
  readonly expected: unknown
  readonly actual: unknown
}

/** The outcome of one rule example or pack case. */
export interface PackTestOutcome {
  readonly kind: 'example' | 'case'
  /** `scale-150 示例 2` or the case's name. */
  readonly name: string
  readonly site: TestSite
  readonly passed: boolean
  readonly mismatches: readonly Mismatch[]
  /** The lead as written (fragment). */
  readonly lead: unknown
  /** The rule an example belongs to. */
  readonly rule?: string
  /** The explanation, when the lead could be scored and the test failed. */
  readonly explanation?: Explanation
  /** Rules whose traces explain a failure. */
  readonly involved: readonly RuleTrace[]
}

/** Everything `rules test` found. */
export interface PackTestReport {
  readonly outcomes: readonly PackTestOutcome[]
  /** Problems in the test files themselves (syntax, shape). */
  readonly issues: readonly Issue[]
  readonly passed: number
  readonly failed: number
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)

/** Completes a lead fragment with an id and a subject name, so examples can leave them out. */
export const completeLead = (fragment: Record<string, unknown>, fallbackId: string): Record<string, unknown> => {
  const subject = isObject(fragment.subject) ? fragment.subject : {}
  return { id: fallbackId, ...fragment, subject: { name: '（测试主体）', ...subject } }
}

const sourceOf = (files: RulePackFiles, file: string): JsonSource | undefined => {
  const content = files[file]
  if (typeof content !== 'string') return undefined
  const parsed = parseJsonSource(content)
  return parsed.ok ? parsed.source : undefined
}

const siteOf = (source: JsonSource | undefined, file: string, pointer: string): TestSite => ({ file, pointer, ...source?.locate(pointer) })

const explainOrMismatch = async (scorer: ReturnType<typeof createScorer>, lead: unknown): Promise<Explanation | Mismatch> => {
  try {
    return await scorer.explain(lead)
  } catch (error) {
    if (!(error instanceof ChufeiError)) throw error
    return { field: 'lead', expected: '有效线索', actual: error.issues.map((i) => `${i.pointer ?? ''} ${i.message}`.trim()).join('；') }
  }
}

const compare = (expect: PackTestExpectation, e: Explanation): Mismatch[] => {
  const r = e.result
  const out: Mismatch[] = []
  if (expect.tier !== undefined && expect.tier !== r.tier) out.push({ field: 'tier', expected: expect.tier, actual: r.tier })
  if (expect.minTier !== undefined && tierRank(r.tier) < tierRank(expect.minTier)) out.push({ field: 'minTier', expected: expect.minTier, actual: r.tier })
  if (expect.disposition !== undefined && expect.disposition !== r.disposition) out.push({ field: 'disposition', expected: expect.disposition, actual: r.disposition })
  if (expect.patterns !== undefined) {
    const want = [...new Set(expect.patterns)].sort()
    const got = [...r.patterns].sort()
    if (want.join(',') !== got.join(',')) out.push({ field: 'patterns', expected: want, actual: got })
  }
  if (expect.minTotal !== undefined && r.total < expect.minTotal) out.push({ field: 'minTotal', expected: expect.minTotal, actual: r.total })
  if (expect.maxTotal !== undefined && r.total > expect.maxTotal) out.push({ field: 'maxTotal', expected: expect.maxTotal, actual: r.total })
  return out
}

/** The rules whose traces explain a case's mismatches. */
const involvedRules = (mismatches: readonly Mismatch[], e: Explanation): RuleTrace[] => {
  const picked = new Set<RuleTrace>()
  for (const m of mismatches) {
    for (const r of e.rules) {
      const ev = r.event
      if (m.field === 'patterns' && ev.type === 'pattern') {
        const differs = (m.expected as string[]).includes(ev.params.pattern) !== (m.actual as string[]).includes(ev.params.pattern)
        if (differs) picked.add(r)
      }
      if (m.field === 'disposition' && ev.type === 'disposition' && (r.fired || ev.params.disposition === m.expected)) picked.add(r)
      if ((m.field === 'tier' || m.field === 'minTier') && (ev.type === 'escalate' || ev.type === 'cap') && (r.fired || ev.params.tier === m.expected)) picked.add(r)
    }
  }
  return e.rules.filter((r) => picked.has(r))
}

const runExamples = async (pack: RulePack, files: RulePackFiles, scorer: ReturnType<typeof createScorer>): Promise<PackTestOutcome[]> => {
  const outcomes: PackTestOutcome[] = []
  const sources = new Map<string, JsonSource | undefined>()
  for (const rule of pack.rules as readonly LoadedRule[]) {
    if (!rule.examples?.length) continue
    if (!sources.has(rule.file)) sources.set(rule.file, sourceOf(files, rule.file))
    for (const [i, example] of rule.examples.entries()) {
      const pointer = `${rule.pointer}/examples/${i}`
      const lead = completeLead(example.lead, `${rule.id}#${i + 1}`)
      const explained = await explainOrMismatch(scorer, lead)
      const base = { kind: 'example' as const, name: `${rule.id} 示例 ${i + 1}`, site: siteOf(sources.get(rule.file), rule.file, pointer), lead: example.lead, rule: rule.id }
      if (!('result' in explained)) {
        outcomes.push({ ...base, passed: false, mismatches: [explained], involved: [] })
        continue
      }
      const trace = explained.rules.find((r) => r.rule === rule.id)
      const fired = trace?.fired ?? false
      const mismatches: Mismatch[] = fired === example.fires ? [] : [{ field: 'fires', expected: example.fires, actual: fired }]
      // A passed example keeps no explanation: every rule's trace of every example would not fit in memory
      // once a pack has a few hundred examples (each trace copies the keyword lists it shows).
      outcomes.push(mismatches.length === 0 ? { ...base, passed: true, mismatches, involved: [] } : { ...base, passed: false, mismatches, explanation: explained, involved: trace ? [trace] : [] })
    }
  }
  return outcomes
}

const runCases = async (files: RulePackFiles, scorer: ReturnType<typeof createScorer>, issues: Issue[]): Promise<PackTestOutcome[]> => {
  const outcomes: PackTestOutcome[] = []
  for (const file of Object.keys(files).filter(isPackTestFile).sort()) {
    const content = files[file]
    let source: JsonSource
    if (typeof content === 'string') {
      const parsed = parseJsonSource(content)
      if (!parsed.ok) {
        const real = findJsonSyntaxError(content)
        issues.push(makeIssue('json-syntax', { detail: real?.message ?? parsed.error.message }, { file, pointer: '', ...(real ? { line: real.line, column: real.column } : parsed.error.position) }))
        continue
      }
      source = parsed.source
    } else source = { value: content, locate: () => undefined }
    const checked = PackTestFileSchema.safeParse(source.value)
    if (!checked.success) {
      issues.push(...zodToIssues(checked.error, { file, locate: source.locate }))
      continue
    }
    for (const [i, c] of checked.data.cases.entries()) outcomes.push(await runCase(c, siteOf(source, file, `/cases/${i}`), scorer))
  }
  return outcomes
}

const runCase = async (c: PackTestCase, site: TestSite, scorer: ReturnType<typeof createScorer>): Promise<PackTestOutcome> => {
  const base = { kind: 'case' as const, name: c.name, site, lead: c.lead }
  const explained = await explainOrMismatch(scorer, completeLead(c.lead, c.name))
  if (!('result' in explained)) return { ...base, passed: false, mismatches: [explained], involved: [] }
  const mismatches = compare(c.expect, explained)
  if (mismatches.length === 0) return { ...base, passed: true, mismatches, involved: [] }
  return { ...base, passed: false, mismatches, explanation: explained, involved: involvedRules(mismatches, explained) }
}

/**
 * Runs every rule example and every case in `tests/*.json` against a loaded pack.
 * `files` are the pack's files (the same ones the pack was parsed from), for the test files and locations.
 *
 * @example
 * ```ts
 * const files = await readRulePackFiles('rules')
 * const report = await runPackTests(parseRulePack(files), files)
 * console.log(formatPackTestReport(report, pack))
 * ```
 */
export const runPackTests = async (pack: RulePack, files: RulePackFiles): Promise<PackTestReport> => {
  const scorer = createScorer(pack)
  const issues: Issue[] = []
  const outcomes = [...(await runExamples(pack, files, scorer)), ...(await runCases(files, scorer, issues))]
  const passed = outcomes.filter((o) => o.passed).length
  return { outcomes, issues, passed, failed: outcomes.length - passed }
}

const show = (m: Mismatch, lang: Lang): [string, string] => {
  const v = (x: unknown): string => {
    if (m.field === 'tier' || m.field === 'minTier') return lang === 'zh' ? TIERS[x as keyof typeof TIERS].zh : String(x)
    if (m.field === 'disposition') return lang === 'zh' ? DISPOSITIONS[x as keyof typeof DISPOSITIONS].zh : String(x)
    if (m.field === 'fires') return lang === 'zh' ? (x ? '触发' : '不触发') : x ? 'fires' : 'does not fire'
    if (m.field === 'patterns') return (x as string[]).length > 0 ? (x as string[]).join(lang === 'zh' ? '、' : ', ') : lang === 'zh' ? '（无）' : '(none)'
    return String(x)
  }
  return [v(m.expected), v(m.actual)]
}

const FIELD = {
  zh: { fires: '是否触发', tier: '预警等级', minTier: '预警等级下限', patterns: '重点行为', disposition: '处置建议', minTotal: '综合得分下限', maxTotal: '综合得分上限', lead: '线索' },
  en: { fires: 'fires', tier: 'tier', minTier: 'minimum tier', patterns: 'patterns', disposition: 'disposition', minTotal: 'minimum total', maxTotal: 'maximum total', lead: 'lead' },
}

/** One failed test as readable text: where, the lead, expected vs actual, and the traces involved. */
export const formatTestFailure = (o: PackTestOutcome, pack: RulePack, lang: Lang = 'zh'): string[] => {
  const where = [o.site.file, o.site.line, o.site.column].filter((x) => x !== undefined).join(':')
  const lines = [`✗ ${where}  ${o.site.pointer}  ${o.kind === 'example' ? (lang === 'zh' ? '规则示例' : 'rule example') : lang === 'zh' ? '案例' : 'case'} ${lang === 'zh' ? `“${o.name}”` : `"${o.name}"`}`]
  lines.push(`    ${lang === 'zh' ? '线索' : 'lead'}：${formatLead(o.lead, lang) || (lang === 'zh' ? '（空）' : '(empty)')}`)
  for (const m of o.mismatches) {
    const [want, got] = show(m, lang)
    lines.push(lang === 'zh' ? `    ${FIELD.zh[m.field]}：预期 ${want}，实际 ${got}` : `    ${FIELD.en[m.field]}: expected ${want}, got ${got}`)
  }
  const e = o.explanation
  if (e && o.kind === 'case') {
    const r = e.result
    const patterns = r.patterns.length > 0 ? r.patterns.join('、') : lang === 'zh' ? '无' : 'none'
    lines.push(
      lang === 'zh'
        ? `    实际结果：综合得分 ${r.total}，${TIERS[r.tier].zh}，${DISPOSITIONS[r.disposition].zh}，重点行为 ${patterns}`
        : `    result: total ${r.total}, ${r.tier}, ${r.disposition}, patterns ${patterns}`,
    )
    if (o.mismatches.some((m) => m.field === 'tier' || m.field === 'minTier' || m.field === 'minTotal' || m.field === 'maxTotal')) {
      lines.push(...explainDimensions(e, pack, lang).map((l) => `      ${l}`), ...explainTier(e, pack, lang).map((l) => `      ${l}`))
    }
    if (o.mismatches.some((m) => m.field === 'disposition')) lines.push(...explainDisposition(e, pack, lang).map((l) => `      ${l}`))
  }
  // Each involved rule's tree is read on its own: shared conditions are shown in it, each once.
  const shared = o.explanation?.shared
  for (const trace of o.involved) lines.push(...formatRuleTrace(trace, pack, lang, { ...(shared ? { shared } : {}), expanded: new Set() }).map((l) => `    ${l}`))
  return lines
}

/** The whole report: failures with reasons, problems in test files, and a summary line. */
export const formatPackTestReport = (report: PackTestReport, pack: RulePack, lang: Lang = 'zh'): string => {
  const lines: string[] = []
  for (const issue of report.issues) {
    const where = [issue.file, issue.line, issue.column].filter((x) => x !== undefined).join(':')
    lines.push(`✗ ${where}  ${issue.pointer ?? ''}  ${lang === 'zh' ? issue.message : issue.messageEn}`)
  }
  for (const o of report.outcomes) if (!o.passed) lines.push(...formatTestFailure(o, pack, lang), '')
  const examples = report.outcomes.filter((o) => o.kind === 'example')
  const cases = report.outcomes.filter((o) => o.kind === 'case')
  const failedOf = (list: readonly PackTestOutcome[]) => list.filter((o) => !o.passed).length
  lines.push(
    lang === 'zh'
      ? `规则示例 ${examples.length} 项（失败 ${failedOf(examples)}），案例 ${cases.length} 项（失败 ${failedOf(cases)}）：通过 ${report.passed}，失败 ${report.failed}${report.issues.length > 0 ? `，测试文件问题 ${report.issues.length} 个` : ''}`
      : `${examples.length} rule examples (${failedOf(examples)} failed), ${cases.length} cases (${failedOf(cases)} failed): ${report.passed} passed, ${report.failed} failed${report.issues.length > 0 ? `, ${report.issues.length} problems in test files` : ''}`,
  )
  return `${lines.join('\n')}\n`
}
