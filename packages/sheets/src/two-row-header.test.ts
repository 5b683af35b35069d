import ExcelJS from 'exceljs'
import { describe, expect, it } from 'vitest'
import { readAll } from '../test/_helpers'

/* Two-row headers: a merged group row above the field row, as county templates are drawn. */

const book = async (rows: unknown[][], merges: string[] = []) => {
  const wb = new ExcelJS.Workbook()
  const ws = wb.addWorksheet('排查表')
  ws.addRows(rows)
  for (const m of merges) ws.mergeCells(m)
  return { bytes: new Uint8Array(await wb.xlsx.writeBuffer()), name: 't.xlsx' }
}

describe('two-row headers', () => {
  it('reads a group row whose id and name are merged down over the field row', async () => {
    const input = await book(
      [
        ['双桥镇排查表'],
        ['线索编号', '主体名称', '涉众情况', null, '资金情况', null],
        [null, null, '涉及人数', '其中60岁以上人数', '集资金额（万元）', '未兑付金额（万元）'],
        ['SQ-1', '甲合作社', 120, 30, 500, 200],
      ],
      ['A2:A3', 'B2:B3', 'C2:D2', 'E2:F2'],
    )
    const events = await readAll(input)
    expect(events[0]).toMatchObject({ kind: 'header', line: 3 })
    expect(events.slice(1)).toMatchObject([
      { kind: 'lead', line: 4, lead: { id: 'SQ-1', people: { total: 120, elderly: 30 }, money: { raised: 5_000_000, outstanding: 2_000_000 } } },
    ])
  })

  it('reads a field row that matches alone, borrowing the headers merged down from the group row', async () => {
    const input = await book(
      [
        ['线索编号', '基本信息', null, '涉及人数'],
        [null, '主体名称', '所属行业', null],
        ['SQ-2', '乙公司', '养老服务', 40],
      ],
      ['A1:A2', 'B1:C1', 'D1:D2'],
    )
    const events = await readAll(input)
    expect(events[0]).toMatchObject({ kind: 'header', line: 2 })
    expect(events.slice(1)).toMatchObject([{ kind: 'lead', line: 3, lead: { id: 'SQ-2', subject: { name: '乙公司' }, people: { total: 40 } } }])
  })

  it('keeps a data row without id or name under a one-row header as a rejected row, not a header', async () => {
    const input = await book([
      ['线索编号', '主体名称', '涉及人数', '线索描述'],
      [null, null, 12, '有群众反映'],
      ['SQ-3', '丙', 5, '无'],
    ])
    const events = await readAll(input)
    expect(events.map((e) => [e.kind, e.line])).toEqual([
      ['header', 1],
      ['rejected', 2],
      ['lead', 3],
    ])
  })
})
