import type ExcelJS from 'exceljs'
import { addStatusDropdown } from './_xlsx-writer-exceljs'
import { loadExcelJS } from './excel'
import { fillSheets } from './fill-sheets'
import { neutraliseFormula } from './formula-guard'
import { guideRows, ledgerSheetName } from './ledger-guide'
import { createPatternLabels, type Lang, type PatternLabels } from './labels'
import { REASONS_SHEET_HEADERS, REASONS_SHEET_WIDTHS, reasonRows } from './main-reasons'
import type { LedgerRecord } from './record'
import { EXCEL_MAX_ROWS } from './sheet-continuation'
import type { TrackResult, TrackedLead } from './track'
import { TRACK_SHEETS, columnHeader, columnWidth, keyRecords, leadsByRecord, outColumns, statusColumnOf, trackRowCells, type OutColumn } from './track-ledger-layout'
import type { WriteTrackedLedgerOptions } from './write-ledger'
import { fillTier, formatDateCells, styleHeaderRow } from './xlsx-style'

/*
 * The exceljs writer of the ledger `chufei track --out` wrote until round 11, kept only as the oracle of the
 * differential test of the streaming writer that replaced it (write-ledger.ts; see its test for the differences
 * meant). It builds the whole workbook as exceljs cell objects in memory before writing a byte. The cells are
 * track-ledger-layout.ts's, as the streaming writer's are.
 */

const addSheet = (wb: ExcelJS.Workbook, name: string, columns: readonly OutColumn[], lang: Lang) => {
  const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1, xSplit: 0 }] })
  ws.columns = columns.map((c) => ({ width: columnWidth(c) }))
  styleHeaderRow(ws.addRow(columns.map((c) => columnHeader(c, lang))))
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } }
  return ws
}

const addRecord = (ws: ExcelJS.Worksheet, columns: readonly OutColumn[], r: LedgerRecord, lead: TrackedLead | undefined, lang: Lang, labels: PatternLabels) => {
  const row = ws.addRow(trackRowCells(columns, r, lead, lang, labels))
  columns.forEach((c, i) => {
    if ('spec' in c && c.field === 'tier') fillTier(row.getCell(i + 1), r.tier)
    if ('spec' in c && c.field === 'reasons') row.getCell(i + 1).alignment = { wrapText: true, vertical: 'top' }
  })
  formatDateCells(row)
}

const addRows = (ws: ExcelJS.Worksheet, rows: ReadonlyArray<ReadonlyArray<string | number | Date | null>>) => {
  for (const cells of rows) formatDateCells(ws.addRow(cells.map((c) => (typeof c === 'string' ? neutraliseFormula(c) : c))))
}

/** The tracked ledger as exceljs wrote it (the oracle of write-ledger.ts's differential test). */
export const writeTrackedLedgerExceljs = async (track: TrackResult, options: WriteTrackedLedgerOptions = {}): Promise<Uint8Array> => {
  const lang = options.lang ?? 'zh'
  const labels = options.patternLabels ?? createPatternLabels()
  const wb = new (await loadExcelJS()).Workbook()
  wb.creator = 'chufei'
  const columns = outColumns(track.extraColumns)
  const { byCurrent, byPrevious } = leadsByRecord(track)
  // Each sheet past Excel's row limit goes on in （续N） sheets, right after it (fillSheets); 说明 says so.
  const maxRows = options.maxSheetRows ?? EXCEL_MAX_ROWS
  const statusColumn = statusColumnOf(columns)
  const ledgerSheet = (sheet: 'main' | 'key' | 'gone', records: readonly LedgerRecord[], leads: ReadonlyMap<LedgerRecord, TrackedLead>) => {
    const parts: ExcelJS.Worksheet[] = []
    const start = (name: string) => {
      const ws = addSheet(wb, name, columns, lang)
      parts.push(ws)
      return ws
    }
    const continued = fillSheets(start, ledgerSheetName(sheet, lang), lang, maxRows, records, (ws, r) => addRecord(ws, columns, r, leads.get(r), lang, labels))
    if (statusColumn > 0) for (const ws of parts) addStatusDropdown(ws, ws.rowCount, lang, statusColumn)
    return continued
  }
  const continued = [
    ledgerSheet('main', track.records, byCurrent),
    ledgerSheet('key', keyRecords(track.records), byCurrent),
    ledgerSheet('gone', track.gone, byPrevious),
    fillSheets(
      (name) => {
        const reasons = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1, xSplit: 0 }] })
        reasons.columns = REASONS_SHEET_WIDTHS.map((width) => ({ width }))
        styleHeaderRow(reasons.addRow([...REASONS_SHEET_HEADERS[lang]]))
        return reasons
      },
      ledgerSheetName('reasons', lang),
      lang,
      maxRows,
      track.records.flatMap((r) => reasonRows(r.id, r.name, r.reasons)),
      (ws, cells) => addRows(ws, [cells]),
    ),
  ].filter((c) => c !== null)

  const guide = wb.addWorksheet(ledgerSheetName('guide', lang))
  guide.columns = [{ width: 22 }, { width: 100 }]
  styleHeaderRow(guide.addRow(lang === 'zh' ? ['项目', '内容'] : ['Item', 'What']))
  const rulePack = track.records.find((r) => r.rulePack !== null)?.rulePack ?? null
  addRows(guide, guideRows(options.pack ?? null, rulePack, { lang, runDate: options.runDate ?? track.today, today: track.today, sheets: TRACK_SHEETS, continued }))
  guide.getColumn(2).alignment = { wrapText: true, vertical: 'top' }
  return new Uint8Array(await wb.xlsx.writeBuffer())
}
