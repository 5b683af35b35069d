/*
 * What a web page downloads to score (入口体积): `createScorer` + `parseRulePack` from `@chufei/core`,
 * bundled for the browser by esbuild (minified, code splitting on), counting the entry chunk and every
 * chunk it imports statically; chunks reached only through `import()` (json-rules-engine, loaded when a
 * rule needs the reference engine) are listed apart, since the page fetches them only when used.
 *
 * Bytes, not time: the same sources and esbuild version give the same figures on any machine, so
 * `packages/core/test/entry-weight.test.ts` holds them to the budget in `npm test`, and `npm run bench`
 * prints them (docs/performance.md).
 */
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { gzipSync } from 'node:zlib'
import { build } from 'esbuild'

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..')

/** The budget for the scorer entry, gzip bytes (issue 13: "small enough for a web page"). */
export const SCORER_ENTRY_BUDGET = 150 * 1024

/** The entries measured: what each imports from the package. */
export const ENTRIES = {
  scorer: "export { createScorer, parseRulePack } from '@chufei/core'",
  main: "export * from '@chufei/core'",
  analyst: "export * from '@chufei/core/analyst'",
}

const packageOf = (input) => {
  const m = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(input)
  return m ? m[1] : input.startsWith('packages/') ? `@chufei/${input.split('/')[1]}` : input
}

const summarise = (outputs, names) => {
  const files = [...names].map((n) => outputs.find((o) => o.path === n))
  const inputs = new Set(files.flatMap((f) => f.inputs))
  return {
    minified: files.reduce((s, f) => s + f.bytes.length, 0),
    gzip: files.reduce((s, f) => s + gzipSync(f.bytes).length, 0),
    packages: [...new Set([...inputs].map(packageOf))].filter((p) => !p.startsWith('entry:')).sort(),
  }
}

/**
 * Bundles one entry (its import line from {@link ENTRIES}) for the browser from the TypeScript sources
 * (the `source` condition, so no build is needed) and answers the static part (what loads with the entry)
 * and the lazy part (chunks loaded by `import()`), each in minified and gzip bytes with the packages in it.
 */
export const measureEntry = async (contents) => {
  const result = await build({
    entryPoints: ['chufei-entry'],
    plugins: [{
      name: 'entry',
      setup(b) {
        b.onResolve({ filter: /^chufei-entry$/ }, () => ({ path: 'chufei-entry', namespace: 'entry' }))
        b.onLoad({ filter: /.*/, namespace: 'entry' }, () => ({ contents, resolveDir: join(ROOT, 'packages/core'), loader: 'js' }))
      },
    }],
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'browser',
    conditions: ['source'],
    minify: true,
    outdir: join(ROOT, 'entry-weight.out'),
    write: false,
    metafile: true,
    logLevel: 'silent',
    absWorkingDir: ROOT,
  })
  const meta = result.metafile.outputs
  const outputs = result.outputFiles.map((f) => {
    const key = f.path.slice(ROOT.length + 1)
    return { path: key, bytes: f.contents, inputs: Object.keys(meta[key]?.inputs ?? {}), imports: meta[key]?.imports ?? [] }
  })
  const entry = outputs.find((o) => o.path.endsWith('.js') && meta[o.path].entryPoint)
  const staticNames = new Set()
  const visit = (o) => {
    if (staticNames.has(o.path)) return
    staticNames.add(o.path)
    for (const i of o.imports) if (i.kind === 'import-statement') visit(outputs.find((x) => x.path === i.path))
  }
  visit(entry)
  const lazyNames = new Set(outputs.filter((o) => o.path.endsWith('.js') && !staticNames.has(o.path)).map((o) => o.path))
  return { static: summarise(outputs, staticNames), lazy: summarise(outputs, lazyNames) }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  for (const [name, contents] of Object.entries(ENTRIES)) {
    const m = await measureEntry(contents)
    console.log(`${name.padEnd(8)} ${(m.static.gzip / 1024).toFixed(1)} KiB gzip (${(m.static.minified / 1024).toFixed(1)} KiB min) + lazy ${(m.lazy.gzip / 1024).toFixed(1)} KiB gzip: ${m.static.packages.filter((p) => !p.startsWith('@chufei')).join(', ')} | lazy: ${m.lazy.packages.filter((p) => !p.startsWith('@chufei')).join(', ')}`)
  }
}
