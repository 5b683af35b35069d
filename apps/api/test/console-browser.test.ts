import { fileURLToPath } from 'node:url'
import { createScorer } from '@chufei/core'
import { loadRulePack } from '@chufei/core/node'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { startServer, type RunningServer } from '../src/server'
import { cspViolations, fitsWidth, launchChromium, openWatchedPage, unlabelledControls } from './_browser'

/*
 * The web console end to end in a real browser: Debian's Chromium (installed by .ci/run, never downloaded)
 * driven by playwright-core, on the real server (port 0) with a small pack made for these tests. Every
 * wait is on something the page shows, never on a clock. Without Chromium the suite fails, saying how to
 * install it; it never skips.
 */

const RULES = fileURLToPath(new URL('./fixtures/console-rules', import.meta.url))

/** The lead the try page's "填入示例" fills in (apps/console/src/lead-form-model.ts). */
const SAMPLE_LEAD = {
  id: 'SQ-001',
  subject: { name: '某某牧业养殖合作社', kind: 'cooperative' },
  sector: 'agriculture',
  people: { total: 420, elderly: 260 },
  money: { raised: 18_000_000, outstanding: 9_000_000, promisedReturn: 0.18 },
  stability: { overdue: true },
  text: { description: '以牛羊托管代养名义吸收群众资金，承诺年化18%返利，现已逾期兑付。' },
}

let server: RunningServer
let browser: Browser
let context: BrowserContext
let page: Page
/** Script errors and console errors (a CSP refusal is one) of the current test's page. */
let problems: string[] = []

beforeAll(async () => {
  server = await startServer({ rulesDir: RULES, port: 0, hostname: '127.0.0.1', watch: false, logger: () => {} })
  browser = await launchChromium()
})

afterAll(async () => {
  await browser?.close()
  await server?.close()
})

beforeEach(async () => {
  ({ context, page, problems } = await openWatchedPage(browser))
})

afterEach(async () => {
  await context?.close()
})




