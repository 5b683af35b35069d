import { XLSX_LIMIT_SETTINGS, type XlsxLimits } from '@chufei/sheets'
import { fail } from './_fail'

/*
 * `--max-xlsx-part-mb` and `--max-xlsx-strings-mb` (解压与内存上限), in MiB; the option wins over the
 * environment variable the API reads too (names in XLSX_LIMIT_SETTINGS), and the reader's defaults
 * apply when neither is set.
 */

/** The largest limit accepted: 4 GiB is as large as a part of a (non-zip64) archive can be. */
export const MAX_XLSX_LIMIT_MB = 4096

const MIB = 1024 * 1024

const mebibytes = (option: string, value: string): number => {
  const n = /^\d{1,4}$/.test(value.trim()) ? Number(value.trim()) : NaN
  if (Number.isInteger(n) && n >= 1 && n <= MAX_XLSX_LIMIT_MB) return n * MIB
  throw fail('USAGE', (m) => m.badChoice(option, value, [`1–${MAX_XLSX_LIMIT_MB}`]))
}

/** The XLSX limits a run asked for, by option or else by environment variable; empty for the defaults. */
export const parseXlsxLimits = (
  raw: { maxXlsxPartMb?: string | undefined; maxXlsxStringsMb?: string | undefined },
  env: Readonly<Record<string, string | undefined>>,
): Partial<XlsxLimits> => {
  const pick = (value: string | undefined, setting: { option: string; env: string }): number | undefined => {
    if (value !== undefined) return mebibytes(setting.option, value)
    const fromEnv = env[setting.env]
    return fromEnv === undefined || fromEnv.trim() === '' ? undefined : mebibytes(setting.env, fromEnv)
  }
  const partBytes = pick(raw.maxXlsxPartMb, XLSX_LIMIT_SETTINGS.part)
  const sharedStringsBytes = pick(raw.maxXlsxStringsMb, XLSX_LIMIT_SETTINGS['shared-strings'])
  return {
    ...(partBytes === undefined ? {} : { partBytes }),
    ...(sharedStringsBytes === undefined ? {} : { sharedStringsBytes }),
  }
}
