#!/usr/bin/env node
/*
 * Side-by-side cost of rule packs and/or core builds (A/B), in ONE process so that machine load hits every
 * arm alike: each arm is a built core (`packages/core/dist` or a copy of another build) and a pack folder;
 * rounds pass `scoreSync` over the same generated leads (scripts/generate-sweep.mjs, `createSweep(7)`, as
 * bench-engine.mjs), the arms' order rotating each round, timed in CPU time of this process.
 *
 *   node scripts/bench-ab.mjs --arm old=packages/core/dist:/tmp/old-rules --arm new=packages/core/dist:rules
 *        [--leads 100000] [--rounds 9]
 *
 * Prints each round, each arm's median µs a lead, and for every arm the median over rounds of its ratio to
 * the first arm. A copy of a build must lie inside this tree (e.g. node_modules/.ab/dist-main) so that its
 * imports resolve. Build first: `npx turbo run build --filter=@chufei/core --output-logs=errors-only`.
 *
 * A pack folder may be `git:<rev>`: the `rules/` folder of that commit or tag, taken from this repository's
 * history into a temporary folder — so a pack can be compared with any earlier one, not only the last
 * (`--arm old=packages/core/dist:git:ae2af14 --arm new=packages/core/dist:rules`). A core build of another
 * commit (its own `npm ci` and build in a worktree, e.g. /tmp/old) is given by its absolute path.
 */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { parseArgs } from 'node:util'
import { createSweep } from './generate-sweep.mjs'

const ROOT = resolve(import.meta.dirname, '..')
const { values } = parseArgs({
  options: { arm: { type: 'string', multiple: true, default: [] }, leads: { type: 'string', default: '100000' }, rounds: { type: 'string', default: '9' } },
})
const specs = values.arm
if (specs.length < 2) throw new Error('give at least two arms: --arm label=coreDist:rulesDir')
const N = Number(values.leads)
const ROUNDS = Number(values.rounds)

/** Temporary folders of `git:` packs, removed on exit. */
const extracted = []
process.on('exit', () => extracted.forEach((dir) => rmSync(dir, { recursive: true, force: true })))
/** A pack folder: as given, or the `rules/` of a commit for `git:<rev>`. */
const packFolder = (rules) => {
  if (!rules.startsWith('git:')) return resolve(ROOT, rules)
  const dir = mkdtempSync(join(tmpdir(), 'chufei-pack-'))
  extracted.push(dir)
  const archive = execFileSync('git', ['-C', ROOT, 'archive', rules.slice(4), 'rules'], { maxBuffer: 256 * 2 ** 20 })
  execFileSync('tar', ['-x', '-C', dir, '--strip-components=1'], { input: archive })
  return dir
}

const arms = []
for (const spec of specs) {
  const m = /^([^=]+)=([^:]+):(.+)$/.exec(spec ?? '')
  if (!m) throw new Error(`--arm ${spec}: expected label=coreDist:rulesDir`)
  const [, label, dist, rules] = m
  const core = await import(pathToFileURL(join(resolve(ROOT, dist), 'index.js')).href)
  const coreNode = await import(pathToFileURL(join(resolve(ROOT, dist), 'node/index.js')).href)
  arms.push({ label, scorer: core.createScorer(await coreNode.loadRulePack(packFolder(rules))), us: [] })
}
const sweep = createSweep(7)
const leads = Array.from({ length: N }, (_, i) => sweep.lead(i))
const cpu = (scorer) => {
  const a = process.cpuUsage()
  for (const lead of leads) scorer.scoreSync(lead)
  const b = process.cpuUsage(a)
  return b.user + b.system
}
for (const arm of arms) cpu(arm.scorer) // warm-up
for (let r = 0; r < ROUNDS; r++) {
  for (let k = 0; k < arms.length; k++) {
    const arm = arms[(k + r) % arms.length]
    arm.us.push(cpu(arm.scorer))
  }
  console.log(`round ${r + 1}: ${arms.map((a) => `${a.label} ${(a.us[r] / N).toFixed(2)}`).join('  ')} µs/lead`)
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]
for (const arm of arms) {
  const ratio = median(arm.us.map((us, r) => us / arms[0].us[r]))
  console.log(`${arm.label.padEnd(24)} median ${(median(arm.us) / N).toFixed(2)} µs/lead   ${arm.label}/${arms[0].label} ${ratio.toFixed(3)}`)
}
