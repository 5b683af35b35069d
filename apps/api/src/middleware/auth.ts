import { timingSafeEqual, createHash } from 'node:crypto'
import type { MiddlewareHandler } from 'hono'
import { requestHeader } from '../_incoming'
import { apiFailure } from '../errors'
import type { AppEnv } from '../_env'

const digest = (s: string): Buffer => createHash('sha256').update(s, 'utf8').digest()

/**
 * Requires `Authorization: Bearer <token>` (鉴权). Compares digests in constant time so the
 * comparison leaks neither the token nor its length.
 */
export const bearerToken = (token: string): MiddlewareHandler<AppEnv> => {
  const expected = digest(token)
  return async (c, next) => {
    const header = requestHeader(c, 'authorization') ?? ''
    const match = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(header)
    if (!match?.[1] || !timingSafeEqual(digest(match[1]), expected)) {
      throw apiFailure({
        code: 'UNAUTHORIZED',
        message: '缺少或错误的访问令牌（Authorization: Bearer …）',
        messageEn: 'Missing or wrong bearer token (Authorization: Bearer …)',
        headers: { 'www-authenticate': 'Bearer realm="chufei"' },
      })
    }
    await next()
  }
}
