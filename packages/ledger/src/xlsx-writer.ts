import type { Writable } from 'node:stream'
import ExcelJS from 'exceljs'
import type { StreamSummary, Tier } from '@chufei/core'
import { neutraliseCell } from './formula-guard'
import type { Lang } from './labels'
import { SCORE_LEDGER_COLUMNS, ledgerHeaders } from './ledger-columns'
import { guideRows, ledgerSheetName, XLSX_SHEETS, type GuideSheet } from './ledger-guide'
import { REASONS_SHEET_HEADERS, REASONS_SHEET_WIDTHS, clipToSheet, mainReasonsCell, reasonRows } from './main-reasons'
import { STAFF_STATUSES, type StaffStatus } from './record'
import { excelDate, fillTier, formatDateCells, styleHeaderRow } from './xlsx-style'
import type { HeaderEvent, LedgerItem } from './ledger-item'
import { countItem, createBreakdown } from './tally'
import { fieldLabel, isKeyLead, reasonTexts, toLedgerRow, type LedgerCell, type LedgerContext, type LedgerRow } from './ledger-row'
import type { LedgerWriter } from './ledger-writer'
import { createSpoolFile, type ScratchHooks, type SpoolPlace } from './spool-file'
import { statisticsRows } from './statistics-sheet'

/*
 * Imported only by `createLedgerWriter` when an XLSX ledger is asked for (exceljs is slow to load).
 *
 * The XLSX ledger, written with exceljs's streaming WorkbookWriter:
 *   风险台账     every data row, streamed as it is scored;
 *   重点线索台账 yellow and above, sorted by total (spooled; only each row's place and total are kept);
 *   评分依据     every reason of every lead with its points (主要依据 shows the weightiest few);
 *   问题行       one line per data problem;
 *   统计         counts by tier, disposition, sector and village;
 *   说明         the rule pack (name, version, hash), the date, how tiers, dispositions and deadlines are set.
 * 重点线索台账, 评分依据 and 问题行 are spooled to scratch files while the first sheet streams, because exceljs would
 * otherwise buffer a later sheet in memory. Frozen header row, column widths, auto-filter, tier fill
 * colours, real Excel dates (整改时限, 排查日期), and a 状态 dropdown on the two ledger sheets (待处置 /
 * 处置中 / 已化解: what staff set by hand and `chufei track` carries forward).
 */


const PROBLEM_COLUMNS: Record<Lang, readonly string[]> = {
  zh: ['行号', '线索编号', '字段', '问题'],
  en: ['Line', 'Lead ID', 'Field', 'Problem'],
}

interface ProblemLine {
  line: number | null
  id: string
  field: string
  message: string
}

/** A key lead as spooled: its ledger row, its reasons and its tier (cells are rebuilt when written). */
interface KeyRow {
  row: LedgerRow
  reasons: string[]
  tier: Tier
}

interface ReasonLines {
  id: string
  name: string
  reasons: string[]
}

const tierCol = SCORE_LEDGER_COLUMNS.findIndex((c) => c.field === 'tier') + 1
const reasonsCol = SCORE_LEDGER_COLUMNS.findIndex((c) => c.field === 'reasons') + 1
const statusCol = SCORE_LEDGER_COLUMNS.findIndex((c) => c.field === 'status') + 1

/** The 状态 values staff choose from; 持续监测 and 问题行 are the CLI's own, recomputed on every sweep. */
const HAND_STATUSES: readonly StaffStatus[] = ['pending', 'in-progress', 'resolved']

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

const lastColumnLetter = (n: number): string => {
  let s = ''
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s
  return s
}

const startSheet = (wb: ExcelJS.stream.xlsx.WorkbookWriter, name: string, headers: readonly string[], widths: readonly number[]) => {
  const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1, xSplit: 0 }] })
  ws.columns = widths.map((width) => ({ width }))
  ws.autoFilter = `A1:${lastColumnLetter(headers.length)}1`
  const row = ws.addRow(headers.map((h) => neutraliseCell(h)))
  styleHeaderRow(row)
  row.commit()
  return ws
}

