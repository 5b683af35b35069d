import type { Writable } from 'node:stream'
import ExcelJS from 'exceljs'
import type { StreamSummary, Tier } from '@chufei/core'
import { neutraliseCell } from './formula-guard'
import type { Lang } from './labels'
import { SCORE_LEDGER_COLUMNS, ledgerHeaders } from './ledger-columns'
import { guideRows, ledgerSheetName, XLSX_SHEETS, type GuideSheet } from './ledger-guide'
import { REASONS_SHEET_HEADERS, REASONS_SHEET_WIDTHS, reasonRows } from './main-reasons'
import { fillTier, formatDateCells, styleHeaderRow } from './xlsx-style'
import type { HeaderEvent, LedgerItem } from './ledger-item'
import { countItem, createBreakdown } from './tally'
import { isKeyLead, reasonTexts, toLedgerRow, type LedgerCell, type LedgerContext } from './ledger-row'
import type { LedgerWriter } from './ledger-writer'
import { createSpoolFile, type ScratchHooks, type SpoolPlace } from './spool-file'
import { statisticsRows } from './statistics-sheet'
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
  type ReasonLines,
} from './xlsx/ledger-layout'
import { columnLetter } from './xlsx/sheet-writer'

/*
 * The XLSX ledger as exceljs's streaming WorkbookWriter wrote it until round 10, kept only as the oracle of
 * the differential test (xlsx/xlsx-writer.differential.test.ts): the streaming writer in xlsx/ must give the
 * same workbook as far as a reader sees. Not exported and not used at run time. The layout (cells, columns,
 * the 状态 dropdown) is shared with the new writer (xlsx/ledger-layout.ts), so the two differ only in the
 * writing.
 */

/**
 * exceljs 4.4's streaming WorksheetWriter keeps data validations by address (a whole range is one entry,
 * written once at commit) but its type declarations do not show the property.
 */
interface WithDataValidations {
  readonly dataValidations?: { add(address: string, validation: ExcelJS.DataValidation): unknown }
}

/** Resolves on `drain` of `stream`, rejects on its `error`. */
const drained = (stream: Pick<Writable, 'once' | 'off'>): Promise<void> =>
  new Promise<void>((resolve, reject) => {
    const done = (e?: unknown) => {
      stream.off('drain', done)
      stream.off('error', done)
      if (e === undefined) resolve()
      else reject(e)
    }
    stream.once('drain', done)
    stream.once('error', done)
  })

/**
 * exceljs 4.4's streaming sheet writes each 64 KiB of XML into the zip entry's stream (archiver's, a
 * readable-stream PassThrough in front of deflate) without looking at what `write` returns, so when rows
 * come faster than deflate takes them the whole sheet piles up there (3.4 GB at 1,000,000 rows). The entry's
 * writable state says when it is over its high-water mark; the writer then waits for its `drain`.
 */
interface SheetStreamInternals {
  readonly stream?: { readonly pipes?: ReadonlyArray<Pick<Writable, 'once' | 'off'> & { readonly _writableState?: { readonly needDrain?: boolean } }> }
}

/** Waits until the zip entry of `ws` has taken what was written (see {@link SheetStreamInternals}). */
const sheetDrained = async (ws: ExcelJS.Worksheet): Promise<void> => {
  const entry = (ws as unknown as SheetStreamInternals).stream?.pipes?.[0]
  if (entry?._writableState?.needDrain === true) await drained(entry)
}

const startSheet = (wb: ExcelJS.stream.xlsx.WorkbookWriter, name: string, headers: readonly string[], widths: readonly number[]) => {
  const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1, xSplit: 0 }] })
  ws.columns = widths.map((width) => ({ width }))
  ws.autoFilter = `A1:${columnLetter(headers.length)}1`
  const row = ws.addRow(headers.map((h) => neutraliseCell(h)))
  styleHeaderRow(row)
  row.commit()
  return ws
}

const addLedgerRow = (ws: ExcelJS.Worksheet, cells: Array<LedgerCell | Date>, tier: Tier | null) => {
  const r = ws.addRow(cells)
  fillTier(r.getCell(TIER_COLUMN), tier)
  formatDateCells(r)
  r.getCell(REASONS_COLUMN).alignment = { wrapText: true, vertical: 'top' }
  r.commit()
}

/** The 状态 dropdown (see `statusDropdown`) as exceljs keeps it; `column` as there. */
export const addStatusDropdown = (ws: ExcelJS.Worksheet, lastRow: number, lang: Lang, column?: number) => {
  const validations = (ws as unknown as WithDataValidations).dataValidations
  const dropdown = statusDropdown(lastRow, lang, column)
  if (dropdown === undefined || validations === undefined) return
  validations.add(dropdown.ref, {
    type: 'list',
    allowBlank: true,
    formulae: [`"${dropdown.choices.join(',')}"`],
    showErrorMessage: true,
    errorStyle: 'warning',
    errorTitle: dropdown.errorTitle,
    error: dropdown.error,
  })
}

