import { computeStats, formatStatsText, type Lang } from '@chufei/ledger'
import { EXIT_OK, type ExitCode } from '../exit-codes'
import type { CommandIO } from '../score-command'
import { usageError } from './command-options'
import { loadSweep, resolveToday, trackAgainst, writeOutput } from './stats-input'

/*
 * `chufei stats <sheet|ledger>`: 量化分析 — counts, people and money by sector, village, region kind,
 * source, tier, disposition and pattern; key leads ranked; overdue leads. The report shows the same
 * figures (both call computeStats).
 */

export interface StatsOptions {
  readonly input: string
  readonly rules?: string
  readonly format: 'text' | 'json'
  readonly lang: Lang
  readonly previous?: string
  readonly today?: string
  readonly allowPackChange: boolean
  readonly out?: string
}

export const STATS_FORMATS = ['text', 'json'] as const

/** Parses `--format` of stats. */
export const parseStatsFormat = (value: string | undefined): 'text' | 'json' => {
  if (value === undefined) return 'text'
  if (value === 'text' || value === 'json') return value
  throw usageError(`--format 的取值“${value}”无效，应为 text 或 json`, `invalid --format "${value}": use text or json`)
}

/** Runs `chufei stats`. */
export const statsCommand = async (options: StatsOptions, io: CommandIO): Promise<ExitCode> => {
  const today = resolveToday(options.today, io)
  const sweep = await loadSweep(options.input, { lang: options.lang, runDate: today, ...(options.rules !== undefined ? { rules: options.rules } : {}) }, io)
  const records =
    options.previous === undefined
      ? sweep.records
      : (await trackAgainst(options.previous, sweep, { lang: options.lang, today, allowPackChange: options.allowPackChange }, io)).records
  const stats = computeStats(records, { today, counts: sweep.counts, lang: options.lang, patternLabels: sweep.patternLabels })
  const text = options.format === 'json' ? `${JSON.stringify(stats, null, 2)}\n` : formatStatsText(stats, options.lang)
  await writeOutput(options.out, text, io)
  return EXIT_OK
}
