import ExcelJS from 'exceljs'
import { describe, expect, it } from 'vitest'
import { writeTrackedLedgerExceljs } from './_write-ledger-exceljs'
import { scored } from './_test-records'
import type { ExtraColumn } from './ledger-sheets'
import { readLedger } from './read-ledger'
import { emptyRecord, type LedgerRecord } from './record'
import { trackLeads } from './track'
import { writeTrackedLedger } from './write-ledger'
import { sheetView, type SheetView } from './xlsx/workbook-view'
import { columnLetter } from './xlsx/sheet-writer'

/*
 * Differential test of the streaming tracked-ledger writer (write-ledger.ts) against the exceljs writer it replaced
 * (`_write-ledger-exceljs.ts`): the same track written by both, read back with exceljs, gives the same sheets in
 * the same order (continuation sheets too), and in every cell the same value, type, number format, fill, bold and
 * alignment; the same widths, frozen panes, auto-filters and row styles. Staff's added columns (text, a number, a
 * TRUE, a date), hostile text (DDE payloads, C0 controls, astral characters, CR/LF, text over 32,767 characters),
 * a rejected row and leads gone from the sweep included.
 *
 * Where the two differ on purpose, the sheets now look like the `chufei score` ledger's:
 *   - 评分依据 has an auto-filter over its header (exceljs's had none);
 *   - 说明 has a frozen header row and an auto-filter, and its 内容 header cell keeps the header's centred look
 *     (exceljs's column style made the whole column, header included, wrapped to the top).
 * Text over 32,767 characters is cut there, as the score ledger's writer cuts it (exceljs wrote it whole).
 */

const LONG = '长'.repeat(40_000)
const EXTRAS: readonly ExtraColumn[] = [
  { header: '督办人', key: '督办人', after: null },
  { header: '=联系电话', key: '联系电话', after: 'status' },
  { header: '已核实', key: '已核实', after: 'notes' },
  { header: '约谈日期', key: '约谈日期', after: 'deadline' },
]

const extras = (i: number) =>
  new Map<string, string | number | boolean | Date | null>([
    ['督办人', i % 2 === 0 ? '张三' : '@李四'],
    ['联系电话', 13_800_000_000 + i],
    ['已核实', i % 3 === 0],
    ['约谈日期', new Date(Date.UTC(2024, 3, 1 + i))],
  ])

const sweep = () => {
  const previous: LedgerRecord[] = [
    scored({ row: 2, id: 'A', tier: 'yellow', status: 'in-progress', notes: '已约谈\r\n两次', deadline: '2024-04-01', extras: extras(0) }),
    scored({ row: 3, id: 'B', tier: 'blue', status: 'pending', extras: extras(1) }),
    scored({ row: 4, id: 'G1', tier: 'orange', name: '+上期主体', extras: extras(2) }),
    scored({ row: 5, id: 'G2', tier: 'red', name: '😀 𠀀 上期', notes: LONG }),
  ]
  const current: LedgerRecord[] = [
    scored({ row: 2, id: 'A', tier: 'red', total: 88, name: "=cmd|' /C calc'!A0", creditCode: '91340422MA2N0PQ35X', people: 150, raised: 1_200_000, patterns: ['livestock-custody'], reasons: ['逾期兑付（+20 涉稳隐患）', '承诺保本（+12 涉众规模）'], deadline: '2024-07-31' }),
    scored({ row: 3, id: 'B', tier: 'orange', total: 61, name: '\u0001\u0002bell\u0007 tab\there', reasons: ['<b>a & b</b> "quoted"（+8 传播程度）'] }),
    scored({ row: 4, id: 'C', tier: 'yellow', total: 41, name: '  leading and trailing  ', notes: 'line one\r\nline two\nthree', sector: 'agriculture' }),
    scored({ row: 5, id: 'D', tier: 'none', total: 3, name: '＝SUM(1)', notes: LONG }),
    { ...emptyRecord(), row: 6, id: 'E', kind: 'rejected', status: 'problem', problems: '缺少主体名称', name: '' },
    scored({ row: 7, id: 'F', tier: 'orange', total: 61, name: '－5', reasons: ['😀 emoji 𠀀 astral 中文（+5 关注度）'] }),
  ]
  return trackLeads(previous, current, { today: '2024-06-30', rulePack: 'default@1.0.0 (aaaaaaaaaaaa)', previousFile: 'q1.xlsx', extraColumns: EXTRAS })
}

