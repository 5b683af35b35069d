import type { MiddlewareHandler } from 'hono'
import type { Logger } from '../logger'
import type { AppEnv } from '../_env'

/**
 * Logs one line per request after the response is ready: method, path (without the query string),
 * status, milliseconds and request id. Bodies are never logged.
 */
export const requestLog =
  (logger: Logger, now: () => number): MiddlewareHandler<AppEnv> =>
  async (c, next) => {
    const start = now()
    await next()
    const status = c.res.status
    logger({
      level: status >= 500 ? 'error' : status >= 400 ? 'warn' : 'info',
      msg: 'request',
      method: c.req.method,
      path: c.req.path,
      status,
      ms: Math.round((now() - start) * 10) / 10,
      requestId: c.get('requestId'),
    })
  }
