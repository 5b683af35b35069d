import { describe, expect, it } from 'vitest'
import { scored } from './_test-records'
import { LEDGER_COLUMN_SPECS, SCORE_LEDGER_FIELDS } from './ledger-columns'
import { readLedger } from './read-ledger'
import { trackLeads } from './track'
import { writeTrackedLedger } from './write-ledger'

describe('writeTrackedLedger', () => {
  it('writes a ledger the next track reads back: staff edits, facts and the gone leads all survive', async () => {
    const previous = [
      scored({ row: 2, id: 'A', tier: 'yellow', status: 'in-progress', notes: '已约谈', deadline: '2024-04-01' }),
      scored({ row: 3, id: 'B', tier: 'blue', status: 'pending' }),
    ]
    const current = [
      scored({ row: 2, id: 'A', tier: 'red', creditCode: '91340422MA2N0PQ35X', people: 150, raised: 1_200_000, outstanding: 350_000, sector: 'agriculture', regionKind: 'rural', source: 'public-report', patterns: ['livestock-custody'], reasons: ['逾期兑付（+20 涉稳隐患）'], name: '=cmd|x' }),
    ]
    const track = trackLeads(previous, current, { today: '2024-06-30', rulePack: 'default@1.0.0 (aaaaaaaaaaaa)', previousFile: 'q1.xlsx' })
    const bytes = await writeTrackedLedger(track)
    const read = await readLedger({ bytes, name: 'q2.xlsx' })
    expect(read.issues).toEqual([])
    expect(read.records).toHaveLength(1)
    expect(read.records[0]).toMatchObject({
      id: 'A', tier: 'red', status: 'in-progress', notes: '已约谈', deadline: '2024-04-01', creditCode: '91340422MA2N0PQ35X',
      people: 150, raised: 1_200_000, outstanding: 350_000, sector: 'agriculture', regionKind: 'rural', source: 'public-report',
      patterns: ['livestock-custody'], name: '=cmd|x',
    })

    const ExcelJS = (await import('exceljs')).default
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer)
    const main = wb.getWorksheet('风险台账')!
    // The formula guard: a name starting with = is written as inert text.
    expect(main.getRow(2).getCell(2).value).toBe("'=cmd|x")
    const gone = wb.getWorksheet('上期线索（本轮未出现）')!
    expect(gone.getRow(2).getCell(1).value).toBe('B')
    // The columns chufei score writes come first, in its order; 动态 follows them.
    const headers = (main.getRow(1).values as unknown[]).slice(1)
    expect(headers.slice(0, SCORE_LEDGER_FIELDS.length)).toEqual(SCORE_LEDGER_FIELDS.map((f) => LEDGER_COLUMN_SPECS.find((s) => s.field === f)!.zh))
    expect(headers[SCORE_LEDGER_FIELDS.length]).toBe('动态')
    expect(String(main.getRow(2).getCell(SCORE_LEDGER_FIELDS.length + 1).value)).toContain('升级')
  })

  it('goes on in （续N） sheets past the row limit, says so on 说明, and reads back whole', async () => {
    const previous = ['G1', 'G2', 'G3'].map((id, i) => scored({ row: i + 2, id, tier: 'blue' }))
    const current = ['A', 'B', 'C', 'D', 'E'].map((id, i) => scored({ row: i + 2, id, tier: 'red', total: 90 - i, reasons: [`依据${id}（+10 涉众规模）`] }))
    const track = trackLeads(previous, current, { today: '2024-06-30', rulePack: 'default@1.0.0 (aaaaaaaaaaaa)', previousFile: 'q1.xlsx' })
    // A header and two rows a sheet.
    const bytes = await writeTrackedLedger(track, { maxSheetRows: 3 })
    const ExcelJS = (await import('exceljs')).default
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer)
    expect(wb.worksheets.map((ws) => ws.name)).toEqual([
      '风险台账', '风险台账（续2）', '风险台账（续3）', '重点线索台账', '重点线索台账（续2）', '重点线索台账（续3）',
      '上期线索（本轮未出现）', '上期线索（本轮未出现）（续2）', '评分依据', '评分依据（续2）', '评分依据（续3）', '说明',
    ])
    for (const ws of wb.worksheets.slice(0, -1)) {
      expect(ws.rowCount, ws.name).toBeLessThanOrEqual(3)
      expect(ws.views[0], ws.name).toMatchObject({ state: 'frozen', ySplit: 1 })
      // Each part has its first sheet's header.
      const first = wb.getWorksheet(ws.name.replace(/（续\d+）$/, ''))!
      expect(ws.getRow(1).values, ws.name).toEqual(first.getRow(1).values)
    }
    expect(wb.getWorksheet('风险台账（续3）')!.getRow(2).getCell(1).value).toBe('E')
    const guide = wb.getWorksheet('说明')!
    const said = Array.from({ length: guide.rowCount }, (_, r) => String(guide.getRow(r + 1).getCell(1).value))
    expect(said.filter((s) => s.startsWith('续表'))).toEqual(['续表“风险台账”', '续表“重点线索台账”', '续表“上期线索（本轮未出现）”', '续表“评分依据”'])

    const read = await readLedger({ bytes, name: 'q2.xlsx' })
    expect(read.records.map((r) => r.id)).toEqual(['A', 'B', 'C', 'D', 'E'])
    expect(read.issues).toEqual([])
    expect(read.conflicts).toEqual([])
  })

  it('offers the 状态 dropdown on every part of the three ledger sheets, in the 状态 column wherever staff columns moved it', async () => {
    const previous = ['G1', 'G2', 'G3'].map((id, i) => scored({ row: i + 2, id, tier: 'blue' }))
    const current = ['A', 'B', 'C', 'D', 'E'].map((id, i) => scored({ row: i + 2, id, tier: 'red', total: 90 - i }))
    const tracked = trackLeads(previous, current, { today: '2024-06-30', rulePack: 'default@1.0.0 (aaaaaaaaaaaa)', previousFile: 'q1.xlsx' })
    // A column staff added before every ledger column moves 状态 one to the right.
    const track = { ...tracked, extraColumns: [{ key: 'leader', header: '包案领导', after: null }] }
    const bytes = await writeTrackedLedger(track, { maxSheetRows: 3 })
    const ExcelJS = (await import('exceljs')).default
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer)
    const ledgerSheets = wb.worksheets.filter((ws) => /^(风险台账|重点线索台账|上期线索（本轮未出现）)/.test(ws.name))
    expect(ledgerSheets).toHaveLength(8)
    for (const ws of ledgerSheets) {
      const headers = (ws.getRow(1).values as unknown[]).slice(1)
      const column = headers.indexOf('状态') + 1
      expect(column, ws.name).toBe(SCORE_LEDGER_FIELDS.indexOf('status') + 2)
      const letter = String.fromCharCode(64 + column)
      const model = (ws as unknown as { dataValidations: { model: Record<string, { type: string; formulae: string[] }> } }).dataValidations.model
      // exceljs reads a range back cell by cell: every data row, and no other cell.
      expect(Object.keys(model), ws.name).toEqual(Array.from({ length: ws.rowCount - 1 }, (_, i) => `${letter}${i + 2}`))
      expect(Object.values(model)[0], ws.name).toMatchObject({ type: 'list', formulae: ['"待处置,处置中,已化解"'] })
    }
    // 评分依据 and 说明 have nothing to choose.
    expect(Object.keys((wb.getWorksheet('评分依据') as unknown as { dataValidations: { model: object } }).dataValidations.model)).toEqual([])
  })
})
