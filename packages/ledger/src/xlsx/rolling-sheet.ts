import type { Lang } from '../labels'
import { continuationName, type ContinuedSheet } from '../sheet-continuation'
import type { SheetWriter, XlsxValue } from './sheet-writer'
import type { StyleId } from './styles'

/*
 * One logical sheet written as as many worksheets as the row limit needs: when the current one holds `maxRows`
 * rows (its header included), it is ended and the next, 评分依据（续2） and so on, is started with the same layout.
 * Where a part's rows go (straight into the archive, or into a scratch file) is the caller's: `open` makes a part,
 * `close` ends one (adding the 状态 dropdown for the ledger sheets). Without this Excel and WPS would silently drop
 * every row past 1,048,576.
 */

/** How to make and end the parts of a rolling sheet. */
export interface RollingSheetParts {
  /** The first part's name; later parts are named after it (continuationName). */
  readonly name: string
  readonly lang: Lang
  /** Rows per part, header included (EXCEL_MAX_ROWS; a test passes a few). At least 2. */
  readonly maxRows: number
  /** Starts part `name` (header written). */
  open(name: string): SheetWriter
  /** Ends a part that is full or last. */
  close(sheet: SheetWriter): Promise<void>
}

/** A sheet that continues in further sheets past the row limit. */
export interface RollingSheet {
  /** Starts the first part now if no row has (so it is in the archive even when empty). */
  start(): void
  /** Writes the next data row, into a new part when the current one is full. */
  row(values: readonly XlsxValue[], styles?: readonly StyleId[] | null, rowStyle?: StyleId): Promise<void>
  /** Ends the current part, if any was started. */
  end(): Promise<void>
  /** The parts' names so far, in order. */
  readonly names: readonly string[]
  /** When it needed more than one sheet: its names and data rows (after `end`), else null. */
  readonly continued: ContinuedSheet | null
}

/** A rolling sheet over `parts`; nothing is started until the first row or `start`. */
export const createRollingSheet = (parts: RollingSheetParts): RollingSheet => {
  if (!Number.isInteger(parts.maxRows) || parts.maxRows < 2) throw new RangeError(`maxRows must be an integer ≥ 2 (a header and a row), got ${parts.maxRows}`)
  const names: string[] = []
  let current: SheetWriter | null = null
  let rows = 0

  const open = (): SheetWriter => {
    const name = continuationName(parts.name, names.length + 1, parts.lang)
    names.push(name)
    current = parts.open(name)
    return current
  }

  return {
    start: () => {
      if (current === null && names.length === 0) open()
    },
    row: async (values, styles, rowStyle) => {
      let sheet = current ?? open()
      if (sheet.rowCount >= parts.maxRows) {
        await parts.close(sheet)
        sheet = open()
      }
      rows += 1
      await sheet.row(values, styles, rowStyle)
    },
    end: async () => {
      const sheet = current
      current = null
      if (sheet !== null) await parts.close(sheet)
    },
    get names() {
      return names
    },
    get continued() {
      return names.length > 1 ? { name: names[0]!, continuations: names.slice(1), rows } : null
    },
  }
}
