#!/usr/bin/env node
/*
 * What the keyword scan of each text fact costs (the largest part of the compiled engine), on the generated
 * sweep's texts and the default pack's text conditions: a scanner per text fact holding what the compiled
 * engine registers on it (the keyword lists of its `mentionsAny` conditions, the literal sets its
 * `matchesRegex` conditions need), then every lead's text scanned, as `scoreSync` scans it.
 *
 *   node --conditions=source --import tsx scripts/bench-text-scan.mjs [--leads 100000] [--rounds 5]
 *
 * Prints per fact: its words, how long its texts are, the share of texts in which the scan set some flag (a
 * keyword not negated or a literal), and the CPU time of a scan (median of the rounds; the machine is
 * shared). Runs the TypeScript sources, so it needs no build.
 */
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { createKeywordScanner } from '../packages/core/src/keyword-scan.ts'
import { factReader } from '../packages/core/src/facts.ts'
import { loadRulePack } from '../packages/core/src/node/load-rule-pack.ts'
import { requiredLiteralSets } from '../packages/core/src/regex-literals.ts'
import { createSweep } from './generate-sweep.mjs'

const root = fileURLToPath(new URL('..', import.meta.url))
const args = process.argv.slice(2)
const opt = (name, fallback) => {
  const i = args.indexOf(`--${name}`)
  return i >= 0 ? Number(args[i + 1]) : fallback
}
const N = opt('leads', 100_000)
const ROUNDS = opt('rounds', 5)

const pack = await loadRulePack(join(root, 'rules'))
/** Per text fact, the keyword lists and regex sources of its conditions. */
const byFact = new Map()
JSON.stringify([pack.conditions, pack.rules], (_, v) => {
  if (v && (v.operator === 'mentionsAny' || v.operator === 'matchesRegex') && typeof v.fact === 'string') {
    if (!byFact.has(v.fact)) byFact.set(v.fact, { lists: [], regexes: [] })
    const e = byFact.get(v.fact)
    if (v.operator === 'mentionsAny' && Array.isArray(v.value)) e.lists.push(v.value)
    if (v.operator === 'matchesRegex' && typeof v.value === 'string') e.regexes.push(v.value)
  }
  return v
})
const sweep = createSweep(7)
const leads = Array.from({ length: N }, (_, i) => sweep.lead(i))

const scannerOf = ({ lists, regexes }) => {
  const scanner = createKeywordScanner(pack.config.text)
  for (const list of lists) scanner.addList(list)
  for (const source of regexes) for (const set of requiredLiteralSets(source) ?? []) scanner.addLiterals(set)
  return scanner
}
const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1]

console.log(`${N.toLocaleString('en-US')} generated leads, pack ${pack.version}, median of ${ROUNDS} rounds (CPU time)`)
for (const [fact, conditions] of byFact) {
  const read = factReader(fact)
  if (!read) continue
  const texts = leads.map(read).filter((t) => typeof t === 'string')
  if (texts.length === 0) continue
  const units = texts.reduce((sum, t) => sum + t.length, 0) / texts.length
  const passes = []
  let flagged = 0
  for (let r = 0; r < ROUNDS; r++) {
    const scanner = scannerOf(conditions)
    const flags = scanner.createFlags()
    let mark = 0
    let any = 0
    const a = process.cpuUsage()
    for (const text of texts) {
      scanner.scan(text, flags, ++mark)
      if (scanner.setAny()) any++
    }
    const b = process.cpuUsage(a)
    passes.push((b.user + b.system) / texts.length)
    flagged = any / texts.length
  }
  const words = `${conditions.lists.length} lists, ${conditions.regexes.length} patterns`
  console.log(`${fact.padEnd(20)} ${words.padEnd(24)} ${String(texts.length).padStart(7)} texts, ${units.toFixed(1).padStart(5)} units, ${(100 * flagged).toFixed(1).padStart(5)} % flagged   ${median(passes).toFixed(3)} µs a scan`)
}
