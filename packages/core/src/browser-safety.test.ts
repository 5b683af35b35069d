import { readFileSync, readdirSync } from 'node:fs'
import { join, relative } from 'node:path'
import { build } from 'esbuild'
import { describe, expect, it } from 'vitest'

/*
 * The core must run in a browser bundle: no Node built-ins outside src/node. Checked two ways: no source
 * file outside src/node imports one, and esbuild bundles the entry for the browser platform.
 */

const SRC = join(__dirname)
const files = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : [join(dir, e.name)]))

describe('browser safety', () => {
  it('no module outside src/node imports a Node built-in', () => {
    const offenders = files(SRC)
      .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && !relative(SRC, f).startsWith('node'))
      .filter((f) => /from ['"](node:|fs['"]|path['"]|crypto['"]|worker_threads['"]|child_process['"])/.test(readFileSync(f, 'utf8')))
    expect(offenders).toEqual([])
  })

  it('bundles for the browser platform', async () => {
    const result = await build({
      entryPoints: [join(SRC, 'index.ts')],
      bundle: true,
      platform: 'browser',
      format: 'esm',
      write: false,
      logLevel: 'silent',
    })
    expect(result.errors).toEqual([])
    expect(result.outputFiles[0]!.text.length).toBeGreaterThan(1000)
  })
})
