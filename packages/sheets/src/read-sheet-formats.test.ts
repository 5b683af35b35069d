import { describe, expect, it } from 'vitest'
import { chufeiErrorOf, readAll } from '../test/_helpers'
import { makeZip } from '../test/_zip'

/*
 * Spreadsheet formats staff have that chufei does not read (.xls, .et, .xlsb, .ods): recognised by their
 * content whatever they are called, with the fix in the message — not "corrupt" or "no worksheet".
 */

const CFB = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0])
const XLSB = makeZip([
  ['[Content_Types].xml', '<Types/>'],
  ['_rels/.rels', '<Relationships/>'],
  ['xl/workbook.bin', '\u0083\u0001\u0000'],
])
const ODS = makeZip([
  ['mimetype', 'application/vnd.oasis.opendocument.spreadsheet'],
  ['content.xml', '<office:document-content/>'],
  ['META-INF/manifest.xml', '<manifest:manifest/>'],
])

describe('unsupported spreadsheet formats', () => {
  it.each([
    ['a.xls', CFB, 'legacy-xls'],
    ['a.et', CFB, 'legacy-xls'],
    ['renamed.xlsx', CFB, 'legacy-xls'],
    ['a.xlsb', XLSB, 'unsupported-xlsb'],
    ['renamed.xlsx', XLSB, 'unsupported-xlsb'],
    ['a.ods', ODS, 'unsupported-ods'],
    ['renamed.xlsx', ODS, 'unsupported-ods'],
  ] as const)('%s (%#) is refused with the fix: save as .xlsx', async (name, bytes, code) => {
    const error = await chufeiErrorOf(readAll({ bytes, name }))
    expect(error.code).toBe('UNREADABLE_INPUT')
    expect(error.issues[0]).toMatchObject({ code, file: name })
    expect(error.message).toContain('请在 Excel 或 WPS 中另存为 .xlsx 后再导入')
    expect(error.message).not.toMatch(/已损坏|没有找到任何工作表/)
    expect(error.issues[0]!.messageEn).toContain('save it as .xlsx')
  })
})
