import type { Writable } from 'node:stream'
import { createTextBuffer } from '../write-chunk'
import { STYLE, type StyleId } from './styles'
import { clipCellText, escapeXml, needsPreserve } from './xml-text'

/*
 * One worksheet's XML (xl/worksheets/sheetN.xml), written row by row straight into its ZIP entry: each row
 * becomes one string of `<c>` elements, gathered into 64 KiB UTF-8 buffers (createTextBuffer) and deflated —
 * no cell objects, no style look-ups, nothing kept per row. Text is an inline string (`t="inlineStr"`): a
 * shared-strings table would have to hold every distinct text of the sheet until the end (a ledger's texts
 * are mostly distinct: names, reasons, problems), which is the memory a streamed ledger must not grow.
 *
 * Text longer than Excel's 32,767 characters is cut there (clipCellText).
 *
 * Every sheet of the ledger has a frozen bold header row, column widths and an auto-filter over its header;
 * the two ledger sheets add the 状态 dropdown (a list data validation) when they end.
 */

/** A cell's value: text, a number, a boolean (a cell staff typed TRUE in), a date (an Excel serial), or nothing. */
export type XlsxValue = string | number | boolean | Date | null

/** What a sheet looks like before its rows: header texts and column widths (in characters). */
export interface SheetLayout {
  readonly headers: readonly string[]
  readonly widths: readonly number[]
}

/** A list dropdown over part of a column (the 状态 column's 待处置 / 处置中 / 已化解). */
export interface ListValidation {
  /** Cells it covers, e.g. `Q2:Q1001`. */
  readonly ref: string
  readonly choices: readonly string[]
  /**
   * The warning's title and text when a value not on the list is typed (it is still allowed after it); none:
   * no warning at all, the dropdown only offers the choices.
   */
  readonly errorTitle?: string
  readonly error?: string
  /** Whether an empty cell is valid (default true). */
  readonly allowBlank?: boolean
}

/** A worksheet being written. */
export interface SheetWriter {
  /**
   * Writes the next row. `styles[i]` is cell i's style (none: plain); `rowStyle` styles the row itself (as
   * exceljs's `row.font` did). Empty text and null write no cell unless the cell has a style. Resolves at
   * once unless a full buffer had to wait for the archive to take it.
   */
  row(values: readonly XlsxValue[], styles?: readonly StyleId[] | null, rowStyle?: StyleId): Promise<void>
  /** Rows written so far, the header included. */
  readonly rowCount: number
  /** Ends the sheet (auto-filter, then the dropdown if any) and its ZIP entry. */
  end(validation?: ListValidation): Promise<void>
}

const letters: string[] = ['']

/** The column letters of 1-based column `n` (1 → A, 28 → AB). */
export const columnLetter = (n: number): string => {
  let cached = letters[n]
  if (cached !== undefined) return cached
  cached = ''
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) cached = String.fromCharCode(65 + ((x - 1) % 26)) + cached
  letters[n] = cached
  return cached
}

// Days from Excel's day 0 (1899-12-30, the 1900 system) to 1970-01-01, as exceljs counts a date.
const UNIX_EPOCH_SERIAL = 25569
const DAY_MS = 24 * 60 * 60 * 1000

/** A Date as the Excel serial exceljs wrote for it (UTC; a UTC midnight is a whole day). */
export const excelSerial = (d: Date): number => UNIX_EPOCH_SERIAL + d.getTime() / DAY_MS

const HEAD =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
  '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">' +
  '<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft"/></sheetView></sheetViews>' +
  '<sheetFormatPr defaultRowHeight="15"/>'

const TAIL = '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>'

/** One cell's XML (empty when the cell is not written). `ref` is its address. */
const cellXml = (ref: string, value: XlsxValue, style: number): string => {
  const s = style === 0 ? '' : ` s="${style}"`
  if (typeof value === 'string') {
    if (value === '') return style === 0 ? '' : `<c r="${ref}"${s}/>`
    const text = escapeXml(clipCellText(value))
    if (text === '') return style === 0 ? '' : `<c r="${ref}"${s}/>`
    return needsPreserve(text)
      ? `<c r="${ref}"${s} t="inlineStr"><is><t xml:space="preserve">${text}</t></is></c>`
      : `<c r="${ref}"${s} t="inlineStr"><is><t>${text}</t></is></c>`
  }
  if (typeof value === 'number') return Number.isFinite(value) ? `<c r="${ref}"${s}><v>${value}</v></c>` : style === 0 ? '' : `<c r="${ref}"${s}/>`
  if (typeof value === 'boolean') return `<c r="${ref}"${s} t="b"><v>${value ? 1 : 0}</v></c>`
  if (value instanceof Date) {
    const serial = excelSerial(value)
    return Number.isFinite(serial) ? `<c r="${ref}"${s}><v>${serial}</v></c>` : style === 0 ? '' : `<c r="${ref}"${s}/>`
  }
  return style === 0 ? '' : `<c r="${ref}"${s}/>`
}

/** Writes the XML of `validation`. */
const validationXml = (v: ListValidation): string => {
  const warn = v.error === undefined ? '' : ` showErrorMessage="1" errorStyle="warning" errorTitle="${escapeXml(v.errorTitle ?? '')}" error="${escapeXml(v.error)}"`
  return (
    // allowBlank's default is false: left out then, as exceljs wrote it.
    `<dataValidations count="1"><dataValidation type="list"${v.allowBlank === false ? '' : ' allowBlank="1"'}${warn} sqref="${v.ref}">` +
    `<formula1>${escapeXml(`"${v.choices.join(',')}"`)}</formula1></dataValidation></dataValidations>`
  )
}

/**
 * Starts a worksheet in `stream` (a ZIP entry) with `layout`'s column widths and its header row (bold on
 * grey, frozen). `done` is the entry's completion, awaited by {@link SheetWriter.end}.
 */
export const createSheetWriter = (stream: Writable, done: Promise<void>, layout: SheetLayout): SheetWriter => {
  const text = createTextBuffer(stream)
  let rows = 0
  const cols = layout.widths.map((w, i) => `<col min="${i + 1}" max="${i + 1}" width="${w}" customWidth="1"/>`).join('')
  const head = text.write(`${HEAD}<cols>${cols}</cols><sheetData>`)

  const row = (values: readonly XlsxValue[], styles?: readonly StyleId[] | null, rowStyle?: StyleId): Promise<void> => {
    rows += 1
    const r = String(rows)
    let xml = rowStyle === undefined || rowStyle === 0 ? `<row r="${r}">` : `<row r="${r}" s="${rowStyle}" customFormat="1">`
    for (let i = 0; i < values.length; i++) xml += cellXml(columnLetter(i + 1) + r, values[i] ?? null, styles?.[i] ?? 0)
    return text.write(`${xml}</row>`)
  }

  // The head and header row, waited for with the first data row (or at the end).
  let started: Promise<unknown> | null = Promise.all([head, row(layout.headers, layout.headers.map(() => STYLE.header), STYLE.bold)])

  return {
    row: (values, styles, rowStyle) => {
      const written = row(values, styles, rowStyle)
      if (started === null) return written
      const first = started
      started = null
      return Promise.all([first, written]).then(() => undefined)
    },
    get rowCount() {
      return rows
    },
    end: async (validation) => {
      if (started !== null) await started
      const filter = `<autoFilter ref="A1:${columnLetter(layout.headers.length)}1"/>`
      await text.write(`</sheetData>${filter}${validation === undefined ? '' : validationXml(validation)}${TAIL}`)
      await text.flush()
      stream.end()
      await done
    },
  }
}
