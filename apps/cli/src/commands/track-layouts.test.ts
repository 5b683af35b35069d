import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import ExcelJS from 'exceljs'
import { describe, expect, it } from 'vitest'
import { runCli, tempDir } from '../_test-run'

/*
 * `chufei track` loses no edit, whatever staff did to the ledger in Excel/WPS: the main sheet renamed
 * (Sheet1) and moved behind 重点线索台账, headers reworded (备注（处置情况）, 处置状态), columns added in the
 * middle (督办人) and at the end (联系电话), edits made on 重点线索台账 as well as on the main sheet, and one
 * lead edited differently on both (a conflict: reported by id, the other value kept under 动态).
 * The openpyxl-saved variant of the same edits is fixtures/sweeps/2024q2-ledger-openpyxl.xlsx.
 */

const ROOT = fileURLToPath(new URL('../../../../', import.meta.url))
const Q2 = join(ROOT, 'fixtures/sweeps/2024q2.csv')

type Cell = string | number | Date

interface Edit {
  readonly id: string
  readonly sheet: 'main' | 'key'
  readonly column: string
  readonly value: Cell
}

/** The header a column has after the edits below (two are reworded). */
const RENAMED: Readonly<Record<string, string>> = { 备注: '备注（处置情况）', 状态: '处置状态' }

const headerRow = (ws: ExcelJS.Worksheet): string[] => (ws.getRow(1).values as unknown[]).slice(1).map((v) => String(v ?? ''))

const rowOf = (ws: ExcelJS.Worksheet, id: string): ExcelJS.Row => {
  for (let r = 2; r <= ws.rowCount; r++) if (ws.getRow(r).getCell(1).value === id) return ws.getRow(r)
  throw new Error(`${id} not on ${ws.name}`)
}

const setCell = (ws: ExcelJS.Worksheet, id: string, column: string, value: Cell) => {
  const col = headerRow(ws).indexOf(column) + 1
  if (col === 0) throw new Error(`no column ${column} on ${ws.name}`)
  rowOf(ws, id).getCell(col).value = value
}

/** Staff's layout: what openpyxl-, WPS- and Excel-saved ledgers look like after a quarter of use. */
const relayout = async (ledger: string, out: string, edits: readonly Edit[]) => {
  const wb = new ExcelJS.Workbook()
  await wb.xlsx.readFile(ledger)
  const main = wb.getWorksheet('风险台账')!
  const key = wb.getWorksheet('重点线索台账')!
  for (const ws of [main, key]) {
    // 督办人 inserted after 状态, 联系电话 appended; 备注 and 状态 reworded.
    const status = headerRow(ws).indexOf('状态') + 1
    ws.spliceColumns(status + 1, 0, ['督办人'])
    ws.getRow(1).getCell(headerRow(ws).length + 1).value = '联系电话'
    for (const [from, to] of Object.entries(RENAMED)) ws.getRow(1).getCell(headerRow(ws).indexOf(from) + 1).value = to
  }
  for (const e of edits) setCell(e.sheet === 'main' ? main : key, e.id, RENAMED[e.column] ?? e.column, e.value)
  main.name = 'Sheet1'
  key.name = '工作表2'
  // 重点线索台账 first (exceljs orders sheets by orderNo, which its type declarations do not show).
  const [k, m] = [key as unknown as { orderNo: number }, main as unknown as { orderNo: number }]
  ;[k.orderNo, m.orderNo] = [m.orderNo, k.orderNo]
  await wb.xlsx.writeFile(out)
}

