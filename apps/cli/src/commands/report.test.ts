import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { runCli, tempDir } from '../_test-run'

/*
 * Acceptance of issue 7 for `chufei report` and `chufei stats`: from the bundled sweeps the report's
 * figures are the numbers `chufei stats` prints (both come from computeStats; the HTML embeds them and
 * shows them), with and without --previous, from a sheet and from a ledger.
 */

const ROOT = fileURLToPath(new URL('../../../../', import.meta.url))
const Q1 = join(ROOT, 'fixtures/sweeps/2024q1-ledger.xlsx')
const Q2 = join(ROOT, 'fixtures/sweeps/2024q2.csv')
const TODAY = ['--today', '2024-06-30']

const statsJson = async (args: string[]) => {
  const r = await runCli(['stats', ...args, ...TODAY, '--format', 'json'], { cwd: ROOT })
  expect(r.code, r.stderr).toBe(0)
  return JSON.parse(r.stdout) as { overall: { leads: number; keyLeads: number; outstanding: { sum: number } }; byVillage: Array<{ label: string; leads: number }>; overdue: unknown[] }
}

const reportHtml = async (args: string[]) => {
  const dir = await tempDir()
  const out = join(dir, 'report.html')
  const r = await runCli(['report', ...args, ...TODAY, '--out', out], { cwd: ROOT })
  expect(r.code, r.stderr).toBe(0)
  return readFile(out, 'utf8')
}

const embedded = (html: string): unknown => JSON.parse(/<script type="application\/json" id="chufei-stats">([^<]*)<\/script>/.exec(html)![1]!)

describe('chufei report and chufei stats agree', () => {
  for (const [what, args] of [
    ['the Q2 sheet', [Q2]],
    ['the Q2 sheet tracked against the Q1 ledger', [Q2, '--previous', Q1]],
    ['the Q1 ledger (XLSX)', [Q1]],
  ] as const) {
    it(`on ${what}`, async () => {
      const [stats, html] = await Promise.all([statsJson([...args]), reportHtml([...args])])
      expect(embedded(html)).toEqual(stats)
      // The visible figures are those numbers too.
      expect(html).toContain(`data-stat="overall.leads">${stats.overall.leads}<`)
      expect(html).toContain(`data-stat="overall.keyLeads">${stats.overall.keyLeads}<`)
      stats.byVillage.forEach((g, i) => expect(html).toContain(`data-stat="byVillage.${i}.leads">${g.leads}<`))
      expect(html).toContain(`data-stat="overdue.length">${stats.overdue.length}<`)
    })
  }

  it('writes Markdown with the same figures', async () => {
    const dir = await tempDir()
    const out = join(dir, 'report.md')
    const r = await runCli(['report', Q2, '--previous', Q1, ...TODAY, '--out', out], { cwd: ROOT })
    expect(r.code).toBe(0)
    const md = await readFile(out, 'utf8')
    const stats = await statsJson([Q2, '--previous', Q1])
    expect(md).toContain('# 非法集资风险排查总结报告')
    for (const g of stats.byVillage) expect(md).toMatch(new RegExp(`\\| ${g.label} \\| ${g.leads} \\|`))
    expect(md).toContain('## 六、与上期相比的变化')
    expect(md).toContain('新增3条，升级2条，降级0条')
  })

  it('names the changes, overdue items and next steps of the bundled sweeps', async () => {
    const html = await reportHtml([Q2, '--previous', Q1, '--org', '双桥镇处非办'])
    expect(html).toContain('双桥镇处非办')
    expect(html).toContain('寿县安康惠民服务部')
    expect(html).toMatch(/黄色预警 → 红色预警/)
    expect(html).toContain('data-step="transfer"')
    expect(html).toContain('data-step="overdue"')
    expect(html).toContain('data-step="focus-villages"')
    // 已化解 leads need no further step.
    expect(/data-step="rectify">([^<]*)</.exec(html)?.[1] ?? '').not.toContain('SQ-2024Q1-023')
  })

  it('prints stats as text, in Chinese by default and English on request', async () => {
    const zh = await runCli(['stats', Q2, ...TODAY], { cwd: ROOT })
    expect(zh.code).toBe(0)
    expect(zh.stdout).toContain('按所属村')
    expect(zh.stdout).toContain('重点线索（按综合得分）')
    const en = await runCli(['stats', Q2, ...TODAY, '--lang', 'en'], { cwd: ROOT })
    expect(en.stdout).toContain('By village')
  })

  it('refuses a bad --format or --today as a usage error', async () => {
    expect((await runCli(['stats', Q2, '--format', 'xml'], { cwd: ROOT })).code).toBe(2)
    expect((await runCli(['report', Q2, '--today', '30/06/2024'], { cwd: ROOT })).code).toBe(2)
    expect((await runCli(['track', Q2, '--previous', Q1, '--out', 'x.csv'], { cwd: ROOT })).code).toBe(2)
  })

  it('reports a missing input file plainly', async () => {
    const r = await runCli(['stats', 'nope.xlsx'], { cwd: ROOT })
    expect(r.code).toBe(1)
    expect(r.stderr).toContain('nope.xlsx')
  })
})
