import type { IncomingMessage } from 'node:http'
import type { Context } from 'hono'
import type { AppEnv } from './_env'

/*
 * Reading the request from Node's own objects when the app runs under Node. Hono's `c.req.header()`
 * and `c.req.raw.body` make @hono/node-server build a WHATWG `Headers` and `Request` (with an abort
 * signal and a web stream over the socket) for every request; on a small JSON request that is most of
 * the HTTP stack's cost. Under `app.request()` (tests, other runtimes) there is no `incoming` and the
 * WHATWG objects are used as before.
 */

/** Node's request, when the app is served by `startServer`. */
export const incomingOf = (c: Context<AppEnv>): IncomingMessage | undefined => c.env?.incoming

/** A request header by lower-case name, read from Node's parsed headers when there are any. */
export const requestHeader = (c: Context<AppEnv>, name: string): string | undefined => {
  const incoming = c.env?.incoming
  if (incoming === undefined) return c.req.header(name)
  const value = incoming.headers[name]
  return Array.isArray(value) ? value.join(', ') : value
}
