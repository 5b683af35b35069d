import type { Writable } from 'node:stream'
import { stringify } from 'csv-stringify/sync'
import { neutraliseCell } from './formula-guard'
import { SCORE_LEDGER_COLUMNS, ledgerHeaders } from './ledger-columns'
import { toLedgerRow, type LedgerCell, type LedgerContext } from './ledger-row'
import type { LedgerWriter } from './ledger-writer'
import { createTextBuffer } from './write-chunk'

/*
 * The CSV ledger: UTF-8 with a BOM (Chinese Excel opens BOM-less UTF-8 as GBK and shows 乱码), CRLF
 * line ends, Chinese headers and labels, every text cell neutralised against formula injection.
 */

const BOM = '\uFEFF'

const line = (cells: readonly LedgerCell[]): string =>
  stringify([cells.map((c) => neutraliseCell(c))], { record_delimiter: 'windows', cast: { number: (n) => String(n) } })

export const createCsvWriter = (out: Writable, context: LedgerContext): LedgerWriter => {
  const text = createTextBuffer(out)
  let started = false
  const start = async () => {
    if (started) return
    started = true
    await text.write(BOM + line(ledgerHeaders(SCORE_LEDGER_COLUMNS, context.lang)))
  }
  return {
    header: start,
    write: async (item) => {
      await start()
      const row = toLedgerRow(item, context)
      await text.write(line(SCORE_LEDGER_COLUMNS.map((c) => row[c.field])))
    },
    end: async () => {
      await start()
      await text.flush()
    },
    abort: async () => {},
  }
}
