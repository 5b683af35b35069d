import type { Issue } from '@chufei/core'
import { cellText, type PlainCell } from './_cells'
import { LEDGER_SHEET_NAMES, LEGACY_GONE_SHEET_NAME, type LedgerField } from './ledger-columns'
import { isWrittenStatus, type ExtraColumn, type LedgerSheet, type RawLedgerRow } from './ledger-sheets'
import { idKey } from './match-key'
import { parseLedgerDate } from './read-ledger-row'

/*
 * Edits made on a view of the main sheet (重点线索台账 lists the key leads of 风险台账 again) merged into
 * the main rows, by lead id. Both sheets were written with the same values, so where they differ one was
 * edited: a blank or chufei's own 状态 loses to what staff typed, a note that contains the other wins.
 * Two edits that cannot both be right are a conflict: the main sheet's value stays in the cell, the other
 * is reported by id and written beside the lead, never silently dropped.
 */

/** Fields staff edit and `chufei track` carries forward. */
export const EDITABLE_FIELDS = ['status', 'notes', 'deadline'] as const satisfies readonly LedgerField[]

/** Two different edits of one lead's cell on two sheets. */
export interface LedgerConflict {
  readonly id: string
  /** The column header as the main sheet has it. */
  readonly column: string
  readonly main: { readonly sheet: string; readonly row: number; readonly text: string }
  readonly other: { readonly sheet: string; readonly row: number; readonly text: string }
}

export interface MergedViews {
  /** Added columns of every ledger sheet, main sheet's first, each once. */
  readonly extraColumns: ExtraColumn[]
  readonly conflicts: LedgerConflict[]
  /** Conflicts by main row number, for the lead's 动态 note. */
  readonly conflictsByRow: Map<number, LedgerConflict[]>
  /** Cells taken from a view, by column header. */
  readonly taken: Map<string, number>
  readonly issues: Issue[]
}

const GONE_NAMES: ReadonlySet<string> = new Set([LEDGER_SHEET_NAMES.gone.zh, LEDGER_SHEET_NAMES.gone.en, LEGACY_GONE_SHEET_NAME])

type Choice = 'keep' | 'take' | 'conflict'

const sameDate = (a: PlainCell, b: PlainCell): boolean => {
  const x = parseLedgerDate(a)
  return x !== null && x === parseLedgerDate(b)
}

/** Which of two differing values is the edit. */
const choose = (field: LedgerField | null, a: PlainCell, b: PlainCell): Choice => {
  const [x, y] = [cellText(a), cellText(b)]
  if (x === y || y === '') return 'keep'
  if (x === '') return 'take'
  if (field === 'deadline' && sameDate(a, b)) return 'keep'
  if (field === 'status') {
    if (isWrittenStatus(y)) return 'keep'
    if (isWrittenStatus(x)) return 'take'
    return 'conflict'
  }
  if (field === 'notes' || field === null) {
    if (x.includes(y)) return 'keep'
    if (y.includes(x)) return 'take'
  }
  return 'conflict'
}

export interface SheetRows {
  readonly sheet: LedgerSheet
  readonly rows: ReadonlyArray<RawLedgerRow | null>
}

/** Merges the edits of `views` into `main`'s rows (in place) and says what it took and what conflicts. */
export const mergeViewEdits = (main: SheetRows, views: readonly SheetRows[], file: string): MergedViews => {
  const extraColumns = [...main.sheet.extras.values()]
  const known = new Set(extraColumns.map((e) => e.key))
  const byId = new Map<string, RawLedgerRow>()
  for (const r of main.rows) {
    const k = r === null ? null : idKey(cellText(r.cells.get('id') ?? null) || null)
    if (r !== null && k !== null && !byId.has(k)) byId.set(k, r)
  }
  const conflicts: LedgerConflict[] = []
  const conflictsByRow = new Map<number, LedgerConflict[]>()
  const taken = new Map<string, number>()
  const issues: Issue[] = []
  const mainName = main.sheet.ws.name
  const headerOf = (field: LedgerField) => main.sheet.headers.get(field) ?? field

  for (const view of views) {
    const viewName = view.sheet.ws.name
    for (const e of view.sheet.extras.values()) {
      if (!known.has(e.key)) {
        known.add(e.key)
        extraColumns.push(e)
      }
    }
    const unmatched: string[] = []
    for (const r of view.rows) {
      if (r === null) continue
      const idText = cellText(r.cells.get('id') ?? null)
      const target = byId.get(idKey(idText || null) ?? '')
      if (target === undefined) {
        unmatched.push(idText === '' ? `第${r.row}行（无编号）` : idText)
        continue
      }
      const visit = (column: string, field: LedgerField | null, a: PlainCell, b: PlainCell, set: (v: PlainCell) => void) => {
        const choice = choose(field, a, b)
        if (choice === 'take') {
          set(b)
          taken.set(column, (taken.get(column) ?? 0) + 1)
        } else if (choice === 'conflict') {
          const c: LedgerConflict = {
            id: idText,
            column,
            main: { sheet: mainName, row: target.row, text: cellText(a) },
            other: { sheet: viewName, row: r.row, text: cellText(b) },
          }
          conflicts.push(c)
          conflictsByRow.set(target.row, [...(conflictsByRow.get(target.row) ?? []), c])
          issues.push({
            code: 'ledger-conflict',
            severity: 'warning',
            file,
            line: target.row,
            message: `线索 ${idText} 的“${column}”在“${mainName}”第${target.row}行为“${c.main.text}”，在“${viewName}”第${r.row}行为“${c.other.text}”：两处修改不同，新台账沿用“${mainName}”的值，另一值写入“动态”栏，请核实`,
            messageEn: `lead ${idText}: “${column}” is “${c.main.text}” on “${mainName}” row ${target.row} but “${c.other.text}” on “${viewName}” row ${r.row}; the new ledger keeps the first and notes the other under 动态 — please check`,
          })
        }
      }
      for (const field of EDITABLE_FIELDS) {
        if (!view.sheet.headers.has(field)) continue
        visit(headerOf(field), field, target.cells.get(field) ?? null, r.cells.get(field) ?? null, (v) => target.cells.set(field, v))
      }
      for (const [key, value] of r.extras) {
        const header = extraColumns.find((e) => e.key === key)?.header ?? key
        visit(header, null, target.extras.get(key) ?? null, value, (v) => target.extras.set(key, v))
      }
    }
    // chufei track's own list of previous leads gone from the sweep shares no lead with the main sheet by
    // design (说明 says so); any other sheet with leads not on the main sheet is said.
    const goneList = GONE_NAMES.has(viewName) && unmatched.length === view.rows.filter((r) => r !== null).length
    if (unmatched.length > 0 && !goneList) {
      const shown = unmatched.slice(0, 20).join('、') + (unmatched.length > 20 ? `等${unmatched.length}条` : '')
      issues.push({
        code: 'ledger-view-unmatched',
        severity: 'warning',
        file,
        message: `工作表“${viewName}”中有${unmatched.length}条线索不在主表“${mainName}”中，未参与本次比较：${shown}`,
        messageEn: `${unmatched.length} leads on sheet “${viewName}” are not on the main sheet “${mainName}” and were not compared: ${unmatched.slice(0, 20).join(', ')}`,
      })
    }
  }
  return { extraColumns, conflicts, conflictsByRow, taken, issues }
}
