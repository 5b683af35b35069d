import { LOCAL_ADMIN, caseHistory, exportCaseLedger, getCase, ledgerFileBytes } from '@chufei/store'
import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { z } from 'zod'
import { makeBombXlsx } from '../../../packages/sheets/test/_hostile-xlsx'
import { LedgerApplyBody, LedgerPreviewBody } from '../src/routes/_store-ledger-schemas'
import { editLedgerCsv, ledgerUpload, xlsxParts } from './_ledger'
import { jsonRequest, openStoreFixture, sheetOf, SUBJECTS, type StoreFixture } from './_store'

/*
 * The ledger out and back over HTTP (台账导出与回填), route by route on the in-memory store: the download is
 * the store's ledger file with a Chinese file name; an edited ledger previews as its changes and writes only
 * what was previewed; a case changed since the export is a conflict, refused with nothing written; a file that
 * is not a ledger is named in Chinese.
 */

let fx: StoreFixture
beforeAll(async () => {
  fx = await openStoreFixture()
})
afterAll(() => fx?.db.close())

const errorOf = z.object({ error: z.object({ code: z.string(), message: z.string(), details: z.unknown() }) })
const parsed = async <S extends z.ZodType>(res: Response, schema: S, status = 200): Promise<z.infer<S>> => {
  const text = await res.text()
  expect(res.status, text).toBe(status)
  return schema.parse(JSON.parse(text))
}

const download = async (query: string, who: keyof StoreFixture['auth'] = 'town') => {
  const res = await fx.app.request(`/v1/ledger?${query}`, { headers: fx.auth[who] })
  return { res, bytes: new Uint8Array(await res.arrayBuffer()) }
}
const preview = (bytes: Uint8Array<ArrayBuffer>, name = '台账.csv', who: keyof StoreFixture['auth'] = 'town') =>
  fx.app.request('/v1/ledger/preview', ledgerUpload(bytes, name, {}, fx.auth[who]))
const apply = (bytes: Uint8Array<ArrayBuffer>, planHash: string, who: keyof StoreFixture['auth'] = 'town') =>
  fx.app.request('/v1/ledger/apply', ledgerUpload(bytes, '台账.csv', { planHash }, fx.auth[who]))

describe('GET /v1/ledger', () => {
  it('is the store’s ledger file of the unit, CSV byte for byte, with the Chinese file name in filename* (RFC 5987)', async () => {
    const { res, bytes } = await download(`unit=${fx.town.villageA}&format=csv`)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8')
    expect(res.headers.get('cache-control')).toBe('no-store')
    const disposition = res.headers.get('content-disposition')!
    expect(disposition).toMatch(/^attachment; filename="case-ledger-2024-06-30\.csv"; filename\*=UTF-8''[A-Za-z0-9%._-]+$/)
    expect(decodeURIComponent(disposition.split("UTF-8''")[1]!)).toBe('案件台账-芮集村-2024-06-30.csv')
    const rows = await exportCaseLedger(fx.db, fx.town.actors.town, { unit: fx.town.villageA })
    expect(rows.map((r) => r.subject)).toEqual([SUBJECTS.A])
    expect(Buffer.from(bytes).equals(Buffer.from(await ledgerFileBytes(rows, 'csv')))).toBe(true)
    expect(res.headers.get('x-ledger-cases')).toBe('1')
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    expect(new TextDecoder().decode(bytes)).toMatch(/^案件编号,版本,所属单位,主体名称,统一社会信用代码,预警等级,综合得分,处置建议,状态,处置措施,整改时限,一事一策,备注\r\n/)
  })

  it('XLSX by default: the same workbook as the store writes, but for the time exceljs stamps; English on lang=en', async () => {
    const { res, bytes } = await download('')
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
    expect(decodeURIComponent(res.headers.get('content-disposition')!.split("UTF-8''")[1]!)).toBe('案件台账-2024-06-30.xlsx')
    const expected = await ledgerFileBytes(await exportCaseLedger(fx.db, fx.town.actors.town), 'xlsx')
    expect(await xlsxParts(bytes)).toEqual(await xlsxParts(expected))
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load(bytes.buffer as ArrayBuffer)
    expect(workbook.getWorksheet('案件台账')!.getRow(1).getCell(1).value).toBe('案件编号')
    const en = await download('format=xlsx&lang=en&asOf=2024-05-01')
    expect(decodeURIComponent(en.res.headers.get('content-disposition')!.split("UTF-8''")[1]!)).toBe('case-ledger-2024-05-01.xlsx')
    const english = new ExcelJS.Workbook()
    await english.xlsx.load(en.bytes.buffer as ArrayBuffer)
    expect(english.getWorksheet('Case ledger')!.getRow(1).getCell(1).value).toBe('Case ID')
  })

  it('a village exports its own unit only: another unit is 404; a bad format or date is 400 in Chinese', async () => {
    expect((await download(`unit=${fx.town.villageB}&format=csv`, 'villageA')).res.status).toBe(404)
    const own = new TextDecoder().decode((await download('format=csv', 'villageA')).bytes)
    expect(own).toContain(SUBJECTS.A)
    expect(own).not.toContain(SUBJECTS.B)
    const bad = await parsed(await fx.app.request('/v1/ledger?format=pdf', { headers: fx.auth.town }), errorOf, 400)
    expect(bad.error.message).toContain('查询参数有误')
    const date = await parsed(await fx.app.request('/v1/ledger?asOf=30/06/2024', { headers: fx.auth.town }), errorOf, 400)
    expect(date.error.message).toContain('须写成 2024-06-30 的形式')
  })
})

