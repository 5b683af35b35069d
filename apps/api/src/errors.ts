import { ChufeiError, pointerToField, type ErrorCode, type Issue } from '@chufei/core'
import { HTTPException } from 'hono/http-exception'
import type { ContentfulStatusCode } from 'hono/utils/http-status'

/*
 * The API's failure vocabulary: every ChufeiError code plus the HTTP-only ones, each with its status
 * in ONE table. Every error response is `{ "error": { "code", "message", "messageEn", "details" } }`.
 * Nothing here ever carries a stack trace or the contents of a lead.
 */

/** Codes the HTTP layer adds to the core's closed set. */
export const HTTP_ERROR_CODES = [
  'MALFORMED_JSON',
  'MALFORMED_BODY',
  'METHOD_NOT_ALLOWED',
  'PAYLOAD_TOO_LARGE',
  'UNSUPPORTED_MEDIA_TYPE',
  'RATE_LIMITED',
  'NOT_READY',
  'BUSY',
] as const

export type HttpErrorCode = (typeof HTTP_ERROR_CODES)[number]

/** Every `error.code` an API response can carry. */
export type ApiErrorCode = ErrorCode | HttpErrorCode

/** The one code → HTTP status table (错误码与状态码对照表). */
export const ERROR_STATUS: Readonly<Record<ApiErrorCode, ContentfulStatusCode>> = {
  // core codes
  INVALID_LEAD: 400,
  INVALID_RULE_PACK: 422,
  UNREADABLE_INPUT: 400,
  USAGE: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  RULE_PACK_NOT_FOUND: 503,
  OUTPUT_FAILED: 500,
  INTERNAL: 500,
  // HTTP codes
  MALFORMED_JSON: 400,
  MALFORMED_BODY: 400,
  METHOD_NOT_ALLOWED: 405,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  RATE_LIMITED: 429,
  NOT_READY: 503,
  BUSY: 503,
}

/** The body of every error response. */
export interface ErrorBody {
  error: {
    code: ApiErrorCode
    /** Chinese message for people. */
    message: string
    /** The same in English. */
    messageEn: string
    details: unknown
    /** Set on 5xx so an operator can find the log line. */
    requestId?: string
  }
}

/** A failure the API answers with, before it becomes a response. */
export interface Problem {
  code: ApiErrorCode
  message: string
  messageEn: string
  details?: unknown
  headers?: Record<string, string>
}

/** The error body of a problem; `requestId` is shown when given (on 5xx, and on a batch stream's error line). */
export const errorBody = (problem: Problem, requestId?: string): ErrorBody => ({
  error: {
    code: problem.code,
    message: problem.message,
    messageEn: problem.messageEn,
    details: problem.details ?? null,
    ...(requestId !== undefined ? { requestId } : {}),
  },
})

/** Builds the JSON error response for a problem, its status taken from {@link ERROR_STATUS}. */
export const problemResponse = (problem: Problem, requestId?: string): Response => {
  const status = ERROR_STATUS[problem.code]
  const body = errorBody(problem, status >= 500 ? requestId : undefined)
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', ...problem.headers },
  })
}

/**
 * The exception a handler throws to answer with a problem. It is hono's own `HTTPException`, carrying
 * the finished JSON response, so the error handler just returns it.
 */
export const apiFailure = (problem: Problem): HTTPException =>
  new HTTPException(ERROR_STATUS[problem.code], { res: problemResponse(problem), message: problem.messageEn })

/** One field-level problem of an invalid lead or pack, as the API reports it in `details`: the core issue with its field. */
export interface IssueDetail extends Issue {
  /** Dotted field path (`people.total`), empty for the whole value. */
  readonly field: string
  /** Always given here: `''` for the whole value. */
  readonly pointer: string
}

/** The `details` entry for one core issue. */
export const issueDetail = (issue: Issue): IssueDetail => {
  const pointer = issue.pointer ?? ''
  return {
    field: pointerToField(pointer),
    pointer,
    code: issue.code,
    message: issue.message,
    messageEn: issue.messageEn,
    severity: issue.severity,
    ...(issue.file === undefined ? {} : { file: issue.file }),
    ...(issue.line === undefined ? {} : { line: issue.line }),
    ...(issue.column === undefined ? {} : { column: issue.column }),
  }
}

const CORE_MESSAGES: Readonly<Record<ErrorCode, readonly [string, string]>> = {
  INVALID_LEAD: ['线索数据不符合格式要求', 'The lead is invalid'],
  INVALID_RULE_PACK: ['规则包校验未通过', 'The rule pack is invalid'],
  UNREADABLE_INPUT: ['无法读取上传的文件', 'The uploaded file could not be read'],
  USAGE: ['请求用法有误', 'The request is not used correctly'],
  UNAUTHORIZED: ['未登录或令牌无效', 'Not signed in, or the token is invalid'],
  FORBIDDEN: ['无权访问', 'Forbidden'],
  NOT_FOUND: ['未找到', 'Not found'],
  CONFLICT: ['数据已被他人修改或重复提交', 'Changed since read, or submitted twice'],
  RULE_PACK_NOT_FOUND: ['未加载有效的规则包', 'No valid rule pack is loaded'],
  OUTPUT_FAILED: ['服务器内部错误', 'Internal server error'],
  INTERNAL: ['服务器内部错误', 'Internal server error'],
}

/**
 * The problem for a ChufeiError. Its issues become `details`; the message is the code's fixed text,
 * because a core message may quote input and 5xx answers must not leak internals.
 */
export const problemFromChufeiError = (error: ChufeiError): Problem => {
  const [message, messageEn] = CORE_MESSAGES[error.code]
  const internal = ERROR_STATUS[error.code] >= 500
  return {
    code: error.code,
    message,
    messageEn,
    details: internal ? null : error.issues.map(issueDetail),
  }
}

/**
 * The problem for a ChufeiError of the case store (案件库). Its message is the store's own, written for staff
 * and naming nothing outside the actor's units (a stale edit says which version is current), and its `data`
 * becomes `details` — a CONFLICT carries the case as it is now. 5xx stay generic.
 */
export const problemFromStoreError = (error: ChufeiError): Problem => {
  if (ERROR_STATUS[error.code] >= 500) return problemFromChufeiError(error)
  return {
    code: error.code,
    message: error.message,
    messageEn: CORE_MESSAGES[error.code][1],
    details: error.data ?? (error.issues.length > 0 ? error.issues.map(issueDetail) : null),
  }
}

/** A generic 500 for a real bug: nothing from the error itself reaches the client. */
export const internalProblem = (): Problem => ({
  code: 'INTERNAL',
  message: CORE_MESSAGES.INTERNAL[0],
  messageEn: CORE_MESSAGES.INTERNAL[1],
})

/** Maps anything thrown to the problem the client gets. */
export const problemFromError = (error: unknown): Problem =>
  error instanceof ChufeiError ? problemFromChufeiError(error) : internalProblem()
