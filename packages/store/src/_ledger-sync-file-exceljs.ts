import type { Lang } from '@chufei/core'
import { DATE_FORMAT, excelDate, neutraliseCell, styleHeaderRow } from '@chufei/ledger'
import { CASE_STATUSES } from './case-status'
import { LEDGER_SYNC_FIELDS, ledgerSyncHeaders } from './ledger-sync-columns'
import type { LedgerSyncRow } from './ledger-sync'
import { LEDGER_SHEET_NAMES, LEDGER_SYNC_WIDTHS, ledgerFileCells } from './ledger-sync-file'

/*
 * The exceljs writer of the XLSX case ledger file (台账文件) until round 11, kept only as the oracle of the
 * differential test of the streaming writer that replaced it (ledger-sync-file.ts). One sheet, however many rows:
 * past Excel's 1,048,576 rows Excel and WPS dropped the rest without a word.
 */

/** The XLSX ledger file as exceljs wrote it. */
export const ledgerXlsxBytesExceljs = async (rows: readonly LedgerSyncRow[], lang: Lang): Promise<Uint8Array> => {
  const { default: ExcelJS } = await import('exceljs')
  const workbook = new ExcelJS.Workbook()
  const sheet = workbook.addWorksheet(LEDGER_SHEET_NAMES[lang], { views: [{ state: 'frozen', ySplit: 1 }] })
  sheet.columns = LEDGER_SYNC_FIELDS.map((f) => ({ key: f, width: LEDGER_SYNC_WIDTHS[f] ?? 14 }))
  styleHeaderRow(sheet.addRow(ledgerSyncHeaders(lang)))
  const deadlineCol = LEDGER_SYNC_FIELDS.indexOf('deadline') + 1
  const statusCol = LEDGER_SYNC_FIELDS.indexOf('status') + 1
  for (const row of rows) {
    const added = sheet.addRow(ledgerFileCells(row, lang).map((c, i) => (i + 1 === deadlineCol ? excelDate(c) : neutraliseCell(c))))
    added.getCell(deadlineCol).numFmt = DATE_FORMAT
    added.getCell(statusCol).dataValidation = { type: 'list', allowBlank: false, formulae: [`"${CASE_STATUSES.join(',')}"`] }
  }
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: LEDGER_SYNC_FIELDS.length } }
  return new Uint8Array(await workbook.xlsx.writeBuffer())
}
