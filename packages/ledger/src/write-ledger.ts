import type { Writable } from 'node:stream'
import { neutraliseCell } from './formula-guard'
import { guideRows, ledgerSheetName, type GuidePack, type GuideSheet } from './ledger-guide'
import { createPatternLabels, type Lang, type PatternLabels } from './labels'
import { REASONS_SHEET_HEADERS, REASONS_SHEET_WIDTHS, reasonRows } from './main-reasons'
import type { LedgerRecord } from './record'
import { EXCEL_MAX_ROWS } from './sheet-continuation'
import type { TrackResult, TrackedLead } from './track'
import { TRACK_SHEETS, columnHeader, columnWidth, keyRecords, leadsByRecord, outColumns, statusColumnOf, trackRowCells } from './track-ledger-layout'
import { GUIDE_HEADERS, GUIDE_WIDTHS, statusDropdown } from './xlsx/ledger-layout'
import { createRollingSheet, type RollingSheet } from './xlsx/rolling-sheet'
import type { SheetLayout, SheetWriter } from './xlsx/sheet-writer'
import { STYLE, tierStyle, type StyleId } from './xlsx/styles'
import { createWorkbookWriter, type WorkbookWriter } from './xlsx/workbook-writer'
import { collectBytes } from './xlsx/xlsx-table'

/*
 * The ledger `chufei track --out` writes (columns and cells: track-ledger-layout.ts), streamed with chufei's own
 * SpreadsheetML writer (xlsx/), sheet after sheet straight into the archive:
 *   风险台账                 this sweep, staff edits and added columns carried, 动态 and 上期预警等级;
 *   重点线索台账             yellow and above, highest total first;
 *   上期线索（本轮未出现）   previous leads gone from the sweep, as they were, so none is lost;
 *   评分依据                 every reason with its points (主要依据 shows the weightiest);
 *   说明                     the pack, the dates, and which sheets went on in （续N） sheets.
 * Frozen bold header row, column widths and an auto-filter on every sheet, tier fill colours, real Excel dates,
 * and the 状态 dropdown (待处置 / 处置中 / 已化解) on the three ledger sheets, as in the score ledger.
 * A sheet that reaches Excel's row limit goes on in （续N） sheets right after it (xlsx/rolling-sheet.ts).
 *
 * Until round 11 this was exceljs, which built every cell of the workbook as an object before writing a byte
 * (issue 13's “two XLSX writers”); the exceljs writer is kept as `_write-ledger-exceljs.ts`, the oracle of the
 * differential test, which lists where the two differ on purpose.
 */

/** Options of the tracked ledger writer. */
export interface WriteTrackedLedgerOptions {
  readonly lang?: Lang
  readonly patternLabels?: PatternLabels
  /** The pack that scored the sweep, for the 说明 sheet (null: only its 规则版本 label is known). */
  readonly pack?: GuidePack | null
  /** The day the ledger is written, YYYY-MM-DD (default: the tracking day). */
  readonly runDate?: string
  /** Rows per sheet, header included, before it goes on in a （续N） sheet: EXCEL_MAX_ROWS unless a test wants a few. */
  readonly maxSheetRows?: number
  /** The creation time stamped in the workbook (default: now). */
  readonly created?: Date
}

/**
 * Writes the tracked ledger into `out` (ended when done): `风险台账`, `重点线索台账`, `上期线索（本轮未出现）`,
 * `评分依据` and `说明`, each continued in （续N） sheets past `options.maxSheetRows`.
 */
