import type { Writable } from 'node:stream'
import { neutraliseCell } from './formula-guard'
import { SCORE_LEDGER_COLUMNS, ledgerHeaders } from './ledger-columns'
import { toLedgerRow, type LedgerCell, type LedgerContext } from './ledger-row'
import type { LedgerItem } from './ledger-item'
import type { LedgerWriter } from './ledger-writer'
import { createTextBuffer } from './write-chunk'

/*
 * The CSV ledger: UTF-8 with a BOM (Chinese Excel opens BOM-less UTF-8 as GBK and shows 乱码), CRLF
 * line ends, Chinese headers and labels, every text cell neutralised against formula injection.
 */

const BOM = '\uFEFF'

// A quote, a comma or any line break. csv-stringify 6.9 with a CRLF record delimiter quoted only CRLF, so a
// 备注 with a lone \n or \r split its row in two in Excel and in every CSV reader.
const NEEDS_QUOTES = /[",\r\n]/

/**
 * One CSV record and its CRLF, each text cell neutralised: what csv-stringify writes with
 * `record_delimiter: 'windows'` (quotes doubled; null is empty), except that a cell is quoted when it holds a
 * quote, a comma or any line break (csv-stringify quoted a lone \n or \r not at all), without its per-call
 * option handling, which cost more than the rest of the row (`csv-writer.property.test.ts`: csv-parse reads
 * every line back to its cells, and rows without a lone line break are what csv-stringify writes).
 */
export const csvLine = (cells: readonly LedgerCell[]): string => {
  let line = ''
  for (let i = 0; i < cells.length; i++) {
    if (i > 0) line += ','
    const cell = cells[i]
    if (cell === null || cell === undefined) continue
    const text = typeof cell === 'number' ? String(cell) : neutraliseCell(cell)
    line += NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text
  }
  return `${line}\r\n`
}

const line = csvLine

export const createCsvWriter = (out: Writable, context: LedgerContext): LedgerWriter => {
  const text = createTextBuffer(out)
  let started = false
  const cells: LedgerCell[] = new Array<LedgerCell>(SCORE_LEDGER_COLUMNS.length)
  const writeRow = (item: LedgerItem): Promise<void> => {
    const row = toLedgerRow(item, context)
    for (let i = 0; i < SCORE_LEDGER_COLUMNS.length; i++) cells[i] = row[SCORE_LEDGER_COLUMNS[i]!.field]
    return text.write(line(cells))
  }
  const start = async () => {
    if (started) return
    started = true
    await text.write(BOM + line(ledgerHeaders(SCORE_LEDGER_COLUMNS, context.lang)))
  }
  return {
    header: start,
    // Not async: once the header is out, a row is one text write (no promise of its own per row).
    write: (item) => {
      if (!started) return start().then(() => writeRow(item))
      return writeRow(item)
    },
    end: async () => {
      await start()
      await text.flush()
    },
    abort: async () => {},
  }
}
