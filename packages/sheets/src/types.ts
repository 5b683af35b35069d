import type { Lead, LeadError, LeadWarning } from '@chufei/core'

/*
 * Types shared by the sheet readers (csv/xlsx/json) and the value/column mapping of @chufei/sheets.
 * The shapes are the ones agreed in notes/sheets-interface.md.
 */

/** The file formats a sheet (排查表) can come in. */
export type SheetFormat = 'csv' | 'xlsx' | 'json' | 'jsonl'

/** A raw cell as a reader yields it. CSV gives strings; XLSX may give numbers, booleans, Dates, null. */
export type Cell = string | number | boolean | Date | null

/**
 * One event of a sheet read. Every row after the header produces exactly one `lead`, `rejected` or
 * `skipped` event, so read = leads + rejected + skipped.
 */
export type SheetEvent =
  | {
      kind: 'header'
      line: number
      format: SheetFormat
      encoding?: string
      sheet?: string
      columns: Array<{ header: string; field: string | null }>
      unknownColumns: string[]
    }
  | { kind: 'lead'; line: number; lead: Lead; warnings: LeadWarning[] }
  | { kind: 'rejected'; line: number; id: string | null; errors: LeadError[]; warnings: LeadWarning[] }
  | { kind: 'skipped'; line: number; reason: 'blank' | 'footer' }

/** The unit an amount column is written in (from the header bracket, e.g. `集资金额（万元）`). */
export type AmountUnit = '元' | '万元' | '亿元'

/** One header cell that maps to a lead field. */
export interface ColumnBinding {
  /** 0-based index of the cell in the row. */
  readonly index: number
  /** The header text as written in the sheet (trimmed), for messages. */
  readonly header: string
  /** Dotted lead field path, e.g. `people.total`. */
  readonly field: string
  /** Amount columns only: the unit a bare number is in. */
  readonly unit?: AmountUnit
}

/** The result of recognising a header row (表头) with `matchHeaderRow`. */
export interface HeaderMatch {
  /** Every non-empty header cell in sheet order, with the field it maps to (`null`: not recognised). */
  columns: Array<{ header: string; field: string | null }>
  /** Header texts that map to no field, each once, in sheet order (reported once as a warning). */
  unknownColumns: string[]
  /** The recognised columns, one per field (the first column wins when two map to the same field). */
  readonly bindings: readonly ColumnBinding[]
  /** The header row's width: its cells up to the last non-empty one. A data cell beyond it is under no header. */
  readonly width: number
}
