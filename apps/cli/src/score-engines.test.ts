import { readFile } from 'node:fs/promises'
import { describe, expect, it } from 'vitest'
import { join } from 'node:path'
import { REPO_ROOT, SHEET_FIXTURES, goldenPath, listSheetFixtures, scoreFixture } from './_golden'
import { runCli } from './_test-run'

/*
 * `--engine` changes how rows are scored, never what comes out: the fixture gives its golden JSONL through
 * json-rules-engine too. `--threads` (the removed worker pool) is accepted, said to be ignored, and changes nothing.
 */

const fixtures = await listSheetFixtures()
const sweep = fixtures.find((f) => f.endsWith('.xlsx'))

describe('chufei score --engine / --threads', () => {
  it('has the XLSX sweep fixture to score', () => expect(sweep, 'fixtures/sheets has no .xlsx sweep').toBeDefined())

  it('gives the golden output with the reference engine (json-rules-engine)', async () => {
    const expected = await readFile(goldenPath(sweep!), 'utf8')
    expect(await scoreFixture(sweep!, ['--engine', 'reference'])).toBe(expected)
  })

  it('accepts the removed --threads, says it is ignored, and gives the golden output', async () => {
    const expected = await readFile(goldenPath('messy.csv'), 'utf8')
    expect(await scoreFixture('messy.csv', ['--threads', '2'])).toBe(expected)
    for (const [lang, text] of [['zh', '--threads 已不再使用'], ['en', '--threads is no longer used']] as const) {
      const r = await runCli(['score', join(SHEET_FIXTURES, 'messy.csv'), '--rules', join(REPO_ROOT, 'rules'), '--threads', 'auto', '--quiet', '--lang', lang], { cwd: REPO_ROOT })
      expect(r.code).toBe(0)
      expect(r.stderr).toContain(text)
    }
    const help = await runCli(['score', '--help'])
    expect(help.stdout).not.toContain('--threads')
  })

  it('refuses an unknown engine', async () => {
    const r = await runCli(['score', 'x.csv', '--engine', 'fast'])
    expect(r.code).toBe(2)
    expect(r.stderr).toContain('--engine')
  })
})