describe('chufei track with a ledger staff re-laid out', () => {
  it('carries every edit, on either ledger sheet, and every added column in place; a conflicting pair is reported', async () => {
    const dir = await tempDir()
    const ledger = join(dir, 'q2-ledger.xlsx')
    const scored = await runCli(['score', Q2, '--format', 'xlsx', '--out', ledger], { cwd: ROOT })
    expect(scored.code, scored.stderr).toBe(0)

    // Key leads (on both sheets) and a lead on the main sheet only.
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.readFile(ledger)
    const keyIds = [2, 3, 4, 5].map((r) => String(wb.getWorksheet('重点线索台账')!.getRow(r).getCell(1).value))
    const mainOnly = (() => {
      const ws = wb.getWorksheet('风险台账')!
      for (let r = 2; r <= ws.rowCount; r++) {
        const id = String(ws.getRow(r).getCell(1).value)
        if (!keyIds.includes(id)) return id
      }
      throw new Error('no lead below yellow')
    })()
    const [k1, k2, k3, conflicted] = keyIds as [string, string, string, string]
    const edits: Edit[] = [
      { id: k1, sheet: 'key', column: '状态', value: '处置中' },
      { id: k1, sheet: 'key', column: '备注', value: '已约谈负责人（在重点线索台账填写）' },
      { id: k1, sheet: 'key', column: '督办人', value: '王镇长' },
      { id: k2, sheet: 'main', column: '状态', value: '已化解' },
      { id: k2, sheet: 'main', column: '整改时限', value: new Date(Date.UTC(2024, 8, 30)) },
      { id: k2, sheet: 'main', column: '联系电话', value: '0554-1234567' },
      { id: k3, sheet: 'key', column: '整改时限', value: '2024-10-15' },
      { id: k3, sheet: 'main', column: '督办人', value: '李主任' },
      { id: mainOnly, sheet: 'main', column: '备注', value: '网格员回访，无异常' },
      { id: mainOnly, sheet: 'main', column: '联系电话', value: 13800000000 },
      { id: conflicted, sheet: 'main', column: '备注', value: '已移送公安' },
      { id: conflicted, sheet: 'key', column: '备注', value: '暂缓移送，继续核查' },
    ]
    const edited = join(dir, 'q2-edited.xlsx')
    await relayout(ledger, edited, edits)

    const out = join(dir, 'q3.xlsx')
    const r = await runCli(['track', '--previous', edited, Q2, '--today', '2024-06-30', '--out', out], { cwd: ROOT })
    expect(r.code, r.stderr).toBe(0)
    // The conflict is reported by id, with both values.
    expect(r.stderr).toContain(`线索 ${conflicted} 的“备注（处置情况）”`)
    expect(r.stderr).toContain('暂缓移送，继续核查')
    // The summary counts what was carried, by column.
    expect(r.stdout).toMatch(/沿用上期的编辑：状态 2，备注 3，整改时限 1，督办人 2，联系电话 2/)
    // 整改时限 changed on 重点线索台账 only: both sheets hold a date and the ledger cannot tell which one
    // staff typed, so it is a conflict too — reported, and the other date kept under 动态.
    expect(r.stderr).toContain(`线索 ${k3} 的“整改时限”`)

    const next = new ExcelJS.Workbook()
    await next.xlsx.readFile(out)
    const main = next.getWorksheet('风险台账')!
    const headers = headerRow(main)
    // Added columns in place: 督办人 right after 状态, 联系电话 after 排查日期 (the last column it followed).
    expect(headers[headers.indexOf('状态') + 1]).toBe('督办人')
    expect(headers[headers.indexOf('排查日期') + 1]).toBe('联系电话')
    const value = (id: string, column: string) => rowOf(main, id).getCell(headers.indexOf(column) + 1).value
    expect(String(value(k3, '动态'))).toContain('2024-10-15')
    for (const e of edits.filter((e) => e.id !== conflicted && !(e.id === k3 && e.column === '整改时限'))) {
      const expected = e.column === '整改时限' ? new Date(typeof e.value === 'string' ? `${e.value}T00:00:00Z` : (e.value as Date).getTime()) : e.value
      expect(value(e.id, e.column), `${e.id} ${e.column}`).toEqual(expected)
    }
    expect(value(conflicted, '备注')).toBe('已移送公安')
    expect(String(value(conflicted, '动态'))).toContain('暂缓移送，继续核查')
    // The key-lead sheet of the new ledger carries them too.
    expect(rowOf(next.getWorksheet('重点线索台账')!, k1).getCell(headers.indexOf('督办人') + 1).value).toBe('王镇长')
  })

  it('carries every edit of the ledger openpyxl saved (fixtures/sweeps/edit-with-openpyxl.py)', async () => {
    const fixture = join(ROOT, 'fixtures/sweeps/2024q2-ledger-openpyxl')
    const expected = JSON.parse(await readFile(`${fixture}.edits.json`, 'utf8')) as {
      conflicts: Array<{ id: string; column: string; main: string; other: string }>
      edits: Array<{ id: string; column: string; value: string | number }>
    }
    const out = join(await tempDir(), 'q3.xlsx')
    const r = await runCli(['track', '--previous', `${fixture}.xlsx`, Q2, '--today', '2024-06-30', '--out', out], { cwd: ROOT })
    expect(r.code, r.stderr).toBe(0)
    const next = new ExcelJS.Workbook()
    await next.xlsx.readFile(out)
    const main = next.getWorksheet('风险台账')!
    const headers = headerRow(main)
    const standard = (column: string) => Object.entries(RENAMED).find(([, to]) => to === column)?.[0] ?? column
    const value = (id: string, column: string) => rowOf(main, id).getCell(headers.indexOf(standard(column)) + 1).value
    expect(expected.edits.length).toBeGreaterThan(5)
    for (const e of expected.edits) {
      const got = value(e.id, e.column)
      expect(got instanceof Date ? got.toISOString().slice(0, 10) : got, `${e.id} ${e.column}`).toEqual(e.value)
    }
    for (const c of expected.conflicts) {
      expect(r.stderr).toContain(`线索 ${c.id} 的“${c.column}”`)
      expect(value(c.id, c.column)).toBe(c.main)
      expect(String(value(c.id, '动态'))).toContain(c.other)
    }
  })

  it('reports a ledger with no ledger header on any sheet, naming the sheets', async () => {
    const dir = await tempDir()
    const wb = new ExcelJS.Workbook()
    wb.addWorksheet('填表说明').addRow(['请按要求填写'])
    wb.addWorksheet('数据').addRow(['编号', '名称'])
    const path = join(dir, 'not-a-ledger.xlsx')
    await wb.xlsx.writeFile(path)
    const r = await runCli(['track', '--previous', path, Q2, '--today', '2024-06-30'], { cwd: ROOT })
    expect(r.code).not.toBe(0)
    expect(r.stderr).toContain('“填表说明”、“数据”')
  })
})
