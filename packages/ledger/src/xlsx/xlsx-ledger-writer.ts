import type { Writable } from 'node:stream'
import type { StreamSummary, Tier } from '@chufei/core'
import { neutraliseCell } from '../formula-guard'
import { SCORE_LEDGER_COLUMNS, ledgerHeaders } from '../ledger-columns'
import { guideRows, ledgerSheetName, XLSX_SHEETS, type GuideSheet } from '../ledger-guide'
import type { HeaderEvent, LedgerItem } from '../ledger-item'
import { fieldLabel, isKeyLead, reasonTexts, toLedgerRow, type LedgerCell, type LedgerContext } from '../ledger-row'
import type { LedgerWriter } from '../ledger-writer'
import { REASONS_SHEET_HEADERS, REASONS_SHEET_WIDTHS, reasonRows } from '../main-reasons'
import { createSpoolFile, type ScratchHooks } from '../spool-file'
import { createKeyOrder } from './key-order'
import { createScratchSheet, type ScratchSheet } from './scratch-sheet'
import { statisticsRows } from '../statistics-sheet'
import { countItem, createBreakdown } from '../tally'
import {
  GUIDE_HEADERS,
  GUIDE_WIDTHS,
  PROBLEM_COLUMNS,
  PROBLEM_WIDTHS,
  REASONS_COLUMN,
  STATS_HEADERS,
  STATS_WIDTHS,
  TIER_COLUMN,
  statusDropdown,
  xlsxCells,
  type KeyRow,
  type ProblemLine,
} from './ledger-layout'
import type { SheetLayout, SheetWriter } from './sheet-writer'
import { STYLE, tierStyle, type StyleId } from './styles'
import { createWorkbookWriter, type WorkbookWriter } from './workbook-writer'

/*
 * The XLSX ledger (风险台账.xlsx), streamed with chufei's own SpreadsheetML writer (this folder):
 *   风险台账     every data row, streamed as it is scored;
 *   重点线索台账 yellow and above, sorted by total (spooled; only each row's place and total are kept);
 *   评分依据     every reason of every lead with its points (主要依据 shows the weightiest few);
 *   问题行       one line per data problem;
 *   统计         counts by tier, disposition, sector and village;
 *   说明         the rule pack (name, version, hash), the date, how tiers, dispositions and deadlines are set.
 * A ZIP holds one entry at a time, so while the first sheet streams, 重点线索台账 is spooled to a scratch file
 * (it must be sorted) and 评分依据 and 问题行 are written, deflated, into scratch files copied in at the end. Frozen header row, column widths, auto-filter, tier fill colours, real Excel dates
 * (整改时限, 排查日期), and a 状态 dropdown on the two ledger sheets (待处置 / 处置中 / 已化解: what staff set by
 * hand and `chufei track` carries forward).
 *
 * Until round 10 this was exceljs's streaming WorkbookWriter (cell objects, style look-ups and XML building: ≈ 20×
 * the csv-parse floor's CPU on its own); the workbook is the same as far as a reader sees, which the differential
 * test against that writer (kept as `_xlsx-writer-exceljs.ts`) checks cell by cell.
 */

const LEDGER_COLUMN_COUNT = SCORE_LEDGER_COLUMNS.length

// A ledger row's styles but for its tier and dates: 主要依据 wrapped to the top.
const BASE_STYLES: readonly StyleId[] = SCORE_LEDGER_COLUMNS.map((_, i) => (i + 1 === REASONS_COLUMN ? STYLE.wrapTop : STYLE.plain))

/** Writes a ledger row's cells with the tier's fill, dates formatted, 主要依据 wrapped. */
const ledgerRow = (sheet: SheetWriter, cells: ReadonlyArray<LedgerCell | Date>, tier: Tier | null): Promise<void> => {
  const styles = BASE_STYLES.slice()
  for (let i = 0; i < LEDGER_COLUMN_COUNT; i++) if (cells[i] instanceof Date) styles[i] = STYLE.date
  styles[TIER_COLUMN - 1] = tierStyle(tier)
  return sheet.row(cells, styles)
}

/** Starts a sheet with its header texts guarded (a header is text like any other). */
const startSheet = (wb: WorkbookWriter, name: string, headers: readonly string[], widths: readonly number[]): SheetWriter => {
  const layout: SheetLayout = { headers: headers.map((h) => neutraliseCell(h)), widths }
  return wb.addSheet(name, layout)
}

/** A sheet filled while 风险台账 streams: a scratch sheet made on its first row, an empty sheet if it never gets one. */
const laterSheet = (dir: string, kind: string, layout: SheetLayout, hooks: ScratchHooks | undefined) => {
  const guarded: SheetLayout = { headers: layout.headers.map((h) => neutraliseCell(h)), widths: layout.widths }
  let scratch: ScratchSheet | null = null
  return {
    sheet: (): SheetWriter => (scratch ??= createScratchSheet(dir, kind, guarded, hooks)).sheet,
    /** Ends the sheet and adds it to `wb` as the next sheet, named `name`; its scratch file is removed. */
    finish: async (wb: WorkbookWriter, name: string): Promise<void> => {
      if (scratch === null) return wb.addSheet(name, guarded).end()
      await scratch.sheet.end()
      await wb.addDeflatedSheet(name, scratch)
      await scratch.remove()
    },
    remove: async (): Promise<void> => scratch?.remove(),
  }
}