export const writeTrackedLedgerTo = async (out: Writable, track: TrackResult, options: WriteTrackedLedgerOptions = {}): Promise<void> => {
  const lang = options.lang ?? 'zh'
  const labels = options.patternLabels ?? createPatternLabels()
  const maxRows = options.maxSheetRows ?? EXCEL_MAX_ROWS
  const wb = createWorkbookWriter(out, options.created === undefined ? {} : { date: options.created })
  const columns = outColumns(track.extraColumns)
  const { byCurrent, byPrevious } = leadsByRecord(track)

  const rolling = (sheet: GuideSheet, layout: SheetLayout, statusColumn = 0): RollingSheet => {
    // A ledger sheet's parts each end with the 状态 dropdown over their rows, as the score ledger's do.
    const close = (part: SheetWriter) => part.end(statusColumn > 0 ? statusDropdown(part.rowCount, lang, statusColumn) : undefined)
    const s = createRollingSheet({ name: ledgerSheetName(sheet, lang), lang, maxRows, open: (part) => wb.addSheet(part, layout), close })
    // Every sheet is in the workbook, an empty one too.
    s.start()
    return s
  }

  // A ledger row's looks: 预警等级 in its tier's fill, 主要依据 wrapped to the top, dates as dates.
  const tierAt = columns.findIndex((c) => 'spec' in c && c.field === 'tier')
  const baseStyles: StyleId[] = columns.map((c) => ('spec' in c && c.field === 'reasons' ? STYLE.wrapTop : STYLE.plain))
  const ledgerLayout: SheetLayout = { headers: columns.map((c) => columnHeader(c, lang)), widths: columns.map(columnWidth) }
  const statusColumn = statusColumnOf(columns)
  const ledgerSheet = async (sheet: 'main' | 'key' | 'gone', records: readonly LedgerRecord[], leads: ReadonlyMap<LedgerRecord, TrackedLead>) => {
    const s = rolling(sheet, ledgerLayout, statusColumn)
    for (const r of records) {
      const cells = trackRowCells(columns, r, leads.get(r), lang, labels)
      const styles = baseStyles.slice()
      cells.forEach((c, i) => {
        if (c instanceof Date) styles[i] = STYLE.date
      })
      if (tierAt >= 0) styles[tierAt] = tierStyle(r.tier)
      await s.row(cells, styles)
    }
    await s.end()
    return s.continued
  }

  const reasonsSheet = async () => {
    const s = rolling('reasons', { headers: REASONS_SHEET_HEADERS[lang], widths: REASONS_SHEET_WIDTHS })
    for (const r of track.records) for (const cells of reasonRows(r.id, r.name, r.reasons)) await s.row(cells.map((c) => neutraliseCell(c)))
    await s.end()
    return s.continued
  }

  const continued = [
    await ledgerSheet('main', track.records, byCurrent),
    await ledgerSheet('key', keyRecords(track.records), byCurrent),
    await ledgerSheet('gone', track.gone, byPrevious),
    await reasonsSheet(),
  ].filter((c) => c !== null)

  const rulePack = track.records.find((r) => r.rulePack !== null)?.rulePack ?? null
  const rows = guideRows(options.pack ?? null, rulePack, { lang, runDate: options.runDate ?? track.today, today: track.today, sheets: TRACK_SHEETS, continued })
  await writeGuide(wb, ledgerSheetName('guide', lang), lang, rows)
  await wb.finish()
}

/** The 说明 sheet, as the score ledger writes it: the item, then its text wrapped to the top (a date as a date). */
const writeGuide = async (wb: WorkbookWriter, name: string, lang: Lang, rows: ReadonlyArray<readonly [string, string | Date]>): Promise<void> => {
  const guide = wb.addSheet(name, { headers: GUIDE_HEADERS[lang], widths: GUIDE_WIDTHS })
  for (const [label, what] of rows) await guide.row([neutraliseCell(label), neutraliseCell(what)], [STYLE.plain, what instanceof Date ? STYLE.dateWrapTop : STYLE.wrapTop])
  await guide.end()
}

/** Writes the tracked ledger (see {@link writeTrackedLedgerTo}) as XLSX bytes. */
export const writeTrackedLedger = async (track: TrackResult, options: WriteTrackedLedgerOptions = {}): Promise<Uint8Array> => {
  return collectBytes((out) => writeTrackedLedgerTo(out, track, options))
}
