import { normalizeHeader } from '@chufei/sheets'
import { cellText, type PlainCell } from './_cells'
import { LEDGER_COLUMN_SPECS, LEDGER_SHEET_NAMES, type LedgerField } from './ledger-columns'
import { STATUS_INDEX, lookup } from './labels'
import { idKey } from './match-key'

/*
 * The sheets of a ledger workbook as staff bring it back: renamed (Sheet1), reordered, with columns moved,
 * headers reworded (备注（处置情况）), columns added (督办人, 联系电话) and edits made on 重点线索台账 as well
 * as on 风险台账. Every sheet with a ledger header (线索编号 and 预警等级) is found by that header; the
 * main one is the sheet the others are views of. Nothing typed is dropped: an added column is carried, an
 * edit on a view is merged into the main row, and two different edits of one lead are a conflict, reported.
 */

export const HEADER_SCAN_ROWS = 10

/** The lookup forms of a header, as the sheet reader compares them: the whole, then without (…) groups. */
const headerKeys = (text: string): string[] => {
  const norm = normalizeHeader(text)
  const bare = norm.replace(/\([^()]*\)/g, '')
  return bare !== norm && bare !== '' ? [norm, bare] : [norm]
}

const HEADER_INDEX: ReadonlyMap<string, LedgerField> = (() => {
  const index = new Map<string, LedgerField>()
  for (const spec of LEDGER_COLUMN_SPECS) {
    for (const h of [spec.zh, spec.en, ...(spec.aliases ?? [])]) {
      const k = normalizeHeader(h)
      if (!index.has(k)) index.set(k, spec.field)
    }
  }
  return index
})()

/** The ledger field a header names (tolerant as the sheet reader is), or undefined. */
export const headerField = (text: string): LedgerField | undefined => {
  for (const k of headerKeys(text)) {
    const f = HEADER_INDEX.get(k)
    if (f !== undefined) return f
  }
  return undefined
}

/** A column staff added: its header as typed, the key it is matched by across sheets, and what it follows. */
export interface ExtraColumn {
  readonly header: string
  readonly key: string
  /** The ledger field left of it on its sheet (null: before every ledger column), to write it in place. */
  readonly after: LedgerField | null
}

export interface LedgerSheet {
  /** The worksheet (its tab name). */
  readonly ws: { readonly name: string }
  readonly headerRow: number
  /** Column number → field. */
  readonly columns: ReadonlyMap<number, LedgerField>
  /** Column number → added column. */
  readonly extras: ReadonlyMap<number, ExtraColumn>
  /** Header text of each field, as typed. */
  readonly headers: ReadonlyMap<LedgerField, string>
}

/** One data row of a ledger sheet, before it is parsed. */
export interface RawLedgerRow {
  readonly row: number
  readonly cells: Map<LedgerField, PlainCell>
  /** Added columns by key. */
  readonly extras: Map<string, PlainCell>
}

/** A header row → the sheet's columns, when it is a ledger header (has 线索编号 and 预警等级). */
export const matchLedgerHeader = (cells: ReadonlyArray<PlainCell>): { columns: Map<number, LedgerField>; extras: Map<number, ExtraColumn> } | null => {
  const columns = new Map<number, LedgerField>()
  const seen = new Set<LedgerField>()
  const extras = new Map<number, ExtraColumn>()
  const keys = new Map<string, number>()
  let after: LedgerField | null = null
  cells.forEach((cell, col) => {
    const text = cellText(cell ?? null)
    if (text === '') return
    const field = headerField(text)
    if (field !== undefined && !seen.has(field)) {
      seen.add(field)
      columns.set(col, field)
      after = field
      return
    }
    // A second column of a field, or a header chufei does not write: staff's own column, carried as it is.
    const base = normalizeHeader(text)
    const n = (keys.get(base) ?? 0) + 1
    keys.set(base, n)
    extras.set(col, { header: text, key: n === 1 ? base : `${base}#${n}`, after })
  })
  return seen.has('id') && seen.has('tier') ? { columns, extras } : null
}

/** Worksheet `name`'s ledger sheet when `cells` (row `row`, 0-based columns) is a ledger header, else null. */
export const ledgerSheetOf = (name: string, row: number, cells: ReadonlyArray<PlainCell>): LedgerSheet | null => {
  const match = matchLedgerHeader(cells)
  if (match === null) return null
  const headers = new Map<LedgerField, string>()
  for (const [col, field] of match.columns) headers.set(field, cellText(cells[col] ?? null))
  return { ws: { name }, headerRow: row, columns: match.columns, extras: match.extras, headers }
}

/**
 * A cell's value on its own. The sheet reader's texts are slices of the 64 KiB pieces of XML they were read from,
 * and V8 keeps a whole piece alive while any slice of it lives: a 200,000-row ledger's records held ≈ 640 MB so.
 * A copy (made flat, then sliced from that) holds only its own characters.
 */
const detached = (v: PlainCell | undefined): PlainCell => (typeof v === 'string' ? (v === '' ? v : ` ${v}`.slice(1)) : (v ?? null))

/** A data row of a ledger sheet by field and added column; null when it is blank (the caller counts those). */
export const rawLedgerRow = (sheet: LedgerSheet, row: number, values: ReadonlyArray<PlainCell>): RawLedgerRow | null => {
  if (values.every((v) => cellText(v ?? null) === '')) return null
  const cells = new Map<LedgerField, PlainCell>()
  for (const [col, field] of sheet.columns) cells.set(field, detached(values[col]))
  const extras = new Map<string, PlainCell>()
  for (const [col, extra] of sheet.extras) extras.set(extra.key, detached(values[col]))
  return { row, cells, extras }
}

const idsOf = (rows: ReadonlyArray<RawLedgerRow | null>): Set<string> => {
  const ids = new Set<string>()
  for (const r of rows) {
    const k = r === null ? null : idKey(cellText(r.cells.get('id') ?? null) || null)
    if (k !== null) ids.add(k)
  }
  return ids
}

const MAIN_NAMES: ReadonlySet<string> = new Set([LEDGER_SHEET_NAMES.main.zh, LEDGER_SHEET_NAMES.main.en].map(normalizeHeader))

/**
 * The main sheet among the ledger sheets: the one most other ledger sheets are views of (their leads all
 * in it, as 重点线索台账 is of 风险台账); then a sheet still called 风险台账; then the most rows; then the
 * first. Names and positions only break ties — a renamed, moved main sheet is still found.
 */
export const pickMainSheet = (sheets: readonly LedgerSheet[], rows: ReadonlyArray<ReadonlyArray<RawLedgerRow | null>>): number => {
  const ids = rows.map(idsOf)
  const score = (i: number) => {
    const views = ids.filter((other, j) => j !== i && other.size > 0 && [...other].every((k) => ids[i]!.has(k))).length
    return [views, MAIN_NAMES.has(normalizeHeader(sheets[i]!.ws.name)) ? 1 : 0, rows[i]!.filter((r) => r !== null).length] as const
  }
  let best = 0
  for (let i = 1; i < sheets.length; i++) {
    const [a, b] = [score(i), score(best)]
    if (a[0] > b[0] || (a[0] === b[0] && (a[1] > b[1] || (a[1] === b[1] && a[2] > b[2])))) best = i
  }
  return best
}

/** 状态 values chufei writes itself (待处置, 持续监测, 问题行): an edit is anything else. */
export const isWrittenStatus = (text: string): boolean => {
  const s = lookup(STATUS_INDEX, text)
  return s === 'pending' || s === 'monitor' || s === 'problem'
}
