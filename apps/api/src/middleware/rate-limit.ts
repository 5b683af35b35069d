import type { Context, MiddlewareHandler } from 'hono'
import { apiFailure } from '../errors'
import type { AppEnv } from '../_env'

/** Token-bucket rate limit per client (限流). */
export interface RateLimitOptions {
  /** Tokens added per second: the sustained request rate of one client. */
  ratePerSecond: number
  /** Bucket size: how many requests a client may make in a burst. */
  burst: number
  /** Clients remembered at most; the least recently seen are forgotten first. */
  maxClients?: number
}

interface Bucket {
  tokens: number
  at: number
}

/**
 * A token bucket per client key. `take` is synchronous so concurrent requests can't both spend the
 * last token. Full buckets carry no information, so forgetting a client costs it nothing.
 */
export const createTokenBuckets = (options: RateLimitOptions, now: () => number) => {
  const buckets = new Map<string, Bucket>()
  const maxClients = options.maxClients ?? 10_000
  return {
    /** Spends one token; returns 0 when allowed, else the seconds until a token is available. */
    take(key: string): number {
      const t = now()
      const previous = buckets.get(key)
      let tokens = options.burst
      if (previous) {
        buckets.delete(key)
        tokens = Math.min(options.burst, previous.tokens + ((t - previous.at) / 1000) * options.ratePerSecond)
      }
      const allowed = tokens >= 1
      buckets.set(key, { tokens: allowed ? tokens - 1 : tokens, at: t })
      if (buckets.size > maxClients) {
        const oldest = buckets.keys().next().value
        if (oldest !== undefined) buckets.delete(oldest)
      }
      if (allowed) return 0
      return options.ratePerSecond > 0 ? Math.max(1, Math.ceil((1 - tokens) / options.ratePerSecond)) : 60
    },
  }
}

/** The client's address under Node, `unknown` elsewhere (e.g. `app.request()` in tests). */
export const remoteAddress = (c: Context<AppEnv>): string => c.env?.incoming?.socket?.remoteAddress ?? 'unknown'

/** Answers 429 with `Retry-After` when a client has spent its bucket. */
export const rateLimit = (
  options: RateLimitOptions,
  now: () => number,
  clientKey: (c: Context<AppEnv>) => string,
): MiddlewareHandler<AppEnv> => {
  const buckets = createTokenBuckets(options, now)
  return async (c, next) => {
    const wait = buckets.take(clientKey(c))
    if (wait > 0) {
      throw apiFailure({
        code: 'RATE_LIMITED',
        message: `请求过于频繁，请 ${wait} 秒后重试`,
        messageEn: `Too many requests; retry in ${wait} s`,
        details: { retryAfterSeconds: wait },
        headers: { 'retry-after': String(wait) },
      })
    }
    await next()
  }
}
