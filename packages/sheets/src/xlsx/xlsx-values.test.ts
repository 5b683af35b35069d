import { describe, expect, it } from 'vitest'
import { readRawRows } from '../read-sheet-raw'
import { collect, readAll } from '../../test/_helpers'
import { makeZip } from '../../test/_zip'

/*
 * Cell values that were read wrong before issue 11, on parts written the way Excel for Mac, Numbers,
 * WPS and LibreOffice write them: the 1904 date system, error cells, formulas with a date result,
 * upper-case and Chinese date formats, `_xHHHH_` escapes and line breaks.
 */

const ns = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main'
const rel = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships'

/** Cell styles, one number format id each (index = `s`); custom format codes by id. */
const STYLES = [0, 14, 176, 177, 31, 57, 178, 179, 0]
const CUSTOM: Record<number, string> = {
  176: 'YYYY-MM-DD',
  177: '[$-804]yyyy"年"m"月"d"日";@',
  178: '#,##0.00_);[Red]\\(#,##0.00\\)',
  179: '0"d"',
}
const escapeAttr = (s: string) => s.replaceAll('&', '&amp;').replaceAll('"', '&quot;').replaceAll('<', '&lt;')

const workbook = (sheetXml: string, options: { workbookPr?: string; strings?: readonly string[] } = {}) =>
  makeZip([
    ['_rels/.rels', `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>`],
    [
      'xl/workbook.xml',
      `<workbook xmlns="${ns}" xmlns:r="${rel}" xmlns:x15="http://schemas.microsoft.com/office/spreadsheetml/2010/11/main">${options.workbookPr ?? '<workbookPr/>'}<sheets><sheet name="表" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    ],
    ['xl/_rels/workbook.xml.rels', `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${rel}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="${rel}/styles" Target="styles.xml"/><Relationship Id="rId3" Type="${rel}/sharedStrings" Target="sharedStrings.xml"/></Relationships>`],
    [
      'xl/styles.xml',
      `<styleSheet xmlns="${ns}"><numFmts>${Object.entries(CUSTOM)
        .map(([id, code]) => `<numFmt numFmtId="${id}" formatCode="${escapeAttr(code)}"/>`)
        .join('')}</numFmts><cellXfs>${STYLES.map((id) => `<xf numFmtId="${id}"/>`).join('')}</cellXfs></styleSheet>`,
    ],
    ['xl/sharedStrings.xml', `<sst xmlns="${ns}">${(options.strings ?? []).map((s) => `<si><t xml:space="preserve">${s}</t></si>`).join('')}</sst>`],
    ['xl/worksheets/sheet1.xml', `<worksheet xmlns="${ns}"><sheetData>${sheetXml}</sheetData></worksheet>`],
  ])

const cellsOf = async (bytes: Uint8Array) => (await collect(readRawRows({ bytes, name: 't.xlsx' }))).map((r) => r.cells)
const day = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d))

describe('the 1904 date system', () => {
  const row = '<row r="1"><c r="A1" s="1"><v>45356</v></c></row>'
  it.each([
    ['date1904="1"', '<workbookPr date1904="1"/>'],
    ['date1904="true"', '<workbookPr date1904="true"/>'],
    // Excel for Mac writes the namespaced element after the main one; it must not reset the flag.
    ['a later <x15:workbookPr> without the flag', '<workbookPr date1904="1" defaultThemeVersion="166925"/><extLst><ext uri="{B58B0392-4F1F-4190-BB64-5DF3571DCE5F}"><x15:workbookPr chartTrackingRefBase="1"/></ext></extLst>'],
  ])('%s counts serials from 1904', async (_name, workbookPr) => {
    expect(await cellsOf(workbook(row, { workbookPr }))).toEqual([[day(2028, 3, 6)]])
  })

  it('date1904="0" or "false", or no flag, is the 1900 system', async () => {
    for (const workbookPr of ['<workbookPr date1904="false"/>', '<workbookPr date1904="0"/>', '<workbookPr/>'])
      expect(await cellsOf(workbook(row, { workbookPr }))).toEqual([[day(2024, 3, 5)]])
  })
})

describe('dates', () => {
  it('reads a formula whose cached result has a date style as a date, a text/boolean result as text/boolean', async () => {
    const row =
      '<row r="1"><c r="A1" s="1"><f>DATE(2024,3,5)</f><v>45356</v></c><c r="B1" t="str"><f>"甲"&amp;"乙"</f><v>甲乙</v></c>' +
      '<c r="C1" t="b"><f>TRUE()</f><v>1</v></c><c r="D1"><f>1+1</f><v>2</v></c></row>'
    expect(await cellsOf(workbook(row))).toEqual([[day(2024, 3, 5), '甲乙', true, 2]])
  })

  it("reads LibreOffice's upper-case formats, Chinese custom and built-in (31, 57) formats as dates; escaped letters are no date", async () => {
    const row = '<row r="1">' + [2, 3, 4, 5, 6, 7].map((s, i) => `<c r="${'ABCDEF'[i]}1" s="${s}"><v>45356</v></c>`).join('') + '</row>'
    expect(await cellsOf(workbook(row))).toEqual([[day(2024, 3, 5), day(2024, 3, 5), day(2024, 3, 5), day(2024, 3, 5), 45356, 45356]])
  })
})

describe('text', () => {
  it('decodes _xHHHH_ escapes (_x005F_ included) and normalises line breaks in shared, inline and formula text', async () => {
    const strings = ['第一行_x000D_\n第二行', '甲\r\n乙\r丙', 'a_x005F_x0041_b', '_x0041__x4E2D_', '_xZZZZ_ 与 _x12_']
    const row =
      '<row r="1">' +
      strings.map((_, i) => `<c r="${'ABCDE'[i]}1" t="s"><v>${i}</v></c>`).join('') +
      '<c r="F1" t="inlineStr"><is><r><t>内_x000D_</t></r><r><t>\n联</t></r></is></c>' +
      '<c r="G1" t="str"><f>A1</f><v>x&#13;&#10;y</v></c></row>'
    expect(await cellsOf(workbook(row, { strings }))).toEqual([
      ['第一行\n第二行', '甲\n乙\n丙', 'a_x0041_b', 'A中', '_xZZZZ_ 与 _x12_', '内\n联', 'x\ny'],
    ])
  })
})

describe('error cells', () => {
  const header = ['线索编号', '主体名称', '涉及人数', '线索描述']
  const strings = [...header, 'HX-1', '某合作社', 'HX-2']
  const headerRow = '<row r="1">' + header.map((_, i) => `<c r="${'ABCD'[i]}1" t="s"><v>${i}</v></c>`).join('') + '</row>'

  it('become a formula-error warning on their field naming the cell, never a blank or a text value', async () => {
    const rows =
      headerRow +
      '<row r="2"><c r="A2" t="s"><v>4</v></c><c r="B2" t="s"><v>5</v></c><c r="C2" t="e"><f>SUM(#REF!)</f><v>#REF!</v></c><c r="D2" t="e"><v>#N/A</v></c></row>' +
      '<row r="3"><c r="A3" t="s"><v>6</v></c><c r="B3" t="e"><f>1/0</f><v>#DIV/0!</v></c></row>'
    const events = await readAll({ bytes: workbook(rows, { strings }), name: 't.xlsx' })
    const [, lead, rejected] = events
    expect(lead).toMatchObject({ kind: 'lead', line: 2 })
    if (lead?.kind !== 'lead') throw new Error('unreachable')
    expect(lead.lead.people).toBeUndefined()
    expect(lead.lead.text).toBeUndefined()
    expect(lead.warnings).toEqual([
      { field: 'people.total', code: 'formula-error', message: expect.stringContaining('单元格C2是错误值“#REF!”') },
      { field: 'text.description', code: 'formula-error', message: expect.stringContaining('单元格D2是错误值“#N/A”') },
    ])
    // An error in the name column: the row is rejected, and the error says why the name is missing.
    expect(rejected).toMatchObject({
      kind: 'rejected',
      line: 3,
      errors: [{ code: 'missing-name' }],
      warnings: [{ field: 'subject.name', code: 'formula-error', message: expect.stringContaining('B3') }],
    })
  })

  it('a formula saved without its result is unknown with a warning naming the cell and formula, never a blank', async () => {
    // As openpyxl writes formulas (`<f>` and an empty `<v>`) and other programs do (no `<v>`). A shared
    // formula's other cells carry no formula text; a formula whose cached text result is empty is a real blank.
    const rows =
      headerRow +
      '<row r="2"><c r="A2" t="s"><v>4</v></c><c r="B2" t="s"><v>5</v></c><c r="C2"><f>20*3&amp;""</f><v></v></c><c r="D2" t="str"><f>IF(1,"")</f><v></v></c></row>' +
      '<row r="3"><c r="A3" t="s"><v>6</v></c><c r="B3" t="s"><v>5</v></c><c r="C3"><f t="shared" si="0"/></c></row>'
    const events = await readAll({ bytes: workbook(rows, { strings }), name: 't.xlsx' })
    const [, first, second] = events
    if (first?.kind !== 'lead' || second?.kind !== 'lead') throw new Error(`expected two leads, got ${JSON.stringify(events)}`)
    expect(first.lead.people).toBeUndefined()
    expect(first.warnings).toEqual([
      { field: 'people.total', code: 'formula-not-computed', message: expect.stringContaining('单元格C2是公式“=20*3&""”，但文件里没有保存计算结果') },
    ])
    expect(second.warnings).toEqual([
      { field: 'people.total', code: 'formula-not-computed', message: expect.stringContaining('单元格C3是公式，但文件里没有保存计算结果') },
    ])
    const raw = await collect(readRawRows({ bytes: workbook(rows, { strings }), name: 't.xlsx' }))
    expect(raw[1]).toEqual({ line: 2, cells: ['HX-1', '某合作社'], errors: [{ index: 2, code: '=20*3&""', uncomputed: true }] })
    // A formula of a million characters is shown by its head; only that much is kept while reading.
    const long = '<row r="2"><c r="A2"><f>' + '1&amp;'.repeat(200_000) + '</f></c></row>'
    const [longRow] = await collect(readRawRows({ bytes: workbook(long), name: 't.xlsx' }))
    expect(longRow).toEqual({ line: 2, cells: [], errors: [{ index: 0, code: `=${'1&'.repeat(20)}`, uncomputed: true }] })
  })

  it('are listed on the raw row, their text kept in the cell', async () => {
    const rows = await collect(readRawRows({ bytes: workbook('<row r="5"><c r="B5" t="e"><v>#VALUE!</v></c></row>'), name: 't.xlsx' }))
    expect(rows).toEqual([{ line: 5, cells: [null, '#VALUE!'], errors: [{ index: 1, code: '#VALUE!' }] }])
  })
})
