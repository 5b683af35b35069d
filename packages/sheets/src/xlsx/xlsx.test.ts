import ExcelJS from 'exceljs'
import { describe, expect, it } from 'vitest'
import { openByteSource } from '../read-sheet-input'
import { readXlsxRows } from './xlsx'
import { chufeiErrorOf, collect, fixture } from '../../test/_helpers'
import { makeStreamingOrderXlsx, makeZip } from '../../test/_zip'

const workbookBytes = async (build: (wb: ExcelJS.Workbook) => void): Promise<Uint8Array> => {
  const wb = new ExcelJS.Workbook()
  build(wb)
  return new Uint8Array(await wb.xlsx.writeBuffer())
}

const rowsOf = async (bytes: Uint8Array, sheet?: string) => {
  const reader = readXlsxRows(openByteSource({ bytes, name: 't.xlsx' }), sheet === undefined ? {} : { sheet })
  return { rows: await collect(reader.rows), info: reader.info }
}

describe('readXlsxRows', () => {
  it('reads the first sheet of the sweep with worksheet row numbers, title rows included as rows', async () => {
    const reader = readXlsxRows(openByteSource(fixture('sweep-2024q1.xlsx')), {})
    const rows = await collect(reader.rows)
    expect(reader.info.sheet).toBe('2024年一季度排查')
    expect(rows[0]).toEqual({ line: 1, cells: ['双桥镇2024年第一季度非法集资风险排查表'] })
    expect(rows[2]!.line).toBe(3)
    expect(rows[2]!.cells.slice(0, 2)).toEqual(['线索编号', '主体名称'])
    expect(rows.at(-1)!.cells[0]).toMatch(/^填表人：/)
  })

  it('reads a named sheet, and names the sheets when asked for one that does not exist', async () => {
    const reader = readXlsxRows(openByteSource(fixture('sweep-2024q1.xlsx')), { sheet: '填表说明' })
    const rows = await collect(reader.rows)
    expect(rows).toHaveLength(1)
    const error = await chufeiErrorOf(collect(readXlsxRows(openByteSource(fixture('sweep-2024q1.xlsx')), { sheet: '二季度' }).rows))
    expect(error.code).toBe('UNREADABLE_INPUT')
    expect(error.issues[0]!.code).toBe('sheet-not-found')
    expect(error.message).toContain('2024年一季度排查、填表说明')
  })

  it('takes the first sheet in tab order, not in file order', async () => {
    const bytes = await workbookBytes((wb) => {
      wb.addWorksheet('附表').addRow(['附表内容'])
      wb.addWorksheet('排查表').addRow(['排查表内容'])
      // Move 排查表 to the front, as dragging the tab in Excel does: file names stay sheet1/sheet2.
      const sheets = (wb as unknown as { _worksheets: Array<{ orderNo: number } | undefined> })._worksheets
      sheets[1]!.orderNo = 1
      sheets[2]!.orderNo = 0
    })
    const { rows, info } = await rowsOf(bytes)
    expect(info.sheet).toBe('排查表')
    expect(rows[0]!.cells).toEqual(['排查表内容'])
  })

  it('flattens rich text, formulas, hyperlinks and dates, and keeps column positions', async () => {
    const bytes = await workbookBytes((wb) => {
      const ws = wb.addWorksheet('表')
      ws.getCell('A2').value = { richText: [{ text: '链上', font: { bold: true } }, { text: '矿工' }] }
      ws.getCell('C2').value = { formula: 'D2/2', result: 425 }
      ws.getCell('D2').value = '850'
      ws.getCell('E2').value = { text: '下载页面', hyperlink: 'https://example.org/app' }
      ws.getCell('F2').value = new Date(Date.UTC(2024, 2, 5))
      ws.getCell('F2').numFmt = 'yyyy-mm-dd'
      ws.getCell('G2').value = 45356
    })
    const { rows } = await rowsOf(bytes)
    expect(rows).toHaveLength(1)
    expect(rows[0]!.line).toBe(2)
    expect(rows[0]!.cells).toEqual(['链上矿工', null, 425, '850', '下载页面', new Date(Date.UTC(2024, 2, 5)), 45356])
  })

  it('keeps Chinese characters intact across zip chunk boundaries (exceljs #2063)', async () => {
    const text = '双桥镇非法集资风险排查，托管一头牛每月返二百元'
    const bytes = await workbookBytes((wb) => {
      const ws = wb.addWorksheet('排查表')
      for (let i = 0; i < 2000; i++) ws.addRow([`SQ-${i}`, `${text}${i}`])
    })
    const { rows } = await rowsOf(bytes)
    expect(rows).toHaveLength(2000)
    expect(rows.filter((r) => r.cells[1] !== `${text}${r.line - 1}`)).toEqual([])
  })

  it('keeps four-byte characters (𪚥 𠀀) intact', async () => {
    // Small on purpose: exceljs's *writer* itself splits surrogate pairs in large shared-string parts,
    // so a big test workbook with four-byte characters would be corrupt before it is read.
    const bytes = await workbookBytes((wb) => {
      wb.addWorksheet('排查表').addRow(['SQ-1', '生僻字𪚥与𠀀'])
    })
    const { rows } = await rowsOf(bytes)
    expect(rows[0]!.cells).toEqual(['SQ-1', '生僻字𪚥与𠀀'])
  })

  it('streams a worksheet straight from the zip when shared strings come first, four-byte characters intact', async () => {
    const rows = Array.from({ length: 3000 }, (_, i) => [`托管一头牛𪚥${i}`, `生僻字𠀀与双桥镇${i}`])
    const { rows: read, info } = await rowsOf(makeStreamingOrderXlsx('排查表', rows))
    expect(info.sheet).toBe('排查表')
    expect(read).toHaveLength(3000)
    expect(read.filter((r) => r.cells[0] !== rows[r.line - 1]![0] || r.cells[1] !== rows[r.line - 1]![1])).toEqual([])
  })

  it('stops reading when the caller stops early', async () => {
    const reader = readXlsxRows(openByteSource(fixture('sweep-2024q1.xlsx')), {})
    const first = await reader.rows.next()
    expect(first.value).toMatchObject({ line: 1 })
    await expect(reader.rows.return(undefined)).resolves.toEqual({ done: true, value: undefined })
  })

  it('reports corrupt and non-workbook files as UNREADABLE_INPUT', async () => {
    const good = await workbookBytes((wb) => {
      wb.addWorksheet('表').addRow(['线索编号'])
    })
    const cases: Array<[string, Uint8Array]> = [
      ['not a zip', new TextEncoder().encode('线索编号,主体名称\r\n')],
      ['truncated', good.subarray(0, 300)],
      ['zip without a workbook', makeZip([['hello.txt', '你好']])],
    ]
    for (const [, bytes] of cases) {
      const error = await chufeiErrorOf(rowsOf(bytes))
      expect(error.code).toBe('UNREADABLE_INPUT')
      expect(error.issues[0]!.file).toBe('t.xlsx')
    }
  })
})
