import { readFile } from 'node:fs/promises'
import { createScorer, scoreRows } from '@chufei/core'
import type { Scorer } from '@chufei/core'
import { loadRulePack } from '@chufei/core/node'
import { readSheet } from '@chufei/sheets'
import type { SheetEvent } from '@chufei/sheets'
import { beforeAll, describe, expect, it } from 'vitest'
import { join } from 'node:path'
import { REPO_ROOT, SHEET_FIXTURES, goldenPath, listSheetFixtures, scoreFixture } from './_golden'
import { runCli } from './_test-run'

/*
 * `--engine` changes how rows are scored, never what comes out: a fixture gives its golden JSONL through
 * json-rules-engine too. `--threads` (the removed worker pool) is accepted, said to be ignored, and changes nothing.
 *
 * The CLI runs `--engine reference` end to end on the whole CSV sweep, and the XLSX sweep's rows go through it (as the
 * CLI feeds them, `scoreRows`) in groups of eight, each its own test against the golden lines, so a disagreement
 * names its rows. (Until round 14 json-rules-engine took seconds of CPU a rich lead on the default pack, and the
 * end-to-end run had to be cut to four rows.)
 */

const fixtures = await listSheetFixtures()
const sweep = fixtures.find((f) => f.endsWith('.xlsx'))
/** As `scoreFixture` runs the CLI: its `now`, so dated figures and blank dates read alike. */
const NOW = () => new Date(2024, 0, 1)
const GROUP = 8

/** The sweep's data rows as the CLI reads them, in groups; read when the file is collected so the groups are known. */
const rows: SheetEvent[] = []
if (sweep !== undefined) {
  for await (const event of readSheet(join(SHEET_FIXTURES, sweep))) if (event.kind === 'lead' || event.kind === 'rejected') rows.push(event)
}
const groups = Array.from({ length: Math.ceil(rows.length / GROUP) }, (_, g) => ({
  name: `${g * GROUP + 1}–${Math.min(rows.length, (g + 1) * GROUP)}`,
  events: rows.slice(g * GROUP, (g + 1) * GROUP),
}))

describe('chufei score --engine / --threads', () => {
  it('has the XLSX sweep fixture to score', () => {
    expect(sweep, 'fixtures/sheets has no .xlsx sweep').toBeDefined()
    expect(rows.length).toBeGreaterThan(60)
  })

  it('gives the same output with the reference engine (json-rules-engine), end to end', async () => {
    // The whole CSV sweep: the run itself is what this checks; the XLSX sweep's results are checked against the
    // golden output below.
    const sheet = join(SHEET_FIXTURES, 'sweep-2024q1.csv')
    const score = async (engine: string) => {
      const r = await runCli(['score', sheet, '--rules', join(REPO_ROOT, 'rules'), '--quiet', '--engine', engine], { cwd: REPO_ROOT })
      expect(r.code).toBe(0)
      return r.stdout
    }
    const compiled = await score('compiled')
    expect(compiled.split('\n').filter((l) => l !== '').length).toBeGreaterThan(60)
    expect(await score('reference')).toBe(compiled)
  })

  describe('the XLSX sweep through the reference engine gives its golden lines', () => {
    let reference: Scorer
    /** The golden JSONL line of each sheet line. */
    const golden = new Map<number, string>()
    beforeAll(async () => {
      reference = createScorer(await loadRulePack(join(REPO_ROOT, 'rules')), { engine: 'reference', now: NOW })
      for (const l of (await readFile(goldenPath(sweep!), 'utf8')).split('\n')) if (l !== '') golden.set((JSON.parse(l) as { line: number }).line, l)
    })

    it.each(groups)('rows $name', async ({ events }) => {
      const lines: string[] = []
      for await (const item of scoreRows(events, reference)) if (item.kind === 'result') lines.push(JSON.stringify(item.result))
      const expected = events.map((e) => golden.get(e.line))
      expect(expected.every((l) => l !== undefined)).toBe(true)
      expect(lines).toEqual(expected)
    })
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
