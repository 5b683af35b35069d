import { ChufeiError } from '@chufei/core'
import { actorFromToken, type Actor, type Db } from '@chufei/store'
import type { Context } from 'hono'
import type { AppEnv } from '../_env'
import { requestHeader } from '../_incoming'
import { apiFailure } from '../errors'

/*
 * Who a store request acts as (操作人): the user of the bearer token, checked by the store (only the token's
 * scrypt hash is kept there). The API never decides access itself — it hands the actor to the store.
 */

const unauthorized = (message: string, messageEn: string) =>
  apiFailure({ code: 'UNAUTHORIZED', message, messageEn, headers: { 'www-authenticate': 'Bearer realm="chufei-store"' } })

/**
 * The actor of `Authorization: Bearer cft_…`.
 *
 * @throws the 401 UNAUTHORIZED response when the header is missing, malformed, or names an unknown or revoked
 *   token or a disabled user (the answer does not say which)
 */
export const storeActor = async (c: Context<AppEnv>, db: Db): Promise<Actor> => {
  const header = requestHeader(c, 'authorization') ?? ''
  const match = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(header)
  if (!match?.[1]) throw unauthorized('缺少访问令牌（Authorization: Bearer …）', 'Missing bearer token (Authorization: Bearer …)')
  try {
    return await actorFromToken(db, match[1])
  } catch (error) {
    if (error instanceof ChufeiError && error.code === 'UNAUTHORIZED') {
      throw unauthorized('令牌无效、已吊销，或其用户已停用', 'The token is invalid or revoked, or its user is disabled')
    }
    throw error
  }
}