const load = async (bytes: Uint8Array) => {
  const wb = new ExcelJS.Workbook()
  await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer)
  return wb
}

/** A sheet's view without what the streaming writer adds on purpose (see the head of this file). */
const comparable = (view: SheetView, guide: boolean, reasons: boolean) => {
  const { autoFilter, views, rows, ...rest } = view
  if (guide) return { ...rest, rows: rows.slice(1) }
  return { ...rest, views, rows, ...(reasons ? {} : { autoFilter }) }
}

describe('the streaming tracked-ledger writer against the exceljs writer it replaced', () => {
  for (const lang of ['zh', 'en'] as const) {
    for (const maxSheetRows of [undefined, 3]) {
      it(`writes the same workbook as far as exceljs reads it (${lang}, ${maxSheetRows ?? 'Excel’s'} rows a sheet)`, async () => {
        const track = sweep()
        const options = { lang, runDate: '2024-07-01', ...(maxSheetRows === undefined ? {} : { maxSheetRows }) }
        const beforeBytes = await writeTrackedLedgerExceljs(track, options)
        const afterBytes = await writeTrackedLedger(track, options)
        const [before, after] = await Promise.all([load(beforeBytes), load(afterBytes)])
        const names = before.worksheets.map((w) => w.name)
        expect(after.worksheets.map((w) => w.name)).toEqual(names)
        expect(names.length).toBe(maxSheetRows === undefined ? 5 : 9)
        const guideName = names.at(-1)!
        const reasonsBase = lang === 'zh' ? '评分依据' : 'Scoring grounds'
        for (const ws of before.worksheets) {
          const guide = ws.name === guideName
          const reasons = ws.name.startsWith(reasonsBase)
          const mine = sheetView(after.getWorksheet(ws.name)!)
          expect(comparable(mine, guide, reasons), ws.name).toEqual(comparable(sheetView(ws), guide, reasons))
          // What differs on purpose: every sheet frozen and filtered over its header, as the score ledger's.
          expect(mine.views[0], ws.name).toMatchObject({ state: 'frozen', ySplit: 1 })
          expect(mine.autoFilter, ws.name).toBe(`A1:${columnLetter(mine.widths.length)}1`)
          expect(mine.rows[0]!.cells.every((c) => c.bold && c.fill?.argb === 'FFD9D9D9' && c.vertical === 'middle' && c.wrap), ws.name).toBe(true)
        }

        // Not vacuous: the looks compared are there.
        const main = sheetView(after.worksheets[0]!)
        const cells = main.rows.flatMap((r) => r.cells)
        expect(main.widths.every((w) => typeof w === 'number')).toBe(true)
        expect(cells.some((c) => c.fill?.argb === 'FFFF4D4F')).toBe(true)
        expect(cells.some((c) => c.numFmt === 'yyyy-mm-dd' && typeof c.value === 'string' && c.value.endsWith('T00:00:00.000Z'))).toBe(true)
        expect(cells.some((c) => c.wrap && c.vertical === 'top')).toBe(true)
        expect(cells.some((c) => c.value === true)).toBe(true)
        expect(cells.some((c) => c.value === "'=cmd|' /C calc'!A0")).toBe(true)
        expect(main.rows[0]!.cells.some((c) => c.value === "'=联系电话")).toBe(true)

        // And both read back as the same ledger through chufei's own reader (long text as Excel keeps it).
        const clip = (r: LedgerRecord) => ({ ...r, notes: r.notes?.slice(0, 32_767) ?? null })
        const [a, b] = await Promise.all([readLedger({ bytes: beforeBytes, name: 'a.xlsx' }), readLedger({ bytes: afterBytes, name: 'b.xlsx' })])
        expect(b.records.map(clip)).toEqual(a.records.map(clip))
        expect(b.extraColumns).toEqual(a.extraColumns)
        expect(b.records.length).toBe(6)
      })
    }
  }
})
