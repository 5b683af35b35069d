import { Writable } from 'node:stream'
import type { Lang } from '../labels'
import { EXCEL_MAX_ROWS, type ContinuedSheet } from '../sheet-continuation'
import { createRollingSheet } from './rolling-sheet'
import { columnLetter, type XlsxValue } from './sheet-writer'
import { STYLE, type StyleId } from './styles'
import { createWorkbookWriter } from './workbook-writer'

/*
 * A one-table workbook (the case store's 案件台账 file, `chufei ledger export` and `GET /v1/ledger`) streamed
 * with chufei's own writer: one sheet with a frozen bold header row, column widths and an auto-filter; a date
 * column formatted as dates on every row; a list column with a dropdown over its rows. Past `maxSheetRows` the
 * table goes on in （续N） sheets, each with the same header, widths and dropdown, which the readers join again.
 */

/** A column of the table. */
export interface XlsxTableColumn {
  readonly header: string
  /** Width in characters. */
  readonly width: number
  /** Every data cell of the column formatted as a date (yyyy-mm-dd), an empty one too. */
  readonly date?: boolean
  /** A dropdown over the column's data rows; a value not on the list is still accepted without a word. */
  readonly choices?: readonly string[]
}

/** What to write: the sheet name, the columns, the rows (values in column order, text already guarded). */
export interface XlsxTable {
  readonly name: string
  readonly lang: Lang
  readonly columns: readonly XlsxTableColumn[]
  readonly rows: Iterable<readonly XlsxValue[]>
  /** Rows per sheet, header included: EXCEL_MAX_ROWS unless a test wants a few. */
  readonly maxSheetRows?: number
  /** The creation time stamped in the workbook (default: now). */
  readonly created?: Date
}

/** Writes `table` into `out` (ended when done); says which sheets it went on in, or null. */
export const writeXlsxTable = async (out: Writable, table: XlsxTable): Promise<ContinuedSheet | null> => {
  const wb = createWorkbookWriter(out, table.created === undefined ? {} : { date: table.created })
  const { columns } = table
  const layout = { headers: columns.map((c) => c.header), widths: columns.map((c) => c.width) }
  const styles: StyleId[] = columns.map((c) => (c.date === true ? STYLE.date : STYLE.plain))
  const listAt = columns.findIndex((c) => c.choices !== undefined)
  const sheet = createRollingSheet({
    name: table.name,
    lang: table.lang,
    maxRows: table.maxSheetRows ?? EXCEL_MAX_ROWS,
    open: (name) => wb.addSheet(name, layout),
    close: (part) => {
      if (listAt < 0 || part.rowCount < 2) return part.end()
      const col = columnLetter(listAt + 1)
      return part.end({ ref: `${col}2:${col}${part.rowCount}`, choices: columns[listAt]!.choices!, allowBlank: false })
    },
  })
  sheet.start()
  for (const row of table.rows) await sheet.row(row, styles)
  await sheet.end()
  await wb.finish()
  return sheet.continued
}

/** Gathers what `write` writes into a stream as one byte array (an XLSX is small next to the rows it holds). */
export const collectBytes = async (write: (out: Writable) => Promise<unknown>): Promise<Uint8Array> => {
  const chunks: Buffer[] = []
  const out = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk)
      done()
    },
  })
  await write(out)
  return Buffer.concat(chunks)
}
