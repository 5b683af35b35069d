import { PassThrough } from 'node:stream'
import ExcelJS from 'exceljs'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { STYLE } from './styles'
import { createWorkbookWriter } from './workbook-writer'
import type { XlsxValue } from './sheet-writer'
import { CELL_TEXT_MAX, clipCellText, escapeXml, xmlSafe } from './xml-text'

/*
 * Any cell text written by the SpreadsheetML writer reads back through exceljs (the reader of `chufei track`
 * and `chufei ledger`) exactly, after the documented guards: characters XML forbids are dropped (xmlSafe),
 * text is cut at Excel's 32,767 characters (clipCellText), and a CR reads back as LF (XML's line-end rule).
 * Empty text is an empty cell. Numbers and dates round-trip too.
 */

const bytesOf = async (rows: ReadonlyArray<readonly XlsxValue[]>): Promise<Buffer> => {
  const out = new PassThrough()
  const chunks: Buffer[] = []
  out.on('data', (c: Buffer) => chunks.push(c))
  const wb = createWorkbookWriter(out)
  const sheet = wb.addSheet('表', { headers: ['a', 'b'], widths: [10, 10] })
  for (const r of rows) await sheet.row(r, r.map((v) => (v instanceof Date ? STYLE.date : STYLE.plain)))
  await sheet.end()
  await wb.finish()
  return Buffer.concat(chunks)
}

const readBack = async (bytes: Buffer): Promise<unknown[][]> => {
  const wb = new ExcelJS.Workbook()
  await wb.xlsx.load(bytes as unknown as ArrayBuffer)
  const ws = wb.worksheets[0]!
  const rows: unknown[][] = []
  for (let r = 2; r <= ws.rowCount; r++) rows.push([1, 2].map((c) => ws.getRow(r).getCell(c).value))
  return rows
}

/** What a text cell reads back as, by the guards above. */
const expected = (text: string): string | null => {
  const t = xmlSafe(clipCellText(text)).replace(/\r\n?/g, '\n')
  return t === '' ? null : t
}

// Text that stresses the writer: markup, entities' spellings, controls, CR/LF, astral characters, blanks.
const nasty = fc.constantFrom('&', '<', '>', '"', "'", '&amp;', '&lt;', ']]>', '\u0000', '\u0001', '\u001f', '\u007f', '\t', '\r', '\n', '\r\n', ' ', '\u3000', '😀', '𠀀', '\ud800', '\udc00', '\ufffe', '\uffff', '=', '中')
const text = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: fc.oneof(nasty, fc.string({ unit: 'grapheme', maxLength: 1 })), maxLength: 30 }),
)

describe('SpreadsheetML writer: write → exceljs read', () => {
  it('gives back any text exactly, after the documented guards', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(text, text), { minLength: 1, maxLength: 8 }), async (rows) => {
        const read = await readBack(await bytesOf(rows))
        expect(read).toEqual(rows.map(([a, b]) => [expected(a), expected(b)]))
      }),
      { numRuns: 60 },
    )
  })

  it('gives back numbers and UTC-midnight dates as they were', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.oneof(fc.integer({ min: -1e9, max: 1e9 }), fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e12, max: 1e12 })), fc.integer({ min: 0, max: 80_000 })), { minLength: 1, maxLength: 8 }),
        async (rows) => {
          const written = rows.map(([n, day]) => [n, new Date(Date.UTC(1970, 0, 1) + day * 86_400_000)] as const)
          const read = await readBack(await bytesOf(written))
          expect(read).toEqual(written.map(([n, d]) => [Object.is(n, -0) ? 0 : n, d]))
        },
      ),
      { numRuns: 30 },
    )
  })

  it('cuts text at 32,767 characters, never inside a surrogate pair', async () => {
    const long = `${'长'.repeat(CELL_TEXT_MAX - 1)}😀`
    const [[a, b]] = (await readBack(await bytesOf([[long, 'x'.repeat(CELL_TEXT_MAX + 10)]]))) as [[string, string]]
    expect(a).toBe('长'.repeat(CELL_TEXT_MAX - 1))
    expect(b).toHaveLength(CELL_TEXT_MAX)
  })
})

describe('escapeXml', () => {
  it('escapes markup, drops what XML forbids, keeps astral characters and DEL', () => {
    expect(escapeXml('a<b>&"c"')).toBe('a&lt;b&gt;&amp;&quot;c&quot;')
    expect(escapeXml('x\u0000\u0001\u000b\u001fy\ufffe\uffff')).toBe('xy')
    expect(escapeXml('lone \ud800 and \udc00 halves, 😀 kept\u007f')).toBe('lone  and  halves, 😀 kept\u007f')
    expect(escapeXml('tab\tLF\nCR\r')).toBe('tab\tLF\nCR\r')
    const plain = '双桥镇兴旺肉牛养殖专业合作社'
    expect(escapeXml(plain)).toBe(plain)
  })
})
