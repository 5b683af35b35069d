import { describe, expect, it } from 'vitest'
import { readCsvRows } from './read-csv'
import { detectDelimiter } from './detect-delimiter'
import { chufeiErrorOf, chunked, collect, gb18030, utf16le } from '../../test/_helpers'

const utf8 = (s: string) => new TextEncoder().encode(s)
const rowsOf = async (bytes: Uint8Array, chunkSize = 64 * 1024) =>
  collect(readCsvRows(chunked(bytes, chunkSize), { file: 't.csv' }).rows)

describe('readCsvRows line numbers', () => {
  it('gives each record the physical line it starts on, across quoted line breaks (CRLF file, LF in cells)', async () => {
    const text = [
      '线索编号,主体名称,线索描述',
      'SQ-001,甲合作社,"经走访：\n1. 未发现返利宣传；\n2. 未发现代养业务。"',
      'SQ-002,乙公司,正常',
      '',
      'SQ-003,"丙""引号""公司","跨\r\n两行"',
      'SQ-004,丁,末行',
    ].join('\r\n')
    for (const size of [1, 3, 16, 1 << 16]) {
      const rows = await rowsOf(utf8(text), size)
      expect(rows.map((r) => r.line)).toEqual([1, 2, 5, 6, 7, 9])
      expect(rows[1]!.cells[2]).toBe('经走访：\n1. 未发现返利宣传；\n2. 未发现代养业务。')
      expect(rows[3]!.cells).toEqual(['']) // the blank line is a row, so it can be counted
      expect(rows[4]!.cells[1]).toBe('丙"引号"公司')
      expect(rows[5]!.cells).toEqual(['SQ-004', '丁', '末行'])
    }
  })

  it('counts LF-only and CR-only files the same way', async () => {
    for (const nl of ['\n', '\r']) {
      const text = ['a,b', '"x', 'y",z', 'c,d'].join(nl) + nl
      const rows = await rowsOf(utf8(text))
      expect(rows.map((r) => r.line)).toEqual([1, 2, 4])
    }
  })

  it('ends a full-width row at any kind of line break: a sheet with rows appended in another editor loses none', async () => {
    // CRLF rows, then rows added with LF only, then a CR: before, the first line break fixed the delimiter and
    // the later rows were folded into the last cell of the row before, their cells dropped without a word.
    // A line break of another kind inside a row not yet as wide as the header stays in its cell (split-records.ts).
    const text = '线索编号,主体名称,线索描述\r\nX-001,甲,正常\r\nX-002,乙,"两行\r\n说明"\nX-003,丙,承诺月返10%\nX-004,丁,末行\rX-005,戊,最后\r\n'
    for (const size of [1, 2, 5, 1 << 16]) {
      const rows = await rowsOf(utf8(text), size)
      expect(rows.map((r) => r.cells[0])).toEqual(['线索编号', 'X-001', 'X-002', 'X-003', 'X-004', 'X-005'])
      expect(rows.map((r) => r.line)).toEqual([1, 2, 3, 5, 6, 7])
      expect(rows[2]!.cells[2]).toBe('两行\r\n说明')
      expect(rows[3]!.cells).toEqual(['X-003', '丙', '承诺月返10%'])
    }
  })

  it('keeps ragged rows (relaxed column count) and stray quotes inside fields', async () => {
    const rows = await rowsOf(utf8('a,b,c\r\n1\r\n1,2,3,4\r\n约"300"人,x\r\n'))
    expect(rows.map((r) => r.cells)).toEqual([['a', 'b', 'c'], ['1'], ['1', '2', '3', '4'], ['约"300"人', 'x']])
  })

  it('reports a quote that is never closed as UNREADABLE_INPUT naming the line and field it opened on', async () => {
    const error = await chufeiErrorOf(rowsOf(utf8('a,b\r\nSQ-001,ok\r\nSQ-002,"没有闭合\r\nSQ-003,x\r\n')))
    expect(error.code).toBe('UNREADABLE_INPUT')
    expect(error.issues[0]).toMatchObject({ code: 'unclosed-quote', file: 't.csv', line: 3, column: 2 })
    expect(error.message).toMatch(/^t\.csv:3:2：引号没有闭合：第3行第2列以英文双引号（"）开头，直到文件末尾也没有闭合/)
  })

  it('yields every row before the unclosed quote, in any chunking, before the error', async () => {
    const text = 'a,b\r\nSQ-001,ok\r\nSQ-002,"跨\r\n两行"\r\nSQ-003,x,"没有闭合\r\nSQ-004,y\r\n'
    for (const size of [1, 2, 7, 1 << 16]) {
      const seen: number[] = []
      const reading = (async () => {
        for await (const row of readCsvRows(chunked(utf8(text), size), { file: 't.csv' }).rows) seen.push(row.line)
      })()
      const error = await chufeiErrorOf(reading)
      expect(seen).toEqual([1, 2, 3])
      // The record starts on line 5 and its third field opens the quote there.
      expect(error.issues[0]).toMatchObject({ code: 'unclosed-quote', line: 5, column: 3 })
      expect(error.issues[0]!.message).toContain('第5行起的内容无法可靠地分行读取')
    }
  })

  it('names the line the quote opened on when an earlier field of the record spans lines', async () => {
    const error = await chufeiErrorOf(rowsOf(utf8('a,b,c\nSQ-001,"第一行\n第二行","没有闭合\nSQ-002,x,y\n')))
    expect(error.issues[0]).toMatchObject({ code: 'unclosed-quote', line: 3, column: 3 })
    expect(error.issues[0]!.message).toContain('第2行起')
  })
})

describe('delimiters and encodings', () => {
  it('detects comma, tab and semicolon, ignoring delimiters inside quotes', () => {
    expect(detectDelimiter('线索编号,主体名称,涉及人数\r\nSQ-1,"甲;乙\t丙",3')).toBe(',')
    expect(detectDelimiter('线索编号\t主体名称\t涉及人数\r\nSQ-1\t"甲,乙,丙,丁"\t1,200')).toBe('\t')
    expect(detectDelimiter('线索编号;主体名称;涉及人数\r\nSQ-1;甲;3')).toBe(';')
    expect(detectDelimiter('双桥镇排查表')).toBe(',')
  })

  it('reads Excel "Unicode text" (UTF-16LE, tab-separated) and reports what it found', async () => {
    const reader = readCsvRows(chunked(utf16le('线索编号\t主体名称\r\nSQ-1\t寿县1,200人合作社\r\n'), 5), { file: 't.txt' })
    const rows = await collect(reader.rows)
    expect(rows.map((r) => r.cells)).toEqual([['线索编号', '主体名称'], ['SQ-1', '寿县1,200人合作社']])
    expect(reader.info).toMatchObject({ encoding: 'utf-16le', delimiter: '\t' })
  })

  it('reads GB18030 with four-byte characters', async () => {
    const reader = readCsvRows(chunked(gb18030('主体名称,备注\r\n𪚥记商行,𠀀\r\n'), 2), { file: 't.csv' })
    const rows = await collect(reader.rows)
    expect(rows[1]!.cells).toEqual(['𪚥记商行', '𠀀'])
    expect(reader.info.encoding).toBe('gb18030')
  })
})

describe('streaming', () => {
  it('pulls input only as far as rows are consumed (backpressure), and stops reading on return', async () => {
    const line = 'SQ-000001,寿县某某农民专业合作社,未发现吸收资金行为\r\n'
    let pulled = 0
    async function* source() {
      for (let i = 0; i < 20_000; i++) {
        pulled++
        yield utf8(line.repeat(10)) // 200,000 rows if read to the end
      }
    }
    const reader = readCsvRows(source(), { file: 'big.csv' })
    let seen = 0
    for await (const _row of reader.rows) if (++seen === 50) break
    // A few buffers of look-ahead, not the 20,000 chunks of the file.
    expect(pulled).toBeLessThan(500)
    const after = pulled
    await new Promise((resolve) => setTimeout(resolve, 20))
    expect(pulled).toBe(after)
  })
})
