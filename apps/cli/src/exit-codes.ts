import type { ErrorCode } from '@chufei/core'

/*
 * The one table of exit codes (退出码). Everything that ends `run` goes through here, so scripts that
 * call `chufei` can rely on: 0 done, 1 could not complete, 2 wrong usage, 3 refused by the case store.
 */

/** The run completed (rejected rows included, unless `--strict`). */
export const EXIT_OK = 0
/** The run could not complete: unreadable input, invalid rule pack, output failed — or `--strict` saw a rejected row. */
export const EXIT_FAILURE = 1
/** Usage error: unknown option, missing argument, bad `--format`. */
export const EXIT_USAGE = 2
/** Refused by the case store: no valid token (UNAUTHORIZED), no right to it (FORBIDDEN), not there (NOT_FOUND), or changed since read (CONFLICT). */
export const EXIT_REFUSED = 3
/** Interrupted by SIGINT (Ctrl-C), the shell convention 128 + 2. Nothing was written. */
export const EXIT_INTERRUPTED = 130

export type ExitCode = typeof EXIT_OK | typeof EXIT_FAILURE | typeof EXIT_USAGE | typeof EXIT_REFUSED | typeof EXIT_INTERRUPTED

/** Exit code of a failed run, by {@link ChufeiError} code. */
export const EXIT_CODES: Readonly<Record<ErrorCode, ExitCode>> = {
  INVALID_RULE_PACK: EXIT_FAILURE,
  RULE_PACK_NOT_FOUND: EXIT_FAILURE,
  INVALID_LEAD: EXIT_FAILURE,
  UNREADABLE_INPUT: EXIT_FAILURE,
  OUTPUT_FAILED: EXIT_FAILURE,
  USAGE: EXIT_USAGE,
  UNAUTHORIZED: EXIT_REFUSED,
  FORBIDDEN: EXIT_REFUSED,
  NOT_FOUND: EXIT_REFUSED,
  CONFLICT: EXIT_REFUSED,
  INTERNAL: EXIT_FAILURE,
}

/** The exit code for an error code. */
export const exitCodeFor = (code: ErrorCode): ExitCode => EXIT_CODES[code]
