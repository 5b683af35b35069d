import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { readCaseSet, type CaseSet, type CaseSetName } from './case-expectations'
import { measureAccuracy, type AccuracyReport } from './measure-accuracy'
import { scoreCaseSheet, type SheetRun } from './score-case-sheet'

/*
 * One case set of fixtures/cases/ (`dev`, `held-out`, `held-out-2`, `held-out-3`, `held-out-4`, `held-out-5`, `held-out-6`, `held-out-7`, `held-out-8`, `held-out-9`, `held-out-10`, `held-out-11`, `held-out-12`, `held-out-13`, `held-out-14`, `held-out-15`, `held-out-16`, `held-out-17`, `held-out-18`, `held-out-19`, `held-out-20`, `held-out-21`, `held-out-22`, `held-out-23` or `held-out-24`): its sheet scored through the command line and
 * measured against its expectations. Also checks the corpus itself: every source id is listed in
 * SOURCES.md and every expected pattern is one the pack declares, so a typo cannot pass as a miss.
 */

/**
 * The sets still held out from rule tuning. `held-out-2` was collected after the first held-out set had been
 * scored, so that a second set stays unseen by anyone tuning on the first; `held-out-3` likewise after both had
 * been scored (round 8). In round 8, after held-out-3 had been committed with its baseline, `held-out` and
 * `held-out-2` were folded into development; later in round 8, after held-out-3 had been scored and its figures
 * published, it was folded in too, once `held-out-4` — a fourth set of published cases none of the others holds —
 * had been committed with its baseline (before any rule change). In round 9, `held-out-5` — a fifth set of published
 * cases none of the others holds — was committed with its baseline before any rule change; then, pack 2024.5.0
 * having been measured on held-out-4 and its figures published, held-out-4 was folded in as well. Later in round 9,
 * `held-out-6` — a sixth set of published cases none of the others holds — was committed with its baseline (pack
 * 2024.6.0) before any further rule change; then, pack 2024.6.0 having been measured once on held-out-5 and its
 * figures published, held-out-5 was folded in too. In round 10, `held-out-7` — a seventh set of published cases none
 * of the others holds — was committed with its baseline (pack 2024.7.0) before any further rule change; then, pack
 * 2024.7.0 having been measured once on held-out-6 and its figures published, held-out-6 was folded in as well.
 * In round 11, before any rule was tuned on anything new, `held-out-8` — an eighth set of published cases none of
 * the others holds — was committed with its baseline (pack 2024.8.0); then, pack 2024.8.0 having been measured once
 * on held-out-7 and its figures published, held-out-7 was folded in too. Later in round 11, before any rule was tuned
 * on anything new, `held-out-9` — a ninth set of published cases none of the others holds — was committed with its
 * baseline (pack 2024.9.0); then, pack 2024.9.0 having been measured once on held-out-8 and its figures published,
 * held-out-8 was folded in as well. In round 12, held-out-10 — a tenth set of published cases none of the others holds —
 * was committed with its baseline on pack 2024.10.1 before any rule was tuned on anything new; then held-out-9, whose
 * 2024.10.1 figures had been published, was folded in and pack 2024.11.0 tuned on it. Later in round 12, before any
 * rule was tuned on anything new, `held-out-11` — an eleventh set of published cases none of the others holds — was
 * committed with its baseline on pack 2024.11.0; then held-out-10, whose 2024.11.0 figures had been published, was
 * folded in and pack 2024.12.0 tuned on it. In round 13, before any rule was tuned on anything new, `held-out-12` — a
 * twelfth set of published cases none of the others holds — was committed with its baseline on pack 2024.12.0; then
 * held-out-11, whose 2024.12.0 figures had been published, was folded in and pack 2025.1.0 tuned on it. Later in
 * round 13, before any rule was tuned on anything new, `held-out-13` — a thirteenth set of published cases none of the
 * others holds — was committed with its baseline on pack 2025.1.0; then held-out-12, whose 2025.1.0 figures had been
 * published, was folded in and pack 2025.2.0 tuned on it. Still in round 13, after pack 2025.2.0 and before any rule was
 * tuned on anything new, `held-out-14` — a fourteenth set of published cases none of the others holds — was committed
 * with its baseline on pack 2025.2.0; then held-out-13, whose 2025.2.0 figures had been published, was folded in and
 * pack 2025.3.0 tuned on it. In round 14, after pack 2025.3.0 and before any rule was tuned on anything new,
 * `held-out-15` — a fifteenth set of published cases none of the others holds — was committed with its baseline on
 * pack 2025.3.0; then held-out-14 (pack 2025.3.0 having been measured on it once) was folded in and pack 2025.4.0
 * tuned on it. Still in round 14, before any rule was tuned on anything new, `held-out-16` — a sixteenth set of
 * published cases none of the others holds — was committed with its baseline on pack 2025.4.0; then held-out-15
 * (pack 2025.4.0 having been measured on it once) was folded in and pack 2025.5.0 tuned on it. After pack 2025.5.0,
 * before any rule was tuned on anything new, `held-out-17` — a seventeenth set of published cases none of the others
 * holds — was committed with its baseline on pack 2025.5.0; then held-out-16 (pack 2025.5.0 having been measured on
 * it once) was folded in and pack 2025.6.0 tuned on it. In round 15, after pack 2025.6.0 and before any rule was
 * tuned on anything new, `held-out-18` — an eighteenth set of published cases none of the others holds — was committed
 * with its baseline on pack 2025.6.0; then held-out-17 (pack 2025.6.0 having been measured on it once) was folded in
 * and pack 2025.7.0 tuned on it. Still in round 15, after pack 2025.7.0 and before any rule was tuned on anything new,
 * `held-out-19` — a nineteenth set of published cases none of the others holds — was committed with its baseline on
 * pack 2025.7.0; then held-out-18 (pack 2025.7.0 having been measured on it once) was folded in and pack 2025.8.0 tuned
 * on it. Still in round 15, after pack 2025.8.0 and before any rule was tuned on anything new, `held-out-20` — a
 * twentieth set of published cases none of the others holds — was committed with its baseline on pack 2025.8.0; then
 * held-out-19 (pack 2025.8.0 having been measured on it once) was folded in and pack 2025.9.0 tuned on it. held-out-20
 * is held out; no rule is tuned on it. Still in round 15, after pack 2025.10.0 and before any rule was tuned on anything
 * new, `held-out-21` — a twenty-first set of published cases none of the others holds — was committed with its baseline
 * on pack 2025.10.0; it is held out alongside held-out-20 and no rule is tuned on either. In round 16, held-out-20
 * (packs 2025.9.0 and 2025.10.0 having been measured on it) was folded in and pack 2025.11.0 tuned on it; held-out-21
 * stays held out. Also in round 16, still on pack 2025.10.0 and before any rule was tuned on anything new,
 * `held-out-22` — a twenty-second set of published cases none of the others holds — was committed with its baseline;
 * it is held out alongside held-out-21. Later in round 16, held-out-21 and held-out-22 (pack 2025.11.0 having been
 * measured on both once) were folded in and pack 2025.12.0 tuned on them. `held-out-23` — a twenty-third set of
 * published cases none of the others holds, committed with its baseline on pack 2025.11.0 before any rule was tuned
 * on anything new — was held out until pack 2025.12.0 had been measured on it once; then it was folded in (round 16)
 * and pack 2025.13.0 tuned on it. `held-out-24` — a twenty-fourth set of published cases none of the others holds,
 * committed with its baseline on pack 2025.12.0 before any rule was tuned on anything new — was held out until pack
 * 2025.13.0 had been measured on it once; then it was folded in (round 17) and pack 2025.15.0 tuned on it. Another set
 * is being collected.
 * Every held-out set's first figures are in fixtures/cases/first-contact.json. The folded sets keep their names (their
 * files and figures keep their history), but their misses are listed like the dev set's and rules may be tuned on them.
 */
export const HELD_OUT_SETS: readonly CaseSetName[] = []

/** Sets once held out and now development data, with the round each was folded in. */
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
  /** Problems of the corpus itself (unknown source ids, patterns the pack does not declare). */
  readonly corpusProblems: readonly string[]
}

/** The source ids (`S001`, `M001`) listed as table rows in SOURCES.md. */
export const listSourceIds = (markdown: string): Set<string> =>
  new Set([...markdown.matchAll(/^\|\s*([SM]\d{3})\s*\|/gm)].map((m) => m[1]!))

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
  const sources = listSourceIds(await readFile(paths.sources, 'utf8'))
  const patterns = await declaredPatterns(rulesDir)
  for (const c of expectations.cases) {
    if (!sources.has(c.source)) corpusProblems.push(`${c.id}: source ${c.source} is not listed in SOURCES.md`)
    for (const p of [...c.mustFire, ...c.mustNotFire]) {
      if (!patterns.has(p)) corpusProblems.push(`${c.id}: pattern ${p} is not declared in ${join(rulesDir, 'pack.json')}`)
    }
  }
  const run = await scoreCaseSheet(paths.sheet, rulesDir, repoRoot)
  return { expectations, run, report: measureAccuracy(expectations, run), corpusProblems }
}
