#!/usr/bin/env node
// Accuracy of the rule pack on the corpus of published cases (issue 10): prints the figures of every case set
// (`CASE_SETS`, apps/cli/src/accuracy/case-expectations.ts) and every development miss, and writes docs/accuracy.md.
//   npm run accuracy                       bundled rules/, writes docs/accuracy.md
//   npm run accuracy -- --rules other/     another pack (docs/accuracy.md is written only for the bundled rules/)
//   npm run accuracy -- --show-held-out    also list the misses of the sets held out now (`HELD_OUT_SETS`,
//                                          apps/cli/src/accuracy/run-case-set.ts; never tune rules on them). Sets
//                                          folded into development (`FOLDED_INTO_DEVELOPMENT`) list their misses always.
//   npm run accuracy -- --no-write         print only
// Runs the TypeScript sources: node --conditions=source --import tsx scripts/accuracy.mjs
import { readFile, writeFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { CASE_SETS, formatAccuracyMarkdown, formatFigures, formatMisses, isHeldOut, readFirstContact, runCaseSet, setRole, unmetTargets } from '../apps/cli/src/accuracy/index.ts'

const root = fileURLToPath(new URL('..', import.meta.url)).replace(/[\\/]$/, '')
const args = process.argv.slice(2)
const rulesAt = args.indexOf('--rules')
const bundled = join(root, 'rules')
const rulesDir = rulesAt >= 0 && args[rulesAt + 1] ? resolve(args[rulesAt + 1]) : bundled
const showHeldOut = args.includes('--show-held-out')
const write = !args.includes('--no-write') && rulesDir === bundled

const reports = []
let corpusBroken = false
let pack = null
for (const set of CASE_SETS) {
  const { report, corpusProblems, run } = await runCaseSet(root, set, rulesDir)
  const first = run.results.find((r) => r.status === 'scored')
  pack ??= first?.rulePack ?? null
  reports.push(report)
  console.log(`[${setRole(set)}] ${formatFigures(report).join('\n')}`)
  for (const p of corpusProblems) console.log(`  CORPUS PROBLEM: ${p}`)
  corpusBroken ||= corpusProblems.length > 0
  const unmet = unmetTargets(report)
  console.log(unmet.length === 0 ? '  targets met' : `  targets NOT met: ${unmet.join('; ')}`)
  if (report.misses.length > 0) {
    if (isHeldOut(set) && !showHeldOut) console.log(`  ${report.misses.length} held-out case(s) with problems (listed with --show-held-out; never tune on them)`)
    else console.log([`  misses (${report.misses.length}):`, ...formatMisses(report)].join('\n'))
  }
  console.log('')
}

if (write && pack !== null) {
  const path = join(root, 'docs', 'accuracy.md')
  const text = formatAccuracyMarkdown({ reports, pack, firstContact: await readFirstContact(root) })
  const before = await readFile(path, 'utf8').catch(() => null)
  if (before !== text) await writeFile(path, text)
  console.log(`${before === text ? 'unchanged' : 'wrote'} docs/accuracy.md`)
}
process.exitCode = corpusBroken ? 2 : reports.every((r) => unmetTargets(r).length === 0) ? 0 : 1
