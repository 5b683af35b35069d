import { ChufeiError, DISPOSITIONS, enumLabel, type Lang } from '@chufei/core'
import { EXCEL_MAX_ROWS, collectBytes, continues, excelDate, neutraliseCell, parseContinuation, writeXlsxTable } from '@chufei/ledger'
import { listWorksheets, readRawRows, type Cell, type SheetInput, type XlsxLimits } from '@chufei/sheets'
import { CASE_STATUSES } from './case-status'
import { LEDGER_SYNC_FIELDS, ledgerRowsFromCells, ledgerSyncHeaders, type LedgerImportRow } from './ledger-sync-columns'
import type { LedgerSyncRow } from './ledger-sync'

/*
 * The case ledger as a file staff open in Excel or WPS (台账文件): XLSX (the sheet 案件台账, frozen header,
 * real dates in 整改时限, a 状态 dropdown; past Excel's 1,048,576 rows it goes on in 案件台账（续2）…, which the
 * reader joins again — ledger-sync-sheets.ts) or CSV (UTF-8 with a BOM so Chinese Excel does not show 乱码, CRLF).
 * Every text cell is neutralised against formula injection, and read back through @chufei/sheets' reader,
 * which takes the guard off again. 预警等级 and 处置建议 are written as labels; they are for reading only.
 * One writer for the CLI (`chufei ledger export`) and the API (`GET /v1/ledger`): the same store state gives the
 * same file from both.
 */

/** The ledger file kinds. */
export const LEDGER_FILE_KINDS = ['xlsx', 'csv'] as const
export type LedgerFileKind = (typeof LEDGER_FILE_KINDS)[number]

/** The media type of each ledger file kind (a download's Content-Type). */
export const LEDGER_MEDIA_TYPES: Readonly<Record<LedgerFileKind, string>> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
}

const TIER_ZH: Record<string, string> = { red: '红色', orange: '橙色', yellow: '黄色', blue: '蓝色', none: '未达' }

/** A row's cells in column order, as the file shows them (not yet guarded against formulas). */
export const ledgerFileCells = (row: LedgerSyncRow, lang: Lang): (string | number | null)[] =>
  LEDGER_SYNC_FIELDS.map((f) => {
    if (f === 'tier') return lang === 'zh' ? (TIER_ZH[row.tier] ?? row.tier) : row.tier
    if (f === 'disposition') return enumLabel(DISPOSITIONS, row.disposition, lang)
    return row[f]
  })

