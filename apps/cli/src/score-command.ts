import { readFile, stat } from 'node:fs/promises'
import { dirname, extname, isAbsolute, join, relative, resolve } from 'node:path'
import type { Readable, Writable } from 'node:stream'
import { ChufeiError, TIERS, TIER_IDS, createScorer, createStreamSummary, enumLabel, formatIssue, scoreRows } from '@chufei/core'
import { loadRulePack } from '@chufei/core/node'
import { readSheet, stoppedAfterWholeRows, type ReadSheetOptions, type SheetInput, type XlsxLimits } from '@chufei/sheets'
import {
  createLedgerContext,
  createLedgerWriter,
  isStreamableFormat,
  ledgerItem,
  type Lang,
  type LedgerWriter,
  type OutputFormat,
} from '@chufei/ledger'
import { createAtomicFile, trackTempFile, untrackTempFile, type AtomicFile } from './atomic-file'
import { EXIT_FAILURE, EXIT_INTERRUPTED, EXIT_OK, type ExitCode } from './exit-codes'
import { fail } from './_fail'
import { messagesFor } from './messages'
import { countLines, startProgress } from './progress'
import { resolveRulesDir } from './resolve-rules'

/*
 * `chufei score`: sheet → rule pack → scorer → ledger, streamed row by row, written atomically. The sheet
 * reader feeds core's scoring stream (`scoreRows`); @chufei/ledger's writers write what comes out.
 */

/** Options of `chufei score`, after parsing. */
export interface ScoreOptions {
  readonly sheet: string
  readonly rules?: string
  readonly format: OutputFormat
  readonly out?: string
  readonly sheetName?: string
  readonly encoding?: string
  readonly columns?: string
  readonly strict: boolean
  readonly lang: Lang
  readonly quiet: boolean
  /** `compiled` (default) or `reference` (json-rules-engine). */
  readonly engine?: 'compiled' | 'reference'
  /** XLSX inflated-size and shared-string memory limits (`--max-xlsx-part-mb`, `--max-xlsx-strings-mb`). */
  readonly xlsxLimits?: Partial<XlsxLimits>
}

/** The world the command runs in; `run` fills the defaults from `process`. */
export interface CommandIO {
  readonly stdout: Writable
  readonly stderr: Writable
  readonly stdin?: Readable
  readonly cwd: string
  readonly isTTY: boolean
  /** Aborted on SIGINT by the bin: the run stops, removes its temp file and returns 130. */
  readonly signal?: AbortSignal
  /** The clock, for deadlines and dated figures (the one-year LPR) of leads without a 排查日期. */
  readonly now: () => Date
}

const MAX_STDIN_BYTES = 256 * 1024 * 1024
const TEXT_EXTENSIONS = new Set(['.csv', '.tsv', '.txt', '.jsonl', '.ndjson'])
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype'])

const readStdin = async (stdin: Readable): Promise<Uint8Array> => {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of stdin as AsyncIterable<Buffer | string>) {
    const b = typeof chunk === 'string' ? Buffer.from(chunk) : chunk
    size += b.length
    if (size > MAX_STDIN_BYTES) throw fail('UNREADABLE_INPUT', (m) => m.inputTooLarge('256 MiB'), { file: '-' })
    chunks.push(b)
  }
  return new Uint8Array(Buffer.concat(chunks))
}

/** Reads `--columns map.json`: a flat object of header → field path, no prototype keys. */
const readColumnMap = async (path: string): Promise<Record<string, string>> => {
  let text: string
  try {
    text = await readFile(path, 'utf8')
  } catch (e) {
    const detail = e instanceof Error ? e.message : String(e)
    throw fail('UNREADABLE_INPUT', (m) => m.columnsUnreadable(path, detail), {}, e)
  }
  let value: unknown
  try {
    value = JSON.parse(text.replace(/^\uFEFF/, ''))
  } catch (e) {
    const detail = e instanceof Error ? e.message : String(e)
    throw fail('UNREADABLE_INPUT', (m) => m.columnsUnreadable(path, detail), {}, e)
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw fail('UNREADABLE_INPUT', (m) => m.columnsInvalid(path))
  }
  const map: Record<string, string> = Object.create(null) as Record<string, string>
  for (const [k, v] of Object.entries(value)) {
    if (typeof v !== 'string' || FORBIDDEN_KEYS.has(k) || FORBIDDEN_KEYS.has(v)) {
      throw fail('UNREADABLE_INPUT', (m) => m.columnsInvalid(path))
    }
    map[k] = v
  }
  return map
}

