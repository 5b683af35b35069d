import { readFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { RunningServer } from '../src/server'
import { OPENS_CASE, sheetOf } from './_store'
import { checkPage, createApiClient, launchChromium, openWatchedPage } from './_browser'
import { startTownServer, type TownServer } from './_town-server'

/*
 * The staff half of the console end to end: Debian's Chromium driven by playwright-core, on the real server
 * (port 0) over an embedded PGlite store in a temp folder, as `npm run serve` opens it on a first run (town,
 * administrator with a password). The town, a village, their users and the bundled sweep are set up through the
 * store's HTTP API, as an office would. The bundled sweep opens a case for its key leads only (12 of 63), so a
 * second sweep of 45 leads that each call for 警示约谈 fills the ledger past one page. Every wait is on something the page shows, never on a clock.
 */

const SWEEP = fileURLToPath(new URL('../../../fixtures/sheets/sweep-2024q1.xlsx', import.meta.url))
const TOWN = { login: 'ruiji-town', password: 'town-password-1' }
const VILLAGE = { login: 'ruiji-village', password: 'village-password-1' }

interface CaseRow {
  id: number
  unit: string
  tier: string
  status: string
  version: number
  measures: string
  deadline: string | null
  subject: { name: string }
}

let town: TownServer
let server: RunningServer
let browser: Browser
let context: BrowserContext
let page: Page
let townToken: string
let allCases: CaseRow[]
/** Script errors and console errors of the current test's page, but for the answers a test expects. */
let problems: string[] = []
/** The failed requests the browser logs, by path (a 404 for another village's case, a 409 of a stale save). */
let refused: string[] = []

const { api, postJson } = createApiClient(() => server.url)

beforeAll(async () => {
  town = await startTownServer('chufei-staff-')
  server = town.server
  // The first run's administrator signs in with the password `npm run serve` prints, and sets up the town.
  const { adminToken } = town
  await postJson('/v1/units', { name: '芮集村', kind: 'village', parent: '芮集镇' }, adminToken)
  await postJson('/v1/units', { name: '双桥社区', kind: 'village', parent: '芮集镇' }, adminToken)
  await postJson('/v1/users', { ...TOWN, displayName: '芮集镇处非办', role: 'town-admin', unit: '芮集镇' }, adminToken)
  await postJson('/v1/users', { ...VILLAGE, displayName: '芮集村村委', role: 'unit', unit: '芮集村' }, adminToken)
  // The town office imports the bundled sweep.
  townToken = (await postJson<{ token: string }>('/v1/tokens', TOWN)).token
  const form = new FormData()
  form.set('file', new File([await readFile(SWEEP)], 'sweep-2024q1.xlsx'))
  form.set('unit', '芮集镇')
  form.set('date', '2024-03-31')
  await api('/v1/sweeps', { method: 'POST', body: form, token: townToken })
  const villages = ['芮集村', '双桥社区', '郑岗村']
  const more = Array.from({ length: 45 }, (_, i) => ({ id: `ST-${i + 1}`, name: `${villages[i % 3]}托管养殖户${i + 1}号`, village: villages[i % 3], people: 4, ...OPENS_CASE }))
  const second = new FormData()
  second.set('file', new File([sheetOf(more)], 'sweep-2024q2-key.csv'))
  second.set('unit', '芮集镇')
  second.set('date', '2024-06-30')
  await api('/v1/sweeps', { method: 'POST', body: second, token: townToken })
  allCases = (await api<{ items: CaseRow[] }>('/v1/cases?limit=5000', { token: townToken })).items
  browser = await launchChromium()
})

afterAll(async () => {
  await browser?.close()
  await town?.close()
})

beforeEach(async () => {
  // Chromium logs every 4xx answer; those the test expects are checked in `refused`, the rest are problems.
  ({ context, page, problems, refused } = await openWatchedPage(browser, { refusedApart: true }))
})

afterEach(async () => {
  await context?.close()
})


/** Signs in with the form the page shows. */
const signIn = async (p: Page, who: { login: string; password: string }) => {
  await p.getByLabel('登录名').fill(who.login)
  await p.getByLabel('密码').fill(who.password)
  await p.getByRole('button', { name: '登录', exact: true }).click()
}

/** The ledger's rows as the page shows them: case id, unit, tier. */
const ledgerRows = (p: Page) =>
  p.locator('table.cases tbody tr').evaluateAll((rows) => rows.map((r) => ({ id: Number(r.getAttribute('data-case')), cells: Array.from(r.querySelectorAll('td')).map((td) => td.textContent ?? '') })))

describe('the staff console in Chromium', () => {
  it('a town office signs in, filters the ledger by tier, opens a case and sets it 处置中 with a measure, which shows in its history', async () => {
    const redCount = allCases.filter((c) => c.tier === 'red').length
    expect(redCount).toBeGreaterThan(0)
    await page.goto(`${server.url}/console/#/cases`)
    // Not signed in: the ledger asks for it in its place.
    await page.getByText('案件台账需要登录。').waitFor()
    await checkPage(page)
    await signIn(page, TOWN)
    await page.getByRole('heading', { level: 1, name: '案件台账' }).waitFor()
    await page.locator('table.cases tbody tr').first().waitFor()
    expect(await page.locator('.account').innerText()).toContain('芮集镇处非办')
    const firstPage = await ledgerRows(page)
    expect(firstPage).toHaveLength(Math.min(50, allCases.length))
    expect(firstPage.map((r) => r.id)).toEqual(allCases.slice(0, 50).map((c) => c.id))
    await checkPage(page)
    // The two sweeps make more than a page: the next one holds the rest.
    expect(allCases.length).toBeGreaterThan(50)
    await page.getByRole('button', { name: '下一页' }).click()
    await page.getByText('第 2 页').waitFor()
    await page.waitForFunction((n) => document.querySelectorAll('table.cases tbody tr').length === n, allCases.length - 50)
    expect((await ledgerRows(page)).map((r) => r.id)).toEqual(allCases.slice(50).map((c) => c.id))
    expect(await page.getByRole('button', { name: '下一页' }).isDisabled()).toBe(true)

    await page.getByLabel('预警等级').selectOption('red')
    await page.waitForFunction((n) => {
      const rows = Array.from(document.querySelectorAll('table.cases tbody tr'))
      return rows.length === n && rows.every((r) => r.querySelectorAll('td')[3]?.textContent?.startsWith('红色预警'))
    }, redCount)
    const red = await ledgerRows(page)
    expect(red.every((r) => r.cells[3]!.startsWith('红色预警'))).toBe(true)
    expect(red.map((r) => r.id).sort()).toEqual(allCases.filter((c) => c.tier === 'red').map((c) => c.id).sort())

    const target = allCases.find((c) => c.id === red[0]!.id)!
    expect(target.status).toBe('待核查')
    await page.locator(`tr[data-case="${target.id}"] td:nth-child(2) a`).click()
    await page.getByRole('heading', { level: 1, name: `案件 #${target.id} · ${target.subject.name}` }).waitFor()
    expect(await page.locator('.facts').innerText()).toContain('红色预警')
    expect(await page.locator('table.case-leads tbody tr').count()).toBe(1)
    await checkPage(page)

    await page.getByLabel('状态', { exact: true }).selectOption('处置中')
    await page.getByLabel('处置措施').fill('约谈负责人，责令停止宣传')
    await page.getByLabel('整改时限').fill('2024-07-31')
    await page.getByRole('button', { name: '保存' }).click()
    await page.locator('table.case-history tr[data-event="updated"]').waitFor()
    const history = await page.locator('table.case-history tr[data-event="updated"]').innerText()
    expect(history).toContain('状态：待核查 → 处置中')
    // The sweep proposed measures and a deadline; the office's replace them.
    expect(history).toContain(`处置措施：${target.measures === '' ? '—' : target.measures} → 约谈负责人，责令停止宣传`)
    expect(history).toContain(`整改时限：${target.deadline ?? '—'} → 2024-07-31`)
    expect(history).toContain('芮集镇处非办')
    expect(await page.locator('[data-field="status"]').innerText()).toBe('处置中')
    // The store has it too.
    const stored = await api<{ case: CaseRow & { measures: string } }>(`/v1/cases/${target.id}`, { token: townToken })
    expect(stored.case).toMatchObject({ status: '处置中', measures: '约谈负责人，责令停止宣传', version: target.version + 1 })
    await checkPage(page)

    // Someone else changes the case while the form is open: the save is refused and shows the case now.
    await api(`/v1/cases/${target.id}`, { method: 'PATCH', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ version: target.version + 1, notes: '镇里电话核实' }), token: townToken })
    await page.getByLabel('备注').fill('村里已上门宣讲')
    await page.getByRole('button', { name: '保存' }).click()
    await page.getByText('该案件已被他人修改').waitFor()
    await page.locator('.facts').getByText('镇里电话核实').waitFor()
    await page.getByRole('button', { name: '在当前版本上重新应用我的修改' }).click()
    await page.getByText('已保存').waitFor()
    await page.locator('.facts').getByText('村里已上门宣讲').waitFor()
    expect((await api<{ case: { notes: string; version: number } }>(`/v1/cases/${target.id}`, { token: townToken })).case).toMatchObject({ notes: '村里已上门宣讲', version: target.version + 3 })

    // 退出: the session ends, and the ledger asks for sign-in again.
    await page.getByRole('button', { name: '退出' }).click()
    await page.getByRole('heading', { level: 1, name: '登录' }).waitFor()
    expect(await page.evaluate(async () => (await fetch('/v1/me')).status)).toBe(401)
    expect(problems).toEqual([])
    // What the browser logged as refused: the 409 of the stale save, and /v1/me after sign-out.
    expect([...new Set(refused)].sort()).toEqual([`/v1/cases/${target.id}`, '/v1/me'])
    await checkPage(page)
  })

  it('a village user sees only its own village’s cases, and another village’s case is 没有找到', async () => {
    const own = allCases.filter((c) => c.unit === '芮集村')
    const other = allCases.find((c) => c.unit === '双桥社区')!
    expect(own.length).toBeGreaterThan(0)
    await page.goto(`${server.url}/console/#/signin`)
    // By keyboard only: type, Tab to the password, Enter submits.
    await page.getByLabel('登录名').focus()
    await page.keyboard.type(VILLAGE.login)
    await page.keyboard.press('Tab')
    await page.keyboard.type(VILLAGE.password)
    await page.keyboard.press('Enter')
    await page.getByRole('heading', { level: 1, name: '当前用户：芮集村村委' }).waitFor()
    await page.getByRole('link', { name: '案件台账' }).last().click()
    await page.locator('table.cases tbody tr').first().waitFor()
    const rows = await ledgerRows(page)
    expect(rows.map((r) => r.id).sort()).toEqual(own.map((c) => c.id).sort())
    expect(rows.every((r) => r.cells[2] === '芮集村')).toBe(true)
    // The unit filter offers its own unit only.
    expect(await page.getByLabel('所属单位').locator('option').allInnerTexts()).toEqual(['全部', '芮集村'])
    await checkPage(page)
    // Search by part of a name (Enter in the box searches).
    const word = own[0]!.subject.name.slice(2, 6)
    const found = own.filter((c) => c.subject.name.includes(word)).map((c) => c.id).sort()
    await page.getByLabel('搜索主体名称或统一社会信用代码').fill(word)
    // The search's answer first: when every case of the village matches, the row count alone does not change.
    await Promise.all([
      page.waitForResponse((r) => r.url().includes('/v1/cases?') && new URL(r.url()).searchParams.get('search') === word),
      page.getByLabel('搜索主体名称或统一社会信用代码').press('Enter'),
    ])
    await page.waitForFunction(
      ({ n, w }) => {
        const rows = Array.from(document.querySelectorAll('table.cases tbody tr'))
        return rows.length === n && rows.every((r) => r.textContent?.includes(w))
      },
      { n: found.length, w: word },
    )
    expect((await ledgerRows(page)).map((r) => r.id).sort()).toEqual(found)

    await page.goto(`${server.url}/console/#/cases/${other.id}`)
    await page.getByRole('heading', { level: 1, name: '没有找到该案件（或不在你的单位范围内）' }).waitFor()
    expect(await page.content()).not.toContain(other.subject.name)
    // Its own case opens.
    await page.goto(`${server.url}/console/#/cases/${own[0]!.id}`)
    await page.getByRole('heading', { level: 1, name: `案件 #${own[0]!.id} · ${own[0]!.subject.name}` }).waitFor()
    expect(problems).toEqual([])
    expect([...new Set(refused)]).toEqual([`/v1/cases/${other.id}`])
    await checkPage(page)
  })

  it('the staff pages switch to English, and the plan (一事一策) is saved with the follow-up', async () => {
    const target = allCases.find((c) => c.unit === '双桥社区')!
    await page.goto(`${server.url}/console/#/cases/${target.id}`)
    await signIn(page, TOWN)
    await page.getByRole('heading', { level: 1, name: `案件 #${target.id} · ${target.subject.name}` }).waitFor()
    await page.getByLabel('一事一策').fill('一户一档，逐户登记集资参与人')
    await page.getByRole('button', { name: '保存' }).click()
    await page.locator('.facts').getByText('一户一档，逐户登记集资参与人').waitFor()
    await page.getByRole('button', { name: '切换为英文' }).click()
    await page.getByRole('heading', { level: 1, name: `Case #${target.id} · ${target.subject.name}` }).waitFor()
    expect(await page.locator('table.case-history').innerText()).toContain('Plan：— → 一户一档，逐户登记集资参与人')
    await page.getByRole('link', { name: 'Back to the ledger' }).click()
    await page.getByRole('heading', { level: 1, name: 'Case ledger' }).waitFor()
    await page.locator('table.cases tbody tr').first().waitFor()
    expect(await page.getByLabel('Status').locator('option').allInnerTexts()).toEqual(['All', 'To verify', 'In hand', 'Transferred to police', 'Resolved', 'Closed'])
    expect(await page.getByRole('button', { name: 'Sign out' }).isVisible()).toBe(true)
    await checkPage(page)
    expect(problems).toEqual([])
  })

  it('a session that ends while the ledger is open shows the sign-in form on the next request, and signing in again brings the ledger back', async () => {
    await page.goto(`${server.url}/console/#/cases`)
    await signIn(page, TOWN)
    await page.getByRole('heading', { level: 1, name: '案件台账' }).waitFor()
    await page.locator('table.cases tbody tr').first().waitFor()
    // Twelve hours pass (moved in the table: the server checks the database's clock).
    const cookie = (await context.cookies()).find((c) => c.name === 'chufei_session')!
    expect(cookie.expires).toBeGreaterThan(Date.now() / 1000 + 11 * 3600)
    const tokenId = Number(/^cft_(\d+)_/.exec(cookie.value)![1])
    await town.store.db.query("UPDATE api_tokens SET expires_at = now() - interval '1 second' WHERE id = $1", [tokenId])
    await page.getByLabel('预警等级').selectOption('red')
    await page.getByText('案件台账需要登录。').waitFor()
    await signIn(page, TOWN)
    await page.locator('table.cases tbody tr').first().waitFor()
    expect(refused).toEqual(['/v1/cases'])
    expect(problems).toEqual([])
  })

  it('a case explains every point condition by condition with the pack that scored it, and its lead — or any stored lead — opens on the try page', async () => {
    const target = allCases.filter((c) => c.tier === 'red').at(-1)!
    const detail = await api<{ leads: { id: number; total: number; result: { reasons: { rule: string }[] } }[] }>(`/v1/cases/${target.id}`, { token: townToken })
    const lead = detail.leads.at(-1)!
    expect(lead.result.reasons.length).toBeGreaterThan(0)
    await page.goto(`${server.url}/console/#/signin`)
    await signIn(page, TOWN)
    await page.getByRole('heading', { level: 1, name: /^当前用户/ }).waitFor()
    await page.goto(`${server.url}/console/#/cases/${target.id}`)
    const why = page.locator('section.case-why')
    await why.getByRole('heading', { level: 2, name: '评分依据（逐条件解释）' }).waitFor()
    await why.locator('[data-testid="why-pack"]').waitFor()
    expect(await why.locator('[data-testid="why-pack"]').innerText()).toMatch(/^按该批次评分时所用的规则包解释：default \d{4}\.\d+\.\d+/)
    expect(Number(await why.locator('[data-testid="total"]').innerText())).toBe(lead.total)
    // Every rule that gave a point is there with its condition tree, held (✓) at the root.
    for (const { rule } of lead.result.reasons) {
      const article = why.locator(`article.rule-trace.fired[data-rule="${rule}"]`)
      expect(await article.count(), rule).toBe(1)
      expect(await article.locator('ul.trace-tree > li').first().getAttribute('class')).toBe('cond cond-true')
    }
    expect(await why.locator('li.cond').first().innerText()).toMatch(/^✓/)
    await checkPage(page)

    // Its lead opens on the try page, scored there with the pack served (the same): the same total.
    await why.getByRole('link', { name: '在试算页打开（可修改后重算）' }).click()
    await page.getByRole('heading', { level: 1, name: '试算一条线索' }).waitFor()
    await page.locator('[data-testid="picked"]').getByText(target.subject.name, { exact: false }).waitFor()
    await page.locator('.result [data-testid="total"]').waitFor()
    expect(Number(await page.locator('.result [data-testid="total"]').innerText())).toBe(lead.total)
    expect(await page.getByLabel('线索 JSON').inputValue()).toContain(target.subject.name)

    // Any stored lead: pick the sweep's second scored row from the list.
    const sweepId = (await api<{ id: number }[]>('/v1/sweeps', { token: townToken }))[0]!.id
    const second = (await api<{ id: number; subject: string; total: number }[]>(`/v1/sweeps/${sweepId}/leads?rejected=false&limit=2`, { token: townToken }))[1]!
    await page.getByText('从已入库的排查批次选取线索').click()
    await page.locator(`table.pick-leads tr[data-lead="${second.id}"]`).waitFor()
    // Searching by part of its name keeps it in the list.
    await page.getByLabel('主体名称或线索编号').fill(second.subject.slice(0, 4))
    await page.getByLabel('主体名称或线索编号').press('Enter')
    await page.waitForFunction((name) => Array.from(document.querySelectorAll('table.pick-leads tbody tr')).every((tr) => tr.textContent?.includes(name)), second.subject.slice(0, 4))
    await page.getByRole('button', { name: `选用：${second.subject}` }).click()
    await page.locator('[data-testid="picked"]').getByText(second.subject, { exact: false }).waitFor()
    await page.waitForFunction((total) => document.querySelector('.result [data-testid="total"]')?.textContent === String(total), second.total)
    await checkPage(page)
    expect(problems).toEqual([])
    expect(refused).toEqual([])
  })

  it('a village takes a lead of the total list into follow-up by hand: the try page opens a case with the reason, and then names the case', async () => {
    const villageToken = (await postJson<{ token: string }>('/v1/tokens', VILLAGE)).token
    const sweepId = (await api<{ id: number; date: string }[]>('/v1/sweeps', { token: villageToken })).find((s) => s.date === '2024-03-31')!.id
    const rows = await api<{ id: number; caseId: number | null; subject: string }[]>(`/v1/sweeps/${sweepId}/leads?rejected=false`, { token: villageToken })
    const listed = rows.find((r) => r.caseId === null)!
    const reason = `村委反映${listed.subject}近期开始收取预付款`
    await page.goto(`${server.url}/console/#/signin`)
    await signIn(page, VILLAGE)
    await page.getByRole('heading', { level: 1, name: /^当前用户/ }).waitFor()
    await page.goto(`${server.url}/console/#/try/lead/${listed.id}`)
    const box = page.locator('[data-testid="lead-case"]')
    await box.getByText('此线索仅列入总量风险清单', { exact: false }).waitFor()
    await checkPage(page)
    await box.getByLabel('立案原因（必填，记入备注和修改记录）').fill(reason)
    await box.getByRole('button', { name: '人工立案' }).click()
    // The new case's page, with the reason as its notes.
    await page.locator('section.case-why').waitFor()
    await page.waitForFunction((text) => (document.querySelector('textarea[name="notes"]') as HTMLTextAreaElement | null)?.value === text, reason)
    const opened = (await api<{ items: CaseRow[] }>(`/v1/cases?limit=5000`, { token: villageToken })).items.find((c) => c.subject.name === listed.subject)!
    expect(page.url()).toContain(`#/cases/${opened.id}`)
    expect(opened.status).toBe('待核查')
    // Its history starts with the opening by hand.
    await page.getByRole('cell', { name: '人工立案', exact: true }).waitFor()
    // The lead now names its case on the try page.
    await page.goto(`${server.url}/console/#/try/lead/${listed.id}`)
    await page.locator('[data-testid="lead-case"]').getByText(`此线索已关联案件 ${opened.id}`).waitFor()
    await checkPage(page)
    expect(problems).toEqual([])
    expect(refused).toEqual([])
  })

  it('the analyst pages keep working without signing in', async () => {
    await page.goto(`${server.url}/console/#/rules`)
    await page.getByRole('heading', { level: 1, name: '规则' }).waitFor()
    await page.locator('tr[data-rule]').first().waitFor()
    await page.getByRole('link', { name: '登录' }).waitFor()
    expect(problems).toEqual([])
    expect(refused).toEqual([])
    await checkPage(page)
  })
})
