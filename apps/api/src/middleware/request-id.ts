import type { MiddlewareHandler } from 'hono'
import type { AppEnv } from '../_env'

// What a proxy or tracing system would send; nothing that could forge a log line or a header.
const SANE_ID = /^[A-Za-z0-9._:-]{1,128}$/

/**
 * Gives every request an id (a sane incoming `X-Request-Id`, else a new UUID) and puts it on every
 * response, error responses included: it is set after the handler, on whatever response came out.
 */
export const requestId = (): MiddlewareHandler<AppEnv> => async (c, next) => {
  const incoming = c.req.header('x-request-id')
  const id = incoming !== undefined && SANE_ID.test(incoming) ? incoming : crypto.randomUUID()
  c.set('requestId', id)
  await next()
  c.res.headers.set('x-request-id', id)
}
