import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { readRawRows } from '@chufei/sheets'
import { ledgerSyncHeaders, readLedgerRows } from '@chufei/store'
import ExcelJS from 'exceljs'
import type { Browser, BrowserContext, Download, Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { RunningServer } from '../src/server'
import { editLedgerCsv } from './_ledger'
import { OPENS_CASE, sheetOf } from './_store'
import { checkPage, createApiClient, launchChromium, openWatchedPage } from './_browser'
import { startTownServer, type TownServer } from './_town-server'

/*
 * The ledger out and back in the console (台账导出与回填), end to end: Debian's Chromium driven by playwright-core
 * on the real server (port 0) over an embedded PGlite store in a temp folder, the bundled sweep imported through
 * the API, then a sweep of the village's leads calling for 警示约谈 (the bundled sweep's key leads are none of the
 * village's, and only key leads open a case). A town office exports its village's ledger as XLSX from the ledger page, edits a status in the file as
 * Excel would, imports it, sees the change in the preview, writes it, and finds it in the case's history; a case
 * changed in the store after the export shows as a conflict and nothing is written. Every wait is on something
 * the page shows or the browser does, never on a clock.
 */

const SWEEP = fileURLToPath(new URL('../../../fixtures/sheets/sweep-2024q1.xlsx', import.meta.url))
const TOWN = { login: 'ruiji-town', password: 'town-password-1' }
const READER = { login: 'ruiji-reader', password: 'reader-password-1' }

interface CaseRow {
  id: number
  unit: string
  unitId: number
  status: string
  version: number
  notes: string
  subject: { name: string }
}

let town: TownServer
let server: RunningServer
let browser: Browser
let context: BrowserContext
let page: Page
let townToken: string
let villageId: number
let villageCases: CaseRow[]
let problems: string[] = []

const { api, postJson } = createApiClient(() => server.url)
const caseNow = async (id: number) => (await api<{ case: CaseRow }>(`/v1/cases/${id}`, { token: townToken })).case

beforeAll(async () => {
  town = await startTownServer('chufei-ledger-browser-')
  server = town.server
  const { adminToken } = town
  villageId = (await postJson<{ id: number }>('/v1/units', { name: '芮集村', kind: 'village', parent: '芮集镇' }, adminToken)).id
  await postJson('/v1/users', { ...TOWN, displayName: '芮集镇处非办', role: 'town-admin', unit: '芮集镇' }, adminToken)
  await postJson('/v1/users', { ...READER, displayName: '镇纪委（只读）', role: 'readonly', unit: '芮集镇' }, adminToken)
  townToken = (await postJson<{ token: string }>('/v1/tokens', TOWN)).token
  const form = new FormData()
  form.set('file', new File([await readFile(SWEEP)], 'sweep-2024q1.xlsx'))
  form.set('unit', '芮集镇')
  form.set('date', '2024-03-31')
  await api('/v1/sweeps', { method: 'POST', body: form, token: townToken })
  const village = Array.from({ length: 6 }, (_, i) => ({ id: `LV-${i + 1}`, name: `芮集村托管养殖户${i + 1}号`, village: '芮集村', people: 4, ...OPENS_CASE }))
  const second = new FormData()
  second.set('file', new File([sheetOf(village)], 'village-key-leads.csv'))
  second.set('unit', '芮集镇')
  second.set('date', '2024-06-30')
  await api('/v1/sweeps', { method: 'POST', body: second, token: townToken })
  villageCases = (await api<{ items: CaseRow[] }>(`/v1/cases?unit=${villageId}&sort=id&limit=5000`, { token: townToken })).items
  browser = await launchChromium()
})

afterAll(async () => {
  await browser?.close()
  await town?.close()
})

beforeEach(async () => {
  ({ context, page, problems } = await openWatchedPage(browser, { acceptDownloads: true }))
})

afterEach(async () => {
  await context?.close()
})


/** Signs in on the ledger page. */
const openLedger = async (p: Page, who = TOWN) => {
  await p.goto(`${server.url}/console/#/cases`)
  await p.getByLabel('登录名').fill(who.login)
  await p.getByLabel('密码').fill(who.password)
  await p.getByRole('button', { name: '登录', exact: true }).click()
  await p.getByRole('heading', { level: 1, name: '案件台账' }).waitFor()
  await p.locator('table.cases tbody tr').first().waitFor()
}

/** Signs in on the ledger page and narrows it to the village. */
const openVillageLedger = async (p: Page, who = TOWN) => {
  await openLedger(p, who)
  await p.getByLabel('所属单位').selectOption(String(villageId))
  await p.waitForFunction((n) => document.querySelectorAll('table.cases tbody tr').length === n, Math.min(50, villageCases.length))
}

/** Clicks an export link and saves what the browser downloads. */
const exportFile = async (p: Page, name: '导出 XLSX' | '导出 CSV'): Promise<{ download: Download; file: string; bytes: Buffer }> => {
  const [download] = await Promise.all([p.waitForEvent('download'), p.getByRole('link', { name }).click()])
  const file = join(town.dataDir, `${Date.now()}-${download.suggestedFilename()}`)
  await download.saveAs(file)
  return { download, file, bytes: await readFile(file) }
}

/** The case ids of the ledger's rows, in the page's order. */
const rowIds = (p: Page) => p.locator('table.cases tbody tr').evaluateAll((rows) => rows.map((r) => Number(r.getAttribute('data-case'))))
/** Waits until the ledger shows exactly these cases in this order (the old page stays up while the new one loads). */
const waitForRows = (p: Page, ids: readonly number[]) =>
  p.waitForFunction((want) => Array.from(document.querySelectorAll('table.cases tbody tr'), (r) => r.getAttribute('data-case')).join(',') === want, ids.join(','))

describe('the ledger page’s filters in Chromium', () => {
  it('filters by 处置建议 and 重点行为 and sorts by 案件编号, as the API lists them', async () => {
    await openLedger(page)
    const listed = async (query: string) => (await api<{ items: CaseRow[] }>(`/v1/cases?limit=50&${query}`, { token: townToken })).items.map((c) => c.id)
    await page.getByLabel('排序').selectOption('id')
    const byId = await listed('sort=id')
    await waitForRows(page, byId)
    expect(await rowIds(page)).toEqual(byId)
    // A disposition some but not all of the town's cases have, so the filter visibly narrows the page.
    const all = (await api<{ items: Array<CaseRow & { disposition: string }> }>('/v1/cases?limit=5000', { token: townToken })).items
    const disposition = [...new Set(all.map((c) => c.disposition))].find((d) => all.some((c) => c.disposition !== d))!
    expect(disposition).toBeDefined()
    const withDisposition = await listed(`sort=id&disposition=${disposition}`)
    expect(withDisposition).not.toEqual(byId)
    await page.getByLabel('处置建议').selectOption(disposition)
    await waitForRows(page, withDisposition)
    expect(await rowIds(page)).toEqual(withDisposition)
    // The pattern list is the served pack's; pick one that some case of the village shows.
    const options = (await page.getByLabel('重点行为').locator('option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value))).filter((v) => v !== '')
    expect(options.length).toBeGreaterThan(0)
    let pattern: { id: string; ids: number[] } | undefined
    for (const id of options) {
      const ids = await listed(`sort=id&disposition=${disposition}&pattern=${id}`)
      if (ids.length > 0 && ids.join() !== withDisposition.join()) {
        pattern = { id, ids }
        break
      }
    }
    expect(pattern).toBeDefined()
    await page.getByLabel('重点行为').selectOption(pattern!.id)
    await waitForRows(page, pattern!.ids)
    expect(await rowIds(page)).toEqual(pattern!.ids)
    expect(problems).toEqual([])
    await checkPage(page)
  })
})

describe('the ledger out and back in Chromium', () => {
  it('export XLSX → edit a status in the file → import → preview shows it → 确认写入 → the case’s history has it', async () => {
    expect(villageCases.length).toBeGreaterThan(0)
    const target = villageCases.find((c) => c.status === '待核查')!
    await openVillageLedger(page)
    await checkPage(page)

    const { download, file, bytes } = await exportFile(page, '导出 XLSX')
    expect(download.suggestedFilename()).toMatch(/^案件台账-芮集村-\d{4}-\d{2}-\d{2}\.xlsx$/)
    // The repo's own readers open it: the ledger's Chinese headers, one row per case of the village.
    const raw: unknown[][] = []
    for await (const row of readRawRows({ bytes: new Uint8Array(bytes), name: 'ledger.xlsx' })) raw.push([...row.cells])
    expect(raw[0]).toEqual(ledgerSyncHeaders('zh'))
    const rows = await readLedgerRows({ bytes: new Uint8Array(bytes), name: 'ledger.xlsx' }, 'ledger.xlsx')
    expect(rows.map((r) => r.cells.caseId).sort()).toEqual(villageCases.map((c) => c.id).sort())

    // Excel: the status of one case set to 处置中.
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.readFile(file)
    const sheet = workbook.getWorksheet('案件台账')!
    const statusColumn = ledgerSyncHeaders('zh').indexOf('状态') + 1
    sheet.eachRow((row, n) => {
      if (n > 1 && row.getCell(1).value === target.id) row.getCell(statusColumn).value = '处置中'
    })
    const edited = join(town.dataDir, '芮集村台账-已修改.xlsx')
    await workbook.xlsx.writeFile(edited)

    await page.getByLabel('导入台账').setInputFiles(edited)
    const change = page.locator(`table.ledger-changes tr[data-case="${target.id}"][data-field="status"]`)
    await change.waitFor()
    expect(await change.innerText()).toContain('待核查 → 处置中')
    expect(await page.locator('table.ledger-changes tbody tr').count()).toBe(1)
    expect(await page.locator('[data-summary]').innerText()).toBe(`读取 ${villageCases.length} 行：修改 1 处（1 件案件），冲突 0 件，有问题 0 处`)
    // The preview wrote nothing.
    expect(await caseNow(target.id)).toMatchObject({ status: '待核查', version: target.version })
    await checkPage(page)

    await page.getByRole('button', { name: '确认写入' }).click()
    await page.getByText('已回填 1 件案件，每件记一条修改记录。').waitFor()
    expect(await caseNow(target.id)).toMatchObject({ status: '处置中', version: target.version + 1 })
    await page.locator('.ledger-result').getByRole('link', { name: `#${target.id} ${target.subject.name}` }).click()
    await page.getByRole('heading', { level: 1, name: `案件 #${target.id} · ${target.subject.name}` }).waitFor()
    await page.locator('table.case-history tr[data-event="updated"]').waitFor()
    const history = await page.locator('table.case-history tr[data-event="updated"]').innerText()
    expect(history).toContain('状态：待核查 → 处置中')
    expect(history).toContain('芮集镇处非办')
    expect(problems).toEqual([])
    await checkPage(page)
  })

  it('a case changed through the API after the export is a conflict: shown with the store’s value, 确认写入 disabled, nothing written', async () => {
    // Another case than the first test's.
    const target = villageCases.filter((c) => c.status === '待核查')[1] ?? villageCases.at(-1)!
    await openVillageLedger(page)
    const { download, bytes } = await exportFile(page, '导出 CSV')
    expect(download.suggestedFilename()).toMatch(/^案件台账-芮集村-\d{4}-\d{2}-\d{2}\.csv$/)
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])

    const before = await caseNow(target.id)
    await api(`/v1/cases/${target.id}`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ version: before.version, notes: '镇里电话核实' }),
      token: townToken,
    })
    const edited = join(town.dataDir, '芮集村台账-冲突.csv')
    await writeFile(edited, await editLedgerCsv(new Uint8Array(bytes), target.id, { 备注: '村里已上门宣讲' }))
    await page.getByLabel('导入台账').setInputFiles(edited)
    const conflict = page.locator(`table.ledger-conflicts tr[data-case="${target.id}"]`)
    await conflict.waitFor()
    const text = await conflict.innerText()
    expect(text).toContain('备注：村里已上门宣讲')
    expect(text).toContain('备注：镇里电话核实')
    expect(text).toContain(`${before.version} → ${before.version + 1}`)
    await page.getByText('有冲突时不会写入任何修改').first().waitFor()
    expect(await page.getByRole('button', { name: '确认写入' }).isDisabled()).toBe(true)
    expect(await caseNow(target.id)).toMatchObject({ notes: '镇里电话核实', version: before.version + 1 })
    expect(problems).toEqual([])
    await checkPage(page)
  })

  it('a read-only user exports and previews; the edit is a row it may not write, and 确认写入 stays off', async () => {
    const target = villageCases.at(-1)!
    await openVillageLedger(page, READER)
    const { bytes } = await exportFile(page, '导出 CSV')
    const before = await caseNow(target.id)
    const edited = join(town.dataDir, '芮集村台账-只读.csv')
    await writeFile(edited, await editLedgerCsv(new Uint8Array(bytes), target.id, { 备注: '只读用户的修改' }))
    await page.getByLabel('导入台账').setInputFiles(edited)
    await page.getByText('只读用户可以导出和预览，不能写入。').waitFor()
    expect(await page.locator('.ledger-errors').innerText()).toContain(`无权修改案件 ${target.id}`)
    expect(await page.getByRole('button', { name: '确认写入' }).isDisabled()).toBe(true)
    expect(await caseNow(target.id)).toEqual(before)
    expect(problems).toEqual([])
    await checkPage(page)
  })
})
