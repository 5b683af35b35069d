/*
 * One error class with a closed set of codes. Adapters map codes to HTTP statuses and exit codes in
 * one table each; nothing matches on message text.
 */

/** Every code a {@link ChufeiError} can carry. */
export const ERROR_CODES = [
  /** A rule pack failed validation; `issues` lists every problem. */
  'INVALID_RULE_PACK',
  /** A rule-pack folder or file could not be read. */
  'RULE_PACK_NOT_FOUND',
  /** A lead failed validation; `issues` lists every field. */
  'INVALID_LEAD',
  /** An input file could not be read or decoded. */
  'UNREADABLE_INPUT',
  /** An output could not be written. */
  'OUTPUT_FAILED',
  /** The caller used the API or command wrongly. */
  'USAGE',
  /** No valid credentials: an unknown, revoked or malformed token or password. */
  'UNAUTHORIZED',
  /** The actor's role or unit does not allow it (a village reading another village's cases). */
  'FORBIDDEN',
  /** What was asked for is not there (or not visible to the actor: the store does not say which). */
  'NOT_FOUND',
  /** A stale or duplicate write: the case changed since it was read, or the file was imported before; `data` carries the current state. */
  'CONFLICT',
  /** A bug: something that should never happen. */
  'INTERNAL',
] as const

export type ErrorCode = (typeof ERROR_CODES)[number]

/**
 * One located problem: where (file, JSON pointer, line and column when known) and why, in Chinese and
 * English. Rule-pack validation, lead validation and sheet reading all report these.
 */
export interface Issue {
  /** Stable machine code, e.g. `unknown-fact`. */
  readonly code: string
  /** `error` stops loading; `warning` is reported and loading goes on. */
  readonly severity: 'error' | 'warning'
  /** Reason in Chinese. */
  readonly message: string
  /** Reason in English. */
  readonly messageEn: string
  /** File the problem is in, relative to the pack or input folder. */
  readonly file?: string
  /** RFC 6901 JSON pointer inside the file, e.g. `/rules/3/conditions/all/0/fact`. */
  readonly pointer?: string
  /** 1-based line and column, when the source text is known. */
  readonly line?: number
  readonly column?: number
}

/**
 * The error every chufei package throws.
 *
 * @example
 * ```ts
 * try { await scorer.score(input) } catch (e) {
 *   if (e instanceof ChufeiError && e.code === 'INVALID_LEAD') console.error(e.issues)
 * }
 * ```
 */
export class ChufeiError extends Error {
  override readonly name = 'ChufeiError'
  readonly code: ErrorCode
  readonly issues: readonly Issue[]
  /** Machine-readable detail, e.g. the current state of a case a stale edit conflicted with (`CONFLICT`). */
  readonly data: Readonly<Record<string, unknown>> | undefined

  constructor(
    code: ErrorCode,
    message: string,
    options: { issues?: readonly Issue[]; cause?: unknown; data?: Readonly<Record<string, unknown>> } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause })
    this.code = code
    this.issues = options.issues ?? []
    this.data = options.data
  }
}

/** The outcome of a `safe*` call: data, or the error it would have thrown. */
export type SafeResult<T> = { success: true; data: T } | { success: false; error: ChufeiError }

/** Formats an issue as `file:line:column  pointer  message`, the way editors and terminals link it. */
export const formatIssue = (issue: Issue, lang: 'zh' | 'en' = 'zh'): string => {
  const where = [issue.file, issue.line, issue.column].filter((p) => p !== undefined).join(':')
  const level = issue.severity === 'warning' ? (lang === 'zh' ? '警告' : 'warning') : lang === 'zh' ? '错误' : 'error'
  const message = lang === 'zh' ? issue.message : issue.messageEn
  return [where, issue.pointer, `${level}: ${message}`].filter((p) => p !== undefined && p !== '').join('  ')
}
