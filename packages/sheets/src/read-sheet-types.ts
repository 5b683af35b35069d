import type { Cell, SheetFormat } from './types'
import type { XlsxLimits } from './xlsx/xlsx-limits'

/** Options of {@link readSheet}. */
export interface ReadSheetOptions {
  /** Default: from the file extension, else sniffed from the content. */
  format?: SheetFormat
  /** CSV (and JSON text) only: overrides encoding detection, e.g. `utf-8`, `gb18030`, `utf-16le`. */
  encoding?: string
  /** XLSX only: the worksheet (工作表) to read; default the first visible worksheet whose header row is found. */
  sheet?: string
  /** XLSX only: inflated-size and shared-string memory limits; default `DEFAULT_XLSX_LIMITS`. */
  xlsxLimits?: Partial<XlsxLimits>
  /** Extra header → field path mappings (the CLI's `--columns map.json`). */
  columns?: Record<string, string>
}

/** A file path, or the bytes of an upload with an optional file name (used for the format and in messages). */
export type SheetInput = string | { bytes: Uint8Array; name?: string }

/** A cell holding an error value (`#N/A`, `#REF!`, `#DIV/0!`…), typically a formula that failed. */
export interface CellError {
  /** 0-based index of the cell in the row. */
  readonly index: number
  /**
   * The error as Excel shows it, e.g. `#REF!`; for an {@link CellError.uncomputed} formula, the formula as
   * written (`=20*3`, cut to 40 characters; empty for a cell that shares another cell's formula).
   */
  readonly code: string
  /**
   * A formula saved without its result (公式没有保存计算结果): Excel and WPS always save one, but files written by
   * programs (openpyxl, scripts, some exports) often do not. Its value is unknown, not blank.
   */
  readonly uncomputed?: true
}

/** One physical row as a reader yields it, before header matching. */
export interface RawRow {
  /** 1-based: the CSV line the record starts on, or the XLSX worksheet row number. */
  readonly line: number
  readonly cells: Cell[]
  /** XLSX: the cells of the row that hold error values (their text, e.g. `#N/A`, is in `cells` too). */
  readonly errors?: readonly CellError[]
}

/** What a reader learned about the file; filled in while rows are read. */
export interface RawSheetInfo {
  /** CSV: the text encoding used (`utf-8`, `gb18030`, `utf-16le`, `utf-16be`). */
  encoding?: string
  /** CSV: the field delimiter. */
  delimiter?: string
  /** XLSX: the worksheet name. */
  sheet?: string
}
