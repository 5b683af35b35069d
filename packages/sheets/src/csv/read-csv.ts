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
      if (error instanceof CsvSplitError)
        throw unreadableInput(
          options.file,
          'unclosed-quote',
          `第${nextLine}行开始的引号没有闭合（或该行过长），无法继续读取`,
          `a quote opened on line ${nextLine} is never closed (or the record is too long)`,
          { line: nextLine },
          error,
        )
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
