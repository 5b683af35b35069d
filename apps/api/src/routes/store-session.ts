import { actorFromPassword, issueToken, listUsers, revokeToken, type User } from '@chufei/store'
import { createRoute, type OpenAPIHono } from '@hono/zod-openapi'
import { HTTPException } from 'hono/http-exception'
import { z } from 'zod'
import { jsonResponse } from '../middleware/request-context'
import { clearedSessionCookie, csrfOf, sessionCookie } from '../middleware/session'
import { actorOfToken, storeCredential } from '../middleware/store-auth'
import type { AppEnv } from '../_env'
import { errorResponse, json, serveRoute } from './_openapi'
import { readJsonInput, SIGN_IN_REFUSALS, STORE_SECURITY, storeErrorResponses, type StoreRoute } from './_store'
import { UserBody } from './_store-schemas'

/*
 * The console's sign-in (登录) and sign-out (退出): a login and password become a store token kept in an
 * HttpOnly, SameSite=Strict cookie (middleware/session.ts), with the session's CSRF value in the answer for
 * the page to send back on every change. API clients keep using bearer tokens (POST /v1/tokens).
 */

const SessionSignInSchema = z.object({ login: z.string().min(1).max(64), password: z.string().min(1).max(1024) }).meta({ id: 'SessionSignIn' })

/** A signed-in session: who, and the value to send as X-CSRF-Token on every POST, PATCH and DELETE. */
export const SessionBody = z
  .object({
    user: UserBody.nullable().meta({ description: 'null: nobody is signed in' }),
    csrf: z.string().nullable().meta({ description: 'Send as X-CSRF-Token with every state-changing request; null when the request used a bearer token' }),
  })
  .meta({ id: 'Session' })

// A session answer is one user's: no cache may keep it.
const noStore = (response: Response): Response => {
  response.headers.set('cache-control', 'no-store')
  return response
}

const withCookie = (response: Response, cookie: string): Response => {
  response.headers.set('set-cookie', cookie)
  return noStore(response)
}

const SESSION_GET = createRoute({
  method: 'get',
  path: '/v1/session',
  summary: '当前会话 Who is signed in',
  description:
    'The signed-in user and the session’s CSRF value (the console reads it after a reload: the cookie itself is HttpOnly); `{"user": null, "csrf": null}` when nobody is signed in, or when the server has no store. With a bearer token, that token’s user and no CSRF value.',
  tags: ['store'],
  responses: { 200: { description: 'The session', content: json(SessionBody) } },
})

/** `GET /v1/session` on a server without the store: nobody can sign in, and the console shows the analyst pages only. */
export const registerNoStoreSession = (app: OpenAPIHono<AppEnv>): void =>
  serveRoute(app, SESSION_GET, (c) => noStore(jsonResponse(c.get('requestId'), { user: null, csrf: null })))

const tokenIdOf = (token: string): number => Number(/^cft_(\d{1,9})_/.exec(token)?.[1] ?? Number.NaN)

/** The routes of sessions. */
export const SESSION_ROUTES: readonly StoreRoute[] = [
  {
    public: true,
    route: createRoute({
      method: 'post',
      path: '/v1/session',
      summary: '登录（控制台） Sign in to the console',
      description:
        'A login and password → a new store token for the user, set as the cookie `chufei_session` (HttpOnly, SameSite=Strict, Path=/; Secure over https). The session ends 12 hours after sign-in (`CHUFEI_SESSION_HOURS`): the token stops working and the cookie’s Max-Age ends with it. The answer gives the user and the CSRF value to send as `X-CSRF-Token` with every POST, PATCH and DELETE made with the cookie. A wrong login and a wrong password get the same 401.',
      tags: ['store'],
      request: { body: { required: true, content: json(SessionSignInSchema) } },
      responses: { 201: { description: 'Signed in; the cookie is set', content: json(SessionBody) }, ...storeErrorResponses(true), 401: errorResponse('Wrong login or password (UNAUTHORIZED)'), ...SIGN_IN_REFUSALS },
    }),
    handle: async (c, s) => {
      const input = await readJsonInput(c, s, SessionSignInSchema)
      const actor = await s.signIn.attempt(input.login, () => actorFromPassword(s.db, input.login, input.password))
      const issued = await issueToken(s.db, actor, { login: input.login, label: 'console session', expiresInSeconds: s.sessionSeconds })
      return withCookie(jsonResponse(c.get('requestId'), { user: issued.user, csrf: csrfOf(issued.token) }, 201), sessionCookie(c, issued.token, s.sessionSeconds))
    },
  },
  {
    // Public, and 200 with a null user when nobody is signed in: the console asks on every load, and a 401 there
    // would be an error in the browser's console on every page of a user who never signs in.
    public: true,
    route: SESSION_GET,
    handle: async (c, s) => {
      let session: { user: User | null; csrf: string | null } = { user: null, csrf: null }
      try {
        const credential = storeCredential(c)
        const actor = await actorOfToken(s.db, credential.token)
        const user = (await listUsers(s.db, actor)).find((u) => u.id === actor.userId) ?? null
        session = { user, csrf: user !== null && credential.cookie ? csrfOf(credential.token) : null }
      } catch (error) {
        // No credential, or a revoked or unknown one: nobody is signed in. Anything else is a real failure.
        if (!(error instanceof HTTPException) || error.status !== 401) throw error
      }
      return noStore(jsonResponse(c.get('requestId'), session))
    },
  },
  {
    route: createRoute({
      method: 'delete',
      path: '/v1/session',
      summary: '退出 Sign out',
      description: 'Revokes the session’s token and clears the cookie; with the cookie it needs `X-CSRF-Token`. A request with a bearer token only clears the cookie (revoke a bearer token with DELETE /v1/tokens/{id}).',
      tags: ['store'],
      security: STORE_SECURITY,
      responses: { 204: { description: 'Signed out' }, ...storeErrorResponses() },
    }),
    handle: async (c, s) => {
      // Only a cookie session is ended here: a bearer token belongs to a script or a person's CLI and is
      // revoked on purpose, with DELETE /v1/tokens/{id}.
      const credential = storeCredential(c)
      if (credential.cookie) await revokeToken(s.db, s.actor, tokenIdOf(credential.token))
      return withCookie(new Response(null, { status: 204 }), clearedSessionCookie(c))
    },
  },
]
