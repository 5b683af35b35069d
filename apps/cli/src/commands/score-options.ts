import type { Lang } from '@chufei/core'
import { fail } from '../_fail'
import { OUTPUT_FORMATS, type OutputFormat } from '@chufei/ledger'
import type { ScoreOptions } from '../score-command'
import { parseXlsxLimits } from '../xlsx-limit-options'
import { whenGiven } from './command-table'

/*
 * `chufei score`'s options as commander hands them over (strings), checked into {@link ScoreOptions}.
 * A bad value is a usage error (exit 2) naming the option and what it accepts.
 */

/** `chufei score`'s options before they are checked. */
export interface RawScoreOptions {
  rules?: string
  format?: string
  out?: string
  sheet?: string
  encoding?: string
  columns?: string
  strict?: boolean
  lang?: string
  quiet?: boolean
  engine?: string
  threads?: string
  maxXlsxPartMb?: string
  maxXlsxStringsMb?: string
}

const LANGS = ['zh', 'en'] as const
const ENGINES = ['compiled', 'reference'] as const

const choice = <T extends string>(option: string, value: string | undefined, allowed: readonly T[], fallback: T): T => {
  if (value === undefined) return fallback
  if ((allowed as readonly string[]).includes(value)) return value as T
  throw fail('USAGE', (m) => m.badChoice(option, value, allowed))
}

/** Checks `chufei score`'s options; `lang` is the language found before parsing, used when `--lang` is absent. */
export const parseScoreOptions = (
  sheet: string,
  raw: RawScoreOptions,
  lang: Lang,
  env: Record<string, string | undefined>,
): ScoreOptions => {
  const chosenLang = choice('--lang', raw.lang, LANGS, lang)
  const format = choice<OutputFormat>('--format', raw.format, OUTPUT_FORMATS, 'jsonl')
  const engine = choice('--engine', raw.engine, ENGINES, 'compiled')
  const xlsxLimits = parseXlsxLimits(raw, env)
  return {
    sheet,
    format,
    lang: chosenLang,
    engine,
    xlsxLimits,
    strict: raw.strict === true,
    quiet: raw.quiet === true,
    ...whenGiven('rules', raw.rules),
    ...whenGiven('out', raw.out),
    ...whenGiven('sheetName', raw.sheet),
    ...whenGiven('encoding', raw.encoding),
    ...whenGiven('columns', raw.columns),
  }
}
