import { describe, expect, it } from 'vitest'
import { openByteSource } from '../read-sheet-input'
import { readXlsxRows } from './xlsx'
import { collect } from '../../test/_helpers'
import { makeZip } from '../../test/_zip'

/*
 * Cell values as the XLSX reader gives them, on parts written by hand the way Excel and WPS write them:
 * shared strings with rich text and phonetic guides, inline strings, booleans, errors, formulas with
 * cached results, date styles (built-in and custom formats, 1900 and 1904 systems), namespace prefixes.
 */

const ns = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main'
const rel = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships'

const workbook = (sheetXml: string, options: { date1904?: boolean; strings?: string; target?: string } = {}) =>
  makeZip([
    ['_rels/.rels', `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>`],
    ['xl/workbook.xml', `<workbook xmlns="${ns}" xmlns:r="${rel}"><workbookPr${options.date1904 ? ' date1904="1"' : ''}/><sheets><sheet name="表" sheetId="1" r:id="rId1"/></sheets></workbook>`],
    ['xl/_rels/workbook.xml.rels', `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${rel}/worksheet" Target="${options.target ?? 'worksheets/sheet1.xml'}"/><Relationship Id="rId2" Type="${rel}/styles" Target="styles.xml"/><Relationship Id="rId3" Type="${rel}/sharedStrings" Target="sharedStrings.xml"/></Relationships>`],
    ['xl/styles.xml', `<styleSheet xmlns="${ns}"><numFmts count="2"><numFmt numFmtId="176" formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;"/><numFmt numFmtId="177" formatCode="&quot;day&quot;0.00"/></numFmts><cellStyleXfs count="1"><xf numFmtId="14"/></cellStyleXfs><cellXfs count="5"><xf numFmtId="14"/><xf numFmtId="14"/><xf numFmtId="176"/><xf numFmtId="177"/><xf numFmtId="0"/></cellXfs></styleSheet>`],
    ['xl/sharedStrings.xml', `<sst xmlns="${ns}">${options.strings ?? '<si><t>线索编号</t></si><si><r><rPr><b/></rPr><t>链上</t></r><r><t xml:space="preserve">矿工 </t></r></si><si><t>東京</t><rPh sb="0" eb="2"><t>トウキョウ</t></rPh></si><si><t/></si>'}</sst>`],
    [`xl/${(options.target ?? 'worksheets/sheet1.xml').replace(/^\/xl\//, '')}`, `<x:worksheet xmlns:x="${ns}"><x:sheetData>${sheetXml}</x:sheetData><x:mergeCells><x:mergeCell ref="A1:C1"/></x:mergeCells></x:worksheet>`],
  ])

const cellsOf = async (bytes: Uint8Array) => (await collect(readXlsxRows(openByteSource({ bytes, name: 't.xlsx' }), {}).rows)).map((r) => [r.line, r.cells])

describe('XLSX cell values', () => {
  it('reads shared, rich, phonetic and inline strings, booleans, errors and formulas as the user sees them', async () => {
    const row =
      '<x:row r="4">' +
      '<x:c r="A4" t="s"><x:v>0</x:v></x:c><x:c r="B4" t="s"><x:v>1</x:v></x:c><x:c r="C4" t="s"><x:v>2</x:v></x:c><x:c r="D4" t="s"><x:v>3</x:v></x:c>' +
      '<x:c r="E4" t="inlineStr"><x:is><x:r><x:t>内</x:t></x:r><x:r><x:t>联&amp;</x:t></x:r></x:is></x:c>' +
      '<x:c r="F4" t="b"><x:v>1</x:v></x:c><x:c r="G4" t="b"><x:v>0</x:v></x:c><x:c r="H4" t="e"><x:v>#N/A</x:v></x:c>' +
      '<x:c r="I4" t="str"><x:f>A4&amp;"号"</x:f><x:v>线索编号号</x:v></x:c><x:c r="J4"><x:f>1/2</x:f><x:v>0.5</x:v></x:c><x:c r="K4"><x:f>NOW()</x:f></x:c>' +
      '<x:c r="L4"><x:v>1.2E3</x:v></x:c><x:c r="M4"/><x:c r="N4" t="s"><x:v>99</x:v></x:c><x:c r="P4"><x:v>300</x:v></x:c>' +
      '</x:row>'
    expect(await cellsOf(workbook(row))).toEqual([
      [4, ['线索编号', '链上矿工 ', '東京', null, '内联&', true, false, '#N/A', '线索编号号', 0.5, null, 1200, null, null, null, 300]],
    ])
  })

  it('turns numbers in date styles into dates (built-in 14 and custom 年月日 formats, 1900 and 1904 systems), others stay numbers', async () => {
    // s="0" is never a date (exceljs reads style 0 as unstyled); 177 quotes its letters, so it is no date.
    const row = '<row r="2"><c r="A2" s="1"><v>45356</v></c><c r="B2" s="2"><v>45356.5</v></c><c r="C2" s="0"><v>45356</v></c><c r="D2" s="3"><v>45356</v></c><c r="E2" s="4"><v>45356</v></c></row>'
    expect(await cellsOf(workbook(row))).toEqual([[2, [new Date(Date.UTC(2024, 2, 5)), new Date(Date.UTC(2024, 2, 5, 12)), 45356, 45356, 45356]]])
    expect(await cellsOf(workbook(row, { date1904: true }))).toEqual([[2, [new Date(Date.UTC(2028, 2, 6)), new Date(Date.UTC(2028, 2, 6, 12)), 45356, 45356, 45356]]])
  })

  it('numbers rows without r in order, places cells without r after the previous one, and keeps empty rows', async () => {
    const rows = '<row r="3"><c><v>1</v></c><c><v>2</v></c><c r="E3"><v>5</v></c><c><v>6</v></c></row><row/><row r="9"></row>'
    expect(await cellsOf(workbook(rows))).toEqual([
      [3, [1, 2, null, null, 5, 6]],
      [4, []],
      [9, []],
    ])
  })

  it('finds the worksheet part wherever the relationship points (absolute targets too)', async () => {
    const bytes = workbook('<row r="1"><c r="A1" t="s"><v>0</v></c></row>', { target: '/xl/sheets/data.xml' })
    expect(await cellsOf(bytes)).toEqual([[1, ['线索编号']]])
  })
})
