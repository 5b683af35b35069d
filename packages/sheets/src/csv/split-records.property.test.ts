import fc from 'fast-check'
import { parse } from 'csv-parse/sync'
import { describe, expect, it } from 'vitest'
import type { RawRow } from '../read-sheet-types'
import { createRecordSplitter, CsvSplitError } from './split-records'

const LINE_BREAK = /\r\n|\r|\n/g

/**
 * The reference: csv-parse with the options the sheet reader used before the splitter replaced it, the
 * line of each record counted from its raw text as the reader counted it.
 */
const reference = (text: string, delimiter: string): { rows: RawRow[] } | { error: string; line: number } => {
  let line = 1
  try {
    const rows = parse(text, {
      delimiter,
      bom: true,
      raw: true,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: false,
      on_record: ((parsed: { record: string[]; raw: string }) => {
        const at = line
        line += parsed.raw.match(LINE_BREAK)?.length ?? 0
        return { line: at, cells: parsed.record }
      }) as never,
    }) as unknown as RawRow[]
    return { rows }
  } catch (error) {
    return { error: (error as { code: string }).code, line }
  }
}

/** The splitter fed `text` in pieces cut at `cuts`. */
const split = (text: string, delimiter: string, cuts: readonly number[]): { rows: RawRow[] } | { error: string; line: number } => {
  const splitter = createRecordSplitter(delimiter, 1 << 20)
  const rows: RawRow[] = []
  const at = [...new Set(cuts.map((c) => c % (text.length + 1)))].sort((a, b) => a - b)
  let from = 0
  try {
    for (const cut of at) {
      splitter.push(text.slice(from, cut), false, rows)
      from = cut
    }
    splitter.push(text.slice(from), true, rows)
    return { rows }
  } catch (error) {
    if (!(error instanceof CsvSplitError)) throw error
    return { error: error.code, line: error.line }
  }
}

// The characters that matter to a CSV reader, and some that do not; `BR` is a line break, one kind per text:
// within one kind the splitter is csv-parse exactly (mixed kinds are the departure, tested below).
const chars = fc.constantFrom('"', '"', ',', ';', '\t', 'BR', 'BR', 'BR', '\ufeff', '\0', 'a', '线', '索', ' ', '𠀀', 'x')
const lineBreak = fc.constantFrom('\r', '\n', '\r\n')
const text = fc.tuple(fc.array(chars, { maxLength: 60 }), lineBreak).map(([parts, br]) => parts.map((p) => (p === 'BR' ? br : p)).join(''))
const delimiter = fc.constantFrom(',', '\t', ';')
const cuts = fc.array(fc.nat(), { maxLength: 6 })

// Records as a writer would quote them: quoted fields with doubled quotes and line breaks inside.
const field = fc.oneof(
  fc.string({ unit: fc.constantFrom('a', '线', ',', ' ', '0'), maxLength: 6 }),
  fc.string({ unit: fc.constantFrom('a', '线', ',', '"', '\r', '\n', '\r\n'), maxLength: 6 }).map((f) => `"${f.replaceAll('"', '""')}"`),
)
const sheet = fc
  .tuple(fc.array(fc.array(field, { minLength: 1, maxLength: 5 }), { maxLength: 8 }), fc.constantFrom('\r\n', '\n', '\r'), fc.boolean(), fc.boolean())
  .map(([records, eol, bom, lastEol]) => (bom ? '\ufeff' : '') + records.map((r) => r.join(',')).join(eol) + (lastEol ? eol : ''))

