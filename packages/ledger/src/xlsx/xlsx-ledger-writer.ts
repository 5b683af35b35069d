import type { Writable } from 'node:stream'
import type { StreamSummary, Tier } from '@chufei/core'
import { neutraliseCell } from '../formula-guard'
import type { Lang } from '../labels'
import { SCORE_LEDGER_COLUMNS, ledgerHeaders } from '../ledger-columns'
import { guideRows, ledgerSheetName, XLSX_SHEETS, type GuideSheet } from '../ledger-guide'
import type { HeaderEvent, LedgerItem } from '../ledger-item'
import { isKeyLead, reasonTexts, toLedgerRow, type LedgerCell, type LedgerContext } from '../ledger-row'
import type { LedgerWriter } from '../ledger-writer'
import { REASONS_SHEET_HEADERS, REASONS_SHEET_WIDTHS, reasonRows } from '../main-reasons'
import { createSpoolFile, type ScratchHooks } from '../spool-file'
import { createKeyOrder } from './key-order'
import { createRollingSheet } from './rolling-sheet'
import { createScratchSheet, type ScratchSheet } from './scratch-sheet'
import { EXCEL_MAX_ROWS } from '../sheet-continuation'
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
  headerProblems,
  resultProblems,
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
const ledgerRow = (sheet: Pick<SheetWriter, 'row'>, cells: ReadonlyArray<LedgerCell | Date>, tier: Tier | null): Promise<void> => {
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

/** A sheet filled while 风险台账 streams: scratch sheets made as rows come (one per part), an empty sheet if none. */
const laterSheet = (dir: string, kind: string, layout: SheetLayout, hooks: ScratchHooks | undefined, name: string, lang: Lang, maxRows: number) => {
  const guarded: SheetLayout = { headers: layout.headers.map((h) => neutraliseCell(h)), widths: layout.widths }
  const scratches: ScratchSheet[] = []
  const rolling = createRollingSheet({
    name,
    lang,
    maxRows,
    open: () => {
      // A part of its own kind: two parts started within one millisecond must not share a scratch name.
      const scratch = createScratchSheet(dir, scratches.length === 0 ? kind : `${kind}-${scratches.length + 1}`, guarded, hooks)
      scratches.push(scratch)
      return scratch.sheet
    },
    close: (sheet) => sheet.end(),
  })
  return {
    sheet: rolling,
    /** Ends the sheet and adds its parts to `wb` as the next sheets; their scratch files are removed. */
    finish: async (wb: WorkbookWriter): Promise<void> => {
      if (scratches.length === 0) return wb.addSheet(name, guarded).end()
      await rolling.end()
      for (const [i, scratch] of scratches.entries()) {
        await wb.addDeflatedSheet(rolling.names[i]!, scratch)
        await scratch.remove()
      }
    },
    remove: async (): Promise<void> => {
      for (const scratch of scratches) await scratch.remove()
    },
  }
}

/** Options of the XLSX ledger writer. */
export interface XlsxWriterOptions {
  /** Told of scratch files as they come and go. */
  readonly hooks?: ScratchHooks
  /**
   * Rows per worksheet, header included, before a sheet goes on in 「…（续2）」: Excel's limit, EXCEL_MAX_ROWS,
   * unless a test wants a few.
   */
  readonly maxSheetRows?: number
}

/**
 * The XLSX ledger writer into `out` (ended by `end`); scratch files go to `scratchDir`. A sheet that reaches
 * `options.maxSheetRows` goes on in continuation sheets right after it, and 说明 says so.
 */
export const createXlsxWriter = (out: Writable, context: LedgerContext, scratchDir: string, options: XlsxWriterOptions = {}): LedgerWriter => {
  const { lang } = context
  const { hooks, maxSheetRows = EXCEL_MAX_ROWS } = options
  const name = (sheet: GuideSheet) => ledgerSheetName(sheet, lang)
  const wb = createWorkbookWriter(out)
  const ledgerHeader = ledgerHeaders(SCORE_LEDGER_COLUMNS, lang)
  const ledgerWidths = SCORE_LEDGER_COLUMNS.map((c) => c.width)
  /** A ledger sheet (风险台账, 重点线索台账) streamed into the archive, each part ending with its 状态 dropdown. */
  const ledgerSheet = (sheet: 'main' | 'key') =>
    createRollingSheet({
      name: name(sheet),
      lang,
      maxRows: maxSheetRows,
      open: (part) => startSheet(wb, part, ledgerHeader, ledgerWidths),
      close: (s) => s.end(statusDropdown(s.rowCount, lang)),
    })
  const ledger = ledgerSheet('main')
  ledger.start()
  // Key leads are spooled; only their place, total and line stay in memory (typed arrays), for sorting.
  const keySpool = createSpoolFile<KeyRow>(scratchDir, 'key', hooks)
  const keyOrder = createKeyOrder()
  const breakdown = createBreakdown()
  // 评分依据 and 问题行 are written as their rows come, into deflated scratch files (made on their first row).
  const reasonLayout = { headers: REASONS_SHEET_HEADERS[lang], widths: REASONS_SHEET_WIDTHS }
  const reasonSheet = laterSheet(scratchDir, 'reasons', reasonLayout, hooks, name('reasons'), lang, maxSheetRows)
  const problemLayout = { headers: PROBLEM_COLUMNS[lang], widths: PROBLEM_WIDTHS }
  const problemSheet = laterSheet(scratchDir, 'problems', problemLayout, hooks, name('problems'), lang, maxSheetRows)
  const problemRow = (p: ProblemLine) => problemSheet.sheet.row([p.line, neutraliseCell(p.id), neutraliseCell(p.field), neutraliseCell(p.message)])

  return {
    header: async (header: HeaderEvent) => {
      for (const p of headerProblems(header, lang)) await problemRow(p)
    },
    write: async (item: LedgerItem) => {
      const row = toLedgerRow(item, context)
      countItem(breakdown, item)
      const { result } = item
      const reasons = reasonTexts(result, context)
      await ledgerRow(ledger, xlsxCells(row, reasons, lang), result.status === 'scored' ? result.tier : null)
      if (isKeyLead(result)) keyOrder.add(await keySpool.write({ row, reasons, tier: result.tier }), result.total, result.line ?? 0)
      if (reasons.length > 0) {
        const sheet = reasonSheet.sheet
        for (const cells of reasonRows(String(row.id ?? ''), String(row.name ?? ''), reasons)) await sheet.row(cells.map((c) => neutraliseCell(c)))
      }
      for (const p of resultProblems(result, lang)) await problemRow(p)
    },
    end: async (summary: StreamSummary) => {
      await ledger.end()

      const key = ledgerSheet('key')
      key.start()
      for await (const k of keySpool.readAll(keyOrder.sorted())) await ledgerRow(key, xlsxCells(k.row, k.reasons, lang), k.tier)
      await key.end()

      await reasonSheet.finish(wb)
      await problemSheet.finish(wb)
      const continued = [ledger, key, reasonSheet.sheet, problemSheet.sheet].flatMap((s) => (s.continued === null ? [] : [s.continued]))

      const stats = startSheet(wb, name('stats'), STATS_HEADERS[lang], STATS_WIDTHS)
      for (const s of statisticsRows({ ...summary, ...breakdown }, lang)) {
        // A heading is bold, its row too (as exceljs's `row.font` styled the row and both its cells).
        if (s.heading === true) await stats.row([neutraliseCell(s.label), s.count], [STYLE.bold, STYLE.bold], STYLE.bold)
        else await stats.row([neutraliseCell(s.label), s.count], [tierStyle(s.tier), STYLE.plain])
      }
      await stats.end()

      const guide = startSheet(wb, name('guide'), GUIDE_HEADERS[lang], GUIDE_WIDTHS)
      for (const [label, what] of guideRows(context.pack, context.rulePackLabel, { lang, runDate: context.runDate, sheets: XLSX_SHEETS, continued })) {
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
