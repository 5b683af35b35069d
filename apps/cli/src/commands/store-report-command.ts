import { loadRulePack } from '@chufei/core/node'
import { computeStats, createPatternLabels, renderReportHtml, renderReportMarkdown } from '@chufei/ledger'
import { caseTrend, latestSweepRecords } from '@chufei/store'
import { EXIT_OK, type ExitCode } from '../exit-codes'
import { resolveRulesDir } from '../resolve-rules'
import type { CommandIO } from '../score-command'
import { usageError } from './command-options'
import { reportFormat } from './report-command'
import { writeOutput } from './stats-input'
import { withSession } from './store-session'
import type { StoreCommandOptions } from './store-commands'
import { resolvePeriod, type PeriodOptions } from './trend-command'

/*
 * `chufei report --store [--unit 单位] [--from 日期] [--to 日期] --out 报告.html`: the same summary report as
 * `chufei report <sheet>` (same renderer, same computeStats), built from the case store — each unit's latest
 * sweep of the period, with the cases' follow-up — plus the period's trend (动态趋势) from `caseTrend`.
 * Overdue is judged at the period's end. Everything is read as the actor, so a village's report is its own.
 */

/** What `report --store` takes. */
export interface StoreReportOptions extends StoreCommandOptions, PeriodOptions {
  readonly unit?: string
  readonly out?: string
  readonly format?: string
  readonly rules?: string
  readonly title?: string
  readonly organisation?: string
}

/** Runs `chufei report --store`. */
export const storeReportCommand = async (options: StoreReportOptions, io: CommandIO): Promise<ExitCode> => {
  const format = reportFormat(options.format, options.out)
  const period = resolvePeriod(options, io.now())
  // The pack only names custom patterns here (stored results carry their ids): without --rules a pack that
  // cannot be loaded leaves the built-in labels; a --rules the user named must load.
  const loading = resolveRulesDir(options.rules, io.cwd).then((dir) => loadRulePack(dir))
  const pack = options.rules === undefined ? await loading.catch(() => null) : await loading
  const patternLabels = createPatternLabels(pack?.patterns)
  const scope = { ...period, ...(options.unit === undefined ? {} : { unit: options.unit }) }
  const { read, trend } = await withSession(options.env, options.token, async ({ db, actor }) => ({
    read: await latestSweepRecords(db, actor, { ...scope, patternLabels }),
    trend: await caseTrend(db, actor, scope),
  }))
  const stats = computeStats(read.records, { today: period.to, counts: read.counts, lang: 'zh', patternLabels })
  const source =
    read.sweeps.length === 0
      ? `案件库（${period.from}至${period.to}没有排查批次）`
      : `案件库 ${read.sweeps.map((s) => `第${s.id}批（${s.unit}，排查日期${s.date}，${s.fileName}）`).join('、')}`
  const input = {
    stats,
    source,
    trend,
    ...(options.title !== undefined ? { title: options.title } : {}),
    ...(options.organisation !== undefined ? { organisation: options.organisation } : {}),
  }
  await writeOutput(options.out, format === 'md' ? renderReportMarkdown(input) : renderReportHtml(input), io)
  if (options.out !== undefined) io.stderr.write(options.lang === 'zh' ? `已生成报告：${options.out}\n` : `Wrote the report: ${options.out}\n`)
  return EXIT_OK
}

/** The raw options of `chufei report` that `--store` reads. */
export interface RawStoreReport {
  readonly previous?: string
  readonly today?: string
  readonly out?: string
  readonly format?: string
  readonly rules?: string
  readonly title?: string
  readonly org?: string
  readonly unit?: string
  readonly from?: string
  readonly to?: string
}

/** `chufei report --store …` from the command table: a sheet, --previous and --today belong to the file-based report. */
export const runStoreReport = (input: string | undefined, raw: RawStoreReport, store: StoreCommandOptions, io: CommandIO): Promise<ExitCode> => {
  if (input !== undefined) throw usageError(`--store 从案件库生成报告，不再读取文件“${input}”：请去掉文件名或 --store`, `--store reports from the case store and reads no file ("${input}"): drop the file or --store`)
  if (raw.previous !== undefined || raw.today !== undefined) {
    throw usageError('--store 不能与 --previous、--today 同用：案件库报告的上期变化见“动态趋势”，逾期以 --to 为准', '--store does not take --previous or --today: the store report’s trend covers the change, and overdue is judged at --to')
  }
  const given = <K extends string>(key: K, value: string | undefined) => (value === undefined ? {} : ({ [key]: value } as Record<K, string>))
  return storeReportCommand(
    { ...store, ...given('unit', raw.unit), ...given('from', raw.from), ...given('to', raw.to), ...given('out', raw.out), ...given('format', raw.format), ...given('rules', raw.rules), ...given('title', raw.title), ...given('organisation', raw.org) },
    io,
  )
}