describe('the console in Chromium', () => {
  it('lists the rules by file and dimension with Chinese names, points and legal basis, and filters them', async () => {
    await page.goto(`${server.url}/console/`)
    await page.getByRole('heading', { level: 1, name: '规则' }).waitFor()
    const row = page.locator('tr[data-rule="scale-150"]')
    await row.waitFor()
    expect(await row.innerText()).toContain('涉及人数达到150人')
    expect(await row.innerText()).toContain('涉众规模 +60')
    expect(await row.innerText()).toContain('法释〔2022〕5号第三条第一款第（二）项')
    expect(await page.locator('tr[data-rule="pattern-livestock"]').innerText()).toContain('重点行为：牲畜托管')
    expect(await page.locator('section.rule-file h2').allInnerTexts()).toEqual(['exposure.json', 'scale.json'])
    expect(await page.locator('section.rule-file').first().locator('caption').allInnerTexts()).toEqual(['风险敞口（1）', '涉稳隐患（1）', '重点行为（1）', '处置建议（1）'])

    await page.getByLabel('筛选规则（编号、名称、说明）').fill('牲畜')
    await page.locator('tr[data-rule="scale-150"]').waitFor({ state: 'detached' })
    expect(await page.locator('tbody tr').count()).toBe(1)
    await page.getByLabel('筛选规则（编号、名称、说明）').fill('')
    await page.getByLabel('维度或类型').selectOption('scale')
    await page.locator('tr[data-rule="exposure-1m"]').waitFor({ state: 'detached' })
    expect(await page.locator('tbody tr[data-rule]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-rule')))).toEqual(['scale-150', 'scale-30'])

    expect(await unlabelledControls(page)).toEqual([])
    expect(await fitsWidth(page)).toBe(true)
    expect(problems).toEqual([])
    expect(await cspViolations(page)).toEqual([])
  })

  it('is under the strict policy: the browser refuses an inline script', async () => {
    await page.goto(`${server.url}/console/`)
    await page.locator('tr[data-rule="scale-150"]').waitFor()
    const outcome = await page.evaluate(
      () =>
        new Promise<string>((resolve) => {
          document.addEventListener('securitypolicyviolation', (e) => resolve(`refused: ${e.violatedDirective}`), { once: true })
          const script = document.createElement('script')
          script.textContent = 'window.__inlineRan = true'
          document.body.append(script)
          // An inline script that is allowed runs on append, before this line.
          if ((window as unknown as { __inlineRan?: boolean }).__inlineRan) resolve('ran')
        }),
    )
    expect(outcome).toBe('refused: script-src-elem')
  })

  it('switches to English and back, and the choice is kept on reload', async () => {
    await page.goto(`${server.url}/console/#/rules`)
    await page.locator('tr[data-rule="scale-150"]').waitFor()
    await page.getByRole('button', { name: '切换为英文' }).click()
    await page.getByRole('heading', { level: 1, name: 'Rules' }).waitFor()
    expect(await page.locator('tr[data-rule="scale-150"]').innerText()).toContain('Scale +60')
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en')
    await page.reload()
    await page.getByRole('heading', { level: 1, name: 'Rules' }).waitFor()
    await page.getByRole('button', { name: 'Switch to Chinese' }).click()
    await page.getByRole('heading', { level: 1, name: '规则' }).waitFor()
    expect(problems).toEqual([])
    expect(await cspViolations(page)).toEqual([])
  })

  it('is usable from the keyboard: skip link, then the pages by Tab and Enter', async () => {
    await page.goto(`${server.url}/console/`)
    await page.locator('tr[data-rule="scale-150"]').waitFor()
    await page.keyboard.press('Tab')
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('跳到正文')
    // Tab to the "试算线索" link and follow it.
    for (let i = 0; i < 10; i++) {
      await page.keyboard.press('Tab')
      if ((await page.evaluate(() => document.activeElement?.textContent)) === '试算线索') break
    }
    await page.keyboard.press('Enter')
    await page.getByRole('heading', { level: 1, name: '试算一条线索' }).waitFor()
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('试算一条线索')
    expect(problems).toEqual([])
    expect(await cspViolations(page)).toEqual([])
  })

  it('tries a lead: the four scores, tier, disposition and the condition-by-condition trace in Chinese', async () => {
    const expected = await createScorer(await loadRulePack(RULES)).score(SAMPLE_LEAD)
    if (expected.status !== 'scored') throw new Error('the sample lead must score')
    await page.goto(`${server.url}/console/#/try`)
    await page.getByRole('button', { name: '填入示例' }).click()
    expect(await page.getByLabel('涉及人数（人）').inputValue()).toBe('420')
    await page.getByRole('button', { name: '评分并解释' }).click()
    await page.getByTestId('total').waitFor()
    expect(await page.getByTestId('total').innerText()).toBe(String(expected.total))
    expect(await page.getByTestId('tier').innerText()).toBe({ red: '红色预警', orange: '橙色预警', yellow: '黄色预警', blue: '蓝色预警', none: '未达预警' }[expected.tier])
    expect(await page.getByTestId('disposition').innerText()).toBe('刑事打击（移送公安）')
    for (const [dimension, score] of Object.entries(expected.scores)) {
      expect(await page.locator(`[data-dimension="${dimension}"] .num`).innerText(), dimension).toBe(String(score))
    }
    // Every reason shows what it gave, under its dimension, and each dimension's points add up to what it shows.
    for (const [dimension, score] of Object.entries(expected.scores)) {
      const mine = expected.reasons.filter((r) => r.dimension === dimension)
      if (mine.length === 0) continue
      const group = page.locator(`section.reason-group[data-group="${dimension}"]`)
      const sum = mine.reduce((n, r) => n + (r.points ?? 0), 0)
      expect(await group.locator('h3').innerText(), dimension).toContain(`得分 ${score}（依据合计 ${sum >= 0 ? '+' : ''}${sum}`)
      expect(await group.locator('li .effect').allInnerTexts(), dimension).toEqual(mine.map((r) => `${r.points! >= 0 ? '+' : ''}${r.points}`))
    }
    const trace = page.locator('article[data-rule="scale-150"]')
    expect(await trace.innerText()).toContain('触发')
    expect(await trace.locator('li.cond-true').last().innerText()).toContain('涉及人数 420人，达到 150人')
    expect(await page.locator('article[data-rule="pattern-livestock"]').innerText()).toContain('线索描述 提及 关键词 “托管”、“代养”')
    expect(await page.locator('article.rule-trace').count()).toBe(expected.reasons.length)
    // A shared condition is one line that opens to its tree, drawn only once opened.
    const use = page.locator('article[data-rule="prosecute-large"] li[data-shared="raised-1m"]')
    expect(await use.innerText()).toContain('共享条件〔raised-1m〕')
    expect(await use.locator('li').count()).toBe(0)
    await use.locator('summary').first().click()
    await use.locator('li').first().waitFor()
    expect(await use.locator('li').first().innerText()).toContain('以下全部满足〔raised-1m〕')
    expect(await use.locator('li.cond-true').last().innerText()).toContain('集资金额 1800万元，达到 100万元')

    // With 100 people the 150-people rule does not fire: hidden, then shown on demand with the failed condition.
    await page.getByLabel('涉及人数（人）').fill('100')
    await page.getByRole('button', { name: '评分并解释' }).click()
    await trace.waitFor({ state: 'detached' })
    await page.getByLabel('同时显示未触发的规则').check()
    await page.locator('article.not-fired[data-rule="scale-150"]').waitFor()
    expect(await page.locator('article[data-rule="scale-150"] li.cond-false').last().innerText()).toContain('涉及人数 100人，达到 150人')

    // A wrong lead is refused with the field named.
    await page.getByLabel('JSON', { exact: true }).check()
    await page.getByLabel('线索 JSON').fill('{ "id": "X1", "subject": { "name": "某公司" }, "people": { "total": -5 } }')
    await page.getByRole('button', { name: '评分并解释' }).click()
    await page.locator('.problem').waitFor()
    expect(await page.locator('.problem').innerText()).toContain('people.total')
    await page.getByLabel('线索 JSON').fill('{ "id": ')
    await page.getByRole('button', { name: '评分并解释' }).click()
    await page.locator('#lead-json-error').waitFor()
    expect(await page.locator('#lead-json-error').innerText()).toContain('JSON 格式错误')

    expect(await unlabelledControls(page)).toEqual([])
    expect(await fitsWidth(page)).toBe(true)
    // The error responses above are expected; nothing else may have failed.
    expect(problems.filter((p) => !p.includes('status of 400'))).toEqual([])
    expect(await cspViolations(page)).toEqual([])
  })

  it('edits a rule: an error is shown at the field as it is typed, the examples run on every change, and the fix validates', async () => {
    await page.goto(`${server.url}/console/#/editor/scale-150`)
    const status = page.getByTestId('validation')
    await page.locator('[data-testid="validation"][data-state="valid"]').waitFor()
    expect(await status.innerText()).toContain('校验通过')
    await page.locator('[data-testid="examples"] tbody tr').first().waitFor()
    expect(await page.locator('[data-testid="examples"] tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-passed')))).toEqual(['true', 'true'])
    // The JSON editor shows the rule, in the shadow root CodeMirror styles itself in.
    expect(await page.locator('.cm-content').innerText()).toContain('"scale-150"')

    // Points beyond the schema's ±100: the error appears under the points field and in the editor.
    const points = page.getByLabel('加分（涉众规模）')
    await points.fill('500')
    await page.locator('[data-testid="validation"][data-state="invalid"]').waitFor()
    const pointsField = page.locator('[data-pointer="/event/params/points"]')
    await pointsField.locator('.field-error').waitFor()
    expect(await points.getAttribute('aria-invalid')).toBe('true')
    expect(await page.locator('.cm-content').innerText()).toContain('"points": 500')
    expect(await page.locator('.cm-lintRange-error').count()).toBeGreaterThan(0)

    // A threshold change runs the examples again: 150 people no longer fires at 200.
    await points.fill('60')
    await page.locator('[data-testid="validation"][data-state="valid"]').waitFor()
    expect(await pointsField.locator('.field-error').count()).toBe(0)
    await page.getByLabel('涉及人数 达到（阈值）').fill('200')
    await page.locator('[data-testid="examples"] tr[data-passed="false"]').waitFor()
    expect(await page.locator('[data-testid="examples"] tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-passed')))).toEqual(['false', 'true'])
    // Typed key by key, "149." stays as typed (it means 149) so that a decimal can be entered at all.
    const threshold = page.getByLabel('涉及人数 达到（阈值）')
    await threshold.fill('')
    await threshold.pressSequentially('149.5')
    expect(await threshold.inputValue()).toBe('149.5')
    await page.locator('.cm-content', { hasText: '"value": 149.5' }).waitFor()
    // At 149.5, 150 people fire and 149 do not: both examples pass again.
    await page.locator('[data-testid="examples"] tr[data-passed="true"]').nth(1).waitFor()
    expect(await page.locator('[data-testid="examples"] tr[data-passed="false"]').count()).toBe(0)
    await threshold.fill('150')

    // Typing in the JSON editor: a syntax error is flagged at once, and undoing it validates again.
    // The first line: nothing (a tooltip) can cover it, so the click lands in the editor.
    await page.locator('.cm-line').first().click()
    await page.keyboard.press('Control+End')
    await page.keyboard.type(',')
    await page.locator('[data-testid="validation"][data-state="syntax"]').waitFor()
    await page.keyboard.press('Backspace')
    await page.locator('[data-testid="validation"][data-state="valid"]').waitFor()

    expect(await unlabelledControls(page)).toEqual([])
    expect(await fitsWidth(page)).toBe(true)
    expect(problems).toEqual([])
    expect(await cspViolations(page)).toEqual([])
  })

  it('edits a keyword list one per line, and the examples still run', async () => {
    await page.goto(`${server.url}/console/#/editor/pattern-livestock`)
    await page.locator('[data-testid="validation"][data-state="valid"]').waitFor()
    const keywords = page.getByLabel('线索描述 提及任一关键词（每行一个）')
    expect(await keywords.inputValue()).toBe('托管\n代养')
    await keywords.press('Control+End')
    await keywords.press('Enter')
    await keywords.pressSequentially('认养')
    expect(await keywords.inputValue()).toBe('托管\n代养\n认养')
    await page.locator('.cm-content', { hasText: '"认养"' }).waitFor()
    await page.locator('[data-testid="validation"][data-state="valid"]').waitFor()
    await page.locator('[data-testid="examples"] tr[data-passed="true"]').nth(1).waitFor()

    expect(problems).toEqual([])
    expect(await cspViolations(page)).toEqual([])
  })
})
