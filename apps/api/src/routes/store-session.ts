import { ChufeiError } from '@chufei/core'
import { actorFromPassword, issueToken, listUsers, revokeToken } from '@chufei/store'
import { createRoute } from '@hono/zod-openapi'
import { z } from 'zod'
import { jsonResponse } from '../middleware/request-context'
import { clearedSessionCookie, csrfOf, sessionCookie } from '../middleware/session'
import { storeCredential } from '../middleware/store-auth'
import { errorResponse, json } from './_openapi'
import { readJsonInput, STORE_SECURITY, storeErrorResponses, type StoreContext, type StoreRoute } from './_store'
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
    user: UserBody,
    csrf: z.string().nullable().meta({ description: 'Send as X-CSRF-Token with every state-changing request; null when the request used a bearer token' }),
  })
  .meta({ id: 'Session' })

const withCookie = (response: Response, cookie: string): Response => {
  response.headers.set('set-cookie', cookie)
  // A session answer is one user's: no cache may keep it.
  response.headers.set('cache-control', 'no-store')
  return response
}

const userOf = async (s: StoreContext) => {
  const me = (await listUsers(s.db, s.actor)).find((u) => u.id === s.actor.userId)
  if (me === undefined) throw new ChufeiError('NOT_FOUND', '令牌的用户不存在')
  return me
}

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
        'A login and password → a new store token for the user, set as the cookie `chufei_session` (HttpOnly, SameSite=Strict, Path=/; Secure over https). The answer gives the user and the CSRF value to send as `X-CSRF-Token` with every POST, PATCH and DELETE made with the cookie. A wrong login and a wrong password get the same 401.',
      tags: ['store'],
      request: { body: { required: true, content: json(SessionSignInSchema) } },
      responses: { 201: { description: 'Signed in; the cookie is set', content: json(SessionBody) }, ...storeErrorResponses(true), 401: errorResponse('Wrong login or password (UNAUTHORIZED)') },
    }),
    handle: async (c, s) => {
      const input = await readJsonInput(c, s, SessionSignInSchema)
      const actor = await actorFromPassword(s.db, input.login, input.password)
      const issued = await issueToken(s.db, actor, { login: input.login, label: 'console session' })
      return withCookie(jsonResponse(c.get('requestId'), { user: issued.user, csrf: csrfOf(issued.token) }, 201), sessionCookie(c, issued.token))
    },
  },
  {
    route: createRoute({
      method: 'get',
      path: '/v1/session',
      summary: '当前会话 The current session',
      description: 'Who is signed in, and the session’s CSRF value (the console reads it after a reload: the cookie itself is HttpOnly). 401 when nobody is.',
      tags: ['store'],
      security: STORE_SECURITY,
      responses: { 200: { description: 'The session', content: json(SessionBody) }, ...storeErrorResponses() },
    }),
    handle: async (c, s) => {
      const credential = storeCredential(c)
      const response = jsonResponse(c.get('requestId'), { user: await userOf(s), csrf: credential.cookie ? csrfOf(credential.token) : null })
      response.headers.set('cache-control', 'no-store')
      return response
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
