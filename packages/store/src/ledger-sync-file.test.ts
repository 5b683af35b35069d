import { ChufeiError } from '@chufei/core'
import { sheetView, type CellView } from '@chufei/ledger'
import ExcelJS from 'exceljs'
import { describe, expect, it } from 'vitest'
import { ledgerXlsxBytesExceljs } from './_ledger-sync-file-exceljs'
import type { LedgerSyncRow } from './ledger-sync'
import { ledgerFileBytes, readLedgerRows } from './ledger-sync-file'

/*
 * The ledger file (台账文件) on its own: what the writer puts in XLSX and CSV reads back through the reader with
 * the same cells (a formula still guarded: the plan takes the guard off), and an upload's row bound stops the
 * reader with the file named. The XLSX is the one the exceljs writer it replaced wrote, cell by cell (differential
 * test), and a ledger past the row limit goes on in 案件台账（续N） sheets that read back as one.
 */

const row = (caseId: number, patch: Partial<LedgerSyncRow> = {}): LedgerSyncRow => ({
  caseId,
  version: 2,
  unit: '芮集村',
  subject: `芮集村第${caseId}合作社`,
  creditCode: null,
  tier: 'red',
  total: 88,
  disposition: 'report-police',
  status: '处置中',
  measures: '约谈负责人, "责令"停止宣传',
  deadline: '2024-07-31',
  plan: '=HYPERLINK("x")',
  notes: '',
  ...patch,
})

describe('ledgerFileBytes and readLedgerRows', () => {
  for (const kind of ['xlsx', 'csv'] as const) {
    it(`${kind}: the editable cells and the identity read back as written`, async () => {
      const rows = [row(1), row(2, { deadline: null, status: '待核查' })]
      const back = await readLedgerRows({ bytes: await ledgerFileBytes(rows, kind), name: `台账.${kind}` }, `台账.${kind}`)
      expect(back.map((r) => [r.line, Number(r.cells.caseId), Number(r.cells.version), r.cells.status, r.cells.measures, r.cells.plan])).toEqual([
        [2, 1, 2, '处置中', '约谈负责人, "责令"停止宣传', "'=HYPERLINK(\"x\")"],
        [3, 2, 2, '待核查', '约谈负责人, "责令"停止宣传', "'=HYPERLINK(\"x\")"],
      ])
      // An empty 整改时限: no cell in XLSX, an empty field in CSV; the plan reads both as none.
      expect([null, '']).toContain(back[1]!.cells.deadline ?? null)
    })
  }

  it('stops at maxRows with the file named (an upload bound), and reads the same file whole without it', async () => {
    const bytes = await ledgerFileBytes([row(1), row(2), row(3)], 'csv')
    expect((await readLedgerRows({ bytes, name: 'a.csv' }, 'a.csv')).length).toBe(3)
    const error = await readLedgerRows({ bytes, name: 'a.csv' }, 'a.csv', { maxRows: 3 }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ChufeiError)
    expect((error as ChufeiError).code).toBe('UNREADABLE_INPUT')
    expect((error as ChufeiError).message).toBe('台账 a.csv 超过 3 行：请按单位分别导出、修改和回填')
  })

  it('XLSX: the same workbook as the exceljs writer it replaced, as far as exceljs reads it (hostile text included)', async () => {
    const rows = [
      row(1),
      row(2, { deadline: null, status: '待核查', subject: "=cmd|' /C calc'!A0", notes: '\u0001bell\u0007 😀 𠀀\r\nline two', tier: 'none' }),
      row(3, { deadline: '2024-02-29', status: '已化解', measures: '+1 加号开头', plan: '', creditCode: '91340422MA2N0PQ35X', tier: 'orange', unit: '@芮集' }),
      row(4, { deadline: '尽快', tier: 'blue', disposition: 'monitor' }),
    ]
    for (const lang of ['zh', 'en'] as const) {
      // An empty text: exceljs wrote an empty string cell, the streaming writer no cell (Excel shows both as blank).
      const blank = (c: CellView): CellView => (c.value === '' ? { ...c, value: null, type: ExcelJS.ValueType.Null } : c)
      const load = async (bytes: Uint8Array) => {
        const wb = new ExcelJS.Workbook()
        await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer)
        return wb.worksheets.map(sheetView).map((v) => ({ ...v, rows: v.rows.map((r) => ({ ...r, cells: r.cells.map(blank) })) }))
      }
      const [before, after] = await Promise.all([load(await ledgerXlsxBytesExceljs(rows, lang)), load(await ledgerFileBytes(rows, 'xlsx', lang))])
      // exceljs left out a width equal to its default, 9 (预警等级, 综合得分): Excel then showed its own 8.43.
      expect(after).toEqual(before.map((v) => ({ ...v, widths: v.widths.map((w) => w ?? 9) })))
      expect(before[0]!.widths.filter((w) => w === undefined)).toHaveLength(2)
      // Not vacuous: the looks compared are there.
      const [sheet] = after
      expect(sheet!.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 })
      expect(sheet!.autoFilter).toBe('A1:M1')
      expect(Object.keys(sheet!.validations)).toEqual(['I2', 'I3', 'I4', 'I5'])
      expect(sheet!.rows[1]!.cells[10]).toMatchObject({ numFmt: 'yyyy-mm-dd', value: '2024-07-31T00:00:00.000Z' })
      expect(sheet!.rows[2]!.cells[3]!.value).toBe("'=cmd|' /C calc'!A0")
    }
  })

  it('XLSX: goes on in 案件台账（续N） sheets past the row limit, each with header, dates and 状态 dropdown, and reads back whole', async () => {
    const rows = [1, 2, 3, 4, 5].map((id) => row(id, { status: id === 5 ? '已销号' : '处置中' }))
    // A header and two rows a sheet.
    const bytes = await ledgerFileBytes(rows, 'xlsx', 'zh', { maxSheetRows: 3 })
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer)
    expect(wb.worksheets.map((ws) => ws.name)).toEqual(['案件台账', '案件台账（续2）', '案件台账（续3）'])
    const views = wb.worksheets.map(sheetView)
    for (const v of views) {
      expect(v.rows[0]!.cells[0]!.value, v.name).toBe('案件编号')
      expect(v.views[0], v.name).toMatchObject({ state: 'frozen', ySplit: 1 })
      expect(v.rows.slice(1).every((r) => r.cells[10]!.numFmt === 'yyyy-mm-dd'), v.name).toBe(true)
      expect(Object.keys(v.validations), v.name).toEqual(v.rows.slice(1).map((_, i) => `I${i + 2}`))
    }
    expect(views.map((v) => v.rowCount)).toEqual([3, 3, 2])

    const back = await readLedgerRows({ bytes, name: '台账.xlsx' }, '台账.xlsx')
    // Numbered on as if never split: the continuation headers are not rows.
    expect(back.map((r) => [r.line, Number(r.cells.caseId), r.cells.status])).toEqual([
      [2, 1, '处置中'], [3, 2, '处置中'], [4, 3, '处置中'], [5, 4, '处置中'], [6, 5, '已销号'],
    ])
    // The upload bound counts every sheet's rows.
    const error = await readLedgerRows({ bytes, name: '台账.xlsx' }, '台账.xlsx', { maxRows: 6 }).catch((e: unknown) => e)
    expect((error as ChufeiError).message).toBe('台账 台账.xlsx 超过 6 行：请按单位分别导出、修改和回填')
  })
})