/** A ledger row as XLSX cells: 主要依据 as its main reasons (one per line), dates as Excel dates. */
const xlsxCells = (row: LedgerRow, reasons: readonly string[], lang: Lang): Array<LedgerCell | Date> =>
  SCORE_LEDGER_COLUMNS.map((c) => {
    if (c.field === 'reasons') return neutraliseCell(mainReasonsCell(reasons, lang))
    if (c.field === 'problems') return neutraliseCell(clipToSheet(String(row.problems ?? ''), ledgerSheetName('problems', lang), lang))
    const v = neutraliseCell<LedgerCell>(row[c.field])
    return c.date ? excelDate(v) : v
  })

const addLedgerRow = (ws: ExcelJS.Worksheet, cells: Array<LedgerCell | Date>, tier: Tier | null) => {
  const r = ws.addRow(cells)
  fillTier(r.getCell(tierCol), tier)
  formatDateCells(r)
  r.getCell(reasonsCol).alignment = { wrapText: true, vertical: 'top' }
  r.commit()
}

/**
 * The 状态 dropdown over rows 2…lastRow, one range (not one entry per cell, which exceljs would keep in
 * memory until commit). Other values are allowed after a warning, so 持续监测/问题行 written by the CLI
 * stay valid and an office's own wording is not refused.
 */
const addStatusDropdown = (ws: ExcelJS.Worksheet, lastRow: number, lang: Lang) => {
  const validations = (ws as unknown as WithDataValidations).dataValidations
  if (lastRow < 2 || validations === undefined) return
  const col = lastColumnLetter(statusCol)
  const choices = HAND_STATUSES.map((s) => STAFF_STATUSES[s][lang])
  validations.add(`${col}2:${col}${lastRow}`, {
    type: 'list',
    allowBlank: true,
    formulae: [`"${choices.join(',')}"`],
    showErrorMessage: true,
    errorStyle: 'warning',
    errorTitle: lang === 'zh' ? '状态' : 'Status',
    error: lang === 'zh' ? `请从下拉列表中选择：${choices.join('、')}` : `Please choose from the list: ${choices.join(', ')}`,
  })
}

export const createXlsxWriter = (out: Writable, context: LedgerContext, scratchDir: string, hooks?: ScratchHooks): LedgerWriter => {
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
      const message = lang === 'zh' ? '未识别的列，已忽略' : 'unrecognised column, ignored'
      for (const column of header.unknownColumns) await spoolProblem({ line: header.line, id: '', field: column, message })
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
      const problems = [...(result.status === 'rejected' ? result.errors : []), ...(result.warnings ?? [])]
      for (const p of problems) {
        await spoolProblem({ line: result.line ?? null, id: result.id ?? '', field: fieldLabel(p.field, lang), message: p.message })
      }
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

      const problems = startSheet(wb, name('problems'), PROBLEM_COLUMNS[lang], [8, 16, 22, 60])
      for await (const p of problemSpool.drain()) {
        problems.addRow([p.line, neutraliseCell(p.id), neutraliseCell(p.field), neutraliseCell(p.message)]).commit()
        await sheetDrained(problems)
      }
      problems.commit()

      const stats = startSheet(wb, name('stats'), lang === 'zh' ? ['项目', '数量'] : ['Item', 'Count'], [36, 10])
      for (const s of statisticsRows({ ...summary, ...breakdown }, lang)) {
        const r = stats.addRow([neutraliseCell(s.label), s.count])
        if (s.heading) r.font = { bold: true }
        fillTier(r.getCell(1), s.tier)
        r.commit()
      }
      stats.commit()

      const guide = startSheet(wb, name('guide'), lang === 'zh' ? ['项目', '内容'] : ['Item', 'What'], [22, 100])
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