/** The exceljs XLSX ledger writer (the differential test's oracle). */
export const createExceljsXlsxWriter = (out: Writable, context: LedgerContext, scratchDir: string, hooks?: ScratchHooks): LedgerWriter => {
  const { lang } = context
  const name = (sheet: GuideSheet) => ledgerSheetName(sheet, lang)
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false })
  const ledger = startSheet(wb, name('main'), ledgerHeaders(SCORE_LEDGER_COLUMNS, lang), SCORE_LEDGER_COLUMNS.map((c) => c.width))
  // Key leads are spooled; only their place and total stay in memory, for sorting by total.
  const keySpool = createSpoolFile<KeyRow>(scratchDir, 'key', hooks)
  const keyRows: Array<{ place: SpoolPlace; total: number; line: number }> = []
  let ledgerRows = 0
  const breakdown = createBreakdown()
  const problemSpool = createSpoolFile<ProblemLine>(scratchDir, 'problems', hooks)
  const reasonSpool = createSpoolFile<ReasonLines>(scratchDir, 'reasons', hooks)
  const spoolProblem = (p: ProblemLine) => problemSpool.write(p)
  const removeSpools = async () => {
    await problemSpool.remove()
    await reasonSpool.remove()
    await keySpool.remove()
  }

  return {
    header: async (header: HeaderEvent) => {
      for (const p of headerProblems(header, lang)) await spoolProblem(p)
    },
    write: async (item: LedgerItem) => {
      const row = toLedgerRow(item, context)
      countItem(breakdown, item)
      const { result } = item
      const reasons = reasonTexts(result, context)
      const cells = xlsxCells(row, reasons, lang)
      addLedgerRow(ledger, cells, result.status === 'scored' ? result.tier : null)
      ledgerRows += 1
      if (isKeyLead(result)) keyRows.push({ place: await keySpool.write({ row, reasons, tier: result.tier }), total: result.total, line: result.line ?? 0 })
      if (reasons.length > 0) await reasonSpool.write({ id: String(row.id ?? ''), name: String(row.name ?? ''), reasons })
      for (const p of resultProblems(result, lang)) await spoolProblem(p)
      await sheetDrained(ledger)
      if (out.writableNeedDrain) await drained(out)
    },
    end: async (summary: StreamSummary) => {
      addStatusDropdown(ledger, 1 + ledgerRows, lang)
      ledger.commit()

      const key = startSheet(wb, name('key'), ledgerHeaders(SCORE_LEDGER_COLUMNS, lang), SCORE_LEDGER_COLUMNS.map((c) => c.width))
      keyRows.sort((a, b) => b.total - a.total || a.line - b.line)
      for await (const k of keySpool.readAll(keyRows.map((r) => r.place))) {
        addLedgerRow(key, xlsxCells(k.row, k.reasons, lang), k.tier)
        await sheetDrained(key)
      }
      addStatusDropdown(key, 1 + keyRows.length, lang)
      key.commit()

      const reasons = startSheet(wb, name('reasons'), REASONS_SHEET_HEADERS[lang], REASONS_SHEET_WIDTHS)
      for await (const lead of reasonSpool.drain()) {
        for (const cells of reasonRows(lead.id, lead.name, lead.reasons)) reasons.addRow(cells.map((c) => neutraliseCell(c))).commit()
        await sheetDrained(reasons)
      }
      reasons.commit()

      const problems = startSheet(wb, name('problems'), PROBLEM_COLUMNS[lang], PROBLEM_WIDTHS)
      for await (const p of problemSpool.drain()) {
        problems.addRow([p.line, neutraliseCell(p.id), neutraliseCell(p.field), neutraliseCell(p.message)]).commit()
        await sheetDrained(problems)
      }
      problems.commit()

      const stats = startSheet(wb, name('stats'), STATS_HEADERS[lang], STATS_WIDTHS)
      for (const s of statisticsRows({ ...summary, ...breakdown }, lang)) {
        const r = stats.addRow([neutraliseCell(s.label), s.count])
        if (s.heading) r.font = { bold: true }
        fillTier(r.getCell(1), s.tier)
        r.commit()
      }
      stats.commit()

      const guide = startSheet(wb, name('guide'), GUIDE_HEADERS[lang], GUIDE_WIDTHS)
      for (const cells of guideRows(context.pack, context.rulePackLabel, { lang, runDate: context.runDate, sheets: XLSX_SHEETS })) {
        const r = guide.addRow(cells.map((c) => neutraliseCell(c)))
        formatDateCells(r)
        r.getCell(2).alignment = { wrapText: true, vertical: 'top' }
        r.commit()
      }
      guide.commit()
      await wb.commit()
    },
    abort: removeSpools,
  }
}

