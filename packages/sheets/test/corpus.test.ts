import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { normalizeHeader } from '../src/columns'
import { readRawRows } from '../src/read-sheet-raw'
import type { Cell } from '../src/types'
import { collect, readAll } from './_helpers'

/*
 * Real third-party workbooks (test/fixtures/corpus, sources and licences in its README.md) read by our
 * reader, compared cell by cell with the values an independent reader (openpyxl, Debian's
 * python3-openpyxl) gave: expected.json, made by make-expected.py. And reading each sheet as an
 * investigation sheet loses no row: every row below the header is one lead, rejected or skipped event.
 */

const dir = fileURLToPath(new URL('./fixtures/corpus/', import.meta.url))
type Expected = string | number | boolean | null | { date: string } | { time: string } | { duration: number }
const expected = JSON.parse(readFileSync(`${dir}expected.json`, 'utf8')) as {
  files: Record<string, Record<string, Array<{ line: number; cells: Expected[] }>>>
}

/** Our cell in openpyxl's terms: dates as naive ISO timestamps. */
const comparable = (cell: Cell): Expected => (cell instanceof Date ? { date: cell.toISOString().slice(0, 23) } : cell)
const trimmed = (cells: Expected[]) => {
  const out = [...cells]
  while (out.length > 0 && out.at(-1) === null) out.pop()
  return out
}

/**
 * Where the two readers differ on purpose, by `file/sheet!line:column`: openpyxl keeps a cell's text as
 * stored (`_x000D_` escapes, `\r\n`), Excel — and chufei — show the decoded text with `\n` line breaks.
 */
const DIFFERENCES = new Map<string, string>([
  ['calamine-has_x000D_.xlsx/Sheet1!1:1', 'openpyxl keeps the _x000D_ escape; Excel shows a line break'],
  ['calamine-has_x000D_inline.xlsx/Sheet1!1:1', 'openpyxl keeps the _x000D_ escape; Excel shows a line break'],
  // A `[h]:mm:ss` duration: openpyxl makes it a timedelta; chufei reads any date/time format as a Date.
  ['calamine-date.xlsx/Sheet1!3:1', 'duration read as a date-time'],
  ['calamine-date_1904.xlsx/Sheet1!3:1', 'duration read as a date-time'],
  // `<c t="d"><v>10:10:10</v>`: a time without a date; chufei keeps the text rather than lose it.
  ['calamine-date_iso.xlsx/Sheet!3:1', 'a time alone kept as text'],
])

const files = Object.entries(expected.files)
let totalCovered = 0

describe('the corpus of third-party workbooks', () => {
  it('has the workbooks the README lists', () => {
    expect(files.length).toBeGreaterThanOrEqual(20)
  })

  it.each(files)('%s: every cell agrees with openpyxl', async (file, sheets) => {
    const differences: string[] = []
    let cells = 0
    for (const [sheet, rows] of Object.entries(sheets)) {
      const read = (await collect(readRawRows(`${dir}${file}`, { sheet })))
        .map((r) => ({ line: r.line, cells: trimmed(r.cells.map(comparable)) }))
        .filter((r) => r.cells.length > 0)
      const byLine = new Map(read.map((r) => [r.line, r.cells]))
      const lines = new Set([...rows.map((r) => r.line), ...read.map((r) => r.line)])
      for (const line of lines) {
        const want = rows.find((r) => r.line === line)?.cells ?? []
        const got = byLine.get(line) ?? []
        for (let i = 0; i < Math.max(want.length, got.length); i++) {
          cells++
          const a = want[i] ?? null
          const b = got[i] ?? null
          const same = JSON.stringify(a) === JSON.stringify(b) || (typeof a === 'number' && typeof b === 'number' && Math.abs(a - b) <= 1e-9 * Math.abs(a))
          if (!same) differences.push(`${file}/${sheet}!${line}:${i + 1} openpyxl ${JSON.stringify(a)} ours ${JSON.stringify(b)}`)
        }
      }
    }
    expect(cells).toBeGreaterThan(0)
    expect(differences.filter((d) => !DIFFERENCES.has(d.slice(0, d.indexOf(' '))))).toEqual([])
  })

  it.each(files)('%s: read as a sheet, every row below the header is one event (read = scored + rejected + skipped)', async (file, sheets) => {
    let covered = 0
    for (const [sheet, rows] of Object.entries(sheets)) {
      const first = rows[0]
      if (first === undefined) continue
      // Make the first row the header: its first two cells name the id and subject-name columns.
      const headers = first.cells.slice(0, 2).map((c, i) => (typeof c === 'string' && c.trim() !== '' ? c : `__col${i}`))
      // Header texts that normalise to nothing or to the same key cannot name two columns.
      const keys = headers.map(normalizeHeader)
      if (keys.length < 2 || keys[0] === keys[1] || keys.some((k) => k === '' || k.startsWith('__'))) continue
      covered++
      const events = await readAll(`${dir}${file}`, { sheet, columns: { [headers[0]!]: 'id', [headers[1]!]: 'subject.name' } })
      expect(events[0]).toMatchObject({ kind: 'header', line: first.line })
      const after = events.slice(1)
      const counts = { lead: 0, rejected: 0, skipped: 0 }
      for (const e of after) if (e.kind !== 'header') counts[e.kind]++
      expect(counts.lead + counts.rejected + counts.skipped).toBe(after.length)
      const eventLines = after.map((e) => e.line)
      expect(new Set(eventLines).size).toBe(eventLines.length)
      for (const row of rows.slice(1)) expect(eventLines).toContain(row.line)
    }
    totalCovered += covered
  })

  it('reads at least 8 corpus sheets as investigation sheets above', () => {
    expect(totalCovered).toBeGreaterThanOrEqual(8)
  })
})
