import type { IncomingMessage } from 'node:http'

/**
 * Hono environment of the app: the request id variable and, under Node, the raw request
 * (`c.env` is undefined under `app.request()`, so read it with `?.`).
 */
export interface AppEnv {
  Variables: { requestId: string }
  Bindings: { incoming?: IncomingMessage }
}
