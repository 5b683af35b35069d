import { basename, extname } from 'node:path'
import { computeStats, renderReportHtml, renderReportMarkdown, type Lang, type TrackResult } from '@chufei/ledger'
import { EXIT_OK, type ExitCode } from '../exit-codes'
import type { CommandIO } from '../score-command'
import { usageError } from './command-options'
import { loadSweep, resolveToday, trackAgainst, writeOutput } from './stats-input'

/*
 * `chufei report <sheet|ledger> [--previous <ledger>] --out report.html|report.md`: the 风险排查总结报告 of
 * plan 六(四), in Chinese, from the same computeStats as `chufei stats`.
 */

export interface ReportOptions {
  readonly input: string
  readonly previous?: string
  readonly rules?: string
  readonly out?: string
  readonly format?: string
  readonly lang: Lang
  readonly today?: string
  readonly title?: string
  readonly organisation?: string
  readonly allowPackChange: boolean
}

/** html or md: `--format`, else the extension of `--out`, else html. */
export const reportFormat = (format: string | undefined, out: string | undefined): 'html' | 'md' => {
  if (format !== undefined) {
    if (format === 'html' || format === 'md') return format
    if (format === 'markdown') return 'md'
    throw usageError(`--format 的取值“${format}”无效，应为 html 或 md`, `invalid --format "${format}": use html or md`)
  }
  const ext = out === undefined ? '' : extname(out).toLowerCase()
  return ext === '.md' || ext === '.markdown' ? 'md' : 'html'
}

/** Runs `chufei report`. */
export const reportCommand = async (options: ReportOptions, io: CommandIO): Promise<ExitCode> => {
  const format = reportFormat(options.format, options.out)
  const today = resolveToday(options.today, io)
  const sweep = await loadSweep(options.input, { lang: options.lang, runDate: today, ...(options.rules !== undefined ? { rules: options.rules } : {}) }, io)
  let track: TrackResult | undefined
  if (options.previous !== undefined) {
    track = await trackAgainst(options.previous, sweep, { lang: options.lang, today, allowPackChange: options.allowPackChange }, io)
  }
  // The report is Chinese (it goes to the 处非办 and up the chain); --lang only changes messages.
  const stats = computeStats(track?.records ?? sweep.records, { today, counts: sweep.counts, lang: 'zh', patternLabels: sweep.patternLabels })
  const input = {
    stats,
    source: basename(options.input),
    ...(track !== undefined ? { track } : {}),
    ...(options.previous !== undefined ? { previousSource: basename(options.previous) } : {}),
    ...(options.title !== undefined ? { title: options.title } : {}),
    ...(options.organisation !== undefined ? { organisation: options.organisation } : {}),
  }
  await writeOutput(options.out, format === 'md' ? renderReportMarkdown(input) : renderReportHtml(input), io)
  if (options.out !== undefined) io.stderr.write(options.lang === 'zh' ? `已生成报告：${options.out}\n` : `Wrote the report: ${options.out}\n`)
  return EXIT_OK
}
