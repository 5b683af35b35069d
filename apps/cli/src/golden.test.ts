import { existsSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { parse as parseCsv } from 'csv-parse/sync'
import { describe, expect, it } from 'vitest'
import { runCli } from './_test-run'
import { REPO_ROOT, SHEET_FIXTURES, goldenPath, listSheetFixtures, scoreFixture } from './_golden'

/*
 * The sheet fixtures scored with the bundled rules must print exactly their golden JSONL. Results are
 * deterministic (no clock, no randomness in a result), so nothing is masked. After a deliberate change to
 * the rules or the readers: `npm run golden -w @chufei/cli`, then review the diff like any other change.
 */

const fixtures = await listSheetFixtures()
const haveRules = existsSync(join(REPO_ROOT, 'rules', 'pack.json'))

type Row = Record<string, unknown> & { line?: number; warnings?: Array<{ code: string }> }
const parse = (text: string): Row[] =>
  text
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as Row)
const withoutLine = ({ line: _line, ...rest }: Row) => rest

describe('golden outputs of fixtures/sheets', () => {
  it('finds the sheet fixtures and the bundled rules', () => {
    expect(fixtures.length, `no sheet fixtures in ${SHEET_FIXTURES}`).toBeGreaterThan(0)
    expect(haveRules, 'rules/pack.json is missing').toBe(true)
  })

  it.each(fixtures)('%s matches its golden JSONL', async (fixture) => {
    const expected = await readFile(goldenPath(fixture), 'utf8').catch(() => null)
    expect(expected, `missing ${goldenPath(fixture)} — run npm run golden -w @chufei/cli`).not.toBeNull()
    expect((await scoreFixture(fixture)).split('\n')).toEqual(expected!.split('\n'))
  })

  it('loses nothing on messy.csv: every row after the header is counted and scored rows + rejected rows are all output', async () => {
    const text = (await readFile(join(SHEET_FIXTURES, 'messy.csv'), 'utf8')).replace(/^\uFEFF/, '')
    const records = parseCsv(text, { relax_column_count: true }) as string[][]
    const header = records.findIndex((r) => r[0]?.trim() === '线索编号')
    const dataRows = records.length - header - 1
    const r = await runCli(['score', join(SHEET_FIXTURES, 'messy.csv'), '--rules', join(REPO_ROOT, 'rules')], { cwd: REPO_ROOT })
    expect(r.code).toBe(0)
    const [read, scored, rejected, skipped] = (/读取 (\d+) 行：评分 (\d+)，拒收 (\d+)，跳过 (\d+)/.exec(r.stderr) ?? []).slice(1).map(Number)
    expect(read).toBe(dataRows)
    expect(read).toBe(scored! + rejected! + skipped!)
    const rows = parse(r.stdout)
    expect(rows).toHaveLength(scored! + rejected!)
    expect(rows.filter((x) => x.status === 'rejected')).toHaveLength(rejected!)
    expect(rejected).toBeGreaterThan(0)
    expect(skipped).toBeGreaterThan(0)
  })

  it('loses nothing: one result per data row of every fixture', async () => {
    for (const fixture of fixtures) {
      const rows = parse(await scoreFixture(fixture))
      const lines = rows.map((r) => r.line)
      expect(new Set(lines).size, fixture).toBe(rows.length)
      expect([...lines].sort((a, b) => (a ?? 0) - (b ?? 0)), fixture).toEqual(lines)
    }
  })
})

const SWEEP = 'sweep-2024q1'
const variants = ['csv', '-gbk.csv', '-utf16.txt', 'xlsx', 'jsonl'].map((v) => (v.startsWith('-') ? `${SWEEP}${v}` : `${SWEEP}.${v}`))
const haveSweep = variants.every((v) => existsSync(join(SHEET_FIXTURES, v)))

describe('the same sweep in every format scores the same', () => {
  it('UTF-8 CSV, GBK CSV (title row, alias headers, 1800万, 月息2分, 2024年3月5日), UTF-16 text, XLSX and JSONL give identical JSONL apart from line', async () => {
    expect(haveSweep, `one of ${variants.join(', ')} is missing from fixtures/sheets`).toBe(true)
    const [csv, ...others] = await Promise.all(variants.map(async (v) => parse(await scoreFixture(v))))
    expect(csv!.length).toBeGreaterThan(50)
    for (const other of others) expect(other.map(withoutLine)).toEqual(csv!.map(withoutLine))
  })
})

const LEADS_FILE = join(REPO_ROOT, 'fixtures', 'leads', 'leads.json')

describe('fixtures/leads/leads.json through the CLI', () => {
  it('prints exactly what the library returns for each lead, in order', async () => {
    const { createScorer } = await import('@chufei/core')
    const { loadRulePack } = await import('@chufei/core/node')
    const leads = JSON.parse(await readFile(LEADS_FILE, 'utf8')) as unknown[]
    const r = await runCli(['score', LEADS_FILE, '--rules', join(REPO_ROOT, 'rules')], { cwd: REPO_ROOT })
    expect(r.code).toBe(0)
    const rows = parse(r.stdout)
    expect(rows).toHaveLength(leads.length)
    const scorer = createScorer(await loadRulePack(join(REPO_ROOT, 'rules')))
    const direct = await Promise.all(leads.map((lead, i) => scorer.score(lead, { line: i + 1 })))
    expect(rows).toEqual(JSON.parse(JSON.stringify(direct)))
    expect(r.stderr).toContain(`读取 ${leads.length} 行：评分 ${leads.length}，拒收 0，跳过 0`)
  })

  it('writes the same leads as a Chinese CSV ledger, one row per lead', async () => {
    const { mkdtemp } = await import('node:fs/promises')
    const { tmpdir } = await import('node:os')
    const dir = await mkdtemp(join(tmpdir(), 'chufei-leads-'))
    const out = join(dir, '台账.csv')
    const r = await runCli(['score', LEADS_FILE, '--rules', join(REPO_ROOT, 'rules'), '--format', 'csv', '--out', out], { cwd: dir })
    expect(r.code).toBe(0)
    const records = parseCsv((await readFile(out, 'utf8')).replace(/^\uFEFF/, '')) as string[][]
    const leads = JSON.parse(await readFile(LEADS_FILE, 'utf8')) as Array<{ id: string }>
    expect(records.slice(1).map((row) => row[0])).toEqual(leads.map((l) => l.id))
    const tiers = new Set(records.slice(1).map((row) => row[5]))
    for (const t of tiers) expect(['红色预警', '橙色预警', '黄色预警', '蓝色预警', '未达预警']).toContain(t)
  })
})
