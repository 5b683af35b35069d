import { ChufeiError, type Issue } from '@chufei/core'
import { listWorksheets, readRawRows, type SheetInput, type WorksheetList } from '@chufei/sheets'
import { HEADER_SCAN_ROWS, ledgerSheetOf, rawLedgerRow, type LedgerSheet, type RawLedgerRow } from './ledger-sheets'
import { EXCEL_MAX_ROWS } from './sheet-continuation'

/*
 * The worksheets of an XLSX ledger, streamed with @chufei/sheets' reader (the zip's directory first, then each
 * worksheet inflated and scanned as a stream): every sheet with a ledger header in its first rows, and its data
 * rows. Until round 11 the whole workbook was loaded with exceljs, which held every cell as an object: a 200,000-row
 * ledger (62.6 MB, 525 MB of XML inflated) ran `chufei track` out of its 4 GB heap, and files over 64 MiB (≈ 215,000
 * rows) were refused outright — so a ledger long enough to need （续N） sheets could not be read at all.
 *
 * What a hostile file (a zip bomb: a few KB that inflate to gigabytes) may make the reader spend, instead of a cap
 * on the file's size:
 *   - inflation: before anything is inflated, the sizes the zip directory declares for the worksheets (each at
 *     least 64 KiB, and at least the shared strings' size, which each sheet read takes) may add up to at most
 *     {@link LEDGER_INFLATE_RATIO}× the file's size (16 MiB at the least); each worksheet is then stopped as soon as
 *     it inflates past what was declared for it, so a directory that lies gains nothing. chufei's own ledgers inflate
 *     ≈ 8.4× (level-1 deflate; 200,000 rows: 62.6 MB → 525 MB), Excel's re-saved ones somewhat more; zip bombs
 *     inflate hundreds to a thousand times;
 *   - memory: the data rows kept (those of the ledger sheets) may number at most 100,000 + one per
 *     {@link FILE_BYTES_PER_ROW} bytes of file. A real ledger takes ≈ 300 bytes of file per row kept (all its
 *     sheets counted), ten times what is allowed; a bomb of tiny rows is stopped after as many rows as a real ledger
 *     ten times its size would hold. And no sheet has more rows than Excel's 1,048,576.
 * Each is refused with a Chinese error naming the file and what it would have cost.
 */

const MIB = 1024 * 1024
/** Declared inflated bytes of the worksheets per byte of file, at most. */
export const LEDGER_INFLATE_RATIO = 64
const INFLATE_FLOOR = 16 * MIB
const SHEET_FLOOR = 64 * 1024
/** Bytes of file per data row kept, at least (beyond the first {@link ROWS_FLOOR}). */
export const FILE_BYTES_PER_ROW = 32
const ROWS_FLOOR = 100_000

/** The ledger sheets of a workbook and their rows (blank rows as null), in workbook order. */
export interface XlsxLedgerSheets {
  /** Every worksheet's name, in tab order. */
  readonly names: string[]
  readonly sheets: LedgerSheet[]
  readonly rows: Array<Array<RawLedgerRow | null>>
}

const mib = (bytes: number): string => (bytes / MIB).toFixed(1)

const refused = (file: string, code: string, message: string, messageEn: string, cause?: unknown): ChufeiError => {
  const issue: Issue = { code, severity: 'error', file, message, messageEn }
  return new ChufeiError('UNREADABLE_INPUT', `${file}：${message}`, { cause, issues: [issue] })
}

/** An error of the sheet reader, said for a ledger: a part past its declared size is a bomb or a broken file. */
const fromReader = (file: string, error: unknown): ChufeiError => {
  const code = error instanceof ChufeiError ? error.issues[0]?.code : undefined
  if (code === 'xlsx-part-too-large' || code === 'xlsx-strings-too-large') {
    return refused(file, 'ledger-inflates-too-much', '工作表解压后超过压缩包目录声明的大小，已停止读取（文件已损坏，或是压缩炸弹）', 'a worksheet inflates beyond the size the zip directory declares; reading stopped (a corrupt file, or a zip bomb)', error)
  }
  if (error instanceof ChufeiError && code !== 'corrupt-xlsx') return error
  return refused(file, 'unreadable-ledger', '不是有效的 XLSX 文件（可能已损坏，或是 WPS/旧版 .xls 另存的文件）', 'not a valid XLSX file (corrupt, or an old .xls renamed)', error)
}

