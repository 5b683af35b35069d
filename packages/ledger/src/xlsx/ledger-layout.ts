import type { Tier } from '@chufei/core'
import { neutraliseCell } from '../formula-guard'
import type { Lang } from '../labels'
import { SCORE_LEDGER_COLUMNS } from '../ledger-columns'
import { ledgerSheetName } from '../ledger-guide'
import type { HeaderEvent, LedgerItem } from '../ledger-item'
import { fieldLabel, type LedgerCell, type LedgerRow } from '../ledger-row'
import { clipToSheet, mainReasonsCell } from '../main-reasons'
import { STAFF_STATUSES, type StaffStatus } from '../record'
import { excelDate } from '../xlsx-style'
import { columnLetter, type ListValidation } from './sheet-writer'

/*
 * What goes in the XLSX ledger's cells, apart from how they are written: the values of a ledger row, the
 * 问题行 columns and lines, the rows spooled for the later sheets and the 状态 dropdown. The streaming writer
 * (xlsx-ledger-writer.ts) and the exceljs writer it replaced (kept as the differential test's oracle) share it, so
 * the test compares the writing, not two copies of the layout.
 */

/** Header of the 问题行 sheet. */
export const PROBLEM_COLUMNS: Readonly<Record<Lang, readonly string[]>> = {
  zh: ['行号', '线索编号', '字段', '问题'],
  en: ['Line', 'Lead ID', 'Field', 'Problem'],
}

/** Column widths of the 问题行 sheet. */
export const PROBLEM_WIDTHS: readonly number[] = [8, 16, 22, 60]

/** One line of the 问题行 sheet, as spooled. */
export interface ProblemLine {
  readonly line: number | null
  readonly id: string
  readonly field: string
  readonly message: string
}

/** The 问题行 lines of a sheet's header: one for each column the reader did not recognise (and ignored). */
export const headerProblems = (header: HeaderEvent, lang: Lang): ProblemLine[] => {
  const message = lang === 'zh' ? '未识别的列，已忽略' : 'unrecognised column, ignored'
  return header.unknownColumns.map((field) => ({ line: header.line, id: '', field, message }))
}

/** The 问题行 lines of a result: a rejected lead's errors, then its warnings; the field by its label in `lang`. */
export const resultProblems = (result: LedgerItem['result'], lang: Lang): ProblemLine[] =>
  [...(result.status === 'rejected' ? result.errors : []), ...(result.warnings ?? [])].map((p) => ({
    line: result.line ?? null,
    id: result.id ?? '',
    field: fieldLabel(p.field, lang),
    message: p.message,
  }))

/** A key lead as spooled: its ledger row, its reasons and its tier (cells are rebuilt when written). */
export interface KeyRow {
  readonly row: LedgerRow
  readonly reasons: string[]
  readonly tier: Tier
}

/** One lead's reasons as spooled for the 评分依据 sheet. */
export interface ReasonLines {
  readonly id: string
  readonly name: string
  readonly reasons: string[]
}

/** 1-based columns of the ledger sheets that carry a style. */
export const TIER_COLUMN = SCORE_LEDGER_COLUMNS.findIndex((c) => c.field === 'tier') + 1
export const REASONS_COLUMN = SCORE_LEDGER_COLUMNS.findIndex((c) => c.field === 'reasons') + 1
const STATUS_COLUMN = SCORE_LEDGER_COLUMNS.findIndex((c) => c.field === 'status') + 1

/** The 统计 and 说明 sheets' headers and widths. */
export const STATS_HEADERS: Readonly<Record<Lang, readonly string[]>> = { zh: ['项目', '数量'], en: ['Item', 'Count'] }
export const STATS_WIDTHS: readonly number[] = [36, 10]
export const GUIDE_HEADERS: Readonly<Record<Lang, readonly string[]>> = { zh: ['项目', '内容'], en: ['Item', 'What'] }
export const GUIDE_WIDTHS: readonly number[] = [22, 100]

/** A ledger row as XLSX cells: 主要依据 as its main reasons (one per line), dates as Excel dates, text guarded. */
export const xlsxCells = (row: LedgerRow, reasons: readonly string[], lang: Lang): Array<LedgerCell | Date> =>
  SCORE_LEDGER_COLUMNS.map((c) => {
    if (c.field === 'reasons') return neutraliseCell(mainReasonsCell(reasons, lang))
    if (c.field === 'problems') return neutraliseCell(clipToSheet(String(row.problems ?? ''), ledgerSheetName('problems', lang), lang))
    const v = neutraliseCell<LedgerCell>(row[c.field])
    return c.date ? excelDate(v) : v
  })

/** The 状态 values staff choose from; 持续监测 and 问题行 are the CLI's own, recomputed on every sweep. */
const HAND_STATUSES: readonly StaffStatus[] = ['pending', 'in-progress', 'resolved']

/**
 * The 状态 dropdown over rows 2…lastRow (none when the sheet has no data row), one range. Other values are
 * allowed after a warning, so 持续监测/问题行 written by the CLI stay valid and an office's own wording is not refused.
 * `column` (1-based) is the 状态 column: the score ledger's by default; the tracked ledger's moves with staff-added
 * columns.
 */
export const statusDropdown = (lastRow: number, lang: Lang, column: number = STATUS_COLUMN): ListValidation | undefined => {
  if (lastRow < 2) return undefined
  const col = columnLetter(column)
  const choices = HAND_STATUSES.map((s) => STAFF_STATUSES[s][lang])
  return {
    ref: `${col}2:${col}${lastRow}`,
    choices,
    errorTitle: lang === 'zh' ? '状态' : 'Status',
    error: lang === 'zh' ? `请从下拉列表中选择：${choices.join('、')}` : `Please choose from the list: ${choices.join(', ')}`,
  }
}
