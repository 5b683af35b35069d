#!/usr/bin/env node
// Accuracy of the rule pack on the corpus of published cases (issue 10): prints the figures of every case set (dev, held-out, held-out-2, held-out-3, held-out-4, held-out-5, held-out-6, held-out-7, held-out-8, held-out-9, held-out-10, held-out-11, held-out-12, held-out-13, held-out-14, held-out-15, held-out-16, held-out-17, held-out-18)
// and every dev-set miss, and writes docs/accuracy.md.
//   npm run accuracy                       bundled rules/, writes docs/accuracy.md
//   npm run accuracy -- --rules other/     another pack (docs/accuracy.md is written only for the bundled rules/)
//   npm run accuracy -- --show-held-out    also list the held-out set's misses (none is held out now; never tune rules on them). held-out,
//                                          held-out-2 and held-out-3 were folded into development in round 8, held-out-4 and held-out-5
//                                          in round 9, held-out-6 in round 10, held-out-7 and held-out-8 in round 11, held-out-9 and
//                                          held-out-10 in round 12, held-out-11, held-out-12 and held-out-13 in round 13, held-out-14, held-out-15 and held-out-16 in round 14, held-out-17, held-out-18 and held-out-19 in round 15: their misses are always listed
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
