import { createHmac, timingSafeEqual } from 'node:crypto'
import type { Context } from 'hono'
import type { AppEnv } from '../_env'
import { requestHeader } from '../_incoming'

/*
 * The console's session (会话): the store token a sign-in issues, kept in a cookie the page's script cannot
 * read (HttpOnly), sent only on requests from our own pages (SameSite=Strict), for the whole origin (Path=/,
 * the console at /console/ calls /v1/…). A browser attaches a cookie to any request to our origin, so a
 * state-changing request authenticated by it must also prove it came from our page: the header X-CSRF-Token,
 * which a cross-site form cannot set and a cross-site script cannot read back (no CORS here).
 *
 * The CSRF value is an HMAC of the token keyed by the token itself: it is per session, needs no server secret
 * and no table (so it survives a restart with the session), and cannot be computed without the token, which
 * only the HttpOnly cookie holds.
 */

/**
 * A console session lasts 12 hours from sign-in: a working day with overtime, and a browser left signed in on
 * a shared office computer is signed out by the next morning. `CHUFEI_SESSION_HOURS` changes it.
 */
export const DEFAULT_SESSION_SECONDS = 12 * 3600

/** The cookie's name. */
export const SESSION_COOKIE = 'chufei_session'

/** The header a cookie-authenticated state-changing request carries. */
export const CSRF_HEADER = 'x-csrf-token'

/** The CSRF value of a session token. */
export const csrfOf = (token: string): string => createHmac('sha256', token).update('chufei-csrf-v1').digest('base64url')

/** Whether `given` is the session's CSRF value (compared in constant time). */
export const csrfMatches = (token: string, given: string | undefined): boolean => {
  if (given === undefined) return false
  const want = Buffer.from(csrfOf(token))
  const got = Buffer.from(given.trim())
  return want.length === got.length && timingSafeEqual(want, got)
}

/** The session token of the request's cookie, if any. */
export const sessionToken = (c: Context<AppEnv>): string | undefined => {
  const header = requestHeader(c, 'cookie')
  if (header === undefined) return undefined
  for (const part of header.split(';')) {
    const eq = part.indexOf('=')
    if (eq > 0 && part.slice(0, eq).trim() === SESSION_COOKIE) {
      const value = part.slice(eq + 1).trim()
      return value === '' ? undefined : value
    }
  }
  return undefined
}

// Secure only over https: on a plain-http intranet server a Secure cookie would never come back. Behind a
// TLS-terminating proxy the proxy's X-Forwarded-Proto says https; adding Secure is only ever stricter.
const isHttps = (c: Context<AppEnv>): boolean => new URL(c.req.url).protocol === 'https:' || requestHeader(c, 'x-forwarded-proto')?.split(',')[0]?.trim() === 'https'

const attributes = (c: Context<AppEnv>): string => `Path=/; HttpOnly; SameSite=Strict${isHttps(c) ? '; Secure' : ''}`

/**
 * The Set-Cookie value that keeps `token` as the session for `seconds` — the token's own lifetime, so the
 * browser drops the cookie when the server stops honouring it (the server's check is what counts).
 */
export const sessionCookie = (c: Context<AppEnv>, token: string, seconds: number): string => `${SESSION_COOKIE}=${token}; Max-Age=${seconds}; ${attributes(c)}`

/** The Set-Cookie value that clears the session cookie. */
export const clearedSessionCookie = (c: Context<AppEnv>): string => `${SESSION_COOKIE}=; Max-Age=0; ${attributes(c)}`

/** Whether a method changes state (everything but GET, HEAD, OPTIONS). */
export const changesState = (method: string): boolean => !['GET', 'HEAD', 'OPTIONS'].includes(method.toUpperCase())
