import { readFileSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { EXAMPLE_LEAD } from '../src/routes/_openapi'
import type { RunningServer } from '../src/server'
import { createApiClient, launchChromium, openWatchedPage, unlabelledControls } from './_browser'
import { BUNDLED_RULES, startTownServer, type TownServer } from './_town-server'

/*
 * The analyst's way from a rule edit to the pack served, end to end: Debian's Chromium driven by
 * playwright-core on the real server (port 0) over an embedded PGlite store in a temp folder, as
 * `npm run serve` opens it on a first run. A town office signs in, edits a rule (an error at the field, then
 * fixed), backtests it on the stored bundled sweep, publishes it with a reason — `/v1/score` answers with the
 * new version at once — finds it in the history and rolls back — `/v1/score` answers the earlier version.
 * Every wait is on something the page shows, never on a clock; each is bounded (BROWSER_WAIT_MS) so a page
 * that never shows it fails naming the locator instead of waiting for the 25-minute backstop.
 *
 * Each test opens its own browser context and sets up the store state it needs: the first starts from the
 * fresh store (it checks that, and says so if not), the second publishes a version of its own through the API
 * — it used to rely on the first having published, and waited for the backstop whenever the first failed.
 */

/**
 * The bundled pack's version, read from rules/pack.json: the page names it, and a test that spelled it out broke
 * with every release of the pack (round 10: one stale 2024.7.0 left the rest of this file waiting on a page
 * that never came).
 */
const { version: VERSION } = JSON.parse(readFileSync(join(BUNDLED_RULES, 'pack.json'), 'utf8')) as { version: string }
const VERSION_PATTERN = VERSION.replace(/[.+]/g, (c) => `\\${c}`)
const SWEEP = fileURLToPath(new URL('../../../fixtures/sheets/sweep-2024q1.xlsx', import.meta.url))
const TOWN = { login: 'packs-town', password: 'town-password-1' }
const READER = { login: 'packs-reader', password: 'reader-password-1' }

let town: TownServer
let server: RunningServer
let browser: Browser
let context: BrowserContext | undefined
let page: Page
let sweepId: number
let problems: string[] = []

const { api, postJson } = createApiClient(() => server.url)
/** The version `/v1/score` answers with now. */
const scoredVersion = async () => (await postJson<{ rulePack: { version: string } }>('/v1/score', EXAMPLE_LEAD)).rulePack.version

beforeAll(async () => {
  town = await startTownServer('chufei-packs-')
  server = town.server
  const { adminToken } = town
  await postJson('/v1/users', { ...TOWN, displayName: '芮集镇处非办', role: 'town-admin', unit: '芮集镇' }, adminToken)
  await postJson('/v1/users', { ...READER, displayName: '镇分析员', role: 'readonly', unit: '芮集镇' }, adminToken)
  const townToken = (await postJson<{ token: string }>('/v1/tokens', TOWN)).token
  const form = new FormData()
  form.set('file', new File([await readFile(SWEEP)], 'sweep-2024q1.xlsx'))
  form.set('unit', '芮集镇')
  form.set('date', '2024-03-31')
  sweepId = (await api<{ sweepId: number }>('/v1/sweeps', { method: 'POST', body: form, token: townToken })).sweepId
  browser = await launchChromium()
})

/** A fresh browser context (no session) and page for each test, with its own list of page problems (refused requests not among them). */
beforeEach(async () => {
  await context?.close()
  const opened = await openWatchedPage(browser, { refusedApart: true })
  context = opened.context
  page = opened.page
  problems = opened.problems
})

afterAll(async () => {
  await context?.close()
  await browser?.close()
  await town?.close()
})


const tokenOf = async (who: { login: string; password: string }): Promise<string> =>
  (await postJson<{ token: string }>('/v1/tokens', who)).token

/**
 * Publishes, as the town office and through the API, the served pack with rule scale-people-10 worth `points`;
 * answers the version now served.
 */
const publishEdit = async (points: number, reason: string): Promise<string> => {
  const token = await tokenOf(TOWN)
  const { files } = await api<{ files: Record<string, string> }>('/v1/rules/files', { token })
  const scale = JSON.parse(files['scale.json']!) as { rules: { id: string; event: { params: { points: number } } }[] }
  const rule = scale.rules.find((r) => r.id === 'scale-people-10')
  if (rule === undefined) throw new Error('rules/scale.json has no rule scale-people-10 to edit')
  rule.event.params.points = points
  const body = { files: { ...files, 'scale.json': JSON.stringify(scale, null, 2) }, reason }
  const { rulePack } = await postJson<{ rulePack: { version: string } }>('/v1/packs', body, token)
  expect(await scoredVersion()).toBe(rulePack.version)
  return rulePack.version
}

const signIn = async (p: Page, who: { login: string; password: string }) => {
  await p.getByLabel('登录名').fill(who.login)
  await p.getByLabel('密码').fill(who.password)
  await p.getByRole('button', { name: '登录', exact: true }).click()
}

describe('publishing a rule edit in Chromium', () => {
  it('edit → error at the field → fixed → backtest on the stored sweep → publish → served → history → rollback → served again', async () => {
    // Version names and row counts below are those of a store where nothing was published yet.
    const history = await api<{ versions: unknown[] }>('/v1/packs', { token: await tokenOf(TOWN) })
    expect(history.versions, 'this test starts from a store with no published pack (it runs first in this file)').toEqual([])
    expect(await scoredVersion()).toBe(VERSION)
    await page.goto(`${server.url}/console/#/editor/scale-people-10`)
    await page.locator('[data-testid="validation"][data-state="valid"]').waitFor()
    // Not signed in: both panels say that backtest and publish need it (and ask the store nothing).
    await page.getByText('回测和发布需要登录案件库。').first().waitFor()
    expect(await page.getByText('回测和发布需要登录案件库。').count()).toBe(2)
    await page.goto(`${server.url}/console/#/signin`)
    await signIn(page, TOWN)
    await page.locator('.account', { hasText: '芮集镇处非办' }).waitFor()

    await page.goto(`${server.url}/console/#/editor/scale-people-10`)
    await page.locator('[data-testid="validation"][data-state="valid"]').waitFor()
    // An error at the field: points beyond the schema's ±100; backtest and publish wait for a valid pack.
    const points = page.getByLabel('加分（涉众规模）')
    await points.fill('500')
    await page.locator('[data-testid="validation"][data-state="invalid"]').waitFor()
    await page.locator('[data-pointer="/event/params/points"] .field-error').waitFor()
    expect(await points.getAttribute('aria-invalid')).toBe('true')
    expect(await page.getByRole('button', { name: '运行回测' }).isDisabled()).toBe(true)
    expect(await page.getByRole('button', { name: '发布新版本' }).isDisabled()).toBe(true)
    // Fixed: 10 people are worth 40 points instead of 5.
    await points.fill('40')
    await page.locator('[data-testid="validation"][data-state="valid"]').waitFor()
    expect(await page.locator('[data-pointer="/event/params/points"] .field-error').count()).toBe(0)

    // Backtest on the stored sweep: the matrix, the moved leads and the rule that moved them.
    expect(await page.getByLabel('排查批次').inputValue()).toBe(String(sweepId))
    await page.getByRole('button', { name: '运行回测' }).click()
    await page.getByTestId('tier-matrix').waitFor()
    const matrix = await page.getByTestId('tier-matrix').innerText()
    expect(matrix).toContain('红色预警')
    expect(matrix).toContain('未达预警')
    const moved = page.getByTestId('moved-leads')
    await moved.waitFor()
    expect(await moved.locator('tbody tr').count()).toBeGreaterThan(0)
    expect(await moved.locator('tbody tr').first().innerText()).toContain('scale-people-10')
    expect(await page.getByTestId('backtest-result').innerText()).toMatch(new RegExp(`\\d+ 条线索，\\d+ 条变化（导入时的规则包 ${VERSION_PATTERN} → 修改后的规则包）`))
    expect(await unlabelledControls(page, '.cm-editor')).toEqual([])

    // Publish with a reason, confirmed: served at once.
    await page.getByLabel('发布原因（必填）').fill('十人以上即显著扩散，加重计分')
    await page.getByLabel('我确认发布，服务将立即使用新规则').check()
    await page.getByRole('button', { name: '发布新版本' }).click()
    await page.getByTestId('published').waitFor()
    expect(await page.getByTestId('published').innerText()).toContain(`已发布为版本 ${VERSION}+1`)
    expect(await scoredVersion()).toBe(`${VERSION}+1`)

    // The history: who, when, why, version; the folder's pack recorded before it.
    await page.getByTestId('published').getByRole('link', { name: '版本' }).click()
    await page.getByRole('heading', { level: 1, name: '规则包版本' }).waitFor()
    await page.getByTestId('pack-history').waitFor()
    const current = page.locator('tr[aria-current="true"]')
    expect(await current.getAttribute('data-version')).toBe(`${VERSION}+1`)
    const row = await current.innerText()
    expect(row).toContain('芮集镇处非办')
    expect(row).toContain('十人以上即显著扩散，加重计分')
    expect(await page.getByTestId('serving-version').innerText()).toBe(`${VERSION}+1`)
    expect(await unlabelledControls(page, '.cm-editor')).toEqual([])

    // Roll back to the folder's pack, by keyboard, with a reason.
    await page.getByRole('button', { name: `回滚到版本 ${VERSION}（#1）` }).focus()
    await page.keyboard.press('Enter')
    await page.getByLabel('回滚原因（必填）').fill('误报增多，先退回')
    await page.keyboard.press('Enter')
    await page.getByTestId('rolled-back').waitFor()
    expect(await page.getByTestId('rolled-back').innerText()).toContain(`服务正在使用版本 ${VERSION}`)
    await page.locator(`tr[aria-current="true"][data-version="${VERSION}"]`).waitFor()
    expect(await page.locator('tr[aria-current="true"]').innerText()).toContain('回滚至第 1 号')
    expect(await page.locator('table.packs tbody tr').count()).toBe(3)
    expect(await scoredVersion()).toBe(VERSION)
    expect(problems).toEqual([])
  })

  it('a read-only analyst reads the history in English but cannot roll back or publish', async () => {
    // A history with a version to roll back to, whatever the test before did: a town office publishes one.
    const published = await publishEdit(7, '只读分析员测试用的版本')
    await page.goto(`${server.url}/console/#/packs`)
    await page.getByText('规则包版本需要登录。').waitFor()
    await signIn(page, READER)
    await page.getByTestId('pack-history').waitFor()
    expect(await page.getByTestId('serving-version').innerText()).toBe(published)
    expect(await page.locator('table.packs tbody tr').count()).toBeGreaterThanOrEqual(2)
    expect(await page.getByRole('button', { name: /回滚/ }).count()).toBe(0)
    await page.locator('button.lang').click()
    await page.getByRole('heading', { level: 1, name: 'Pack versions' }).waitFor()
    expect(await page.locator('table.packs thead').innerText()).toContain('Published by')
    await page.goto(`${server.url}/console/#/editor/scale-people-10`)
    await page.getByText('Only a town office or the administrator may publish or roll back packs.').waitFor()
    await page.locator('button.lang').click()
    await page.getByRole('heading', { level: 1, name: '编辑规则' }).waitFor()
    expect(problems).toEqual([])
  })
})