describe('createRecordSplitter against csv-parse (property)', () => {
  it('gives the same records, lines and errors on any mix of quotes, delimiters and line breaks, in any chunking', () => {
    fc.assert(
      fc.property(text, delimiter, cuts, (t, d, c) => {
        expect(split(t, d, c)).toEqual(reference(t, d))
      }),
      { numRuns: 4000 },
    )
  })

  it('gives the same records and lines on well-formed sheets', () => {
    fc.assert(
      fc.property(sheet, cuts, (t, c) => {
        expect(split(t, ',', c)).toEqual(reference(t, ','))
      }),
      { numRuns: 1000 },
    )
  })

  it('reads rows as wide as the header whatever line break ends each (rows appended in another editor), in any chunking', () => {
    // Well-formed cells: plain text, or quoted with anything inside (delimiters, quotes, every kind of line break).
    const cell = fc.oneof(
      fc.string({ unit: fc.constantFrom('a', '线', ' ', '0'), maxLength: 6 }),
      fc.string({ unit: fc.constantFrom('a', '线', ',', '"', '\r', '\n', '\r\n'), maxLength: 6 }).map((f) => `"${f.replaceAll('"', '""')}"`),
    )
    const mixedSheet = fc
      .tuple(fc.integer({ min: 2, max: 5 }), fc.array(fc.tuple(lineBreak, fc.array(cell, { minLength: 5, maxLength: 5 })), { minLength: 1, maxLength: 8 }), fc.boolean())
      .map(([width, rows, lastEol]) => {
        const records = rows.map(([br, cells]) => [br, cells.slice(0, width).map((c) => c || 'x')] as const)
        const text = records.map(([br, cells], i) => cells.join(',') + (i < records.length - 1 || lastEol ? br : '')).join('')
        return { text, records }
      })
    fc.assert(
      fc.property(mixedSheet, cuts, ({ text: t, records }, c) => {
        const result = split(t, ',', c)
        const unquote = (f: string) => (f.startsWith('"') ? f.slice(1, -1).replaceAll('""', '"') : f)
        expect('rows' in result && result.rows.map((r) => r.cells)).toEqual(records.map(([, cells]) => cells.map(unquote)))
      }),
      { numRuns: 1000 },
    )
  })

  it('keeps a line break of another kind typed inside a cell of a row not yet as wide as the header', () => {
    const t = '编号,名称,描述,备注\r\nX-1,甲,第一行\n第二行,无\r\nX-2,乙,正常,无\nX-3,丙,追加的行,无\n'
    expect(split(t, ',', [])).toEqual({
      rows: [
        { line: 1, cells: ['编号', '名称', '描述', '备注'] },
        { line: 2, cells: ['X-1', '甲', '第一行\n第二行', '无'] },
        { line: 4, cells: ['X-2', '乙', '正常', '无'] },
        { line: 5, cells: ['X-3', '丙', '追加的行', '无'] },
      ],
    })
  })

  it('reports an unclosed quote with the line its record starts on, as csv-parse does', () => {
    const t = 'a,b\r\nc,d\r\n"e,f\r\ng,h\r\n'
    expect(split(t, ',', [])).toEqual({ error: 'CSV_QUOTE_NOT_CLOSED', line: 3 })
    expect(reference(t, ',')).toEqual({ error: 'CSV_QUOTE_NOT_CLOSED', line: 3 })
  })

  it('says where the open quote was opened: its line and field', () => {
    const openQuoteOf = (t: string): unknown => {
      try {
        createRecordSplitter(',', 1000).push(t, true, [])
      } catch (error) {
        return error instanceof CsvSplitError ? error.openQuote : error
      }
      return 'no error'
    }
    expect(openQuoteOf('a,b\nc,"d\ne')).toEqual({ line: 2, column: 2 })
    // A closed quoted field spanning lines, then one left open on its last line.
    expect(openQuoteOf('a,"x\r\ny",c\r\n1,2,3\r\n4,"5\r\n6')).toEqual({ line: 4, column: 2 })
    expect(openQuoteOf('a,"x\r\ny","z\r\n')).toEqual({ line: 2, column: 3 })
  })

  it('stops a record over the bound instead of holding the rest of the file', () => {
    const splitter = createRecordSplitter(',', 100)
    const rows: RawRow[] = []
    splitter.push('a,b\n', false, rows)
    expect(() => {
      for (let i = 0; i < 100; i++) splitter.push(i === 0 ? '"' : 'xxxxxxxxxx', false, rows)
    }).toThrow(expect.objectContaining({ code: 'CSV_MAX_RECORD_SIZE', line: 2, openQuote: { line: 2, column: 1 } }))
    expect(rows).toEqual([{ line: 1, cells: ['a', 'b'] }])
    // Empty cells count too: a line of delimiters alone cannot grow without bound.
    expect(() => createRecordSplitter(',', 100).push(','.repeat(200), false, [])).toThrow(CsvSplitError)
  })
})