/** The XLSX ledger writer into `out` (ended by `end`); scratch files go to `scratchDir`. */
export const createXlsxWriter = (out: Writable, context: LedgerContext, scratchDir: string, hooks?: ScratchHooks): LedgerWriter => {
  const { lang } = context
  const name = (sheet: GuideSheet) => ledgerSheetName(sheet, lang)
  const wb = createWorkbookWriter(out)
  const ledgerHeader = ledgerHeaders(SCORE_LEDGER_COLUMNS, lang)
  const ledgerWidths = SCORE_LEDGER_COLUMNS.map((c) => c.width)
  const ledger = startSheet(wb, name('main'), ledgerHeader, ledgerWidths)
  // Key leads are spooled; only their place, total and line stay in memory (typed arrays), for sorting.
  const keySpool = createSpoolFile<KeyRow>(scratchDir, 'key', hooks)
  const keyOrder = createKeyOrder()
  const breakdown = createBreakdown()
  // 评分依据 and 问题行 are written as their rows come, into deflated scratch files (made on their first row).
  const reasonSheet = laterSheet(scratchDir, 'reasons', { headers: REASONS_SHEET_HEADERS[lang], widths: REASONS_SHEET_WIDTHS }, hooks)
  const problemSheet = laterSheet(scratchDir, 'problems', { headers: PROBLEM_COLUMNS[lang], widths: PROBLEM_WIDTHS }, hooks)
  const problemRow = (p: ProblemLine) => problemSheet.sheet().row([p.line, neutraliseCell(p.id), neutraliseCell(p.field), neutraliseCell(p.message)])

  return {
    header: async (header: HeaderEvent) => {
      const message = lang === 'zh' ? '未识别的列，已忽略' : 'unrecognised column, ignored'
      for (const column of header.unknownColumns) await problemRow({ line: header.line, id: '', field: column, message })
    },
    write: async (item: LedgerItem) => {
      const row = toLedgerRow(item, context)
      countItem(breakdown, item)
      const { result } = item
      const reasons = reasonTexts(result, context)
      await ledgerRow(ledger, xlsxCells(row, reasons, lang), result.status === 'scored' ? result.tier : null)
      if (isKeyLead(result)) keyOrder.add(await keySpool.write({ row, reasons, tier: result.tier }), result.total, result.line ?? 0)
      if (reasons.length > 0) {
        const sheet = reasonSheet.sheet()
        for (const cells of reasonRows(String(row.id ?? ''), String(row.name ?? ''), reasons)) await sheet.row(cells.map((c) => neutraliseCell(c)))
      }
      const problems = [...(result.status === 'rejected' ? result.errors : []), ...(result.warnings ?? [])]
      for (const p of problems) await problemRow({ line: result.line ?? null, id: result.id ?? '', field: fieldLabel(p.field, lang), message: p.message })
    },
    end: async (summary: StreamSummary) => {
      await ledger.end(statusDropdown(ledger.rowCount, lang))

      const key = startSheet(wb, name('key'), ledgerHeader, ledgerWidths)
      for await (const k of keySpool.readAll(keyOrder.sorted())) await ledgerRow(key, xlsxCells(k.row, k.reasons, lang), k.tier)
      await key.end(statusDropdown(key.rowCount, lang))

      await reasonSheet.finish(wb, name('reasons'))
      await problemSheet.finish(wb, name('problems'))

      const stats = startSheet(wb, name('stats'), STATS_HEADERS[lang], STATS_WIDTHS)
      for (const s of statisticsRows({ ...summary, ...breakdown }, lang)) {
        // A heading is bold, its row too (as exceljs's `row.font` styled the row and both its cells).
        if (s.heading === true) await stats.row([neutraliseCell(s.label), s.count], [STYLE.bold, STYLE.bold], STYLE.bold)
        else await stats.row([neutraliseCell(s.label), s.count], [tierStyle(s.tier), STYLE.plain])
      }
      await stats.end()

      const guide = startSheet(wb, name('guide'), GUIDE_HEADERS[lang], GUIDE_WIDTHS)
      for (const [label, what] of guideRows(context.pack, context.rulePackLabel, { lang, runDate: context.runDate, sheets: XLSX_SHEETS })) {
        await guide.row([neutraliseCell(label), neutraliseCell(what)], [STYLE.plain, what instanceof Date ? STYLE.dateWrapTop : STYLE.wrapTop])
      }
      await guide.end()
      await wb.finish()
    },
    abort: async () => {
      await keySpool.remove()
      await reasonSheet.remove()
      await problemSheet.remove()
    },
  }
}
