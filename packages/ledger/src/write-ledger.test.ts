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
})
