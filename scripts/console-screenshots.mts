/*
 * Regenerates the console screenshots in docs/ (docs/console-*.png) from the default pack, on the real
 * server over an embedded store in a temp folder (a first run: town 芮集镇 and its administrator; the bundled
 * 2024 Q1 and Q2 sweeps imported through the API), in Debian's Chromium at 1366×768. Needs `chromium` and
 * `fonts-noto-cjk` (apt-get) and a built console (`npm run build`, or `npm ci`).
 *
 *   node --conditions=source --import tsx scripts/console-screenshots.mts
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { basename, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { chromium } from 'playwright-core'
import { startServer } from '../apps/api/src/server'
import { openStore } from '../apps/api/src/store-open'

const root = fileURLToPath(new URL('..', import.meta.url))
const dataDir = await mkdtemp(join(tmpdir(), 'chufei-shots-'))
const store = await openStore({ dataDir }, '芮集镇', () => {})
const admin = store.firstAdmin!
const server = await startServer({ rulesDir: `${root}rules`, port: 0, hostname: '127.0.0.1', watch: false, logger: () => {}, store: { db: store.db } })
const token = ((await (await fetch(`${server.url}/v1/tokens`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ login: admin.login, password: admin.password }) })).json()) as { token: string }).token
for (const [file, date] of [['fixtures/sheets/sweep-2024q1.xlsx', '2024-03-31'], ['fixtures/sweeps/2024q2.csv', '2024-06-30']] as const) {
  const form = new FormData()
  form.set('file', new File([await readFile(join(root, file))], basename(file)))
  form.set('unit', '芮集镇')
  form.set('date', date)
  const res = await fetch(`${server.url}/v1/sweeps`, { method: 'POST', body: form, headers: { authorization: `Bearer ${token}` } })
  if (!res.ok) throw new Error(`import ${file}: ${res.status} ${await res.text()}`)
}
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] })
try {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN', deviceScaleFactor: 1 })
  context.setDefaultTimeout(0)
  const page = await context.newPage()

  await page.goto(`${server.url}/console/#/rules`)
  await page.locator('tr[data-rule]').first().waitFor()
  await page.screenshot({ path: `${root}docs/console-rules.png` })

  await page.goto(`${server.url}/console/#/try`)
  await page.getByRole('button', { name: '填入示例' }).click()
  await page.getByRole('button', { name: '评分并解释' }).click()
  await page.getByTestId('total').waitFor()
  await page.locator('.summary').evaluate((el) => el.scrollIntoView({ block: 'start' }))
  await page.screenshot({ path: `${root}docs/console-try.png` })

  await page.goto(`${server.url}/console/#/editor/scale-people-150`)
  await page.locator('[data-testid="validation"][data-state="valid"]').waitFor()
  await page.getByLabel('加分（涉众规模）').fill('500')
  await page.locator('[data-pointer="/event/params/points"] .field-error').waitFor()
  await page.screenshot({ path: `${root}docs/console-editor.png` })

  // Staff: sign in as the first-run administrator, the ledger filtered to red, then the most severe red case
  // seen in both sweeps (or the most severe red case) with its 评分依据.
  await page.goto(`${server.url}/console/#/cases`)
  await page.getByLabel('登录名').fill(admin.login)
  await page.getByLabel('密码').fill(admin.password)
  await page.getByRole('button', { name: '登录', exact: true }).click()
  await page.locator('table.cases tbody tr').first().waitFor()
  await page.getByLabel('预警等级').selectOption('red')
  await page.waitForFunction(() => {
    const tiers = [...document.querySelectorAll('table.cases tbody tr td:nth-child(4)')]
    return tiers.length > 0 && tiers.every((td) => td.textContent?.startsWith('红色预警'))
  })
  await page.screenshot({ path: `${root}docs/console-cases.png` })
  const red = ((await (await fetch(`${server.url}/v1/cases?tier=red&limit=50`, { headers: { authorization: `Bearer ${token}` } })).json()) as { items: { id: number; firstSweepId: number; lastSweepId: number }[] }).items
  const shown = red.find((c) => c.firstSweepId !== c.lastSweepId) ?? red[0]
  if (shown === undefined) throw new Error('no red case in the sample sweeps')
  await page.goto(`${server.url}/console/#/cases/${shown.id}`)
  await page.locator('table.case-leads tbody tr').first().waitFor()
  await page.screenshot({ path: `${root}docs/console-case.png` })
  await page.locator('section.case-why [data-testid="why-pack"]').waitFor()
  await page.locator('section.case-why').evaluate((el) => el.scrollIntoView({ block: 'start' }))
  await page.screenshot({ path: `${root}docs/console-case-why.png` })

  // Home, the report (the Q2 quarter), then upload with a village sheet that has a bad row (last: it adds a sweep).
  await page.goto(`${server.url}/console/#/home`)
  await page.getByTestId('trend').waitFor()
  await page.screenshot({ path: `${root}docs/console-home.png` })
  await page.goto(`${server.url}/console/#/report`)
  await page.waitForFunction(() => (document.querySelector<HTMLIFrameElement>('iframe.report-frame')?.contentDocument?.body?.innerText ?? '').includes('数据说明'))
  await page.screenshot({ path: `${root}docs/console-report.png` })
  await page.goto(`${server.url}/console/#/upload`)
  await page.getByLabel('选择排查表文件（.xlsx 或 .csv）').setInputFiles({
    name: '芮集村-2024-07.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from('线索编号,主体名称,所属村（社区）,涉及人数,宣传用语\nRJ-07-1,芮集村示例商行,芮集村,40,保本保息\nRJ-07-2,,芮集村,10,\n'),
  })
  await page.getByLabel('排查日期').fill('2024-07-15')
  await page.getByRole('button', { name: '上传并评分' }).click()
  await page.getByTestId('outcome').waitFor()
  await page.screenshot({ path: `${root}docs/console-upload.png` })
  console.log('docs/console-{rules,try,editor,cases,case,case-why,home,report,upload}.png')
} finally {
  await browser.close()
  await server.close()
  await store.db.close()
  await rm(dataDir, { recursive: true, force: true })
}
