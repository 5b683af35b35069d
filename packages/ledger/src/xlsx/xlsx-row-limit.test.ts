import { createWriteStream } from 'node:fs'
import { mkdtemp, readdir } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { PassThrough } from 'node:stream'
import type { ScoredResult, Tier } from '@chufei/core'
import ExcelJS from 'exceljs'
import { describe, expect, it } from 'vitest'
import { PACK, RED, REJECTED, summaryOf } from '../_test-items'
import type { Lang } from '../labels'
import type { LedgerItem } from '../ledger-item'
import { createLedgerContext } from '../ledger-row'
import { readLedger } from '../read-ledger'
import { EXCEL_MAX_ROWS } from '../sheet-continuation'
import { createXlsxWriter } from './xlsx-ledger-writer'

/*
 * Sheets past the row limit go on in continuation sheets. The limit is injected (5 rows: a header and 4 data
 * rows) so a test writes a handful of rows, not a million; the split is the same code at EXCEL_MAX_ROWS
 * (rolling-sheet.test.ts proves it there). Each workbook is compared with the same items written without a limit.
 */

const LIMIT = 5
const DATA_ROWS = LIMIT - 1
const TIERS: readonly Tier[] = ['red', 'blue', 'yellow', 'orange', 'none']

/** N leads, two reasons and a warning each (so 评分依据 has 2N rows, 问题行 N), every fifth one rejected. */
const leads = (n: number): LedgerItem[] =>
  Array.from({ length: n }, (_, i): LedgerItem => {
    const line = i + 2
    if (i % 5 === 4) return { lead: null, result: { ...REJECTED.result, line, id: `L-${i}` } as LedgerItem['result'] }
    const tier = TIERS[i % TIERS.length]!
    return {
      lead: { ...RED.lead!, name: `主体${i}` },
      result: {
        ...(RED.result as ScoredResult),
        id: `L-${i}`,
        line,
        tier,
        total: 90 - i,
        reasons: [
          { rule: 'a', label: `依据甲${i}`, dimension: 'scale', points: 10 },
          { rule: 'b', label: `依据乙${i}`, dimension: 'exposure', points: 5 },
        ],
        warnings: [{ field: 'notes', code: 'x', message: `问题${i}` }],
      },
    }
  })

const write = async (items: readonly LedgerItem[], lang: Lang, maxSheetRows?: number) => {
  const dir = await mkdtemp(join(tmpdir(), 'chufei-xlsx-limit-'))
  const path = join(dir, 'ledger.xlsx')
  const out = createWriteStream(path)
  const context = createLedgerContext(PACK, { lang, now: new Date(2024, 5, 1) })
  const writer = createXlsxWriter(out, context, dir, maxSheetRows === undefined ? {} : { maxSheetRows })
  for (const item of items) await writer.write(item)
  await writer.end(summaryOf(items))
  await new Promise<void>((resolve) => (out.closed ? resolve() : out.once('close', () => resolve())))
  expect(await readdir(dir)).toEqual(['ledger.xlsx'])
  const wb = new ExcelJS.Workbook()
  await wb.xlsx.readFile(path)
  return { wb, path }
}

/** A row as a reader sees it: values and the look of each cell. */
const rowView = (ws: ExcelJS.Worksheet, r: number) => {
  const cells: unknown[] = []
  for (let c = 1; c <= ws.columnCount; c++) {
    const cell = ws.getRow(r).getCell(c)
    const v = cell.value
    cells.push({ v: v instanceof Date ? v.toISOString() : v, numFmt: cell.numFmt ?? null, fill: cell.fill?.type === 'pattern' ? cell.fill.fgColor?.argb : null, wrap: cell.alignment?.wrapText === true, bold: cell.font?.bold === true })
  }
  return cells
}

const dataRows = (ws: ExcelJS.Worksheet) => Array.from({ length: ws.rowCount - 1 }, (_, i) => rowView(ws, i + 2))
const validations = (ws: ExcelJS.Worksheet) => Object.keys((ws as unknown as { dataValidations: { model: Record<string, unknown> } }).dataValidations.model).sort()

/** The names a sheet of `parts` parts gets. */
const partNames = (base: string, parts: number, lang: Lang) =>
  Array.from({ length: parts }, (_, i) => (i === 0 ? base : lang === 'zh' ? `${base}（续${i + 1}）` : `${base} (cont. ${i + 1})`))

const partsOf = (rows: number) => Math.max(1, Math.ceil(rows / DATA_ROWS))

