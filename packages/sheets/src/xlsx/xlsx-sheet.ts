import type { CellError, RawRow } from '../read-sheet-types'
import type { Cell } from '../types'
import { cleanCellText, normalizeLineBreaks } from './xlsx-text'
import { attribute, attributes as attributesOf, createXmlScanner, decodeXmlText, type XmlHandler } from './xlsx-xml'

/*
 * A worksheet part (`xl/worksheets/sheetN.xml`) as rows, streamed: one `<row>` of `<sheetData>` → one
 * raw row with its worksheet row number, cells at their column positions, valued as the user sees them.
 * Merged cells keep their value in the top-left cell only, as Excel stores them.
 */

/** Excel's own column limit (XFD): a cell beyond it is not a real cell. */
const MAX_COLUMNS = 16_384
const MS_PER_DAY = 86_400_000
/** Days from 1899-12-30 (serial 0 of the 1900 system) to 1970-01-01. */
const UNIX_EPOCH_SERIAL = 25_569
/** The 1904 date system (Mac Excel) starts 1,462 days later. */
const DATE_1904_OFFSET = 1_462

const CELL_ATTRIBUTES = ['r', 't', 's'] as const
/** How much of an uncomputed formula a warning shows. */
const FORMULA_SHOWN = 40
/** How much of a formula's XML text is kept to show that much: room for escapes (`&amp;` is 5 for 1). */
const FORMULA_KEPT = FORMULA_SHOWN * 6

/** What cell values need from the rest of the workbook. */
export interface SheetContext {
  readonly sharedStrings: readonly string[]
  /** Per cell style: whether it formats numbers as dates. */
  readonly dateStyles: readonly boolean[]
  readonly date1904: boolean
}

/** Column number (1-based) of a cell reference such as `AB12`; 0 when it has no letters. */
const columnOf = (ref: string): number => {
  let column = 0
  for (let i = 0; i < ref.length; i++) {
    const c = ref.charCodeAt(i) | 0x20 // lower case
    if (c < 0x61 || c > 0x7a) break
    column = column * 26 + (c - 0x60)
    if (column > MAX_COLUMNS) return MAX_COLUMNS + 1
  }
  return column
}

/** A number as exceljs read it (`parseFloat`); not finite → no value. */
const numberCell = (text: string): number | null => {
  const n = Number.parseFloat(text)
  return Number.isFinite(n) ? n : null
}

const textCell = (text: string): Cell => (text === '' ? null : text)

/**
 * The value a user sees in a cell, from its type `t`, style `s` and stored value (for a formula, its
 * cached result, typed the same way): shared and inline strings as text (escapes decoded, line breaks
 * `\n`), booleans, error codes as text (`#N/A`; the row also lists them, see {@link RawRow.errors}),
 * numbers, and numbers in a date style as `Date`.
 */
const cellValue = (type: string | undefined, style: number, value: string | null, context: SheetContext): Cell => {
  if (value === null) return null
  switch (type) {
    case 's': {
      const shared = context.sharedStrings[Number.parseInt(value, 10)]
      return shared === undefined ? null : textCell(shared)
    }
    case 'inlineStr':
    case 'str':
    case 'e':
      return textCell(cleanCellText(value))
    case 'b':
      return Number.parseInt(value, 10) !== 0
    case 'd': {
      // An ISO 8601 date; a time alone (`10:10:10`) is no date, and is kept as written rather than lost.
      const date = new Date(value)
      return Number.isNaN(date.getTime()) ? textCell(value) : date
    }
    default: {
      const n = numberCell(value)
      if (n === null || !style || context.dateStyles[style] !== true) return n
      const date = new Date(Math.round((n - UNIX_EPOCH_SERIAL + (context.date1904 ? DATE_1904_OFFSET : 0)) * MS_PER_DAY))
      return Number.isNaN(date.getTime()) ? null : date
    }
  }
}

