import { sweepResults, writeSweepLedger } from '@chufei/store'
import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { bundledScorer } from '../../../packages/store/src/_test-store'
import { openStoreFixture, SUBJECTS, type StoreFixture } from './_store'

/*
 * A stored sweep's risk ledger over HTTP (总量风险清单 and the rest): the store's ledger of the sweep, as a download
 * named in Chinese, with the rows the token may read — a village its own.
 */

let fx: StoreFixture
beforeAll(async () => {
  fx = await openStoreFixture()
})
afterAll(() => fx?.db.close())

const get = (path: string, who: keyof StoreFixture['auth'] = 'town') => fx.app.request(path, { headers: fx.auth[who] })

describe('GET /v1/sweeps/{id}/ledger', () => {
  it('downloads the sweep’s ledger as XLSX by default: every lead and the problem row, a Chinese file name', async () => {
    const res = await get(`/v1/sweeps/${fx.sweepTown}/ledger`)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toContain('spreadsheetml')
    expect(res.headers.get('content-disposition')).toContain(`filename*=UTF-8''${encodeURIComponent(`风险台账-第${fx.sweepTown}批-2024-01-01.xlsx`)}`)
    expect(res.headers.get('x-ledger-rows')).toBe('4')
    const book = new ExcelJS.Workbook()
    await book.xlsx.load(await res.arrayBuffer())
    const ledger = book.getWorksheet('风险台账')!
    expect(ledger.actualRowCount).toBe(5)
    const cells = JSON.stringify(ledger.getSheetValues())
    for (const name of [SUBJECTS.A, SUBJECTS.B, SUBJECTS.town]) expect(cells).toContain(name)
    expect(book.getWorksheet('问题行')!.actualRowCount).toBeGreaterThan(1)
  })

  it('as CSV, the bytes the store writes; a village gets its own rows, another town’s sweep is 404', async () => {
    const res = await get(`/v1/sweeps/${fx.sweepTown}/ledger?format=csv`, 'villageA')
    expect(res.status).toBe(200)
    const bytes = Buffer.from(await res.arrayBuffer())
    const text = bytes.toString('utf8')
    expect(text.startsWith('\uFEFF线索编号,')).toBe(true)
    expect(text).toContain(SUBJECTS.A)
    expect(text).not.toContain(SUBJECTS.B)
    const expected = await writeSweepLedger(await sweepResults(fx.db, fx.town.actors.villageA, fx.sweepTown), (await bundledScorer()).pack, { format: 'csv', lang: 'zh' })
    expect(bytes.equals(Buffer.from(expected.bytes))).toBe(true)
    expect((await get(`/v1/sweeps/${fx.sweepOther}/ledger`)).status).toBe(404)
    expect((await get(`/v1/sweeps/${fx.sweepTown}/ledger?format=pdf`)).status).toBe(400)
  })
})
