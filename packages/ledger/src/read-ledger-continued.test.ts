import ExcelJS from 'exceljs'
import { describe, expect, it } from 'vitest'
import { readLedger } from './read-ledger'

/*
 * A ledger past Excel's row limit comes back as 风险台账, 风险台账（续2）… (xlsx-row-limit.test.ts writes and reads
 * one). Here: what staff may do to such a workbook — drag tabs about, edit a continued row or its view.
 */

const HEADER = ['线索编号', '主体名称', '综合得分', '预警等级', '状态']
const lead = (i: number, status = '待处置') => [`SQ-${i}`, `主体${i}`, 90 - i, '红色预警', status]

const workbook = async (sheets: ReadonlyArray<[string, unknown[][]]>): Promise<Uint8Array> => {
  const wb = new ExcelJS.Workbook()
  for (const [name, rows] of sheets) {
    const ws = wb.addWorksheet(name)
    ws.addRow(HEADER)
    for (const r of rows) ws.addRow(r)
  }
  return new Uint8Array(await wb.xlsx.writeBuffer())
}

describe('readLedger of a continued ledger', () => {
  it('reads 风险台账 and its （续N） sheets as one ledger, in part order whatever the tab order, edits on a continued view merged', async () => {
    const bytes = await workbook([
      ['重点线索台账（续2）', [lead(5, '已化解')]],
      ['风险台账（续3）', [lead(5), lead(6)]],
      ['风险台账', [lead(1), lead(2)]],
      ['重点线索台账', [lead(1)]],
      ['风险台账（续2）', [lead(3, '处置中'), lead(4)]],
    ])
    const read = await readLedger({ bytes, name: 'ledger.xlsx' })
    expect(read.sheet).toBe('风险台账')
    expect(read.records.map((r) => r.id)).toEqual(['SQ-1', 'SQ-2', 'SQ-3', 'SQ-4', 'SQ-5', 'SQ-6'])
    // Numbered on as one sheet: each row its own number.
    expect(read.records.map((r) => r.row)).toEqual([2, 3, 4, 5, 6, 7])
    expect(read.records.map((r) => r.status)).toEqual(['pending', 'pending', 'in-progress', 'pending', 'resolved', 'pending'])
    expect(read.counts).toEqual({ read: 6, skipped: 0 })
    expect(read.conflicts).toEqual([])
  })

  it('reads English continuation sheets too', async () => {
    const bytes = await workbook([
      ['Risk ledger', [lead(1)]],
      ['Risk ledger (cont. 2)', [lead(2)]],
    ])
    const read = await readLedger({ bytes, name: 'ledger.xlsx' })
    expect(read.records.map((r) => r.id)).toEqual(['SQ-1', 'SQ-2'])
  })
})
