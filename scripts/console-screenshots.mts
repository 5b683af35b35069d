/*
 * Regenerates the console screenshots in docs/ (docs/console-*.png) from the default pack, on the real
 * server, in Debian's Chromium at 1366×768. Needs `chromium` and `fonts-noto-cjk` (apt-get) and a built
 * console (`npm run build`, or `npm ci`).
 *
 *   node --conditions=source --import tsx scripts/console-screenshots.mts
 */
import { fileURLToPath } from 'node:url'
import { chromium } from 'playwright-core'
import { startServer } from '../apps/api/src/server'

const root = fileURLToPath(new URL('..', import.meta.url))
const server = await startServer({ rulesDir: `${root}rules`, port: 0, hostname: '127.0.0.1', watch: false, logger: () => {} })
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
  console.log('docs/console-rules.png, docs/console-try.png, docs/console-editor.png')
} finally {
  await browser.close()
  await server.close()
}
