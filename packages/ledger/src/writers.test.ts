import { createWriteStream } from 'node:fs'
import { mkdtemp, readFile, readdir } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import ExcelJS from 'exceljs'
import { parse } from 'csv-parse/sync'
import { beforeEach, describe, expect, it } from 'vitest'
import { ITEMS, PACK, summaryOf } from './_test-items'
import { SCORE_LEDGER_COLUMNS, isFormulaLike } from '.'
import { createLedgerContext } from './ledger-row'
import { createLedgerWriter, type OutputFormat } from './ledger-writer'

let dir: string
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'chufei-writers-'))
})

const writeAll = async (format: OutputFormat, lang: 'zh' | 'en' = 'zh') => {
  const path = join(dir, `ledger.${format}`)
  const out = createWriteStream(path)
  const context = createLedgerContext(PACK, { lang, now: new Date(2024, 5, 1) })
  const writer = createLedgerWriter({ format, out, context, scratchDir: dir })
  await writer.header({ kind: 'header', line: 1, format: 'csv', columns: [], unknownColumns: ['=备用列'] })
  for (const item of ITEMS) await writer.write(item)
  await writer.end(summaryOf(ITEMS, 1))
  await new Promise<void>((resolve) => (out.closed ? resolve() : (out.writableEnded ? out : out.end()).once('close', () => resolve())))
  return path
}

describe('JSONL and JSON', () => {
  it('write one docs/spec.md §4 result per row in input order, rejected included', async () => {
    const lines = (await readFile(await writeAll('jsonl'), 'utf8')).trimEnd().split('\n')
    expect(lines.map((l) => JSON.parse(l))).toEqual(ITEMS.map((i) => i.result))
    const array = JSON.parse(await readFile(await writeAll('json'), 'utf8')) as unknown[]
    expect(array).toEqual(ITEMS.map((i) => i.result))
  })
})

describe('CSV ledger', () => {
  it('is UTF-8 with BOM, Chinese headers and labels, and no cell can run as a formula', async () => {
    const bytes = await readFile(await writeAll('csv'))
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    const rows = parse(bytes.toString('utf8').slice(1)) as string[][]
    expect(rows[0]).toEqual(SCORE_LEDGER_COLUMNS.map((c) => c.zh))
    expect(rows).toHaveLength(1 + ITEMS.length)
    const red = rows[1]!
    expect(red[5]).toBe('红色预警')
    expect(red[4]).toBe('87')
    expect(red[12]).toBe('刑事打击（移送公安）')
    expect(red[3]).toBe('涉农领域')
    for (const row of rows) for (const cell of row) expect(isFormulaLike(cell), cell).toBe(false)
    const hostile = rows[5]!
    expect(hostile[0]).toBe("'@SUM(A1)")
    expect(hostile[1]).toBe('\'=HYPERLINK("http://evil.example","点击")')
    expect(hostile[2]).toBe("'+cmd|/C calc")
    expect(rows[4]![16]).toBe('问题行')
  })

  it('writes English headers with --lang en', async () => {
    const rows = parse((await readFile(await writeAll('csv', 'en'), 'utf8')).slice(1)) as string[][]
    expect(rows[0]?.[0]).toBe('Lead ID')
    expect(rows[1]?.[5]).toBe('Red (level I)')
  })
})

describe('XLSX ledger', () => {
  it('has six sheets, frozen headers, auto-filters, tier fills, and no formula', async () => {
    const path = await writeAll('xlsx')
    expect(await readdir(dir)).toEqual(['ledger.xlsx'])
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.readFile(path)
    expect(wb.worksheets.map((w) => w.name)).toEqual(['风险台账', '重点线索台账', '评分依据', '问题行', '统计', '说明'])

    const ledger = wb.getWorksheet('风险台账')!
    expect(ledger.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 })
    expect(ledger.autoFilter).toBeTruthy()
    expect(ledger.getRow(1).getCell(1).value).toBe('线索编号')
    expect(ledger.rowCount).toBe(1 + ITEMS.length)
    expect(ledger.getColumn(2).width).toBe(30)
    const redTier = ledger.getRow(2).getCell(6)
    expect(redTier.value).toBe('红色预警')
    expect(redTier.fill).toMatchObject({ type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFF4D4F' } })
    expect(ledger.getRow(2).getCell(5).value).toBe(87)

    ledger.eachRow((row) => {
      row.eachCell((cell) => {
        expect(cell.formula).toBeUndefined()
        if (typeof cell.value === 'string') expect(isFormulaLike(cell.value), cell.value).toBe(false)
      })
    })
    expect(ledger.getRow(6).getCell(2).value).toBe('\'=HYPERLINK("http://evil.example","点击")')

    const key = wb.getWorksheet('重点线索台账')!
    expect(key.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 })
    const keyIds = [2, 3, 4].map((r) => key.getRow(r).getCell(1).value)
    expect(keyIds).toEqual(['SQ-001', 'SQ-003', "'@SUM(A1)"])
    expect(key.rowCount).toBe(4)

    const problems = wb.getWorksheet('问题行')!
    const lines = [] as unknown[][]
    problems.eachRow((row) => lines.push((row.values as unknown[]).slice(1)))
    expect(lines).toEqual([
      ['行号', '线索编号', '字段', '问题'],
      [1, undefined, "'=备用列", '未识别的列，已忽略'],
      [3, 'SQ-001', '涉及人数', '“约420人”按420计'],
      [6, undefined, '线索编号', '缺少线索编号'],
      [6, undefined, '集资金额', '“很多”无法识别为金额'],
      [7, "'@SUM(A1)", '备注', "'－1"],
    ])

    const stats = new Map<string, unknown>()
    wb.getWorksheet('统计')!.eachRow((row) => stats.set(String(row.getCell(1).value), row.getCell(2).value))
    expect(stats.get('读取行数')).toBe(6)
    expect(stats.get('评分')).toBe(4)
    expect(stats.get('拒收（问题行）')).toBe(1)
    expect(stats.get('跳过（空行、表尾）')).toBe(1)
    expect(stats.get('红色预警')).toBe(1)
    expect(stats.get('刑事打击（移送公安）')).toBe(1)
    expect(stats.get('涉农领域')).toBe(1)
    expect(stats.get('双桥村')).toBe(2)
    expect(stats.get('（未填）')).toBe(1)
  })
})
