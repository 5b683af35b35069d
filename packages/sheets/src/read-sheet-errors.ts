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