/** Refuses a workbook whose worksheets would inflate past the ledger's budget (see the head of this file). */
const checkInflation = (file: string, list: WorksheetList): ((sheet: { size: number }) => number) => {
  const limitOf = (sheet: { size: number }) => Math.max(sheet.size, list.sharedStringsSize, SHEET_FLOOR)
  const declared = list.sheets.reduce((sum, s) => sum + limitOf(s), 0)
  const budget = Math.max(INFLATE_FLOOR, LEDGER_INFLATE_RATIO * list.fileSize)
  if (declared > budget) {
    throw refused(
      file,
      'ledger-inflates-too-much',
      `各工作表解压后共约 ${mib(declared)} MiB，超过文件大小（${mib(list.fileSize)} MiB）的 ${LEDGER_INFLATE_RATIO} 倍，不像是风险台账（可能是压缩炸弹），已拒绝读取`,
      `its worksheets would inflate to about ${mib(declared)} MiB, more than ${LEDGER_INFLATE_RATIO} times the file's ${mib(list.fileSize)} MiB: not a ledger (a zip bomb?), refused`,
    )
  }
  return limitOf
}

/**
 * Streams the worksheets of XLSX ledger `input` (shown as `file`): each sheet with a ledger header in its first
 * {@link HEADER_SCAN_ROWS} rows, with its data rows unless `headersOnly`.
 * @throws {ChufeiError} `UNREADABLE_INPUT` naming the file: not an XLSX, no worksheet, or past a bound above
 */
export const readXlsxLedgerSheets = async (input: SheetInput, file: string, options: { headersOnly?: boolean } = {}): Promise<XlsxLedgerSheets> => {
  let list: WorksheetList | null
  try {
    list = await listWorksheets(input, { format: 'xlsx' })
  } catch (e) {
    throw fromReader(file, e)
  }
  if (list === null || list.sheets.length === 0) throw refused(file, 'unreadable-ledger', '工作簿中没有工作表', 'the workbook has no worksheet')
  const limitOf = checkInflation(file, list)
  const maxRows = ROWS_FLOOR + Math.floor(list.fileSize / FILE_BYTES_PER_ROW)
  // Shared strings are held in memory while a sheet is read: no more than they declare (checked above), at 3× for V8.
  const sharedStringsBytes = Math.max(32 * MIB, 3 * list.sharedStringsSize)
  const out: XlsxLedgerSheets = { names: list.sheets.map((s) => s.name), sheets: [], rows: [] }
  let kept = 0
  for (const entry of list.sheets) {
    let sheet: LedgerSheet | null = null
    const rows: Array<RawLedgerRow | null> = []
    let next = 0
    try {
      for await (const row of readRawRows(input, { format: 'xlsx', sheet: entry.name, xlsxLimits: { partBytes: limitOf(entry), sharedStringsBytes } })) {
        if (sheet === null) {
          if (row.line > HEADER_SCAN_ROWS) break
          sheet = ledgerSheetOf(entry.name, row.line, row.cells)
          next = row.line + 1
          if (sheet !== null && options.headersOnly === true) break
          continue
        }
        if (row.line > EXCEL_MAX_ROWS) {
          throw refused(file, 'ledger-too-many-rows', `工作表“${entry.name}”超过 Excel 的 ${EXCEL_MAX_ROWS} 行上限，不是 Excel 或 WPS 能打开的台账`, `worksheet "${entry.name}" has more rows than Excel's ${EXCEL_MAX_ROWS}`)
        }
        // Rows the file does not store are blank rows (counted by the caller, as exceljs gave them).
        for (; next < row.line; next++) rows.push(null)
        rows.push(rawLedgerRow(sheet, row.line, row.cells))
        next = row.line + 1
        kept += 1
        if (kept > maxRows) {
          throw refused(
            file,
            'ledger-too-many-rows',
            `台账工作表共超过 ${maxRows} 行，对一个 ${mib(list.fileSize)} MiB 的文件而言过多（真实台账每行约占 300 字节），不像是风险台账（可能是压缩炸弹），已拒绝读取`,
            `the ledger sheets hold more than ${maxRows} rows, too many for a file of ${mib(list.fileSize)} MiB (a real ledger takes about 300 bytes a row): not a ledger (a zip bomb?), refused`,
          )
        }
      }
    } catch (e) {
      if (e instanceof ChufeiError && e.issues[0]?.code.startsWith('ledger-')) throw e
      throw fromReader(file, e)
    }
    if (sheet !== null) {
      out.sheets.push(sheet)
      out.rows.push(rows)
    }
  }
  return out
}