/** Streams the rows of a worksheet's XML. Rows Excel does not store (never touched) produce nothing. */
export async function* readSheetRows(xml: AsyncIterable<string>, context: SheetContext): AsyncGenerator<RawRow> {
  const ready: RawRow[] = []
  let inData = false
  let line = 0
  let cells: Cell[] | null = null
  let errors: CellError[] = []
  let column = 0
  // The cell being read.
  let type: string | undefined
  let style = 0
  let value: string | null = null
  let inValue = false
  let inInline = 0
  let phonetic = 0
  let raw = ''
  // The cell's formula (`<f>`), when it has one: a formula with no `<v>` has no result saved.
  let formula: string | null = null
  let inFormula = false

  const h: XmlHandler = {
    wantText: false,
    stop: false,
    open(name, attributes, selfClosing) {
      if (!inData) {
        if (name === 'sheetData') inData = !selfClosing
        return
      }
      switch (name) {
        case 'row': {
          const r = Number.parseInt(attribute(attributes, 'r') ?? '', 10)
          line = Number.isInteger(r) && r > 0 ? r : line + 1
          cells = []
          errors = []
          column = 0
          if (selfClosing) {
            ready.push({ line, cells })
            cells = null
          }
          return
        }
        case 'c': {
          const [ref, t, s] = attributesOf(attributes, CELL_ATTRIBUTES)
          const at = ref === undefined ? 0 : columnOf(ref)
          column = at > 0 ? at : column + 1
          type = t
          style = s === undefined ? 0 : Number.parseInt(s, 10) || 0
          value = null
          formula = null
          inInline = 0
          phonetic = 0
          return
        }
        case 'f':
          formula = ''
          if (!selfClosing) {
            inFormula = true
            raw = ''
            h.wantText = true
          }
          return
        case 'v':
          if (selfClosing) value ??= ''
          else {
            inValue = true
            raw = ''
            h.wantText = true
          }
          return
        case 'is':
          if (!selfClosing) inInline++
          value = '' // the inline string, not a <v> some writers put beside it
          return
        case 'rPh':
          if (!selfClosing) phonetic++
          return
        case 't':
          if (inInline > 0 && phonetic === 0 && !selfClosing) {
            raw = ''
            h.wantText = true
          }
          return
      }
    },
    close(name) {
      if (!inData) return
      switch (name) {
        case 'f':
          if (inFormula) {
            formula = decodeXmlText(raw.replace(/&[^;]*$/, '')).slice(0, FORMULA_SHOWN)
            inFormula = false
            h.wantText = false
          }
          return
        case 'v':
          if (inValue) {
            value = decodeXmlText(normalizeLineBreaks(raw))
            inValue = false
            h.wantText = false
          }
          return
        case 't':
          if (h.wantText && !inValue) {
            value = (value ?? '') + decodeXmlText(normalizeLineBreaks(raw))
            h.wantText = false
          }
          return
        case 'rPh':
          phonetic--
          return
        case 'is':
          inInline--
          return
        case 'c': {
          if (cells === null || column > MAX_COLUMNS) return
          if (formula !== null && (value === null || (value === '' && type !== 'str'))) {
            // Not a blank: a formula whose result was never saved (no `<v>`, or an empty one as openpyxl
            // writes it; only a text result, `t="str"`, can really be empty). The row says so, so the field is
            // unknown with a warning naming the cell, never silently empty.
            errors.push({ index: column - 1, code: formula === '' ? '' : `=${formula}`, uncomputed: true })
            return
          }
          const cell = cellValue(type, style, value, context)
          if (cell === null) return
          while (cells.length < column - 1) cells.push(null)
          cells[column - 1] = cell
          if (type === 'e' && typeof cell === 'string') errors.push({ index: column - 1, code: cell })
          return
        }
        case 'row':
          if (cells !== null) ready.push(errors.length === 0 ? { line, cells } : { line, cells, errors })
          cells = null
          return
        case 'sheetData':
          inData = false
          h.stop = true // merged cells, print settings and the rest are of no use to a reader
          return
      }
    },
    text(piece) {
      // A formula is only shown in a warning, so only its head is kept, however long the file makes it.
      if (inFormula) {
        if (raw.length < FORMULA_KEPT) raw += piece.slice(0, FORMULA_KEPT - raw.length)
      } else raw += piece
    },
  }

  // Rows are handed out as each chunk of XML is scanned, so only one chunk's rows wait in memory.
  const scanner = createXmlScanner(h)
  for await (const chunk of xml) {
    scanner.push(chunk)
    for (const row of ready) yield row
    ready.length = 0
    if (h.stop) return
  }
  scanner.end()
}
