#!/usr/bin/env node
/*
 * `check:package` of a library (packages/*), run by `npm test` after its build (turbo.json): is it ready to
 * publish?
 *
 *   1. publint: package.json agrees with the files `npm pack` ships (exports, types, module format);
 *   2. @arethetypeswrong/cli: every subpath resolves to JavaScript and types of the right module kind, from
 *      ESM, from CJS and for bundlers (the `node16` profile: the packages need Node ≥ 20, so node10
 *      resolution, which has no `exports`, is out of scope);
 *   3. for @chufei/core, the packed tarball in a scratch project: `import` and `require` each load the
 *      pack in rules/ and score a lead, with the compiled engine and with the reference engine (a chunk
 *      loaded by `import()`, in CJS as in ESM), and agree.
 *
 * Offline by design: the scratch project gets the tarball's files extracted into its node_modules, and a
 * link to the workspace's copy of each dependency the package.json declares — and only those, so a
 * dependency the package uses but forgets to declare fails here as it would for a user.
 */
import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..')
const pkgDir = resolve(process.argv[2] ?? process.cwd())
const manifest = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8'))
const bin = (name) => join(ROOT, 'node_modules/.bin', name)
const sh = (cmd, args, cwd) => execFileSync(cmd, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] })

const step = (name, fn) => {
  try {
    const out = fn()
    console.log(`✓ ${manifest.name}: ${name}`)
    return out
  } catch (error) {
    console.error(`✗ ${manifest.name}: ${name}\n${error.stdout ?? ''}${error.stderr ?? ''}${error.stdout || error.stderr ? '' : error.message}`)
    process.exit(1)
  }
}

const scratch = mkdtempSync(join(tmpdir(), 'chufei-pack-'))
try {
  const tarball = step('npm pack', () => {
    const [{ filename }] = JSON.parse(sh('npm', ['pack', '--json', '--pack-destination', scratch], pkgDir))
    return join(scratch, filename)
  })
  step('publint', () => sh(bin('publint'), ['run', '--strict', tarball], pkgDir))
  step('arethetypeswrong (node16, bundler)', () => sh(bin('attw'), [tarball, '--profile', 'node16'], pkgDir))

  if (manifest.name === '@chufei/core') {
    const project = join(scratch, 'project')
    const installed = join(project, 'node_modules', manifest.name)
    mkdirSync(installed, { recursive: true })
    sh('tar', ['-xzf', tarball, '-C', installed, '--strip-components=1'], scratch)
    // Each declared dependency, linked from the workspace (its own dependencies resolve from there).
    for (const dep of Object.keys(manifest.dependencies ?? {})) {
      const link = join(project, 'node_modules', dep)
      mkdirSync(dirname(link), { recursive: true })
      symlinkSync(join(ROOT, 'node_modules', dep), link, 'dir')
    }
    writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'scratch', private: true }))
    const lead = JSON.parse(readFileSync(join(ROOT, 'fixtures/leads/leads.json'), 'utf8'))[0]
    const body = (load) => `
const { createScorer } = ${load("'@chufei/core'")}
const { loadRulePack } = ${load("'@chufei/core/node'")}
const { formatExplanation } = ${load("'@chufei/core/analyst'")}
const run = async () => {
  const pack = await loadRulePack(${JSON.stringify(join(ROOT, 'rules'))})
  const lead = ${JSON.stringify(lead)}
  const out = []
  for (const engine of ['compiled', 'reference']) {
    const r = await createScorer(pack, { engine }).score(lead)
    out.push({ engine, id: r.id, tier: r.tier, score: r.score, disposition: r.disposition, patterns: r.patterns })
  }
  const explained = formatExplanation(await createScorer(pack).explain(lead), pack, { lang: 'en' })
  if (typeof explained !== 'string' || explained.length === 0) throw new Error('formatExplanation gave nothing')
  process.stdout.write(JSON.stringify(out))
}
`
    writeFileSync(join(project, 'esm.mjs'), `${body((s) => `await import(${s})`)}await run()\n`)
    writeFileSync(join(project, 'cjs.cjs'), `${body((s) => `require(${s})`)}run().catch((e) => { console.error(e); process.exit(1) })\n`)
    const esm = step('packed tarball scores a lead from ESM', () => JSON.parse(sh(process.execPath, ['esm.mjs'], project)))
    const cjs = step('packed tarball scores a lead from CJS', () => JSON.parse(sh(process.execPath, ['cjs.cjs'], project)))
    step('ESM and CJS agree, both engines, on a red lead', () => {
      const expected = JSON.parse(readFileSync(join(ROOT, 'fixtures/leads/expected.json'), 'utf8'))[lead.id]
      const a = JSON.stringify(esm)
      if (a !== JSON.stringify(cjs)) throw new Error(`ESM ${a}\nCJS ${JSON.stringify(cjs)}`)
      if (esm[0].tier !== expected.tier || JSON.stringify(esm[0]) !== JSON.stringify({ ...esm[1], engine: 'compiled' })) {
        throw new Error(`unexpected results ${a} (expected tier ${expected.tier})`)
      }
    })
  }
} finally {
  rmSync(scratch, { recursive: true, force: true })
}
