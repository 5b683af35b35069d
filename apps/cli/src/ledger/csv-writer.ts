import type { Writable } from 'node:stream'
import { stringify } from 'csv-stringify/sync'
import { neutraliseCell } from '../formula-guard'
import { LEDGER_COLUMNS, ledgerHeaders, type LedgerCell } from './ledger-columns'
import type { LedgerContext } from './ledger-row'
import { toLedgerRow } from './ledger-row'
import type { LedgerWriter } from './ledger-writer'
import { writeChunk } from './write-chunk'

/*
 * The CSV ledger: UTF-8 with a BOM (Chinese Excel opens BOM-less UTF-8 as GBK and shows 乱码), CRLF
 * line ends, Chinese headers and labels, every text cell neutralised against formula injection.
 */

const BOM = '\uFEFF'

const line = (cells: readonly LedgerCell[]): string =>
  stringify([cells.map((c) => neutraliseCell(c))], { record_delimiter: 'windows', cast: { number: (n) => String(n) } })

export const createCsvWriter = (out: Writable, context: LedgerContext): LedgerWriter => {
  let started = false
  const start = async () => {
    if (started) return
    started = true
    await writeChunk(out, BOM + line(ledgerHeaders(context.lang)))
  }
  return {
    header: start,
    write: async (item) => {
      await start()
      const row = toLedgerRow(item, context)
      await writeChunk(out, line(LEDGER_COLUMNS.map((c) => row[c.key])))
    },
    end: start,
    abort: async () => {},
  }
}
