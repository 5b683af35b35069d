import { ChufeiError } from '@chufei/core'
import { describeCause, unreadableInput } from '../read-sheet-errors'
import type { RawRow, RawSheetInfo } from '../read-sheet-types'
import { decodeText } from './decode-text'
import { detectDelimiter } from './detect-delimiter'
import { createRecordSplitter, CsvSplitError } from './split-records'

/** Characters of decoded text looked at to pick the delimiter. */
const DELIMITER_SAMPLE = 16 * 1024

/**
 * The largest record accepted, in characters of its cells (each cell counts at least one). A stray opening
 * quote otherwise swallows the rest of the file into one field; this bounds memory and points at the line
 * where it started.
 */
const MAX_RECORD_CHARS = 4 * 1024 * 1024

/**
 * The error for a record the splitter could not read, located where the open quote starts (else where the
 * record starts). Every row before that record has been yielded; nothing after it can be split reliably:
 * an open quote makes the rest of the file one field, and where it was meant to close is anyone's guess.
 */
const splitFailed = (file: string, error: CsvSplitError): ChufeiError => {
  const { line, openQuote } = error
  if (error.code === 'CSV_QUOTE_NOT_CLOSED' || openQuote !== undefined) {
    const at = openQuote ?? { line, column: undefined }
    const field = at.column === undefined ? '' : `第${at.column}列`
    const fieldEn = at.column === undefined ? 'a field' : `field ${at.column}`
    const cause = error.code === 'CSV_QUOTE_NOT_CLOSED' ? '直到文件末尾也没有闭合' : `其后 ${MAX_RECORD_CHARS / 1024 / 1024}M 个字符内都没有闭合`
    const causeEn = error.code === 'CSV_QUOTE_NOT_CLOSED' ? 'never closed before the end of the file' : `not closed within ${MAX_RECORD_CHARS / 1024 / 1024}M characters`
    return unreadableInput(
      file,
      'unclosed-quote',
      `引号没有闭合：第${at.line}行${field}以英文双引号（"）开头，${cause}，第${line}行起的内容无法可靠地分行读取。` +
        `请补上闭合的引号，或删去这个多余的引号，再重新运行`,
      `unclosed quote: ${fieldEn} on line ${at.line} opens with a double quote (") that is ${causeEn}, so nothing from line ${line} on can be split into rows reliably. Close the quote or remove it, then run again`,
      { line: at.line, ...(at.column === undefined ? {} : { column: at.column }) },
      error,
    )
  }
  return unreadableInput(
    file,
    'record-too-long',
    `第${line}行开始的一行超过 ${MAX_RECORD_CHARS / 1024 / 1024}M 个字符，无法继续读取（排查表的一行不应这样长，请检查文件是否正确）`,
    `the record starting on line ${line} is longer than ${MAX_RECORD_CHARS / 1024 / 1024}M characters and cannot be read (check that this is the right file)`,
    { line },
    error,
  )
}

/** A CSV (or tab-/semicolon-separated) file as raw rows, with what was detected about it. */
export interface CsvRows {
  readonly rows: AsyncGenerator<RawRow>
  /** `encoding` and `delimiter`, known once the first row has been yielded. */
  readonly info: RawSheetInfo
}

/**
 * Streams a delimited text file as raw rows: bytes → detected encoding → detected delimiter → records
 * (`createRecordSplitter`, which reads what csv-parse read, faster).
 * Each row's `line` is the 1-based physical line its record starts on, so a quoted field with line
 * breaks inside it moves the following rows down as an editor shows them. Blank lines are yielded as
 * rows (a single empty cell) so they can be counted. Backpressure runs through the whole chain: memory
 * does not grow with the number of rows.
 */
export const readCsvRows = (bytes: AsyncIterable<Uint8Array>, options: { file: string; encoding?: string }): CsvRows => {
  const decoded = decodeText(bytes, options)
  const info: RawSheetInfo = {}

  async function* rows(): AsyncGenerator<RawRow> {
    const text = decoded.chunks
    let nextLine = 1
    try {
      const head: string[] = []
      let headLength = 0
      while (headLength < DELIMITER_SAMPLE) {
        const next = await text.next()
        if (next.done) break
        head.push(next.value)
        headLength += next.value.length
      }
      const delimiter = detectDelimiter(head.join(''))
      info.delimiter = delimiter

      const splitter = createRecordSplitter(delimiter, MAX_RECORD_CHARS)
      const out: RawRow[] = []
      // Records complete before an error are still yielded, then the error: rows read so far count.
      const drain = function* (): Generator<RawRow> {
        for (const row of out) yield row
        out.length = 0
      }
      const feed = (piece: string, end: boolean): CsvSplitError | null => {
        try {
          splitter.push(piece, end, out)
          return null
        } catch (error) {
          if (error instanceof CsvSplitError) return error
          throw error
        }
      }
      let failed: CsvSplitError | null = null
      for (const piece of head) {
        failed = feed(piece, false)
        if (failed !== null) break
      }
      yield* drain()
      if (failed === null) {
        for (;;) {
          const next = await text.next()
          failed = feed(next.done ? '' : next.value, next.done === true)
          yield* drain()
          if (failed !== null || next.done) break
        }
      }
      if (failed !== null) {
        nextLine = failed.line
        throw failed
      }
    } catch (error) {
      if (error instanceof ChufeiError) throw error
      if (error instanceof CsvSplitError) throw splitFailed(options.file, error)
      throw unreadableInput(
        options.file,
        'csv-parse-failed',
        `第${nextLine}行附近无法解析：${describeCause(error)}`,
        `cannot parse near line ${nextLine}: ${describeCause(error)}`,
        { line: nextLine },
        error,
      )
    }
  }

  return {
    rows: rows(),
    info: Object.defineProperty(info, 'encoding', {
      get: () => decoded.encoding,
      enumerable: true,
    }),
  }
}
