import { basename, resolve } from 'node:path'
import { ChufeiError, createScorer, scoreRow } from '@chufei/core'
import { diffBacktest, formatBacktestHtml, formatBacktestText } from '@chufei/core/analyst'
import type { RowScorer } from '@chufei/core'
import type { BacktestPair } from '@chufei/core/analyst'
import { readSheet, type SheetEvent } from '@chufei/sheets'
import { EXIT_INTERRUPTED, EXIT_OK } from '../exit-codes'
import { messagesFor } from '../messages'
import type { ExitCode } from '../exit-codes'
import type { Lang } from '@chufei/ledger'
import type { CommandIO } from '../score-command'
import { usageError } from './command-options'
import { loadCheckedPack, write } from './rules-shared'
import { writeOutput } from './stats-input'

/*
 * `chufei diff --base <dir> --head <dir> <sheet…>`: the backtest of a rule edit on past sweeps.
 */

export const DIFF_FORMATS = ['text', 'json', 'html'] as const
export type DiffFormat = (typeof DIFF_FORMATS)[number]

/** Options of `chufei diff`. */
export interface DiffOptions {
  readonly base: string
  readonly head: string
  readonly sheets: readonly string[]
  readonly format: DiffFormat
  readonly out?: string
  readonly lang: Lang
}

/** Parses `--format` of `chufei diff`. */
export const parseDiffFormat = (value: string | undefined): DiffFormat => {
  if (value === undefined) return 'text'
  if ((DIFF_FORMATS as readonly string[]).includes(value)) return value as DiffFormat
  throw usageError(`--format 的取值“${value}”无效，应为 text、json 或 html`, `invalid --format "${value}": use text, json or html`)
}

/**
 * Scores every lead of one sheet with both packs (基线 and 修改后). Rows the reader or a scorer rejects are
 * kept as rejected pairs so the backtest counts them; stops early, with `interrupted`, when `signal` aborts.
 */
export const collectBacktestPairs = async (
  events: AsyncIterable<SheetEvent>,
  base: RowScorer,
  head: RowScorer,
  source: string,
  signal?: AbortSignal,
): Promise<{ pairs: BacktestPair[]; interrupted: boolean }> => {
  const pairs: BacktestPair[] = []
  for await (const event of events) {
    if (signal?.aborted) return { pairs, interrupted: true }
    if (event.kind === 'lead') {
      pairs.push({ base: await scoreRow(base, event), head: await scoreRow(head, event), source, subject: event.lead.subject.name })
    } else if (event.kind === 'rejected') {
      const rejected = await scoreRow(base, event)
      pairs.push({ base: rejected, head: rejected, source })
    }
  }
  return { pairs, interrupted: signal?.aborted === true }
}

/** Runs `chufei diff`: scores every lead of the sheets with both packs and reports what moved. */
export const diffCommand = async (options: DiffOptions, io: CommandIO): Promise<ExitCode> => {
  if (options.sheets.length === 0) throw usageError('请至少指定一个排查表', 'give at least one sheet')
  const base = (await loadCheckedPack(options.base, io)).pack
  const head = (await loadCheckedPack(options.head, io)).pack
  const a = createScorer(base, { now: io.now })
  const b = createScorer(head, { now: io.now })
  const pairs: BacktestPair[] = []
  for (const sheet of options.sheets) {
    const collected = await collectBacktestPairs(readSheet(resolve(io.cwd, sheet)), a, b, basename(sheet), io.signal)
    pairs.push(...collected.pairs)
    if (collected.interrupted) {
      await write(io.stderr, `${messagesFor(options.lang).interrupted}\n`)
      return EXIT_INTERRUPTED
    }
  }
  const diff = diffBacktest(pairs, base, head)
  const text =
    options.format === 'json' ? `${JSON.stringify(diff, null, 2)}\n` : options.format === 'html' ? formatBacktestHtml(diff, options.lang) : formatBacktestText(diff, options.lang)
  if (options.out !== undefined) {
    // Atomic: a failed write never leaves half a report over yesterday's.
    try {
      await writeOutput(options.out, text, io)
    } catch (e) {
      if (e instanceof ChufeiError) throw e
      const detail = e instanceof Error ? e.message : String(e)
      throw new ChufeiError('OUTPUT_FAILED', `无法写入 ${options.out}：${detail}`, {
        cause: e,
        issues: [{ code: 'output-failed', severity: 'error', message: `无法写入 ${options.out}：${detail}`, messageEn: `cannot write ${options.out}: ${detail}`, file: options.out }],
      })
    }
    await write(io.stderr, options.lang === 'zh' ? `已写入 ${options.out}（变化 ${diff.moved.length} 条）\n` : `wrote ${options.out} (${diff.moved.length} moved)\n`)
  } else await write(io.stdout, text)
  return EXIT_OK
}
