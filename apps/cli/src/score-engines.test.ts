import { readFile } from 'node:fs/promises'
import { describe, expect, it } from 'vitest'
import { join } from 'node:path'
import { REPO_ROOT, SHEET_FIXTURES, goldenPath, listSheetFixtures, scoreFixture } from './_golden'
import { runCli } from './_test-run'
import { AUTO_POOL_MIN_BYTES, chooseThreads } from './score-threads'

/*
 * `--engine` and `--threads` change how rows are scored, never what comes out: every fixture gives its
 * golden JSONL through json-rules-engine and through worker threads too.
 */

const fixtures = await listSheetFixtures()
const sweep = fixtures.find((f) => f.endsWith('.xlsx'))

describe('chufei score --engine / --threads', () => {
  it('has the XLSX sweep fixture to score', () => expect(sweep, 'fixtures/sheets has no .xlsx sweep').toBeDefined())

  it('gives the golden output with the reference engine (json-rules-engine)', async () => {
    const expected = await readFile(goldenPath(sweep!), 'utf8')
    expect(await scoreFixture(sweep!, ['--engine', 'reference'])).toBe(expected)
  })

  it('gives the golden output, in input order, through worker threads (skipped and rejected rows in place)', async () => {
    for (const fixture of fixtures.filter((f) => f === 'messy.csv' || f === sweep)) {
      const expected = await readFile(goldenPath(fixture), 'utf8')
      expect(await scoreFixture(fixture, ['--threads', '2'])).toBe(expected)
    }
    // The workers really started (a pool that cannot start says so and scores in the main thread).
    const r = await runCli(['score', join(SHEET_FIXTURES, sweep!), '--rules', join(REPO_ROOT, 'rules'), '--threads', '1'], { cwd: REPO_ROOT })
    expect(r.code).toBe(0)
    expect(r.stderr).not.toContain('评分线程')
  })

  it('closes the worker pool when the output cannot be opened (no worker thread outlives the run)', async () => {
    const ports = () => process.getActiveResourcesInfo().filter((r) => r === 'MessagePort').length
    const before = ports()
    const r = await runCli(['score', join(SHEET_FIXTURES, 'messy.csv'), '--rules', join(REPO_ROOT, 'rules'), '--format', 'csv', '--out', '/nonexistent/x.csv', '--threads', '2'], { cwd: REPO_ROOT })
    expect(r.code).toBe(1)
    expect(r.stderr).toContain('/nonexistent/x.csv')
    expect(ports()).toBe(before)
  })

  it('refuses an unknown engine and a thread count that is not a whole number from 0 to 64', async () => {
    for (const args of [['--engine', 'fast'], ['--threads', 'many'], ['--threads', '-1'], ['--threads', '65'], ['--threads', '1.5']]) {
      const r = await runCli(['score', 'x.csv', ...args])
      expect(r.code, args.join(' ')).toBe(2)
      expect(r.stderr).toContain(args[0])
    }
  })
})

describe('chooseThreads', () => {
  it('takes a number as given and uses workers for auto only on a large input with cores to spare', () => {
    expect(chooseThreads(0, { inputBytes: 1e9, cores: 16 })).toBe(0)
    expect(chooseThreads(3, { inputBytes: 10, cores: 2 })).toBe(3)
    expect(chooseThreads('auto', { inputBytes: 1e9, cores: 2 })).toBe(0)
    expect(chooseThreads('auto', { inputBytes: AUTO_POOL_MIN_BYTES - 1, cores: 8 })).toBe(0)
    expect(chooseThreads('auto', { inputBytes: null, cores: 8 })).toBe(0)
    expect(chooseThreads('auto', { inputBytes: AUTO_POOL_MIN_BYTES, cores: 4 })).toBe(3)
    expect(chooseThreads('auto', { inputBytes: 1e10, cores: 64 })).toBe(8)
  })
})
