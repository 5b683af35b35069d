import { constants, deflateRawSync } from 'node:zlib'
import { makeZip, type PackedPart } from './_zip'

/*
 * Hostile workbooks (zip bombs) built in the test, never committed: a part whose deflate stream repeats
 * one compressed block, so a file of about 1 MB inflates to a gigabyte. After a full flush a deflater
 * starts afresh, so the compressed bytes of the same text are the same every time and can be repeated.
 */

const MIB = 1024 * 1024

/**
 * A deflated part of `head` + `block` × `repeat` + `tail`, built without ever holding the inflated text.
 * Its declared size is the truth mod 2³² and its CRC is 0: a bomb need not be honest, and the reader
 * must count what comes out rather than trust the directory.
 */
export const bombPart = (head: string, block: string, repeat: number, tail: string): PackedPart => {
  const flushed = (text: string) => deflateRawSync(Buffer.from(text, 'utf8'), { finishFlush: constants.Z_FULL_FLUSH, level: 9 })
  const middle = flushed(block)
  const pieces = [flushed(head), ...Array.from({ length: repeat }, () => middle), deflateRawSync(Buffer.from(tail, 'utf8'))]
  const size = Buffer.byteLength(head) + Buffer.byteLength(block) * repeat + Buffer.byteLength(tail)
  return { packed: Buffer.concat(pieces), size: size % 2 ** 32, crc: 0 }
}

const NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main'
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships'
const XML = '<?xml version="1.0" encoding="UTF-8"?>'

/** The same block of text, about 1 MiB of it. */
const mebibyteOf = (unit: string): string => unit.repeat(Math.floor(MIB / Buffer.byteLength(unit)))

/** Which part of the workbook is the bomb. */
export type BombKind = 'shared-strings' | 'worksheet'

/**
 * An .xlsx of about `inflatedMiB / 1000` MB whose shared strings (or worksheet) inflate to `inflatedMiB`
 * MiB. The worksheet holds a header row and one data row; the shared strings are distinct-looking texts
 * of Chinese, what a real ledger's strings look like, so they are held as two bytes per character.
 */
export const makeBombXlsx = (kind: BombKind, inflatedMiB: number): Uint8Array => {
  const header = ['线索编号', '主体名称', '线索描述']
  const headerRow = `<row r="1">${header.map((h, i) => `<c r="${'ABC'[i]}1" t="inlineStr"><is><t>${h}</t></is></c>`).join('')}</row>`
  const dataRow = `<row r="2"><c r="A2" t="inlineStr"><is><t>X-1</t></is></c><c r="B2" t="s"><v>0</v></c><c r="C2" t="s"><v>1</v></c></row>`
  const sheetHead = `${XML}<worksheet xmlns="${NS}"><sheetData>${headerRow}${dataRow}`
  const sheetTail = '</sheetData></worksheet>'
  const worksheet =
    kind === 'worksheet'
      ? bombPart(sheetHead, mebibyteOf('\n'), inflatedMiB, sheetTail)
      : `${sheetHead}${sheetTail}`
  const strings =
    kind === 'shared-strings'
      ? bombPart(`${XML}<sst xmlns="${NS}">`, mebibyteOf('<si><t>某某投资咨询有限公司承诺年化收益百分之十八保本保息</t></si>'), inflatedMiB, '</sst>')
      : `${XML}<sst xmlns="${NS}"><si><t>某某公司</t></si><si><t>描述</t></si></sst>`
  return makeZip([
    ['[Content_Types].xml', `${XML}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/></Types>`],
    ['_rels/.rels', `${XML}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`],
    ['xl/workbook.xml', `${XML}<workbook xmlns="${NS}" xmlns:r="${REL}"><sheets><sheet name="排查" sheetId="1" r:id="rId1"/></sheets></workbook>`],
    ['xl/_rels/workbook.xml.rels', `${XML}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/></Relationships>`],
    ['xl/sharedStrings.xml', strings],
    ['xl/worksheets/sheet1.xml', worksheet],
  ])
}
