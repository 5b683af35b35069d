import type { MiddlewareHandler } from 'hono'
import { requestHeader } from '../_incoming'
import type { Logger } from '../logger'
import type { AppEnv } from '../_env'

/*
 * What every request gets, in one middleware (one layer of the chain instead of three): a request id,
 * the secure headers and the id on every response (error responses included), and one log line.
 */

// What a proxy or tracing system would send; nothing that could forge a log line or a header.
const SANE_ID = /^[A-Za-z0-9._:-]{1,128}$/

/**
 * The secure headers (安全响应头) every response carries unless it sets its own (`/docs` sets a CSP
 * with a nonce): what hono's `secureHeaders` gives, with a CSP that allows nothing, computed once.
 */
export const SECURE_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'origin-agent-cluster': '?1',
  'referrer-policy': 'no-referrer',
  'strict-transport-security': 'max-age=15552000; includeSubDomains',
  'x-content-type-options': 'nosniff',
  'x-dns-prefetch-control': 'off',
  'x-download-options': 'noopen',
  'x-frame-options': 'SAMEORIGIN',
  'x-permitted-cross-domain-policies': 'none',
  'x-xss-protection': '0',
})
const SECURE_ENTRIES = Object.entries(SECURE_HEADERS)

// Responses built by `jsonResponse`, which carry every header already: nothing to add to them.
const complete = new WeakSet<Response>()

/**
 * A JSON response that already carries the secure headers and the request id, as a plain header
 * object. Setting them afterwards would make @hono/node-server build a WHATWG `Headers` for it.
 */
export const jsonResponse = (requestId: string, value: unknown, status = 200): Response => {
  const response = new Response(JSON.stringify(value), {
    status,
    headers: { 'content-type': 'application/json', ...SECURE_HEADERS, 'x-request-id': requestId },
  })
  complete.add(response)
  return response
}

/**
 * Gives every request an id (a sane incoming `X-Request-Id`, else a new UUID), puts it and the secure
 * headers on whatever response came out, and logs one line per request after the response is ready:
 * method, path (without the query string), status, milliseconds and request id. Bodies are never logged.
 */
export const requestContext =
  (logger: Logger, now: () => number): MiddlewareHandler<AppEnv> =>
  async (c, next) => {
    const start = now()
    const incoming = requestHeader(c, 'x-request-id')
    const id = incoming !== undefined && SANE_ID.test(incoming) ? incoming : crypto.randomUUID()
    c.set('requestId', id)
    await next()
    const res = c.res
    if (!complete.has(res)) {
      const { headers } = res
      for (const [name, value] of SECURE_ENTRIES) if (!headers.has(name)) headers.set(name, value)
      headers.set('x-request-id', id)
    }
    const status = res.status
    logger({
      level: status >= 500 ? 'error' : status >= 400 ? 'warn' : 'info',
      msg: 'request',
      method: c.req.method,
      path: c.req.path,
      status,
      ms: Math.round((now() - start) * 10) / 10,
      requestId: id,
    })
  }
