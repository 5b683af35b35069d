import { ChufeiError } from '@chufei/core'
import type { Lang } from '@chufei/ledger'
import type { ExitCode } from '../exit-codes'
import type { CommandIO } from '../score-command'

/*
 * What every subcommand registered beside `score` shares: the hooks `run` gives it, the usage error
 * (exit 2) for a bad option value, `--lang`, and passing on only the options the user gave.
 */

/** Hooks `run` gives the commands it registers. */
export interface CommandContext {
  readonly io: CommandIO
  /** The language before options are parsed (for help texts). */
  readonly lang: Lang
  /** Each action reports its exit code here. */
  readonly setExit: (code: ExitCode) => void
}

/** A usage error (exit 2) with a bilingual message. */
export const usageError = (zh: string, en: string): ChufeiError =>
  new ChufeiError('USAGE', zh, { issues: [{ code: 'usage', severity: 'error', message: zh, messageEn: en }] })

/** Parses `--lang`; without it, the language `run` found. */
export const parseLang = (value: string | undefined, fallback: Lang): Lang => {
  if (value === undefined) return fallback
  if (value === 'zh' || value === 'en') return value
  throw usageError(`--lang 的取值“${value}”无效，应为 zh 或 en`, `invalid --lang "${value}": use zh or en`)
}

/**
 * `{ [key]: value }` when the user gave the option, `{}` when not: command options are exact (an absent
 * option is a missing key, never `undefined`), so spread this instead.
 */
export const whenGiven = <K extends string, V>(key: K, value: V | undefined): Partial<Record<K, V>> =>
  value === undefined ? {} : ({ [key]: value } as Record<K, V>)
