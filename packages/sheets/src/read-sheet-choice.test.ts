import ExcelJS from 'exceljs'
import { describe, expect, it } from 'vitest'
import { chufeiErrorOf, readAll } from '../test/_helpers'
import { makeZip } from '../test/_zip'

/* Which worksheet readSheet reads when none is named: the first visible one whose header row is found. */

const HEADER = ['线索编号', '主体名称', '涉及人数']

const book = async (build: (wb: ExcelJS.Workbook) => void) => {
  const wb = new ExcelJS.Workbook()
  build(wb)
  return { bytes: new Uint8Array(await wb.xlsx.writeBuffer()), name: 't.xlsx' }
}

describe('choosing the sheet', () => {
  it('passes over a hidden first sheet and a 填表说明 sheet with a sample header, and says which sheet it read', async () => {
    const input = await book((wb) => {
      const hidden = wb.addWorksheet('旧表')
      hidden.state = 'hidden'
      hidden.addRows([HEADER, ['OLD-1', '旧主体', 1]])
      wb.addWorksheet('填表说明').addRows([['示例：'], HEADER, ['示例-1', '示例合作社', 10]])
      wb.addWorksheet('封面').addRow(['双桥镇排查表'])
      wb.addWorksheet('排查表').addRows([HEADER, ['SQ-1', '甲合作社', 12]])
    })
    const events = await readAll(input)
    expect(events[0]).toMatchObject({ kind: 'header', sheet: '排查表', line: 1 })
    expect(events.slice(1)).toMatchObject([{ kind: 'lead', lead: { id: 'SQ-1' } }])
  })

  it('lists every sheet and why it was passed over, and suggests --sheet, when no sheet has a header', async () => {
    const input = await book((wb) => {
      wb.addWorksheet('封面').addRow(['双桥镇排查表'])
      const hidden = wb.addWorksheet('数据')
      hidden.state = 'veryHidden'
      hidden.addRow(HEADER)
    })
    const error = await chufeiErrorOf(readAll(input))
    expect(error.issues[0]).toMatchObject({ code: 'no-header' })
    expect(error.message).toContain('“封面”（前30行无表头）、“数据”（隐藏）')
    // One reader serves the CLI and uploads: it names the CLI option and the upload field (it said --sheet only).
    expect(error.message).toContain('命令行用 --sheet，网页或接口上传填 sheet 字段')
    expect(error.issues[0]!.messageEn).toContain('the sheet field of an upload')
    expect(error.issues[0]!.messageEn).toContain('"数据" (hidden)')
  })

  it('reads a named hidden sheet when asked', async () => {
    const input = await book((wb) => {
      wb.addWorksheet('封面').addRow(['x'])
      const hidden = wb.addWorksheet('数据')
      hidden.state = 'hidden'
      hidden.addRows([HEADER, ['SQ-9', '乙', 3]])
    })
    const events = await readAll(input, { sheet: '数据' })
    expect(events[0]).toMatchObject({ kind: 'header', sheet: '数据' })
  })

  it('says a macro sheet named with --sheet is a macro sheet, not that it does not exist', async () => {
    const rel = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships'
    const ns = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main'
    const bytes = makeZip([
      ['_rels/.rels', `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>`],
      ['xl/workbook.xml', `<workbook xmlns="${ns}" xmlns:r="${rel}"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/><sheet name="Macro1" sheetId="2" r:id="rId2"/></sheets></workbook>`],
      ['xl/_rels/workbook.xml.rels', `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${rel}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.microsoft.com/office/2006/relationships/xlMacrosheet" Target="macrosheets/sheet1.xml"/></Relationships>`],
      ['xl/worksheets/sheet1.xml', `<worksheet xmlns="${ns}"><sheetData/></worksheet>`],
      ['xl/macrosheets/sheet1.xml', `<xm:macrosheet xmlns:xm="http://schemas.microsoft.com/office/excel/2006/main"><sheetData/></xm:macrosheet>`],
    ])
    const error = await chufeiErrorOf(readAll({ bytes, name: 'm.xlsm' }, { sheet: 'Macro1' }))
    expect(error.issues[0]).toMatchObject({ code: 'not-a-worksheet' })
    expect(error.message).toContain('“Macro1”是宏表')
  })
})
