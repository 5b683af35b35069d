import { ChufeiError, DISPOSITIONS, enumLabel, type Lang } from '@chufei/core'
import { DATE_FORMAT, excelDate, neutraliseCell, styleHeaderRow } from '@chufei/ledger'
import { readRawRows, type Cell, type SheetInput, type XlsxLimits } from '@chufei/sheets'
import { CASE_STATUSES } from './case-status'
import { LEDGER_SYNC_FIELDS, ledgerRowsFromCells, ledgerSyncHeaders, type LedgerImportRow } from './ledger-sync-columns'
import type { LedgerSyncRow } from './ledger-sync'

/*
 * The case ledger as a file staff open in Excel or WPS (台账文件): XLSX (one sheet 案件台账, frozen header,
 * real dates in 整改时限, a 状态 dropdown) or CSV (UTF-8 with a BOM so Chinese Excel does not show 乱码, CRLF).
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

/** A row's cells in column order, as the file shows them. */
const cellsOf = (row: LedgerSyncRow, lang: Lang): (string | number | null)[] =>
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

const SHEET_NAME: Record<Lang, string> = { zh: '案件台账', en: 'Case ledger' }
const WIDTHS: Record<string, number> = { caseId: 10, version: 7, unit: 12, subject: 30, creditCode: 22, tier: 9, total: 9, disposition: 20, status: 12, measures: 36, deadline: 12, plan: 36, notes: 36 }

const xlsxBytes = async (rows: readonly LedgerSyncRow[], lang: Lang): Promise<Uint8Array> => {
  // Loaded on the first XLSX export: exceljs is large and most store work never needs it.
  const { default: ExcelJS } = await import('exceljs')
  const workbook = new ExcelJS.Workbook()
  const sheet = workbook.addWorksheet(SHEET_NAME[lang], { views: [{ state: 'frozen', ySplit: 1 }] })
  sheet.columns = LEDGER_SYNC_FIELDS.map((f) => ({ key: f, width: WIDTHS[f] ?? 14 }))
  styleHeaderRow(sheet.addRow(ledgerSyncHeaders(lang)))
  const deadlineCol = LEDGER_SYNC_FIELDS.indexOf('deadline') + 1
  const statusCol = LEDGER_SYNC_FIELDS.indexOf('status') + 1
  for (const row of rows) {
    const added = sheet.addRow(cellsOf(row, lang).map((c, i) => (i + 1 === deadlineCol ? excelDate(c) : neutraliseCell(c))))
    added.getCell(deadlineCol).numFmt = DATE_FORMAT
    // What staff may choose for 状态: the store's five words, nothing else.
    added.getCell(statusCol).dataValidation = { type: 'list', allowBlank: false, formulae: [`"${CASE_STATUSES.join(',')}"`] }
  }
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: LEDGER_SYNC_FIELDS.length } }
  return new Uint8Array(await workbook.xlsx.writeBuffer())
}

/**
 * The bytes of a ledger file of `rows` (from {@link exportCaseLedger}). XLSX carries exceljs' creation time in
 * its zip entries and document properties; everything else is a function of the rows and the language.
 */
export const ledgerFileBytes = async (rows: readonly LedgerSyncRow[], kind: LedgerFileKind, lang: Lang = 'zh'): Promise<Uint8Array> =>
  kind === 'xlsx' ? xlsxBytes(rows, lang) : new TextEncoder().encode(`\uFEFF${csvLine(ledgerSyncHeaders(lang))}${rows.map((r) => csvLine(cellsOf(r, lang))).join('')}`)

/**
 * Reads an edited ledger (XLSX or CSV, any encoding the sweep reader knows) into rows by field. `shownAs` names
 * the file in messages. XLSX inflation is bounded by `xlsxLimits` (the sheet reader's defaults otherwise), and
 * the rows read by `maxRows` when given (an upload: reading stops there).
 * @throws {ChufeiError} `UNREADABLE_INPUT` (not a sheet, no ledger header, or over `maxRows`), `USAGE` (a format with no rows)
 */
export const readLedgerRows = async (
  input: SheetInput,
  shownAs: string,
  options: { xlsxLimits?: Partial<XlsxLimits>; maxRows?: number } = {},
): Promise<LedgerImportRow[]> => {
  const rows: { line: number; cells: Cell[] }[] = []
  const max = options.maxRows ?? Number.POSITIVE_INFINITY
  try {
    for await (const row of readRawRows(input, options.xlsxLimits === undefined ? {} : { xlsxLimits: options.xlsxLimits })) {
      rows.push({ line: row.line, cells: row.cells })
      if (rows.length > max) {
        const message = `台账 ${shownAs} 超过 ${max} 行：请按单位分别导出、修改和回填`
        throw new ChufeiError('UNREADABLE_INPUT', message, {
          issues: [{ code: 'too-many-rows', severity: 'error', message, messageEn: `ledger ${shownAs} has more than ${max} rows: export, edit and import it unit by unit`, file: shownAs }],
        })
      }
    }
  } catch (e) {
    if (e instanceof ChufeiError) throw e
    throw new ChufeiError('UNREADABLE_INPUT', `无法读取台账 ${shownAs}：${(e as Error).message}`, { cause: e })
  }
  return ledgerRowsFromCells(rows, shownAs)
}
