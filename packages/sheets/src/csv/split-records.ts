import type { RawRow } from '../read-sheet-types'

/** Why the splitter stopped: a quote still open at the end of the text, or a record over the size bound. */
export type SplitErrorCode = 'CSV_QUOTE_NOT_CLOSED' | 'CSV_MAX_RECORD_SIZE'

/** Where the quote still open when the splitter stopped was opened: its physical line and field (1-based). */
export interface OpenQuote {
  readonly line: number
  readonly column: number
}

/**
 * A record the splitter cannot read; `line` is the 1-based physical line the record starts on (every record
 * before it was complete), `openQuote` where the quote still open at that point was opened, if one was.
 */
export class CsvSplitError extends Error {
  constructor(
    readonly code: SplitErrorCode,
    readonly line: number,
    readonly openQuote?: OpenQuote,
  ) {
    super(code === 'CSV_QUOTE_NOT_CLOSED' ? `quote not closed (record starting on line ${line})` : `record too long (starting on line ${line})`)
    this.name = 'CsvSplitError'
  }
}

/** Splits decoded text into records, chunk by chunk. */
export interface RecordSplitter {
  /**
   * Adds `text` and appends to `out` every record now complete, in order. With `end`, the text is over:
   * the last record is completed, or the splitter throws {@link CsvSplitError} if a quote is still open.
   * Also throws when a record grows past the bound, before it has to be held whole.
   */
  push(text: string, end: boolean, out: RawRow[]): void
}

const QUOTE = 0x22
const CR = 0x0d
const LF = 0x0a
/** Record delimiters, discovered from the first line break outside quotes, as csv-parse does. */
const RD_UNKNOWN = 0
const RD_CRLF = 1
const RD_LF = 2
const RD_CR = 3

/** Thrown inside the loop when the text ends before a look-ahead could be made: wait for more. */
const NEED_MORE = -1

/**
 * A CSV record splitter for decoded text, written to give exactly what csv-parse 7 gives with the options
 * the sheet reader used (`delimiter` one character, `bom`, `relax_quotes`, `relax_column_count`,
 * `skip_empty_lines: false`, `raw` for line numbers) — its differential property test
 * (`split-records.property.test.ts`) holds it to that, quirks included:
 *
 * - the record delimiter is whichever of `\r\n`, `\n`, `\r` comes first outside quotes; after that the
 *   other two are ordinary characters of a field — except (chufei's one departure from csv-parse) where the
 *   record is already as wide as the widest record before it: there any line break ends it. A sheet whose
 *   later rows were appended in another editor mixes line breaks, and csv-parse folds each such row into the
 *   last cell of the row before, where its other cells were dropped without a word; a line break typed inside
 *   a cell (a short record so far) still stays in the cell. Within one kind of line break the splitter
 *   gives exactly what csv-parse gives (the property test's reference);
 * - a quote opens a quoted field only as the field's first character (elsewhere it is text); inside, `""`
 *   is a quote; a quote followed by the delimiter, the record delimiter, a NUL or the end closes the
 *   field, any other quote is kept with the field's text as `"…"` (relax_quotes);
 * - a blank line is a record of one empty cell; a last line break adds no record; one leading BOM goes.
 *
 * Why not csv-parse: it turns the decoded text back into UTF-8 bytes, copies every field byte by byte and
 * decodes each field again, which made it the sheet reader's largest single cost; here a field is a slice
 * of the decoded text unless it holds `""`. Line numbers are counted in the same pass: the line a record
 * starts on is 1 + the line breaks (`\r\n`, `\r`, `\n` each once) of the records before it, each counted
 * up to the first character of its record delimiter.
 *
 * Memory: an incomplete record is carried to the next chunk (and scanned again from its start), so it is
 * bounded by `maxRecordChars` (UTF-16 units of its cells) plus one chunk; a stray quote that would
 * swallow the rest of the file stops there with `CSV_MAX_RECORD_SIZE` and the line it started on.
 */
