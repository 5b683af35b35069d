import { ChufeiError } from '@chufei/core'
import type { Issue } from '@chufei/core'

/*
 * Every way a sheet can be unreadable ends here, so the messages stay uniform:
 * `<file>:<line>:<column>` located, Chinese first, English beside it.
 */

/** Where in the input a problem is. */
export interface InputLocation {
  line?: number
  column?: number
}

/**
 * Issue codes of a sheet that stopped being readable part-way, after every row before the failing record had
 * been yielded whole (a CSV quote never closed, a record past the size bound): those rows are sound, so a
 * caller may keep them — score and write them — and report the error after.
 */
export const STOPPED_AFTER_WHOLE_ROWS: ReadonlySet<string> = new Set(['unclosed-quote', 'record-too-long'])

/** True for an error that {@link STOPPED_AFTER_WHOLE_ROWS} describes. */
export const stoppedAfterWholeRows = (error: unknown): error is ChufeiError =>
  error instanceof ChufeiError && error.code === 'UNREADABLE_INPUT' && error.issues.some((i) => STOPPED_AFTER_WHOLE_ROWS.has(i.code))

/** Builds the `UNREADABLE_INPUT` error for `file`, with one located issue. */
export const unreadableInput = (
  file: string,
  code: string,
  message: string,
  messageEn: string,
  where: InputLocation = {},
  cause?: unknown,
): ChufeiError => {
  const issue: Issue = {
    code,
    severity: 'error',
    message,
    messageEn,
    file,
    ...(where.line === undefined ? {} : { line: where.line }),
    ...(where.column === undefined ? {} : { column: where.column }),
  }
  const at = [file, where.line, where.column].filter((p) => p !== undefined).join(':')
  return new ChufeiError('UNREADABLE_INPUT', `${at}：${message}`, { issues: [issue], cause })
}

/** Builds the `USAGE` error for a bad option. */
export const usageError = (message: string, messageEn: string, code = 'invalid-option'): ChufeiError =>
  new ChufeiError('USAGE', message, { issues: [{ code, severity: 'error', message, messageEn }] })

/** A short English description of an unknown thrown value, for `messageEn`. */
export const describeCause = (error: unknown): string =>
  error instanceof Error ? error.message : typeof error === 'string' ? error : 'unknown error'
