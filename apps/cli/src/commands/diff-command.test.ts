import { execFile } from 'node:child_process'
import { cp, readFile, readdir, writeFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { pathToFileURL } from 'node:url'
import { join } from 'node:path'
import { readSheet } from '@chufei/sheets'
import { beforeAll, describe, expect, it } from 'vitest'
import { createScorer, parseRulePack, type Lead } from '@chufei/core'
import type { SheetEvent } from '@chufei/sheets'
import { bundledRulesDir } from '../resolve-rules'
import { TEST_PACK, TEST_RULES } from '../_test-pack'
import { collectBacktestPairs } from './diff-command'
import { runCli, tempDir } from '../_test-run'

/*
 * Acceptance of `chufei diff`: between the default pack and a copy with one threshold moved (涉及人数
 * 150 → 200), it reports exactly the leads that cross it.
 */

type RuleJson = { id: string; conditions: { all?: { fact: string; operator: string; value: unknown }[] } }

const FIXTURE_SHEET = new URL('../../../../fixtures/sheets/sweep-2024q1.csv', import.meta.url).pathname

let dir: string
let movedRule: string
beforeAll(async () => {
  dir = await tempDir('chufei-diff-')
  await cp(bundledRulesDir(), join(dir, 'base'), { recursive: true })
  await cp(join(dir, 'base'), join(dir, 'head'), { recursive: true })
  const file = join(dir, 'head', 'scale.json')
  const scale = JSON.parse(await readFile(file, 'utf8')) as { rules: RuleJson[] }
  const rule = scale.rules.find((r) => r.conditions.all?.length === 1 && r.conditions.all[0]!.fact === 'people.total' && r.conditions.all[0]!.operator === 'greaterThanInclusive' && r.conditions.all[0]!.value === 150)
  if (!rule) throw new Error('the default pack has no “people.total >= 150” rule in scale.json')
  movedRule = rule.id
  rule.conditions.all![0]!.value = 200
  await writeFile(file, JSON.stringify(scale, null, 2))
  // 40 leads from 100 to 295 people; every fifth also has money, complaints or an overdue payment.
  const leads = Array.from({ length: 40 }, (_, i) => ({
    id: `BT-${String(i + 1).padStart(2, '0')}`,
    subject: { name: `回测主体${i + 1}` },
    people: { total: 100 + i * 5 },
    ...(i % 5 === 1 ? { money: { raised: 1_200_000 + i * 10_000 } } : {}),
    ...(i % 5 === 2 ? { attention: { complaints: i % 4 } } : {}),
    ...(i % 5 === 3 ? { stability: { overdue: true } } : {}),
  }))
  await writeFile(join(dir, 'leads.jsonl'), leads.map((l) => JSON.stringify(l)).join('\n'))
})

interface DiffJson {
  leads: number
  moved: { id: string; rules: { rule: string; change: string }[] }[]
  tiers: Record<string, Record<string, number>>
  ruleHits: { rule: string; before: number; after: number }[]
}

const diffJson = async (...sheets: string[]): Promise<DiffJson> => {
  const r = await runCli(['diff', '--base', 'base', '--head', 'head', ...sheets, '--format', 'json'], { cwd: dir })
  expect(r.stderr).toBe('')
  expect(r.code).toBe(0)
  return JSON.parse(r.stdout) as DiffJson
}

describe('chufei diff', () => {
  it('reports exactly the leads that cross the moved threshold, each moved by that rule', async () => {
    const diff = await diffJson('leads.jsonl')
    const crossing = Array.from({ length: 40 }, (_, i) => ({ id: `BT-${String(i + 1).padStart(2, '0')}`, total: 100 + i * 5 })).filter((l) => l.total >= 150 && l.total < 200).map((l) => l.id)
    expect(crossing).toHaveLength(10)
    expect(diff.leads).toBe(40)
    expect(diff.moved.map((m) => m.id)).toEqual(crossing)
    for (const m of diff.moved) expect(m.rules).toEqual([{ rule: movedRule, name: expect.any(String), change: 'stopped', before: expect.objectContaining({ rule: movedRule }) }])
    const hits = diff.ruleHits.filter((h) => h.before !== h.after)
    expect(hits).toEqual([{ rule: movedRule, name: expect.any(String), before: 30, after: 20, presence: 'both' }])
    const cells = Object.values(diff.tiers).flatMap((row) => Object.values(row))
    expect(cells).toHaveLength(25)
    expect(cells.reduce((a, b) => a + b, 0)).toBe(40)
  })

  it('does the same on a real sweep sheet', async () => {
    const expected: string[] = []
    for await (const e of readSheet(FIXTURE_SHEET)) {
      const total = e.kind === 'lead' ? e.lead.people?.total : undefined
      if (e.kind === 'lead' && total !== undefined && total >= 150 && total < 200) expected.push(e.lead.id)
    }
    expect(expected.length).toBeGreaterThan(0)
    const diff = await diffJson(FIXTURE_SHEET)
    expect(diff.moved.map((m) => m.id)).toEqual(expected)
  })

  it('prints the matrix, the moved leads and the rule hits as text, and a self-contained HTML page', async () => {
    const text = await runCli(['diff', '--base', 'base', '--head', 'head', 'leads.jsonl'], { cwd: dir })
    expect(text.code).toBe(0)
    expect(text.stdout).toContain('【预警等级变化矩阵】行：修改前，列：修改后')
    expect(text.stdout).toContain('线索 40 条，两边均评分 40 条；变化 10 条')
    expect(text.stdout).toMatch(new RegExp(`BT-11 回测主体11（leads\\.jsonl 第 11 行）：.* → .*\\n {4}不再触发 ${movedRule}「`))
    expect(text.stdout).toMatch(new RegExp(`\\* ${movedRule}\\s+30 → 20`))
    const html = await runCli(['diff', '--base', 'base', '--head', 'head', 'leads.jsonl', '--format', 'html', '--out', 'diff.html'], { cwd: dir })
    expect(html.code).toBe(0)
    expect(html.stderr).toContain('已写入 diff.html（变化 10 条）')
    const page = await readFile(join(dir, 'diff.html'), 'utf8')
    expect(page).toMatch(/^<!DOCTYPE html>/)
    expect(page).not.toMatch(/<script|<link|src=|url\(/i)
    expect(page).toContain(`不再触发 ${movedRule}「`)
  })

  it('is a usage error without --head or with a bad --format', async () => {
    expect((await runCli(['diff', '--base', 'base', 'leads.jsonl'], { cwd: dir })).code).toBe(2)
    const bad = await runCli(['diff', '--base', 'base', '--head', 'head', 'leads.jsonl', '--format', 'pdf'], { cwd: dir })
    expect(bad.code).toBe(2)
    expect(bad.stderr).toContain('--format 的取值“pdf”无效')
  })

  it('leaves an existing --out file intact when the write fails part-way (disk full, file size limit)', async () => {
    await writeFile(join(dir, 'report.html'), 'yesterday\n')
    // A real process with a 1 KiB file size limit: the report (several KiB) cannot be written in full.
    const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx/esm')).href
    const bin = new URL('../bin.ts', import.meta.url).pathname
    const script = `ulimit -f 1 && exec node --conditions=source --import "$1" "$2" diff --base base --head head "$3" --format html --out report.html`
    const { code, stderr } = await new Promise<{ code: number; stderr: string }>((done) => {
      execFile('bash', ['-c', script, 'bash', tsx, bin, FIXTURE_SHEET], { cwd: dir }, (e, _out, err) => done({ code: e === null ? 0 : typeof e.code === 'number' ? e.code : -1, stderr: err }))
    })
    expect(code).toBe(1)
    expect(stderr).toContain('无法写入')
    expect(await readFile(join(dir, 'report.html'), 'utf8')).toBe('yesterday\n')
    expect((await readdir(dir)).filter((f) => f.endsWith('.tmp'))).toEqual([])
  })

  it('stops on Ctrl-C with exit 130 and the interrupted line, writing nothing', async () => {
    const controller = new AbortController()
    controller.abort()
    const r = await runCli(['diff', '--base', 'base', '--head', 'head', 'leads.jsonl', '--out', 'interrupted.txt'], { cwd: dir, signal: controller.signal })
    expect(r.code).toBe(130)
    expect(r.stderr).toContain('已中断')
    expect(r.stderr).not.toContain('内部错误')
    expect(await readdir(dir)).not.toContain('interrupted.txt')
  })

  it('turns a lead the scorer rejects as invalid into a rejected row on both sides and goes on', async () => {
    const scorer = createScorer(parseRulePack({ 'pack.json': JSON.stringify(TEST_PACK), 'rules.json': JSON.stringify(TEST_RULES) }))
    const invalid = { id: 'C', subject: { name: '' } } as unknown as Lead
    const valid = { id: 'D', subject: { name: '某合作社' } } as Lead
    async function* events(): AsyncGenerator<SheetEvent> {
      yield { kind: 'lead', line: 2, lead: invalid, warnings: [] }
      yield { kind: 'lead', line: 3, lead: valid, warnings: [] }
    }
    const collected = await collectBacktestPairs(events(), scorer, scorer, 'x.csv')
    expect(collected.interrupted).toBe(false)
    expect(collected.pairs).toHaveLength(2)
    expect(collected.pairs[0]).toMatchObject({ base: { status: 'rejected', line: 2, id: 'C' }, head: { status: 'rejected', id: 'C' }, source: 'x.csv' })
    expect(collected.pairs[1]).toMatchObject({ base: { status: 'scored', id: 'D' }, head: { status: 'scored', id: 'D' }, subject: '某合作社' })
  })
})