describe('POST /v1/ledger/preview and /v1/ledger/apply', () => {
  it('an edited status previews as that one change and writes nothing; apply with the preview’s hash writes one event', async () => {
    const before = await getCase(fx.db, LOCAL_ADMIN, fx.caseA.id)
    const exported = (await download(`unit=${fx.town.villageA}&format=csv`, 'villageA')).bytes
    const edited = await editLedgerCsv(exported, before.id, { 状态: '处置中', 备注: '已约谈' })
    const { plan, planHash } = await parsed(await preview(edited, '台账.csv', 'villageA'), LedgerPreviewBody)
    expect(plan).toMatchObject({ rows: 1, conflicts: [], errors: [] })
    expect(plan.changes).toEqual([
      { caseId: before.id, subject: SUBJECTS.A, row: 2, version: before.version, field: 'status', before: before.status, after: '处置中' },
      { caseId: before.id, subject: SUBJECTS.A, row: 2, version: before.version, field: 'notes', before: before.notes, after: '已约谈' },
    ])
    expect(await getCase(fx.db, LOCAL_ADMIN, before.id)).toEqual(before)

    const wrong = await parsed(await apply(edited, `sha256:${'0'.repeat(64)}`, 'villageA'), errorOf, 409)
    expect(wrong.error.message).toContain('请重新预览')
    expect(await getCase(fx.db, LOCAL_ADMIN, before.id)).toEqual(before)
    expect((await parsed(await apply(edited, 'abc', 'villageA'), errorOf, 400)).error.message).toContain('planHash')

    const done = await parsed(await apply(edited, planHash, 'villageA'), LedgerApplyBody)
    expect(done.updated.map((c) => [c.id, c.status, c.notes, c.version])).toEqual([[before.id, '处置中', '已约谈', before.version + 1]])
    const last = (await caseHistory(fx.db, LOCAL_ADMIN, before.id)).at(-1)!
    expect(last).toMatchObject({ kind: 'updated', before: { status: before.status }, after: { status: '处置中', notes: '已约谈' } })
    // The same file again: nothing left to change.
    expect((await parsed(await preview(edited, '台账.csv', 'villageA'), LedgerPreviewBody)).plan.changes).toEqual([])
  })

  it('a case changed in the store since the export is a conflict: listed in the preview, 409 on apply, nothing written', async () => {
    const exported = (await download(`unit=${fx.town.villageB}&format=csv`)).bytes
    const now = await getCase(fx.db, LOCAL_ADMIN, fx.caseB.id)
    const patched = await fx.app.request(`/v1/cases/${now.id}`, jsonRequest('PATCH', { version: now.version, notes: '镇里电话核实' }, fx.auth.town))
    expect(patched.status).toBe(200)
    const edited = await editLedgerCsv(exported, now.id, { 备注: '村里上门宣讲' })
    const { plan, planHash } = await parsed(await preview(edited), LedgerPreviewBody)
    expect(plan.changes).toEqual([])
    expect(plan.conflicts).toMatchObject([{ caseId: now.id, row: 2, exportedVersion: now.version, currentVersion: now.version + 1, edits: [{ field: 'notes', after: '村里上门宣讲' }] }])
    expect(plan.conflicts[0]!.current.notes).toBe('镇里电话核实')
    const refused = await parsed(await apply(edited, planHash), errorOf, 409)
    expect(refused.error.message).toContain('导出后已被修改')
    expect(refused.error.details).toMatchObject({ reason: 'conflicts', conflicts: [{ caseId: now.id }] })
    expect(await getCase(fx.db, LOCAL_ADMIN, now.id)).toMatchObject({ notes: '镇里电话核实', version: now.version + 1 })
  })

  it('an XLSX edited with exceljs comes back as a raw body too', async () => {
    const current = await getCase(fx.db, LOCAL_ADMIN, fx.caseA.id)
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load((await download(`unit=${fx.town.villageA}`)).bytes.buffer as ArrayBuffer)
    const sheet = workbook.getWorksheet('案件台账')!
    sheet.getRow(2).getCell(13).value = 'XLSX 回填'
    const bytes = new Uint8Array(await workbook.xlsx.writeBuffer())
    const res = await fx.app.request('/v1/ledger/preview', {
      method: 'POST',
      headers: { ...fx.auth.town, 'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
      body: bytes,
    })
    const { plan } = await parsed(res, LedgerPreviewBody)
    expect(plan.changes).toEqual([{ caseId: current.id, subject: SUBJECTS.A, row: 2, version: current.version, field: 'notes', before: current.notes, after: 'XLSX 回填' }])
  })

  it('a workbook that is not a ledger, or a JSON file, is 400 naming the problem in Chinese; bad rows are listed with their line', async () => {
    const sweep = await parsed(await preview(sheetOf([{ id: 'X-1', name: '某公司', people: 3 }]), '排查表.csv'), errorOf, 400)
    expect(sweep.error).toMatchObject({ code: 'UNREADABLE_INPUT', message: expect.stringContaining('找不到台账的表头') })
    const form = new FormData()
    form.set('planHash', 'x')
    const missing = await parsed(await fx.app.request('/v1/ledger/preview', { method: 'POST', body: form, headers: fx.auth.town }), errorOf, 400)
    expect(missing.error.message).toBe('请在表单字段 file 中上传修改后的台账文件（.xlsx 或 .csv）')
    const json = await parsed(await preview(new Uint8Array(new TextEncoder().encode('[]')), 'leads.json'), errorOf, 400)
    expect(json.error.message).toContain('台账文件须为 .xlsx 或 .csv')
    const exported = (await download(`unit=${fx.town.villageA}&format=csv`)).bytes
    const bad = await editLedgerCsv(exported, fx.caseA.id, { 状态: '办结了', 整改时限: '下个月' })
    const { plan } = await parsed(await preview(bad), LedgerPreviewBody)
    expect(plan.errors.map((e) => [e.row, e.column])).toEqual([
      [2, '状态'],
      [2, '整改时限'],
    ])
    expect(plan.errors[0]!.message).toContain('不是有效的状态')
  })

  it('an XLSX that inflates past the reader’s limits is refused with the limit named, like a sweep upload', async () => {
    const bomb = new Uint8Array(makeBombXlsx('shared-strings', 64))
    const res = await parsed(await fx.app.request('/v1/ledger/preview', ledgerUpload(bomb, 'bomb.xlsx', {}, fx.auth.town)), errorOf, 400)
    expect(res.error.code).toBe('UNREADABLE_INPUT')
    expect(res.error.details).toMatchObject([{ code: 'xlsx-strings-too-large' }])
  })

  it('a read-only user may preview but not apply (403); a village’s upload naming another village’s case is a row error, not a change', async () => {
    const exported = (await download(`unit=${fx.town.villageB}&format=csv`)).bytes
    const edited = await editLedgerCsv(exported, fx.caseB.id, { 备注: '越权修改' })
    const asReader = await parsed(await preview(edited, '台账.csv', 'readonly'), LedgerPreviewBody)
    expect(asReader.plan.changes).toEqual([])
    expect(asReader.plan.errors[0]!.message).toContain('无权修改')
    expect((await parsed(await apply(edited, asReader.planHash, 'readonly'), errorOf, 403)).error.message).toContain('只读用户不能回填台账')
    const asVillage = await parsed(await preview(edited, '台账.csv', 'villageA'), LedgerPreviewBody)
    expect(asVillage.plan.changes).toEqual([])
    expect(asVillage.plan.errors[0]!.message).toContain(`没有编号为 ${fx.caseB.id} 的案件（或不在你的单位范围内）`)
    expect(JSON.stringify(asVillage)).not.toContain(SUBJECTS.B)
    const none = await parsed(await apply(edited, asVillage.planHash, 'villageA'), LedgerApplyBody)
    expect(none.updated).toEqual([])
    expect((await getCase(fx.db, LOCAL_ADMIN, fx.caseB.id)).notes).not.toBe('越权修改')
  })
})
