import { ChufeiError, type Lang } from '@chufei/core'

/*
 * What the commands beside `score` share: the usage error (exit 2) for a bad option value, and `--lang`.
 */

/** A usage error (exit 2) with a bilingual message. */
export const usageError = (zh: string, en: string): ChufeiError =>
  new ChufeiError('USAGE', zh, { issues: [{ code: 'usage', severity: 'error', message: zh, messageEn: en }] })

/** Parses `--lang`; without it, the language `run` found. */
export const parseLang = (value: string | undefined, fallback: Lang): Lang => {
  if (value === undefined) return fallback
  if (value === 'zh' || value === 'en') return value
  throw usageError(`--lang 的取值“${value}”无效，应为 zh 或 en`, `invalid --lang "${value}": use zh or en`)
}
