import { readFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { RunningServer } from '../src/server'
import { checkPage, createApiClient, launchChromium, openWatchedPage } from './_browser'
import { startTownServer, type TownServer } from './_town-server'

/*
 * The console's home (首页), upload (上传排查表) and report (总结报告) pages end to end: Debian's Chromium driven
 * by playwright-core on the real server (port 0) over an embedded PGlite store in a temp folder, as a first run
 * of `npm run serve` opens it. The tests run in order on one store: the bundled samples imported in one click
 * from an empty home, a village's sheet with a bad row dropped on the upload page, the same file twice, home's
 * figures against the API's, the report framed and printed, and a village user who sees its own village only.
 * Every wait is on something the page shows, never on a clock.
 */

const Q2 = fileURLToPath(new URL('../../../fixtures/sweeps/2024q2.csv', import.meta.url))
const TOWN = { login: 'home-town', password: 'town-password-1' }
const VILLAGE = { login: 'home-village', password: 'village-password-1' }
/** A village's sheet: one good row, and one without a subject name (line 3), which the import rejects. */
const VILLAGE_SHEET = '线索编号,主体名称,所属村（社区）,涉及人数,宣传用语\nUP-1,芮集村上传测试商行,芮集村,40,保本保息\nUP-2,,芮集村,10,\nUP-3,芮集村上传测试小卖部,芮集村,3,\n'

interface CaseRow {
  id: number
  unit: string
  subject: { name: string }
}

let town: TownServer
let server: RunningServer
let browser: Browser
let context: BrowserContext
let page: Page
let townToken: string
let villageToken: string
let problems: string[] = []
let refused: string[] = []

const { api, postJson } = createApiClient(() => server.url)

beforeAll(async () => {
  town = await startTownServer('chufei-home-')
  server = town.server
  const { adminToken } = town
  await postJson('/v1/units', { name: '芮集村', kind: 'village', parent: '芮集镇' }, adminToken)
  await postJson('/v1/units', { name: '双桥社区', kind: 'village', parent: '芮集镇' }, adminToken)
  await postJson('/v1/users', { ...TOWN, displayName: '芮集镇处非办', role: 'town-admin', unit: '芮集镇' }, adminToken)
  await postJson('/v1/users', { ...VILLAGE, displayName: '芮集村村委', role: 'unit', unit: '芮集村' }, adminToken)
  townToken = (await postJson<{ token: string }>('/v1/tokens', TOWN)).token
  villageToken = (await postJson<{ token: string }>('/v1/tokens', VILLAGE)).token
  browser = await launchChromium()
})

afterAll(async () => {
  await browser?.close()
  await town?.close()
})

beforeEach(async () => {
  ({ context, page, problems, refused } = await openWatchedPage(browser, { acceptDownloads: true, refusedApart: true }))
})

afterEach(async () => {
  await context?.close()
})


const signIn = async (p: Page, who: { login: string; password: string }) => {
  await p.getByLabel('登录名').fill(who.login)
  await p.getByLabel('密码').fill(who.password)
  await p.getByRole('button', { name: '登录', exact: true }).click()
}

/** The text of a figure the page marks with `data-count`. */
const count = async (p: Page, scope: string, key: string) => Number(await p.locator(`${scope} [data-count="${key}"]`).textContent())

describe('the staff pages home, upload and report', () => {
  it('a fresh store: the town office lands on home from the bare address and imports the bundled samples in one click', async () => {
    await page.goto(`${server.url}/console/#/signin`)
    await signIn(page, TOWN)
    await page.getByRole('button', { name: '退出' }).waitFor()
    // The address `npm run serve` prints, now signed in: home, not the analysts' rules page.
    await page.goto(`${server.url}/console/`)
    await page.waitForURL(/#\/home$/)
    await page.getByText('还没有导入排查表。').waitFor()
    await checkPage(page)
    await page.getByRole('button', { name: '导入示例数据' }).click()
    const outcome = page.getByTestId('samples-outcome')
    await outcome.waitFor()
    expect(await outcome.locator('li[data-status="imported"]').allTextContents()).toEqual([
      expect.stringMatching(/^sweep-2024q1\.xlsx（2024-03-31）：已导入.*新立案 12，仅列入总量清单 51$/),
      expect.stringMatching(/^2024q2\.csv（2024-06-30）：已导入.*新立案 3，仅列入总量清单 49$/),
    ])
    // Home reloads with the sweeps: the latest is Q2.
    await page.getByTestId('new-this-sweep').getByText('文件 2024q2.csv').waitFor()
    const sweeps = await api<Array<{ fileName: string; date: string }>>('/v1/sweeps', { token: townToken })
    expect(sweeps.map((s) => [s.fileName, s.date])).toEqual([
      ['2024q2.csv', '2024-06-30'],
      ['sweep-2024q1.xlsx', '2024-03-31'],
    ])
    // A second click (from the upload page) changes nothing and says so.
    await page.getByRole('link', { name: '上传排查表' }).click()
    await page.getByRole('button', { name: '导入示例数据' }).click()
    await page.locator('[data-testid="samples-outcome"] li[data-status="already"]').nth(1).waitFor()
    expect((await api<unknown[]>('/v1/sweeps', { token: townToken })).length).toBe(2)
    expect(problems).toEqual([])
    expect(refused).toEqual([])
  })

  it('upload: a sheet dropped on the page shows its counts and the rejected row with its line; the same file twice is refused naming the earlier sweep', async () => {
    await page.goto(`${server.url}/console/#/upload`)
    await signIn(page, TOWN)
    const zone = page.getByTestId('drop-zone')
    await zone.waitFor()
    await checkPage(page)
    const dataTransfer = await page.evaluateHandle((text) => {
      const dt = new DataTransfer()
      dt.items.add(new File([text], 'village-upload.csv', { type: 'text/csv' }))
      return dt
    }, VILLAGE_SHEET)
    await zone.dispatchEvent('drop', { dataTransfer })
    await page.getByTestId('chosen-file').getByText('village-upload.csv').waitFor()
    await page.getByLabel('导入到单位').selectOption({ label: '芮集镇' })
    await page.getByLabel('排查日期').fill('2024-05-15')
    await page.getByRole('button', { name: '上传并评分' }).click()
    const outcome = page.getByTestId('outcome')
    await outcome.waitFor()
    expect(await count(page, '[data-testid="outcome"]', 'read')).toBe(3)
    expect(await count(page, '[data-testid="outcome"]', 'scored')).toBe(2)
    expect(await count(page, '[data-testid="outcome"]', 'rejected')).toBe(1)
    // UP-1 asks for a penalty and opens a case; UP-3, of no tier and only to monitor, stays on the list only.
    expect(await count(page, '[data-testid="outcome"]', 'new')).toBe(1)
    expect(await count(page, '[data-testid="outcome"]', 'listed-only')).toBe(1)
    await outcome.getByText('只列入本批总量风险清单', { exact: false }).waitFor()
    const rejected = outcome.locator('table.rejected tbody tr')
    expect(await rejected.count()).toBe(1)
    expect(await rejected.getAttribute('data-line')).toBe('3')
    const cells = await rejected.locator('td').allTextContents()
    expect(cells.slice(0, 2)).toEqual(['3', 'UP-2'])
    expect(cells[2]).toMatch(/主体名称/)
    await checkPage(page)
    // The sweep's risk ledger downloads from the outcome: the total list, the lead without a case included.
    const [download] = await Promise.all([page.waitForEvent('download'), outcome.getByRole('link', { name: '下载 CSV' }).click()])
    expect(download.suggestedFilename()).toMatch(/^风险台账-第\d+批-2024-05-15\.csv$/)
    const chunks: Buffer[] = []
    for await (const chunk of await download.createReadStream()) chunks.push(chunk as Buffer)
    const ledger = Buffer.concat(chunks).toString('utf8')
    for (const id of ['UP-1', 'UP-2', 'UP-3']) expect(ledger).toContain(id)

    // The file button speaks the page's language: the browser's own "Choose File" / "No file chosen" is hidden.
    const chooser = page.locator('label.file-button', { hasText: '选择排查表文件（.xlsx 或 .csv）' })
    expect(await chooser.isVisible()).toBe(true)
    const native = await page.getByLabel('选择排查表文件（.xlsx 或 .csv）').boundingBox()
    expect(native === null || (native.width <= 1 && native.height <= 1)).toBe(true)
    // The bundled Q2 sheet, chosen with the file input this time: imported by the samples before.
    await page.getByLabel('选择排查表文件（.xlsx 或 .csv）').setInputFiles({ name: '2024q2.csv', mimeType: 'text/csv', buffer: await readFile(Q2) })
    await page.getByLabel('排查日期').fill('2024-06-30')
    await page.getByRole('button', { name: '上传并评分' }).click()
    const error = page.getByTestId('upload-error')
    await error.waitFor()
    const q2 = (await api<Array<{ id: number; fileName: string }>>('/v1/sweeps', { token: townToken })).find((s) => s.fileName === '2024q2.csv')!
    expect(await error.textContent()).toContain(`第 ${q2.id} 批`)
    // A file that is not a sheet is refused in the page, before any upload.
    await page.getByLabel('选择排查表文件（.xlsx 或 .csv）').setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('x') })
    await page.getByText('只能上传 .xlsx 或 .csv 文件').waitFor()
    expect(problems).toEqual([])
    expect(refused).toEqual(['/v1/sweeps'])
  })

  it('home: open cases by tier, overdue, resurfacing and new this sweep as the API counts them, the charts and the trend across sweeps', async () => {
    await page.goto(`${server.url}/console/#/home`)
    await signIn(page, TOWN)
    await page.getByTestId('trend').waitFor()
    const open = await api<Array<{ open: number; byTier: Record<string, number> }>>('/v1/open-cases', { token: townToken })
    expect(await count(page, '[data-testid="open-cases"]', 'open')).toBe(open.reduce((n, u) => n + u.open, 0))
    const red = open.reduce((n, u) => n + (u.byTier.red ?? 0), 0)
    expect(red).toBeGreaterThan(0)
    expect(await page.locator('[data-testid="open-cases"] li[data-tier="red"]').textContent()).toBe(`红色预警 ${red}`)
    const overdue = await api<CaseRow[]>('/v1/overdue', { token: townToken })
    expect(await count(page, '[data-testid="overdue"]', 'overdue')).toBe(overdue.length)
    expect(await page.locator('[data-testid="overdue"] li a').first().textContent()).toBe(overdue[0]!.subject.name)
    const overview = await api<{ opened: number; latestSweep: { fileName: string } }>('/v1/overview', { token: townToken })
    expect(overview.latestSweep.fileName).toBe('2024q2.csv')
    expect(await count(page, '[data-testid="new-this-sweep"]', 'new')).toBe(overview.opened)
    const resurfacing = await api<{ items: CaseRow[] }>('/v1/cases?resurfacing=true&open=true&limit=8', { token: townToken })
    expect(await page.locator('[data-testid="resurfacing"] li').count()).toBe(resurfacing.items.length)
    // Five charts and the trend's: SVG drawn by the ledger's charts, with the villages of the sheets.
    for (const id of ['tier', 'open', 'village', 'sector', 'pattern', 'trend']) await page.locator(`figure[data-chart="${id}"] svg[role="img"]`).waitFor()
    expect(await page.locator('figure[data-chart="village"] svg').getAttribute('aria-label')).toBe('按村（社区）')
    expect(await page.locator('figure[data-chart="village"] svg').textContent()).toContain('双桥社区')
    // One row per sweep date; the trend figures are the API's for each period.
    const rows = page.locator('table.trend tbody tr')
    expect(await rows.locator('th').allTextContents()).toEqual(['2024-01-01 至 2024-03-31', '2024-04-01 至 2024-05-15', '2024-05-16 至 2024-06-30'])
    const q2 = await api<{ total: Record<string, number> }>('/v1/trend?from=2024-05-16&to=2024-06-30', { token: townToken })
    expect(await rows.nth(2).locator('td').allTextContents()).toEqual(['opened', 'escalated', 'deEscalated', 'resolved', 'overdue'].map((k) => String(q2.total[k])))
    expect(q2.total.opened).toBeGreaterThan(0)
    await checkPage(page)
    // In English, the tiers are named in English.
    await page.getByRole('button', { name: '切换为英文' }).click()
    await page.getByRole('heading', { name: 'Trend across sweeps' }).waitFor()
    expect(await page.locator('figure[data-chart="tier"] svg').textContent()).toContain('Red (level I)')
    await checkPage(page)
    expect(problems).toEqual([])
    expect(refused).toEqual([])
  })

  it('report: the summary report of a unit and period in the page, and 打印 prints the report alone', async () => {
    await page.goto(`${server.url}/console/#/report`)
    await signIn(page, TOWN)
    // The period first shown is the quarter of the latest sweep.
    await expect.poll(() => page.getByLabel('起日').inputValue()).toBe('2024-04-01')
    expect(await page.getByLabel('止日').inputValue()).toBe('2024-06-30')
    const reportText = () => page.evaluate(() => document.querySelector<HTMLIFrameElement>('iframe.report-frame')?.contentDocument?.body?.innerText ?? '')
    await page.waitForFunction(() => (document.querySelector<HTMLIFrameElement>('iframe.report-frame')?.contentDocument?.body?.innerText ?? '').includes('数据说明'))
    expect(await reportText()).toContain('动态趋势')
    expect(await reportText()).toContain('2024q2.csv')
    // One village, another period: the frame shows that report.
    await page.getByLabel('所属单位').selectOption({ label: '芮集村' })
    await page.getByLabel('起日').fill('2024-01-01')
    await page.getByLabel('止日').fill('2024-03-31')
    await page.getByRole('button', { name: '生成报告' }).click()
    await page.waitForFunction(() => {
      const text = document.querySelector<HTMLIFrameElement>('iframe.report-frame')?.contentDocument?.body?.innerText ?? ''
      return text.includes('数据说明') && text.includes('sweep-2024q1.xlsx') && !text.includes('2024q2.csv')
    })
    expect(await page.locator('iframe.report-frame').getAttribute('src')).toMatch(/report\.html\?from=2024-01-01&to=2024-03-31&unit=\d+$/)
    // 打印 prints the frame's window, not the console around it.
    await page.evaluate(() => {
      const frame = document.querySelector<HTMLIFrameElement>('iframe.report-frame')!
      const printed = (window as unknown as { __printed: string[] }).__printed = [] as string[]
      frame.contentWindow!.print = () => printed.push(frame.contentDocument!.title)
      window.print = () => printed.push('console')
    })
    await page.getByRole('button', { name: '打印' }).click()
    expect(await page.evaluate(() => (window as unknown as { __printed: string[] }).__printed)).toEqual([expect.stringContaining('总结报告')])
    // A bad period is refused at the field.
    await page.getByLabel('起日').fill('2024-07-01')
    await page.getByText('起日不能晚于止日').waitFor()
    expect(await page.getByRole('button', { name: '生成报告' }).isDisabled()).toBe(true)
    await checkPage(page)
    expect(problems).toEqual([])
    expect(refused).toEqual([])
  })

  it('a village user: home shows its own village only (UI and API), no upload form, and the report offers its own unit only', async () => {
    const all = (await api<{ items: CaseRow[] }>('/v1/cases?limit=5000', { token: townToken })).items
    const others = all.filter((c) => c.unit !== '芮集村').map((c) => c.subject.name)
    const own = all.filter((c) => c.unit === '芮集村')
    expect(others.length).toBeGreaterThan(0)
    expect(own.length).toBeGreaterThan(0)
    await page.goto(`${server.url}/console/#/home`)
    await signIn(page, VILLAGE)
    await page.getByTestId('trend').waitFor()
    const villageChart = await page.locator('figure[data-chart="village"] svg').textContent()
    expect(villageChart).toContain('芮集村')
    expect(villageChart).not.toContain('双桥社区')
    const text = await page.locator('main').innerText()
    for (const name of others) expect(text).not.toContain(name)
    const open = await api<Array<{ unit: string; open: number }>>('/v1/open-cases', { token: villageToken })
    expect(open.map((u) => u.unit)).toEqual(['芮集村'])
    expect(await count(page, '[data-testid="open-cases"]', 'open')).toBe(open[0]!.open)
    await checkPage(page)
    // The API says the same: the village's overview names no other village's subject, and another village is 404.
    const overview = JSON.stringify(await api('/v1/overview', { token: villageToken }))
    for (const name of others) expect(overview).not.toContain(name)
    const units = await api<Array<{ id: number; name: string }>>('/v1/units', { token: townToken })
    const shuangqiao = units.find((u) => u.name === '双桥社区')!
    expect((await fetch(`${server.url}/v1/overview?unit=${shuangqiao.id}`, { headers: { authorization: `Bearer ${villageToken}` } })).status).toBe(404)
    expect((await fetch(`${server.url}/v1/samples`, { method: 'POST', headers: { authorization: `Bearer ${villageToken}` } })).status).toBe(403)

    await page.getByRole('link', { name: '上传排查表' }).click()
    await page.getByTestId('upload-not-allowed').waitFor()
    expect(await page.locator('input[type="file"]').count()).toBe(0)
    expect(await page.getByRole('button', { name: '导入示例数据' }).count()).toBe(0)
    await page.getByRole('link', { name: '总结报告' }).click()
    await page.waitForFunction(() => (document.querySelector<HTMLIFrameElement>('iframe.report-frame')?.contentDocument?.body?.innerText ?? '').includes('数据说明'))
    expect(await page.getByLabel('所属单位').locator('option').allTextContents()).toEqual(['全部', '芮集村'])
    const report = await page.evaluate(() => document.querySelector<HTMLIFrameElement>('iframe.report-frame')!.contentDocument!.body.innerText)
    for (const name of others) expect(report).not.toContain(name)
    await checkPage(page)
    expect(problems).toEqual([])
    expect(refused).toEqual([])
  })

  it('the analyst’s default page stays the rules page for someone not signed in', async () => {
    await page.goto(`${server.url}/console/`)
    await page.locator('tr[data-rule]').first().waitFor()
    expect(new URL(page.url()).hash).toBe('')
    expect(await page.getByRole('link', { name: '首页' }).count()).toBe(0)
    await page.goto(`${server.url}/console/#/home`)
    await page.getByText('此页面需要登录。').waitFor()
    expect(problems).toEqual([])
  })
})