export const createRecordSplitter = (delimiter: string, maxRecordChars: number): RecordSplitter => {
  if (delimiter.length !== 1) throw new Error(`delimiter must be one character, got ${JSON.stringify(delimiter)}`)
  const delim = delimiter.charCodeAt(0)
  let rd = RD_UNKNOWN
  /** The most cells of a record read so far (a header row, usually): see the departure above. */
  let width = 0
  let carried = ''
  let started = false
  let line = 1

  /**
   * Reads one record starting at `start`: its end (the index after its record delimiter), or
   * {@link NEED_MORE}. On success the cells are in `cells` and the line breaks in `breaks[0]`.
   */
  const readRecord = (text: string, start: number, end: boolean, cells: string[], breaks: number[]): number => {
    const length = text.length
    let quoting = false
    let wasQuoting = false
    let escaping = false
    // The field is `acc` followed by text[segStart, segEnd): most fields are one slice, never copied.
    let acc = ''
    let segStart = start
    let segEnd = start
    let recordChars = 0
    let lineBreaks = 0
    let previousCr = false
    // Where the open quote, if any, was opened: line breaks before it in this record, and its field.
    let quoteBreaks = 0
    let quoteField = 0
    const stop = (code: SplitErrorCode): CsvSplitError =>
      new CsvSplitError(code, line, quoting ? { line: line + quoteBreaks, column: quoteField } : undefined)
    for (let pos = start; pos < length; pos++) {
      const c = text.charCodeAt(pos)
      // csv-parse's raw text of a record runs to the first character of its delimiter: count as it does.
      if (c === CR) {
        lineBreaks++
        previousCr = true
      } else {
        if (c === LF && !previousCr) lineBreaks++
        previousCr = false
      }
      if (!quoting && rd === RD_UNKNOWN && (c === CR || c === LF)) {
        if (c === LF) rd = RD_LF
        else if (pos + 1 >= length) {
          if (!end) return NEED_MORE
          rd = RD_CR
        } else rd = text.charCodeAt(pos + 1) === LF ? RD_CRLF : RD_CR
      }
      if (escaping) escaping = false
      else {
        if (quoting && c === QUOTE && pos + 1 >= length && !end) return NEED_MORE
        if (quoting && c === QUOTE && pos + 1 < length && text.charCodeAt(pos + 1) === QUOTE) {
          // `""`: drop this quote, keep the next as text.
          escaping = true
          if (segEnd > segStart) acc += text.slice(segStart, segEnd)
          segStart = segEnd = pos + 1
          continue
        }
        if (c === QUOTE) {
          if (quoting) {
            const closes = closesQuote(text, pos + 1, end, cells.length + 1)
            if (closes === NEED_MORE) return NEED_MORE
            quoting = false
            wasQuoting = true
            if (closes === 1) {
              if (segEnd > segStart) acc += text.slice(segStart, segEnd)
              segStart = segEnd = pos + 1
              continue
            }
            // relax_quotes: the quotes stay, around what was read so far.
            acc = '"' + acc + text.slice(segStart, segEnd)
            segStart = segEnd = pos
          } else if (acc.length === 0 && segEnd === segStart) {
            quoting = true
            quoteBreaks = lineBreaks
            quoteField = cells.length + 1
            segStart = segEnd = pos + 1
            continue
          }
        }
        if (!quoting) {
          if (c === CR || c === LF) {
            const rdLength = recordDelimiterAt(text, pos, c, end, cells.length + 1)
            if (rdLength === NEED_MORE) return NEED_MORE
            if (rdLength > 0) {
              cells.push(segEnd > segStart ? acc + text.slice(segStart, segEnd) : acc)
              breaks[0] = lineBreaks
              return pos + rdLength
            }
          } else if (c === delim) {
            const field = segEnd > segStart ? acc + text.slice(segStart, segEnd) : acc
            cells.push(field)
            // Each cell counts at least one: a line of bare delimiters cannot grow the record unbounded.
            recordChars += field.length + 1
            if (recordChars > maxRecordChars) throw stop('CSV_MAX_RECORD_SIZE')
            acc = ''
            segStart = segEnd = pos + 1
            wasQuoting = false
            continue
          }
        }
      }
      if (recordChars + acc.length + (segEnd - segStart) > maxRecordChars) throw stop('CSV_MAX_RECORD_SIZE')
      if (segEnd === pos) segEnd = pos + 1
      else {
        if (segEnd > segStart) acc += text.slice(segStart, segEnd)
        segStart = pos
        segEnd = pos + 1
      }
    }
    if (!end) return NEED_MORE
    if (quoting) throw stop('CSV_QUOTE_NOT_CLOSED')
    if (wasQuoting || cells.length > 0 || acc.length > 0 || segEnd > segStart) {
      cells.push(segEnd > segStart ? acc + text.slice(segStart, segEnd) : acc)
      breaks[0] = lineBreaks
      return length
    }
    return length + 1 // nothing left: no record
  }

  /** 1 when the quote before `at` closes its field (delimiter, record delimiter, NUL or end next), else 0. */
  const closesQuote = (text: string, at: number, end: boolean, cellsSoFar: number): number => {
    if (at >= text.length) return end ? 1 : NEED_MORE
    const next = text.charCodeAt(at)
    if (next === 0 || next === delim) return 1
    if (next !== CR && next !== LF) return 0
    if (rd === RD_UNKNOWN) {
      // csv-parse discovers the record delimiter here too.
      if (next === LF) rd = RD_LF
      else if (at + 1 >= text.length) {
        if (!end) return NEED_MORE
        rd = RD_CR
      } else rd = text.charCodeAt(at + 1) === LF ? RD_CRLF : RD_CR
      return 1
    }
    const length = recordDelimiterAt(text, at, next, end, cellsSoFar)
    return length === NEED_MORE ? NEED_MORE : length > 0 ? 1 : 0
  }

  /**
   * Length of the record delimiter at `at` (whose character `c` is CR or LF), 0 if the line break there is
   * text of the field, or NEED_MORE. The file's own kind of line break always ends the record; another kind
   * ends it once the record has `width` cells (`cellsSoFar` counts the field being read).
   */
  const recordDelimiterAt = (text: string, at: number, c: number, end: boolean, cellsSoFar: number): number => {
    let length = 1
    let kind = RD_LF
    if (c === CR) {
      if (at + 1 >= text.length) {
        if (!end) return NEED_MORE
        kind = RD_CR
      } else if (text.charCodeAt(at + 1) === LF) {
        length = 2
        kind = RD_CRLF
      } else kind = RD_CR
    }
    if (kind === rd) return length
    return width >= 2 && cellsSoFar >= width ? length : 0
  }

  const breaks = [0]
  return {
    push(chunk, end, out) {
      let text = carried.length === 0 ? chunk : carried + chunk
      carried = ''
      if (!started) {
        if (text.length === 0 && !end) return
        started = true
        if (text.charCodeAt(0) === 0xfeff) text = text.slice(1)
      }
      let start = 0
      while (start < text.length || (end && start === text.length)) {
        const cells: string[] = []
        const next = readRecord(text, start, end, cells, breaks)
        if (next === NEED_MORE) {
          carried = text.slice(start)
          return
        }
        if (next > text.length) return // the end, and nothing after the last record
        out.push({ line, cells })
        if (cells.length > width) width = cells.length
        line += breaks[0]!
        start = next
        if (end && start === text.length) return
      }
    },
  }
}
