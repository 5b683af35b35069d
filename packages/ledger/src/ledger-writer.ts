import type { Writable } from 'node:stream'
import type { StreamSummary } from '@chufei/core'
import type { HeaderEvent, LedgerItem } from './ledger-item'
import type { ScratchHooks } from './spool-file'
import { createCsvWriter } from './csv-writer'
import { createJsonWriter, createJsonlWriter } from './json-writers'
import type { LedgerContext } from './ledger-row'

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
  /** After the last row: `summary` is the scoring stream's (core `scoreRows`), for the 统计 sheet. */
  end(summary: StreamSummary): Promise<void>
  /** Drops scratch files after a failure. */
  abort(): Promise<void>
}

export interface LedgerWriterOptions {
  readonly format: OutputFormat
  readonly out: Writable
  readonly context: LedgerContext
  /** Folder for scratch files (the output's folder), XLSX only. */
  readonly scratchDir: string
  /** Told of scratch files as they come and go (the CLI removes them if the process dies). */
  readonly scratchHooks?: ScratchHooks
}

/** The writer of one output format; it writes to `out` and never closes it except for XLSX. */
export const createLedgerWriter = (options: LedgerWriterOptions): LedgerWriter => {
  switch (options.format) {
    case 'jsonl':
      return createJsonlWriter(options.out)
    case 'json':
      return createJsonWriter(options.out)
    case 'csv':
      return createCsvWriter(options.out, options.context)
    case 'xlsx':
      return deferredWriter(async () => {
        const { createXlsxWriter } = await import('./xlsx/xlsx-ledger-writer')
        return createXlsxWriter(options.out, options.context, options.scratchDir, options.scratchHooks === undefined ? {} : { hooks: options.scratchHooks })
      })
  }
}

/**
 * A writer made on first use: the XLSX writer's modules (the SpreadsheetML writer, its styles and theme) are
 * imported only when an XLSX ledger is written, not whenever the package is. (Until round 10 they pulled in
 * exceljs, ≈ 0.3 s of CPU to load; it is now loaded only to read a ledger.)
 */
const deferredWriter = (create: () => Promise<LedgerWriter>): LedgerWriter => {
  let writer: Promise<LedgerWriter> | undefined
  const made = () => (writer ??= create())
  return {
    header: async (header) => (await made()).header(header),
    write: async (item) => (await made()).write(item),
    end: async (summary) => (await made()).end(summary),
    abort: async () => {
      // Nothing made, nothing to remove.
      if (writer !== undefined) await (await writer).abort()
    },
  }
}