const NEEDS_QUOTES = /[",\r\n]/
const csvLine = (cells: readonly (string | number | null)[]): string =>
  `${cells
    .map((cell) => {
      if (cell === null) return ''
      const text = typeof cell === 'number' ? String(cell) : neutraliseCell(cell)
      return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text
    })
    .join(',')}\r\n`

/** The sheet's name (its continuation sheets are named after it). */
export const LEDGER_SHEET_NAMES: Readonly<Record<Lang, string>> = { zh: '案件台账', en: 'Case ledger' }
/** Column widths by field, in characters (14 for the others). */
export const LEDGER_SYNC_WIDTHS: Readonly<Record<string, number>> = { caseId: 10, version: 7, unit: 12, subject: 30, creditCode: 22, tier: 9, total: 9, disposition: 20, status: 12, measures: 36, deadline: 12, plan: 36, notes: 36 }

/** Options of the XLSX ledger file. */
export interface LedgerXlsxOptions {
  /** Rows per sheet, header included, before it goes on in （续N）: Excel's limit unless a test wants a few. */
  readonly maxSheetRows?: number
}

const xlsxBytes = (rows: readonly LedgerSyncRow[], lang: Lang, options: LedgerXlsxOptions): Promise<Uint8Array> => {
  const deadline = LEDGER_SYNC_FIELDS.indexOf('deadline')
  const columns = LEDGER_SYNC_FIELDS.map((f, i) => ({
    header: ledgerSyncHeaders(lang)[i]!,
    width: LEDGER_SYNC_WIDTHS[f] ?? 14,
    ...(f === 'deadline' ? { date: true } : {}),
    // What staff may choose for 状态: the store's five words (anything else is refused when read back).
    ...(f === 'status' ? { choices: CASE_STATUSES } : {}),
  }))
  function* cells() {
    for (const row of rows) yield ledgerFileCells(row, lang).map((c, i) => (i === deadline ? excelDate(neutraliseCell(c)) : neutraliseCell(c)))
  }
  const table = { name: LEDGER_SHEET_NAMES[lang], lang, columns, rows: cells(), maxSheetRows: options.maxSheetRows ?? EXCEL_MAX_ROWS }
  return collectBytes((out) => writeXlsxTable(out, table))
}

/**
 * The bytes of a ledger file of `rows` (from {@link exportCaseLedger}). XLSX carries its creation time in its
 * zip entries and document properties; everything else is a function of the rows and the language.
 */
export const ledgerFileBytes = async (rows: readonly LedgerSyncRow[], kind: LedgerFileKind, lang: Lang = 'zh', options: LedgerXlsxOptions = {}): Promise<Uint8Array> =>
  kind === 'xlsx' ? xlsxBytes(rows, lang, options) : new TextEncoder().encode(`\uFEFF${csvLine(ledgerSyncHeaders(lang))}${rows.map((r) => csvLine(ledgerFileCells(r, lang))).join('')}`)

/**
 * The worksheets holding the ledger: CSV as it is (undefined); XLSX the first visible worksheet (as the sheet reader
 * picks it) followed by its continuation sheets (案件台账（续2）…) in part order, wherever their tabs were dragged.
 */
const ledgerSheets = async (input: SheetInput, xlsxLimits: Partial<XlsxLimits> | undefined): Promise<Array<string | undefined>> => {
  const sheets = (await listWorksheets(input, xlsxLimits === undefined ? {} : { xlsxLimits }))?.sheets ?? null
  const first = sheets === null ? undefined : (sheets.find((s) => s.state === 'visible') ?? sheets[0])?.name
  if (sheets === null || first === undefined) return [undefined]
  const parts = sheets.flatMap((s) => {
    const c = parseContinuation(s.name)
    return c !== null && continues(s.name, first) ? [{ name: s.name, part: c.part }] : []
  })
  return [first, ...parts.sort((a, b) => a.part - b.part).map((p) => p.name)]
}

/**
 * Reads an edited ledger (XLSX or CSV, any encoding the sweep reader knows) into rows by field. `shownAs` names
 * the file in messages. XLSX inflation is bounded by `xlsxLimits` (the sheet reader's defaults otherwise), and
 * the rows read by `maxRows` when given (an upload: reading stops there). A ledger continued past Excel's row
 * limit is read as one sheet: each continuation sheet's rows are numbered on from the sheet before it, as if it
 * had never been split (its own header row, row 1, is not counted).
 * @throws {ChufeiError} `UNREADABLE_INPUT` (not a sheet, no ledger header, or over `maxRows`), `USAGE` (a format with no rows)
 */
export const readLedgerRows = async (
  input: SheetInput,
  shownAs: string,
  options: { xlsxLimits?: Partial<XlsxLimits>; maxRows?: number } = {},
): Promise<LedgerImportRow[]> => {
  const max = options.maxRows ?? Number.POSITIVE_INFINITY
  const out: LedgerImportRow[] = []
  let read = 0
  try {
    let offset = 0
    for (const [part, sheet] of (await ledgerSheets(input, options.xlsxLimits)).entries()) {
      const rows: { line: number; cells: Cell[] }[] = []
      const shift = part === 0 ? 0 : offset - 1
      for await (const row of readRawRows(input, { ...(options.xlsxLimits === undefined ? {} : { xlsxLimits: options.xlsxLimits }), ...(sheet === undefined ? {} : { sheet }) })) {
        rows.push({ line: row.line + shift, cells: row.cells })
        read += 1
        if (read > max) {
          const message = `台账 ${shownAs} 超过 ${max} 行：请按单位分别导出、修改和回填`
          throw new ChufeiError('UNREADABLE_INPUT', message, {
            issues: [{ code: 'too-many-rows', severity: 'error', message, messageEn: `ledger ${shownAs} has more than ${max} rows: export, edit and import it unit by unit`, file: shownAs }],
          })
        }
      }
      offset = rows.at(-1)?.line ?? offset
      // One by one: a million rows would overflow the stack as spread arguments.
      for (const r of ledgerRowsFromCells(rows, part === 0 ? shownAs : `${shownAs}（${sheet}）`)) out.push(r)
    }
  } catch (e) {
    if (e instanceof ChufeiError) throw e
    throw new ChufeiError('UNREADABLE_INPUT', `无法读取台账 ${shownAs}：${(e as Error).message}`, { cause: e })
  }
  return out
}
