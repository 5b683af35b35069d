import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { beforeAll, describe, expect, it } from 'vitest'
import { runCli, tempDir } from '../_test-run'
import { resolvePeriod } from './trend-command'

/*
 * `chufei trend` and `chufei report --store` end to end on the embedded store: the bundled sweeps imported
 * (2024 Q1, then Q2), a case resolved by staff, and the figures a 处非办 checks — the cases Q2 opened are 新增,
 * the tiers Q2 raised are 升级, the resolved case is 化解, the passed deadlines are 逾期 — as the administrator,
 * as a village user (its own unit only), in English, and in the report file.
 */

const fixture = (p: string) => fileURLToPath(new URL(`../../../../fixtures/${p}`, import.meta.url))

interface Figures {
  opened: number
  escalated: number
  deEscalated: number
  resolved: number
  overdue: number
  open: number
}
interface TrendJson {
  from: string
  to: string
  units: (Figures & { unit: string })[]
  total: Figures
}

describe('chufei trend and report --store', () => {
  let env: Record<string, string>
  let villageToken: string
  let q2: { newCases: number; escalations: { caseId: number }[] }
  let resolved: { id: number; unit: string }
  // Staff's edits count on the (UTC) day they are made: the period runs to today.
  const today = new Date().toISOString().slice(0, 10)
  const cli = (argv: string[]) => runCli(argv, { env })
  const json = async <T>(argv: string[]): Promise<T> => {
    const out = await cli([...argv, '--json'])
    expect(out.stderr, argv.join(' ')).toBe('')
    expect(out.code, argv.join(' ')).toBe(0)
    return JSON.parse(out.stdout) as T
  }

  beforeAll(async () => {
    env = { CHUFEI_DATA: join(await tempDir('chufei-trend-cli-'), 'store') }
    expect((await cli(['unit', 'add', '芮集镇'])).code).toBe(0)
    for (const v of ['郑岗村', '双桥社区']) expect((await cli(['unit', 'add', v, '--town', '芮集镇'])).code).toBe(0)
    expect((await cli(['user', 'add', 'zhenggang', '--role', 'unit', '--unit', '郑岗村'])).code).toBe(0)
    villageToken = (await cli(['user', 'token', 'zhenggang'])).stdout.trim()
    await json(['import', fixture('sheets/sweep-2024q1.xlsx'), '--unit', '芮集镇', '--date', '2024-03-31'])
    q2 = await json(['import', fixture('sweeps/2024q2.csv'), '--unit', '芮集镇', '--date', '2024-06-30'])
    const [open] = await json<{ id: number; unit: string }[]>(['case', 'list', '--unit', '郑岗村', '--open'])
    expect((await cli(['case', 'update', String(open!.id), '--status', '已化解', '--notes', '已清退'])).code).toBe(0)
    resolved = open!
  })

  it('counts Q2’s new cases as 新增 and its raised tiers as 升级, Q1’s cases as new in Q1', async () => {
    expect(q2.newCases).toBeGreaterThan(0)
    expect(q2.escalations.length).toBeGreaterThan(0)
    const inQ2 = await json<TrendJson>(['trend', '--from', '2024-04-01', '--to', '2024-06-30'])
    expect(inQ2).toMatchObject({ from: '2024-04-01', to: '2024-06-30' })
    expect(inQ2.total.opened).toBe(q2.newCases)
    expect(inQ2.total.escalated).toBe(q2.escalations.length)
    expect(inQ2.total.resolved).toBe(0)
    const inQ1 = await json<TrendJson>(['trend', '--from', '2024-01-01', '--to', '2024-03-31'])
    expect(inQ1.total).toMatchObject({ opened: 12, escalated: 0, deEscalated: 0, resolved: 0 })
    expect(inQ1.units.map((u) => u.unit)).toEqual(['芮集镇', '郑岗村', '双桥社区'])
  })

  it('counts the case staff resolved as 化解 in its unit, and every passed deadline still in hand as 逾期', async () => {
    const trend = await json<TrendJson>(['trend', '--from', '2024-04-01', '--to', today])
    expect(trend.total.resolved).toBe(1)
    expect(trend.units.find((u) => u.resolved === 1)?.unit).toBe(resolved.unit)
    const overdue = await json<{ id: number }[]>(['overdue', '--today', today])
    expect(overdue.length).toBeGreaterThan(0)
    expect(trend.total.overdue).toBe(overdue.length)
    expect(overdue.map((c) => c.id)).not.toContain(resolved.id)
    const open = await json<{ id: number }[]>(['case', 'list', '--open'])
    expect(trend.total.open).toBe(open.length)
  })

  it('prints a Chinese table by default and English with --lang en', async () => {
    const zh = await cli(['trend', '--from', '2024-04-01', '--to', today])
    expect(zh.code).toBe(0)
    expect(zh.stdout).toContain(`动态趋势 2024-04-01 至 ${today}`)
    expect(zh.stdout).toMatch(/^单位\s+新增\s+升级\s+降级\s+化解\s+逾期\s+在办$/m)
    expect(zh.stdout).toMatch(/^郑岗村\s+\d+\s+\d+\s+\d+\s+1\s+\d+\s+\d+$/m)
    expect(zh.stdout).toMatch(/^合计\s+\d+/m)
    const en = await cli(['trend', '--from', '2024-04-01', '--to', today, '--lang', 'en'])
    expect(en.stdout).toContain(`Trend 2024-04-01 to ${today}`)
    expect(en.stdout).toMatch(/^Unit\s+New\s+Escalated\s+De-escalated\s+Resolved\s+Overdue\s+Open$/m)
    expect(en.stdout).toMatch(/^Total\s+\d+/m)
    expect(en.stdout).not.toMatch(/新增|合计/)
  })

  it('gives a village user its own unit only; another unit is not found (exit 3)', async () => {
    const mine = await json<TrendJson>(['trend', '--from', '2024-01-01', '--to', today, '--token', villageToken])
    expect(mine.units.map((u) => u.unit)).toEqual(['郑岗村'])
    const refused = await cli(['trend', '--from', '2024-01-01', '--to', today, '--unit', '双桥社区', '--token', villageToken])
    expect(refused.code).toBe(3)
    expect(refused.stdout).toBe('')
  })

  it('refuses a period that is not one (exit 2)', async () => {
    expect((await cli(['trend', '--from', '2024-06-30', '--to', '2024-04-01'])).code).toBe(2)
    expect((await cli(['trend', '--to', '2024-13-45'])).code).toBe(2)
  })

  it('writes the summary report from the store with the trend table; a village’s report is its own', async () => {
    const dir = await tempDir('chufei-trend-report-')
    const out = join(dir, '报告.html')
    const run = await cli(['report', '--store', '--from', '2024-04-01', '--to', today, '--out', out])
    expect(run).toMatchObject({ code: 0, stderr: `已生成报告：${out}\n` })
    const html = await readFile(out, 'utf8')
    expect(html).toContain('<h1>非法集资风险排查总结报告</h1>')
    expect(html).toContain('2024q2.csv')
    expect(html).toContain('<h2>六、动态趋势</h2>')
    expect(html).toMatch(/<tr><td>郑岗村<\/td><td class="num" data-trend="opened">\d+<\/td>.*?data-trend="resolved">1<\/td>/)
    expect(html).toMatch(/<tr class="total"><td>合计<\/td>.*?data-trend="resolved">1<\/td>/)
    expect(html).toContain('<h2>七、逾期未化解事项</h2>')
    const village = join(dir, '郑岗村.html')
    expect((await cli(['report', '--store', '--from', '2024-04-01', '--to', today, '--out', village, '--token', villageToken])).code).toBe(0)
    const own = await readFile(village, 'utf8')
    expect(own).toContain('<tr><td>郑岗村</td>')
    expect(own).not.toContain('双桥社区')
    expect(own).not.toContain('<td>芮集镇</td>')
  })

  it('report --store takes no sheet and no --previous (exit 2)', async () => {
    expect((await cli(['report', '--store', fixture('sweeps/2024q2.csv')])).code).toBe(2)
    expect((await cli(['report', '--store', '--previous', fixture('sweeps/2024q1-ledger.xlsx')])).code).toBe(2)
    expect((await cli(['report'])).code).toBe(2)
  })
})

describe('resolvePeriod', () => {
  it('defaults to the quarter so far, and takes dates as given', () => {
    expect(resolvePeriod({}, new Date(2024, 4, 17))).toEqual({ from: '2024-04-01', to: '2024-05-17' })
    expect(resolvePeriod({ to: '2024-12-31' }, new Date())).toEqual({ from: '2024-10-01', to: '2024-12-31' })
    expect(resolvePeriod({ from: '2024-01-01', to: '2024-06-30' }, new Date())).toEqual({ from: '2024-01-01', to: '2024-06-30' })
  })
})