describe('the XLSX ledger past the row limit', () => {
  it('takes Excel’s limit, 1,048,576 rows a sheet, as its default', () => {
    expect(EXCEL_MAX_ROWS).toBe(1_048_576)
  })

  // 风险台账 overflows once, twice and three times; 评分依据 (2 rows a lead) more.
  for (const [n, lang] of [[5, 'zh'], [9, 'en'], [13, 'zh'], [16, 'en']] as const) {
    it(`continues every sheet that reaches it in “（续N）” sheets, each row once and in order (${n} leads, ${lang})`, async () => {
      const items = leads(n)
      const [whole, split] = await Promise.all([write(items, lang), write(items, lang, LIMIT)])
      const firsts = whole.wb.worksheets
      const expected = firsts.flatMap((ws) => (ws.name === (lang === 'zh' ? '说明' : 'About') || ws.name === (lang === 'zh' ? '统计' : 'Statistics') ? [ws.name] : partNames(ws.name, partsOf(ws.rowCount - 1), lang)))
      expect(split.wb.worksheets.map((ws) => ws.name)).toEqual(expected)
      expect(split.wb.getWorksheet(partNames(firsts[0]!.name, 4, lang)[partsOf(n) - 1]!)).toBeDefined()
      if (n > DATA_ROWS * 3) expect(split.wb.worksheets.filter((ws) => ws.name.startsWith(firsts[0]!.name))).toHaveLength(partsOf(n))

      for (const first of firsts.slice(0, 4)) {
        const parts = partNames(first.name, partsOf(first.rowCount - 1), lang).map((name) => split.wb.getWorksheet(name)!)
        // Every row once, in order, looking as it does in the unsplit sheet.
        expect(parts.flatMap(dataRows)).toEqual(dataRows(first))
        for (const [i, ws] of parts.entries()) {
          expect(ws.rowCount, ws.name).toBe(i < parts.length - 1 ? LIMIT : first.rowCount - 1 - DATA_ROWS * i + 1)
          expect(rowView(ws, 1), ws.name).toEqual(rowView(first, 1))
          expect(ws.views.map((v) => ({ state: v.state, ySplit: 'ySplit' in v ? v.ySplit : undefined })), ws.name).toEqual([{ state: 'frozen', ySplit: 1 }])
          expect(ws.autoFilter, ws.name).toEqual(first.autoFilter)
          expect(ws.columns.map((c) => c.width), ws.name).toEqual(first.columns.map((c) => c.width))
          // The 状态 dropdown covers each part's own data rows (exceljs spreads Q2:Qn over its cells).
          const isLedger = firsts.indexOf(first) < 2
          const column = validations(first)[0]?.replace(/\d+$/, '') ?? ''
          expect(validations(ws), ws.name).toEqual(isLedger ? Array.from({ length: ws.rowCount - 1 }, (_, r) => `${column}${r + 2}`).sort() : [])
        }
      }
      // The 说明 sheet says which sheets went on, where, and how many rows they have in all.
      const guide = split.wb.getWorksheet(lang === 'zh' ? '说明' : 'About')!
      const said = dataRows(guide).map((r) => (r as Array<{ v: unknown }>).map((c) => String(c.v ?? '')).join(' | '))
      const reasons = firsts[2]!
      const line = said.find((s) => s.includes(`“${reasons.name}”`) && s.includes(partNames(reasons.name, 2, lang)[1]!))
      expect(line).toBeDefined()
      expect(line).toContain(String(reasons.rowCount - 1))
      expect(line!.startsWith(lang === 'zh' ? '续表“' : 'Continued “')).toBe(true)
      expect(line).toContain('1,048,576')
      const main = firsts[0]!
      expect(said.some((s) => s.includes(`“${main.name}”`) && s.includes(partNames(main.name, 2, lang)[1]!) && s.includes(`${n}`))).toBe(true)
      // Nothing of this in a ledger that fits.
      const label = lang === 'zh' ? '续表“' : 'Continued “'
      expect(dataRows(whole.wb.getWorksheet(guide.name)!).some((r) => String((r as Array<{ v: unknown }>)[0]!.v).startsWith(label))).toBe(false)
      // One such line per continued sheet.
      const continued = firsts.filter((f) => split.wb.getWorksheet(partNames(f.name, 2, lang)[1]!) !== undefined)
      expect(said.filter((s) => s.startsWith(label))).toHaveLength(continued.length)

      // Read back as one ledger: every lead, in order, none lost.
      const [a, b] = await Promise.all([readLedger(whole.path), readLedger(split.path)])
      expect(b.records.map((r) => r.id)).toEqual(items.map((item) => item.result.id))
      expect(b.records.map(({ row: _row, ...r }) => r)).toEqual(a.records.map(({ row: _row, ...r }) => r))
      expect(b.records.map((r) => r.row)).toEqual(a.records.map((r) => r.row))
      expect(b.counts).toEqual(a.counts)
      expect(b.sheet).toBe(main.name)
      expect(b.issues).toEqual(a.issues)
    })
  }

  it('starts no continuation for a sheet exactly at the limit, and one for a row over it', async () => {
    // 4 leads: 风险台账 exactly LIMIT rows; 问题行 too (a warning each); 评分依据 8 rows: one continuation.
    const at = await write(leads(DATA_ROWS), 'zh', LIMIT)
    expect(at.wb.worksheets.map((ws) => ws.name)).toEqual(['风险台账', '重点线索台账', '评分依据', '评分依据（续2）', '问题行', '统计', '说明'])
    expect(at.wb.getWorksheet('风险台账')!.rowCount).toBe(LIMIT)
    expect(at.wb.getWorksheet('问题行')!.rowCount).toBe(LIMIT)
    const over = await write(leads(DATA_ROWS + 1), 'zh', LIMIT)
    expect(over.wb.worksheets.map((ws) => ws.name).slice(0, 3)).toEqual(['风险台账', '风险台账（续2）', '重点线索台账'])
    expect(over.wb.getWorksheet('风险台账（续2）')!.rowCount).toBe(2)
    expect(over.wb.getWorksheet('风险台账（续2）')!.getRow(2).getCell(1).value).toBe('L-4')
  })

  it('refuses a limit that leaves no room for a data row', () => {
    const context = createLedgerContext(PACK, { lang: 'zh', now: new Date(2024, 5, 1) })
    expect(() => createXlsxWriter(new PassThrough(), context, tmpdir(), { maxSheetRows: 1 })).toThrow(RangeError)
  })
})
