import type { Lang } from '@chufei/core'
import { TREND_COLUMNS, isIsoDate, localIsoDate } from '@chufei/ledger'
import { caseTrend, type Trend, type TrendFigures } from '@chufei/store'
import { EXIT_OK, type ExitCode } from '../exit-codes'
import type { CommandIO } from '../score-command'
import { usageError } from './command-options'
import { withSession } from './store-session'
import type { StoreCommandOptions } from './store-commands'

/*
 * `chufei trend [--unit 单位] [--from 日期] [--to 日期]`: the figures of a period per unit (按单位、按期的统计) —
 * 新增, 升级, 降级, 化解, 逾期 and the cases in hand — from the store's `caseTrend`, as the actor: the store
 * limits a village user to its own unit.
 */

/** A period given on the command line, or its defaults. */
export interface PeriodOptions {
  readonly from?: string
  readonly to?: string
}

const parseDate = (flag: string, value: string): string => {
  if (!isIsoDate(value)) throw usageError(`${flag} 的取值“${value}”不是日期：请写成 2024-06-30 的形式`, `${flag} "${value}" is not a date: write 2024-06-30`)
  return value
}

/**
 * The period of `--from`/`--to`: `--to` defaults to today, `--from` to the first day of `--to`'s quarter —
 * sweeps are quarterly, so the default period is the quarter so far.
 */
export const resolvePeriod = (options: PeriodOptions, now: Date): { from: string; to: string } => {
  const to = options.to === undefined ? localIsoDate(now) : parseDate('--to', options.to)
  const quarterStart = `${to.slice(0, 4)}-${String(Math.floor((Number(to.slice(5, 7)) - 1) / 3) * 3 + 1).padStart(2, '0')}-01`
  const from = options.from === undefined ? quarterStart : parseDate('--from', options.from)
  if (from > to) throw usageError(`统计期间无效：--from ${from} 晚于 --to ${to}`, `invalid period: --from ${from} is after --to ${to}`)
  return { from, to }
}

// Terminal columns of a string: CJK and full-width forms take two.
const width = (s: string): number => [...s].reduce((n, ch) => n + (/[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u.test(ch) ? 2 : 1), 0)
const padEnd = (s: string, w: number) => s + ' '.repeat(Math.max(0, w - width(s)))
const padStart = (s: string, w: number) => ' '.repeat(Math.max(0, w - width(s))) + s

const TEXT = {
  zh: {
    title: (t: Trend) => `动态趋势 ${t.from} 至 ${t.to}`,
    unit: '单位',
    total: '合计',
    none: '（本期没有可统计的案件）',
    note: '新增、升级、降级按排查日期计；化解按标记“已化解”的日期计；逾期：期末仍在办且已过整改时限；在办：目前待核查或处置中。',
  },
  en: {
    title: (t: Trend) => `Trend ${t.from} to ${t.to}`,
    unit: 'Unit',
    total: 'Total',
    none: '(no cases to count in this period)',
    note: 'New, escalated and de-escalated count on the sweep’s date; resolved on the day a case was set to 已化解; overdue: still in hand with the deadline passed at the period’s end; open: in hand (待核查, 处置中) now.',
  },
} as const

/** The trend as a plain-text table (unit names stay as staff wrote them). */
export const formatTrendTable = (trend: Trend, lang: Lang): string => {
  const t = TEXT[lang]
  const heads = TREND_COLUMNS.map((c) => c[lang])
  const rows: [string, TrendFigures][] = [...trend.units.map((u): [string, TrendFigures] => [u.unit, u]), [t.total, trend.total]]
  const first = Math.max(width(t.unit), ...rows.map(([name]) => width(name)))
  const cols = heads.map((h, i) => Math.max(width(h), ...rows.map(([, f]) => String(f[TREND_COLUMNS[i]!.key]).length)))
  const line = (name: string, cells: readonly string[]) => [padEnd(name, first), ...cells.map((c, i) => padStart(c, cols[i]!))].join('  ').trimEnd()
  const lines = [t.title(trend)]
  if (trend.units.length === 0) lines.push(t.none)
  else lines.push(line(t.unit, heads), ...rows.map(([name, f]) => line(name, TREND_COLUMNS.map((c) => String(f[c.key])))))
  lines.push(t.note)
  return `${lines.join('\n')}\n`
}

/** Runs `chufei trend`. */
export const trendCommand = async (options: StoreCommandOptions & PeriodOptions & { unit?: string }, io: CommandIO): Promise<ExitCode> => {
  const period = resolvePeriod(options, io.now())
  const trend = await withSession(options.env, options.token, ({ db, actor }) => caseTrend(db, actor, { ...period, ...(options.unit === undefined ? {} : { unit: options.unit }) }))
  io.stdout.write(options.json === true ? `${JSON.stringify(trend, null, 2)}\n` : formatTrendTable(trend, options.lang))
  return EXIT_OK
}
