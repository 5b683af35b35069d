import type { ChufeiError } from '@chufei/core'
import { unreadableInput, usageError } from '../read-sheet-errors'

/*
 * What one .xlsx may make the reader spend (解压与内存上限). An .xlsx is a zip: 1 MB on disk can inflate
 * to gigabytes (a zip bomb), so every part's inflated bytes are counted as they stream and reading stops
 * past the limit; the shared strings, the one part held whole in memory, have a memory budget of their
 * own. The CLI (`--max-xlsx-part-mb`, `--max-xlsx-strings-mb`) and the API read the same two
 * environment variables, so the error can say how to change the limit wherever it is shown.
 */

/** Resource limits of the XLSX reader, in bytes. */
export interface XlsxLimits {
  /**
   * Inflated bytes of any one part of the archive (the worksheet is streamed, so this bounds time, not
   * memory). Default 512 MiB: a full-height sheet (1,048,576 rows) of about 15 columns.
   */
  readonly partBytes: number
  /**
   * Memory held for the shared strings (共享字符串): 2 bytes per UTF-16 code unit plus
   * {@link STRING_OVERHEAD_BYTES} per string, as V8 keeps them. The other parts read whole (workbook,
   * relationships, styles) may not inflate past it either. Default 32 MiB: about 140,000 distinct
   * texts of 100 Chinese characters; reading up to it costs about 1.5× that in peak RSS (V8's garbage
   * and headroom), so the default keeps `chufei score` on a bomb well under 300 MB.
   */
  readonly sharedStringsBytes: number
}

const MIB = 1024 * 1024

/** The limits when none are set. */
export const DEFAULT_XLSX_LIMITS: Readonly<XlsxLimits> = { partBytes: 512 * MIB, sharedStringsBytes: 32 * MIB }

/** What one string costs besides its characters: the V8 string header and its slot in the array. */
export const STRING_OVERHEAD_BYTES = 32

/** Which limit a workbook went past. */
export type XlsxLimitKind = 'part' | 'shared-strings'

/** The CLI option and environment variable (in MiB) that set each limit. */
export const XLSX_LIMIT_SETTINGS: Readonly<Record<XlsxLimitKind, { option: string; env: string }>> = {
  part: { option: '--max-xlsx-part-mb', env: 'CHUFEI_MAX_XLSX_PART_MB' },
  'shared-strings': { option: '--max-xlsx-strings-mb', env: 'CHUFEI_MAX_XLSX_STRINGS_MB' },
}

/** A workbook went past one of the {@link XlsxLimits}; the reader turns it into a located error. */
export class XlsxLimitError extends Error {
  constructor(
    readonly kind: XlsxLimitKind,
    readonly part: string,
    readonly limitBytes: number,
  ) {
    super(`${part} exceeds the ${kind} limit of ${limitBytes} bytes`)
  }
}

/** Bytes as people read a limit: whole MiB when it is one, else bytes. */
export const formatLimit = (bytes: number): string => (bytes % MIB === 0 ? `${bytes / MIB} MiB` : `${bytes} bytes`)

/** The `UNREADABLE_INPUT` error for a workbook past a limit: which part, which limit, how to raise it. */
export const xlsxLimitError = (file: string, error: XlsxLimitError): ChufeiError => {
  const { option, env } = XLSX_LIMIT_SETTINGS[error.kind]
  const limit = formatLimit(error.limitBytes)
  const raise = `可用 ${option} 或环境变量 ${env} 调整（单位 MiB）`
  const raiseEn = `set ${option} or the environment variable ${env} (in MiB) to change it`
  return error.kind === 'part'
    ? unreadableInput(
        file,
        'xlsx-part-too-large',
        `Excel文件中的 ${error.part} 解压后超过上限 ${limit}，已停止读取（可能是压缩炸弹）；${raise}`,
        `${error.part} in the Excel file inflates beyond the limit of ${limit}; reading stopped (a zip bomb?); ${raiseEn}`,
      )
    : unreadableInput(
        file,
        'xlsx-strings-too-large',
        `Excel文件的共享字符串（${error.part}）超过内存上限 ${limit}，已停止读取；${raise}`,
        `the shared strings of the Excel file (${error.part}) exceed the memory limit of ${limit}; reading stopped; ${raiseEn}`,
      )
}

/**
 * The limits with `overrides` applied.
 *
 * @throws {ChufeiError} `USAGE` when a limit is not a positive whole number of bytes
 */
export const resolveXlsxLimits = (overrides: Partial<XlsxLimits> | undefined): XlsxLimits => {
  const limits: Record<keyof XlsxLimits, number> = { ...DEFAULT_XLSX_LIMITS }
  for (const key of ['partBytes', 'sharedStringsBytes'] as const) {
    const value = overrides?.[key]
    if (value === undefined) continue
    if (!Number.isSafeInteger(value) || value <= 0)
      throw usageError(`xlsxLimits.${key} 应为正整数（字节）`, `xlsxLimits.${key} must be a positive whole number of bytes`)
    limits[key] = value
  }
  return limits
}