const describeInput = async (sheet: string, io: CommandIO): Promise<{ input: SheetInput; path: string | null }> => {
  if (sheet === '-') {
    if (io.stdin === undefined) throw fail('USAGE', (m) => m.inputNotFound('-'))
    return { input: { bytes: await readStdin(io.stdin), name: 'stdin' }, path: null }
  }
  const path = resolve(io.cwd, sheet)
  const info = await stat(path).catch(() => null)
  if (info === null) throw fail('UNREADABLE_INPUT', (m) => m.inputNotFound(sheet))
  if (!info.isFile()) throw fail('UNREADABLE_INPUT', (m) => m.inputNotFile(sheet))
  return { input: path, path }
}

/** Pack issues name files relative to the pack; make them relative to the current folder so they can be opened. */
const locateInPack = (e: unknown, rulesDir: string, cwd: string): unknown => {
  if (!(e instanceof ChufeiError)) return e
  const base = relative(cwd, rulesDir) || '.'
  const issues = e.issues.map((i) => (i.file === undefined || isAbsolute(i.file) ? i : { ...i, file: join(base, i.file) }))
  return new ChufeiError(e.code, e.message, { issues, cause: e })
}

/** Runs `chufei score`. Throws ChufeiError for anything that stops the run; `run` prints and maps it. */
export const scoreCommand = async (options: ScoreOptions, io: CommandIO): Promise<ExitCode> => {
  const started = performance.now()
  const messages = messagesFor(options.lang)
  const note = (text: string) => {
    if (!options.quiet) io.stderr.write(`${text}\n`)
  }

  if (!isStreamableFormat(options.format) && options.out === undefined) {
    throw fail('USAGE', (m) => m.needsOut(options.format))
  }
  const { input, path: inputPath } = await describeInput(options.sheet, io)
  const outPath = options.out === undefined ? null : resolve(io.cwd, options.out)
  if (outPath !== null && outPath === inputPath) throw fail('USAGE', (m) => m.outIsInput(options.out ?? ''))

  const readOptions: ReadSheetOptions = {
    ...(options.sheetName !== undefined ? { sheet: options.sheetName } : {}),
    ...(options.encoding !== undefined ? { encoding: options.encoding } : {}),
    ...(options.xlsxLimits !== undefined ? { xlsxLimits: options.xlsxLimits } : {}),
    ...(options.columns !== undefined ? { columns: await readColumnMap(resolve(io.cwd, options.columns)) } : {}),
  }

  const rulesDir = await resolveRulesDir(options.rules, io.cwd)
  const pack = await loadRulePack(rulesDir).catch((e: unknown) => Promise.reject(locateInPack(e, rulesDir, io.cwd)))
  if (pack.warnings.length > 0 && !options.quiet) {
    note(messages.rulePackWarnings(rulesDir, pack.warnings.length))
    for (const w of pack.warnings) note(`  ${formatIssue(w, options.lang)}`)
  }
  const engine = options.engine ?? 'compiled'
  const scorer = createScorer(pack, { engine, now: io.now })
  // Output first: a folder that cannot be written stops the run before any row is read.
  const file: AtomicFile | null = outPath === null ? null : await createAtomicFile(outPath)
  const out = file?.stream ?? io.stdout
  let outError: unknown = null
  const onOutError = (e: unknown) => {
    outError ??= e
  }
  out.on('error', onOutError)
  const summary = createStreamSummary()
  const where = options.out ?? messages.stdout
  const outputFailed = (e: unknown) =>
    e instanceof ChufeiError
      ? e
      : fail('OUTPUT_FAILED', (m) => `${m.outputFailed(where)} ${e instanceof Error ? e.message : String(e)}`, { file: where }, e)

  let writer: LedgerWriter | null = null
  /** Why the sheet stopped being readable after some rows were read; those rows are still written. */
  let inputStopped: ChufeiError | null = null
  let progress: ReturnType<typeof startProgress> | null = null
  // Everything from here on sits in one try: whatever throws, the temp file is discarded.
  try {
    const context = createLedgerContext(pack, { lang: options.lang, now: io.now() })
    writer = createLedgerWriter({
      format: options.format,
      out,
      context,
      scratchDir: dirname(outPath ?? resolve(io.cwd, 'x')),
      scratchHooks: { track: trackTempFile, untrack: untrackTempFile },
    })
    const wantProgress = io.isTTY && !options.quiet
    const total =
      wantProgress && inputPath !== null && TEXT_EXTENSIONS.has(extname(inputPath).toLowerCase())
        ? Math.max(0, (await countLines(inputPath)) - 1)
        : null
    progress = startProgress({ enabled: wantProgress, stream: io.stderr, total, messages })

    let interrupted = false
    let headerWritten = false
    try {
      for await (const item of scoreRows(readSheet(input, readOptions), scorer, summary)) {
        if (io.signal?.aborted) {
          interrupted = true
          break
        }
        if (outError !== null) throw outputFailed(outError)
        if (item.kind === 'header') {
          if (item.sheet !== undefined) note(messages.sheetUsed(item.sheet, item.line))
          if (item.unknownColumns.length > 0) note(`${messages.warningPrefix}${messages.unknownColumns(item.unknownColumns)}`)
          await writer.header(item).catch((e: unknown) => Promise.reject(outputFailed(e)))
          headerWritten = true
          continue
        }
        if (item.kind === 'result') {
          // try/await, not .catch: no promise and closure of its own per row.
          try {
            await writer.write(ledgerItem(item))
          } catch (e) {
            throw outputFailed(e)
          }
        }
        progress.tick()
      }
    } catch (e) {
      // The sheet became unreadable part-way (a CSV quote never closed swallows the rest of the file): the
      // rows before it were read whole, so they are written like any run's, and the error is reported after.
      // Other input errors keep the output atomic (no file, an old one intact).
      if (!(stoppedAfterWholeRows(e) && headerWritten)) throw e
      inputStopped = e
    }
    if (!interrupted && io.signal?.aborted) interrupted = true
    progress.stop()
    if (interrupted) {
      await writer.abort()
      await file?.abort()
      io.stderr.write(`${messages.interrupted}\n`)
      return EXIT_INTERRUPTED
    }
    await writer.end(summary).catch((e: unknown) => Promise.reject(outputFailed(e)))
    if (outError !== null) throw outputFailed(outError)
    await file?.commit()
  } catch (e) {
    progress?.stop()
    await writer?.abort().catch(() => {})
    await file?.abort().catch(() => {})
    throw e
  } finally {
    out.off('error', onOutError)
  }

  if (!options.quiet) {
    const seconds = (performance.now() - started) / 1000
    const tiers = TIER_IDS.map((t) => [enumLabel(TIERS, t, options.lang), summary.byTier[t]] as const)
    note(messages.summary({ read: summary.read, scored: summary.scored, rejected: summary.rejected, skipped: summary.skipped, tiers, seconds }))
    note(messages.wroteTo(where))
  }
  if (inputStopped !== null) {
    // Even with --quiet: the user must know the ledger holds only the rows before the error.
    io.stderr.write(`${messages.warningPrefix}${messages.inputStopped(summary.read, where)}\n`)
    throw inputStopped
  }
  if (options.strict && summary.rejected > 0) {
    io.stderr.write(`${messages.errorPrefix}${messages.strictFailed(summary.rejected)}\n`)
    return EXIT_FAILURE
  }
  return EXIT_OK
}
