#!/usr/bin/env node
/*
 * Micro-benchmark of the compiled engine (the in-process figure of `scripts/bench.mjs`, in CPU time).
 *
 *   node scripts/bench-engine.mjs [--leads 200000] [--rounds 5] [--stages] [--profile]
 *
 * The machine is shared, so each figure is the best of N passes measured in CPU time of this process
 * (`process.cpuUsage()`, user + system), not wall time. Uses the BUILT package (packages/core/dist):
 * build first with `npx turbo run build --filter=@chufei/core --output-logs=errors-only`.
 * `--stages` also times the stages of `scoreSync` on their own (validation, facts, rules, aggregate),
 * `--profile` runs only `scoreSync` passes (for `node --cpu-prof scripts/bench-engine.mjs --profile`).
 */
import { dirname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { createSweep } from './generate-sweep.mjs'

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..')
const args = process.argv.slice(2)
const opt = (name, fallback) => {
  const i = args.indexOf(`--${name}`)
  return i >= 0 ? Number(args[i + 1]) : fallback
}
const flag = (name) => args.includes(`--${name}`)
const N = opt('leads', 200_000)
const ROUNDS = opt('rounds', 5)

const core = await import(pathToFileURL(join(ROOT, 'packages/core/dist/index.js')).href)
const coreNode = await import(pathToFileURL(join(ROOT, 'packages/core/dist/node/index.js')).href)
const pack = await coreNode.loadRulePack(join(ROOT, 'rules'))
const sweep = createSweep(7)
const leads = Array.from({ length: N }, (_, i) => sweep.lead(i))
const scorer = core.createScorer(pack)

/** CPU microseconds of one call of `fn`. */
const cpu = (fn) => {
  const a = process.cpuUsage()
  fn()
  const b = process.cpuUsage(a)
  return b.user + b.system
}
/** Best-of-ROUNDS leads per CPU-second of a pass over all leads, and the median pass (how noisy). */
const summary = (passes) => {
  const sorted = [...passes].sort((a, b) => a - b)
  const bestUs = sorted[0]
  return { perSecond: (N / bestUs) * 1e6, usPerLead: bestUs / N, medianUsPerLead: sorted[Math.floor(sorted.length / 2)] / N }
}
const best = (fn) => summary(Array.from({ length: ROUNDS }, () => cpu(fn)))
const bestAsync = async (fn) => {
  const passes = []
  for (let r = 0; r < ROUNDS; r++) {
    const a = process.cpuUsage()
    await fn()
    const b = process.cpuUsage(a)
    passes.push(b.user + b.system)
  }
  return summary(passes)
}
const show = (label, { perSecond, usPerLead, medianUsPerLead }) =>
  console.log(`${label.padEnd(34)} ${Math.round(perSecond).toLocaleString('en-US').padStart(10)} leads/s   ${usPerLead.toFixed(2).padStart(6)} µs/lead   (median pass ${medianUsPerLead.toFixed(2)})`)

console.log(`${pack.rules.length} rules, ${N.toLocaleString('en-US')} generated leads, best of ${ROUNDS} (CPU time)`)
let sink = 0
const sync = best(() => {
  for (let i = 0; i < N; i++) sink += scorer.scoreSync(leads[i]).total
})
show('compiled, scoreSync()', sync)
if (!flag('profile')) {
  show('compiled, await score()', await bestAsync(async () => {
    for (let i = 0; i < N; i++) sink += (await scorer.score(leads[i])).total
  }))
}
if (flag('stages')) {
  const prepared = leads.map((l) => core.prepareLead(l).lead)
  show('  prepareLead', best(() => {
    for (let i = 0; i < N; i++) sink += core.prepareLead(leads[i]).warnings.length
  }))
  show('  leadToFacts', best(() => {
    for (let i = 0; i < N; i++) sink += Object.keys(core.leadToFacts(prepared[i])).length
  }))
  const compiled = core.compileRulePack(pack, (({ matcher: _m, ...ops }) => ops)(core.createOperators(pack.config.text)))
  const facts = prepared.map(core.leadToFacts)
  const fired = facts.map((f) => {
    const s = new Set()
    compiled.fire(f, s)
    return s
  })
  show('  fire (rules, fresh operators)', best(() => {
    for (let i = 0; i < N; i++) {
      const s = new Set()
      compiled.fire(facts[i], s)
      sink += s.size
    }
  }))
  show('  aggregate', best(() => {
    for (let i = 0; i < N; i++) sink += core.aggregate(pack, fired[i], prepared[i]).total
  }))
}
if (sink === -1) console.log('')
