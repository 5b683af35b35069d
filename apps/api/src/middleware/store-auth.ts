import { ChufeiError } from '@chufei/core'
import { actorFromToken, type Actor, type Db } from '@chufei/store'
import type { Context } from 'hono'
import type { AppEnv } from '../_env'
import { requestHeader } from '../_incoming'
import { apiFailure } from '../errors'
import { changesState, CSRF_HEADER, csrfMatches, sessionToken } from './session'

/*
 * Who a store request acts as (操作人): the user of the bearer token, or of the console's session cookie,
 * checked by the store (only the token's scrypt hash is kept there). The API never decides access itself —
 * it hands the actor to the store.
 */

const unauthorized = (message: string, messageEn: string) =>
  apiFailure({ code: 'UNAUTHORIZED', message, messageEn, headers: { 'www-authenticate': 'Bearer realm="chufei-store"' } })

/** How a store request was authenticated: the token, and whether it came in the session cookie. */
export interface StoreCredential {
  readonly token: string
  readonly cookie: boolean
}

/**
 * The token of the request: `Authorization: Bearer` when present (unchanged for API clients), else the session
 * cookie. With the cookie, a state-changing request must carry the session's X-CSRF-Token.
 *
 * @throws 401 when there is neither or the header is malformed; 403 FORBIDDEN for a cookie without the CSRF value
 */
export const storeCredential = (c: Context<AppEnv>): StoreCredential => {
  const header = requestHeader(c, 'authorization')
  if (header !== undefined) {
    const match = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(header)
    if (!match?.[1]) throw unauthorized('缺少访问令牌（Authorization: Bearer …）', 'Missing bearer token (Authorization: Bearer …)')
    return { token: match[1], cookie: false }
  }
  const token = sessionToken(c)
  if (token === undefined) throw unauthorized('未登录：请先登录，或提供访问令牌（Authorization: Bearer …）', 'Not signed in: sign in, or send a bearer token (Authorization: Bearer …)')
  if (changesState(c.req.method) && !csrfMatches(token, requestHeader(c, CSRF_HEADER))) {
    throw apiFailure({
      code: 'FORBIDDEN',
      message: '请求缺少有效的 X-CSRF-Token：请从控制台页面操作',
      messageEn: 'Missing or wrong X-CSRF-Token: act from the console’s pages',
    })
  }
  return { token, cookie: true }
}

/** The actor of a token. @throws 401 for an unknown, revoked or expired token or a disabled user (not said which) */
export const actorOfToken = async (db: Db, token: string): Promise<Actor> => {
  try {
    return await actorFromToken(db, token)
  } catch (error) {
    if (error instanceof ChufeiError && error.code === 'UNAUTHORIZED') {
      throw unauthorized('令牌无效、已吊销、已过期，或其用户已停用；控制台登录已过期的，请重新登录', 'The token is invalid, revoked or expired, or its user is disabled; sign in to the console again if your session ended')
    }
    throw error
  }
}

/**
 * The actor of `Authorization: Bearer cft_…` or of the session cookie.
 *
 * @throws the 401 UNAUTHORIZED response when there is no credential, or it names an unknown or revoked token or a
 *   disabled user (the answer does not say which); 403 when a cookie-authenticated change lacks its CSRF value
 */
export const storeActor = async (c: Context<AppEnv>, db: Db): Promise<Actor> => actorOfToken(db, storeCredential(c).token)
