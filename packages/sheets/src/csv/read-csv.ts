import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { ChufeiError } from '@chufei/core'
import { parse, type Options as CsvParseOptions } from 'csv-parse'
import { describeCause, unreadableInput } from '../read-sheet-errors'
import type { RawRow, RawSheetInfo } from '../read-sheet-types'
import { decodeText } from './decode-text'
import { detectDelimiter } from './detect-delimiter'

/** Characters of decoded text looked at to pick the delimiter. */
const DELIMITER_SAMPLE = 16 * 1024

/**
 * The largest record accepted, in characters. A stray opening quote otherwise swallows the rest of the
 * file into one field; this bounds memory and points at the line where it started.
 */
const MAX_RECORD_CHARS = 4 * 1024 * 1024

const LINE_BREAK = /\r\n|\r|\n/g

/** Physical line breaks in a record's raw text (`\r\n`, `\n` and a lone `\r` each count once). */
const countLineBreaks = (raw: string): number => raw.match(LINE_BREAK)?.length ?? 0

/** A CSV (or tab-/semicolon-separated) file as raw rows, with what was detected about it. */
export interface CsvRows {
  readonly rows: AsyncGenerator<RawRow>
  /** `encoding` and `delimiter`, known once the first row has been yielded. */
  readonly info: RawSheetInfo
}

/**
 * Streams a delimited text file as raw rows: bytes → detected encoding → detected delimiter → csv-parse.
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

      const parser = parse({
        delimiter,
        bom: true,
        raw: true,
        relax_column_count: true,
        relax_quotes: true,
        skip_empty_lines: false,
        max_record_size: MAX_RECORD_CHARS,
        // Numbered as parsed, not as consumed: a parse error then knows where its record started even
        // when earlier records are still buffered.
        on_record: ((parsed: { record: string[]; raw: string }): RawRow => {
          const line = nextLine
          nextLine += countLineBreaks(parsed.raw)
          return { line, cells: parsed.record }
        }) as unknown as CsvParseOptions['on_record'],
      })
      const source = Readable.from(
        (async function* () {
          yield* head
          yield* text
        })(),
      )
      // Errors reach the loop below through the parser, which pipeline destroys with them.
      pipeline(source, parser).catch(() => {})
      try {
        for await (const row of parser as AsyncIterable<RawRow>) yield row
      } finally {
        parser.destroy()
      }
    } catch (error) {
      if (error instanceof ChufeiError) throw error
      const code = (error as { code?: string } | null)?.code
      if (code === 'CSV_QUOTE_NOT_CLOSED' || code === 'CSV_MAX_RECORD_SIZE')
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
