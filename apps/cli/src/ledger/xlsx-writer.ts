import { createReadStream, createWriteStream, type WriteStream } from 'node:fs'
import { rm } from 'node:fs/promises'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import type { Writable } from 'node:stream'
import ExcelJS from 'exceljs'
import type { Tier } from '@chufei/core'
import {
  LEDGER_SHEET_NAMES,
  SCORE_LEDGER_COLUMNS,
  STAFF_STATUSES,
  fillTier,
  ledgerHeaders,
  neutraliseCell,
  styleHeaderRow,
  type Lang,
  type StaffStatus,
} from '@chufei/ledger'
import { trackTempFile, untrackTempFile } from '../atomic-file'
import type { HeaderEvent, LedgerItem } from '../score-stream'
import type { Tally } from '../tally'
import { fieldLabel, isKeyLead, toLedgerRow, type LedgerCell, type LedgerContext, type LedgerRow } from './ledger-row'
import type { LedgerWriter } from './ledger-writer'
import { statisticsRows } from './statistics'
import { writeChunk } from './write-chunk'

/*
 * The XLSX ledger, written with exceljs's streaming WorkbookWriter:
 *   风险台账     every data row, streamed as it is scored;
 *   重点线索台账 yellow and above, sorted by total (only these rows are kept in memory);
 *   问题行       one line per data problem — spooled to a scratch file while the first sheet streams,
 *               because exceljs would otherwise buffer a second sheet in memory;
 *   统计         counts by tier, disposition, sector and village.
 * Frozen header row, column widths, auto-filter, tier fill colours, and a 状态 dropdown on the two ledger
 * sheets (待处置 / 处置中 / 已化解: what staff set by hand and `chufei track` carries forward).
 */

/** Sheet names of the XLSX ledger, by language; the first is the one @chufei/ledger reads back. */
export const XLSX_SHEET_NAMES: Readonly<Record<Lang, readonly [string, string, string, string]>> = {
  zh: [LEDGER_SHEET_NAMES.main.zh, '重点线索台账', '问题行', '统计'],
  en: [LEDGER_SHEET_NAMES.main.en, 'Key leads', 'Problem rows', 'Statistics'],
}

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

const tierCol = SCORE_LEDGER_COLUMNS.findIndex((c) => c.field === 'tier') + 1
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

const addLedgerRow = (ws: ExcelJS.Worksheet, row: LedgerRow, tier: Tier | null) => {
  const r = ws.addRow(SCORE_LEDGER_COLUMNS.map((c) => neutraliseCell<LedgerCell>(row[c.field])))
  fillTier(r.getCell(tierCol), tier)
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

export const createXlsxWriter = (out: Writable, context: LedgerContext, scratchDir: string): LedgerWriter => {
  const { lang } = context
  const names = XLSX_SHEET_NAMES[lang]
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false })
  const ledger = startSheet(wb, names[0], ledgerHeaders(SCORE_LEDGER_COLUMNS, lang), SCORE_LEDGER_COLUMNS.map((c) => c.width))
  const keyRows: Array<{ row: LedgerRow; total: number; line: number; tier: Tier }> = []
  let ledgerRows = 0
  const spoolPath = join(scratchDir, `.chufei-problems.${process.pid}.${Date.now().toString(36)}.tmp`)
  let spool: WriteStream | null = null

  const spoolProblem = async (p: ProblemLine) => {
    if (spool === null) {
      spool = createWriteStream(spoolPath, { flags: 'wx' })
      trackTempFile(spoolPath)
    }
    await writeChunk(spool, `${JSON.stringify(p)}\n`)
  }

  const closeSpool = async () => {
    const s = spool
    if (s === null) return
    await new Promise<void>((resolve, reject) => {
      if (s.closed) return resolve()
      s.once('error', reject)
      s.once('close', () => resolve())
      if (!s.writableEnded) s.end()
      else if (s.destroyed) resolve()
    })
  }

  const removeSpool = async () => {
    if (spool === null) return
    const s: WriteStream = spool
    s.destroy()
    await closeSpool().catch(() => {})
    await rm(spoolPath, { force: true })
    untrackTempFile(spoolPath)
  }

  return {
    header: async (header: HeaderEvent) => {
      const message = lang === 'zh' ? '未识别的列，已忽略' : 'unrecognised column, ignored'
      for (const column of header.unknownColumns) await spoolProblem({ line: header.line, id: '', field: column, message })
    },
    write: async (item: LedgerItem) => {
      const row = toLedgerRow(item, context)
      const { result } = item
      addLedgerRow(ledger, row, result.status === 'scored' ? result.tier : null)
      ledgerRows += 1
      if (isKeyLead(result)) keyRows.push({ row, total: result.total, line: result.line ?? 0, tier: result.tier })
      const problems = [...(result.status === 'rejected' ? result.errors : []), ...(result.warnings ?? [])]
      for (const p of problems) {
        await spoolProblem({ line: result.line ?? null, id: result.id ?? '', field: fieldLabel(p.field, lang), message: p.message })
      }
      // Give the zip a turn to drain the sheet stream before the next row.
      if (out.writableNeedDrain) {
        await new Promise<void>((resolve, reject) => {
          const done = (e?: unknown) => {
            out.off('drain', done)
            out.off('error', done)
            if (e === undefined) resolve()
            else reject(e)
          }
          out.once('drain', done)
          out.once('error', done)
        })
      }
    },
    end: async (tally: Tally) => {
      addStatusDropdown(ledger, 1 + ledgerRows, lang)
      ledger.commit()

      const key = startSheet(wb, names[1], ledgerHeaders(SCORE_LEDGER_COLUMNS, lang), SCORE_LEDGER_COLUMNS.map((c) => c.width))
      keyRows.sort((a, b) => b.total - a.total || a.line - b.line)
      for (const k of keyRows) addLedgerRow(key, k.row, k.tier)
      addStatusDropdown(key, 1 + keyRows.length, lang)
      key.commit()

      const problems = startSheet(wb, names[2], PROBLEM_COLUMNS[lang], [8, 16, 22, 60])
      await closeSpool()
      if (spool !== null) {
        const lines = createInterface({ input: createReadStream(spoolPath, 'utf8'), crlfDelay: Infinity })
        for await (const text of lines) {
          if (text === '') continue
          const p = JSON.parse(text) as ProblemLine
          problems.addRow([p.line, neutraliseCell(p.id), neutraliseCell(p.field), neutraliseCell(p.message)]).commit()
        }
        await removeSpool()
      }
      problems.commit()

      const stats = startSheet(wb, names[3], lang === 'zh' ? ['项目', '数量'] : ['Item', 'Count'], [36, 10])
      for (const s of statisticsRows(tally, lang)) {
        const r = stats.addRow([neutraliseCell(s.label), s.count])
        if (s.heading) r.font = { bold: true }
        fillTier(r.getCell(1), s.tier)
        r.commit()
      }
      stats.commit()
      await wb.commit()
    },
    abort: removeSpool,
  }
}

