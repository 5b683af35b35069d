import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { CASE_SETS, readCaseSet, type CaseSet, type CaseSetName } from './case-expectations'
import { readFirstContact } from './first-contact'
import { measureAccuracy, type AccuracyReport } from './measure-accuracy'
import { scoreCaseSheet, type SheetRun } from './score-case-sheet'
import { readSheet } from '@chufei/sheets'
import { findSeenBefore, listSourceAddresses } from './source-pages'

/*
 * One case set of fixtures/cases/ (`CASE_SETS`): its sheet scored through the command line and
 * measured against its expectations. Also checks the corpus itself: every source id is listed in
 * SOURCES.md and every expected pattern is one the pack declares, so a typo cannot pass as a miss.
 */

/**
 * Sets once held out and now development data, with the round each was folded in (its first figures having been
 * recorded in fixtures/cases/first-contact.json). Folding a set in is one line here; the story of each set is in
 * fixtures/cases/README.md.
 */
export const FOLDED_INTO_DEVELOPMENT: Readonly<Partial<Record<CaseSetName, number>>> = {
  'held-out': 8,
  'held-out-2': 8,
  'held-out-3': 8,
  'held-out-4': 9,
  'held-out-5': 9,
  'held-out-6': 10,
  'held-out-7': 11,
  'held-out-8': 11,
  'held-out-9': 12,
  'held-out-10': 12,
  'held-out-11': 13,
  'held-out-12': 13,
  'held-out-13': 13,
  'held-out-14': 14,
  'held-out-15': 14,
  'held-out-16': 14,
  'held-out-17': 15,
  'held-out-18': 15,
  'held-out-19': 15,
  'held-out-20': 16,
  'held-out-21': 16,
  'held-out-22': 16,
  'held-out-23': 16,
  'held-out-24': 17,
}

/**
 * The sets held out from rule tuning now (保留集): every set of `CASE_SETS` but `dev` not yet folded into
 * development. A new set is held out from the moment it is added to `CASE_SETS`; nobody tunes rules on it until its
 * first figures are recorded and it is folded in.
 */
export const HELD_OUT_SETS: readonly CaseSetName[] = CASE_SETS.filter((set) => set !== 'dev' && FOLDED_INTO_DEVELOPMENT[set] === undefined)

/**
 * Whether a set is held out from rule tuning: its misses are counted by class but never listed in
 * docs/accuracy.md, and the console lists them only when asked. `heldOut`: the held-out sets (tests name their own).
 */
export const isHeldOut = (set: string, heldOut: readonly string[] = HELD_OUT_SETS): boolean => heldOut.includes(set)

/** How a set is labelled in reports: held out, development, or development since the round it was folded in. */
export const setRole = (set: string, heldOut: readonly string[] = HELD_OUT_SETS): string => {
  if (isHeldOut(set, heldOut)) return '保留集'
  const round = (FOLDED_INTO_DEVELOPMENT as Readonly<Record<string, number | undefined>>)[set]
  return round === undefined ? '开发' : `开发（第${round}轮并入）`
}

/** Where a set's files live under the repository. */
export const caseSetPaths = (repoRoot: string, set: CaseSetName) => ({
  sheet: join(repoRoot, 'fixtures', 'cases', set, 'sheet.csv'),
  expectations: join(repoRoot, 'fixtures', 'cases', set, 'expectations.json'),
  sources: join(repoRoot, 'fixtures', 'cases', 'SOURCES.md'),
})

export interface CaseSetRun {
  readonly expectations: CaseSet
  readonly run: SheetRun
  readonly report: AccuracyReport
  /**
   * Problems of the corpus itself: unknown source ids, patterns the pack does not declare, and for a set held
   * out now a case on a page an earlier case already cites that first-contact.json does not disclose.
   */
  readonly corpusProblems: readonly string[]
}

/** The source ids (`S001`, `M001`) listed as table rows in SOURCES.md. */
export const listSourceIds = (markdown: string): Set<string> =>
  new Set([...markdown.matchAll(/^\|\s*([SM]\d{3,4})\s*\|/gm)].map((m) => m[1]!))

const declaredPatterns = async (rulesDir: string): Promise<Set<string>> => {
  const pack = JSON.parse(await readFile(join(rulesDir, 'pack.json'), 'utf8')) as { patterns?: Array<{ id?: unknown }> }
  return new Set((pack.patterns ?? []).map((p) => String(p.id)))
}

/** Scores and measures one case set with the rule pack in `rulesDir`. */
export const runCaseSet = async (repoRoot: string, set: CaseSetName, rulesDir: string): Promise<CaseSetRun> => {
  const paths = caseSetPaths(repoRoot, set)
  const expectations = await readCaseSet(paths.expectations)
  const corpusProblems: string[] = []
  if (expectations.set !== set) corpusProblems.push(`${paths.expectations}: "set" is ${expectations.set}, expected ${set}`)
  const sourcesText = await readFile(paths.sources, 'utf8')
  const sources = listSourceIds(sourcesText)
  const patterns = await declaredPatterns(rulesDir)
  for (const c of expectations.cases) {
    if (!sources.has(c.source)) corpusProblems.push(`${c.id}: source ${c.source} is not listed in SOURCES.md`)
    for (const p of [...c.mustFire, ...c.mustNotFire]) {
      if (!patterns.has(p)) corpusProblems.push(`${c.id}: pattern ${p} is not declared in ${join(rulesDir, 'pack.json')}`)
    }
  }
  if (isHeldOut(set)) corpusProblems.push(...(await undisclosedSeenBefore(repoRoot, expectations, sourcesText)))
  const run = await scoreCaseSheet(paths.sheet, rulesDir, repoRoot)
  return { expectations, run, report: measureAccuracy(expectations, run), corpusProblems }
}

/** Every case's subject name (主体名称) as its sheet gives it, by `set/id`: what source-pages.ts compares besides pages. */
export const readCaseSubjects = async (repoRoot: string): Promise<Map<string, string>> => {
  const out = new Map<string, string>()
  for (const set of CASE_SETS) {
    for await (const event of readSheet(caseSetPaths(repoRoot, set).sheet)) {
      if (event.kind === 'lead' && event.lead.id !== undefined) out.set(`${set}/${event.lead.id}`, event.lead.subject.name)
    }
  }
  return out
}

/** A held-out set's cases seen before (source-pages.ts) that first-contact.json does not list. */
const undisclosedSeenBefore = async (repoRoot: string, set: CaseSet, sourcesText: string): Promise<string[]> => {
  const others = await Promise.all(CASE_SETS.filter((other) => other !== set.set).map((other) => readCaseSet(caseSetPaths(repoRoot, other).expectations)))
  const disclosed = new Set((await readFirstContact(repoRoot)).sets.find((s) => s.set === set.set)?.seenBefore?.cases ?? [])
  return findSeenBefore(set, others, listSourceAddresses(sourcesText), await readCaseSubjects(repoRoot))
    .filter((f) => !disclosed.has(f.id))
    .map((f) => `${f.id}: its source ${f.source} (${f.page}) is also that of ${f.earlier.set} ${f.earlier.id} (${f.earlier.source}), collected earlier — a held-out case must be a report and a subject the corpus does not hold yet`)
}
