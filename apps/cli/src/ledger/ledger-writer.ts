import type { Writable } from 'node:stream'
import type { HeaderEvent, LedgerItem } from '../score-stream'
import type { Tally } from '../tally'
import { createCsvWriter } from './csv-writer'
import { createJsonWriter, createJsonlWriter } from './json-writers'
import type { LedgerContext } from './ledger-row'
import { createXlsxWriter } from './xlsx-writer'

/** Output formats of `chufei score`. */
export const OUTPUT_FORMATS = ['jsonl', 'json', 'csv', 'xlsx'] as const
export type OutputFormat = (typeof OUTPUT_FORMATS)[number]

/** A format that may go to stdout (text); CSV and XLSX ledgers need `--out`. */
export const isStreamableFormat = (f: OutputFormat): boolean => f === 'jsonl' || f === 'json'

/**
 * Writes results as they come, in input order. `end` writes what only the whole run knows (closing
 * bracket, sorted key-lead sheet, statistics) but does not close `out` unless the format must (XLSX).
 */
export interface LedgerWriter {
  /** The sheet's header row was read (unknown columns are data problems for the ledger). */
  header(header: HeaderEvent): Promise<void>
  write(item: LedgerItem): Promise<void>
  end(tally: Tally): Promise<void>
  /** Drops scratch files after a failure. */
  abort(): Promise<void>
}

export interface LedgerWriterOptions {
  readonly format: OutputFormat
  readonly out: Writable
  readonly context: LedgerContext
  /** Folder for scratch files (the output's folder), XLSX only. */
  readonly scratchDir: string
}

export const createLedgerWriter = (options: LedgerWriterOptions): LedgerWriter => {
  switch (options.format) {
    case 'jsonl':
      return createJsonlWriter(options.out)
    case 'json':
      return createJsonWriter(options.out)
    case 'csv':
      return createCsvWriter(options.out, options.context)
    case 'xlsx':
      return createXlsxWriter(options.out, options.context, options.scratchDir)
  }
}
