import { ChufeiError } from '@chufei/core'
import { apiFailure } from './errors'
import { createParseGate, type ParseGate } from './parse-gate'

/*
 * Password sign-in (登录) is where a client can make the server spend the most for the least: each check is
 * an scrypt hash (≈ 50 ms of CPU, by design, to slow guessing). So, as GB/T 22239-2019 (网络安全等级保护
 * 基本要求) 8.1.4.1 b asks — 登录失败处理, 限制非法登录次数:
 *
 * - one check runs at a time and a few wait; past that the answer is 503 BUSY with Retry-After, so a flood of
 *   sign-ins costs one core at most and every other route keeps answering;
 * - after `maxFailures` wrong passwords for one login within `windowMs`, that login is refused for `lockMs`
 *   without checking anything (429 RATE_LIMITED, the same answer whether the login exists or not, so it tells
 *   nobody which logins are real). A success clears the count.
 *
 * The counts live in the server's memory: a restart forgets them, which at worst gives a guesser one more
 * round of `maxFailures` tries. Logins are compared trimmed and lower-cased, as people type them.
 */

/** Options of {@link createSignInGuard}. */
export interface SignInGuardOptions {
  readonly maxFailures: number
  readonly windowMs: number
  readonly lockMs: number
  /** The clock, for tests. */
  readonly now?: () => number
}

/** Five wrong passwords in 15 minutes lock the login for 15 minutes. */
export const DEFAULT_SIGN_IN_GUARD: Readonly<SignInGuardOptions> = { maxFailures: 5, windowMs: 15 * 60_000, lockMs: 15 * 60_000 }

// At most this many logins are tracked; past it the oldest entries go (a flood of made-up logins must not
// grow the map without end).
const MAX_TRACKED = 10_000

/** Guards every password check of the API. */
export interface SignInGuard {
  /**
   * Runs `check` for `login` when the login is not locked and a turn is free; counts an `UNAUTHORIZED`
   * failure, clears the count on success.
   * @throws 429 `RATE_LIMITED` for a locked login, 503 `BUSY` when too many checks wait
   */
  attempt<T>(login: string, check: () => Promise<T>): Promise<T>
}

interface Failures {
  count: number
  first: number
  lockedUntil: number
}

/** Creates a guard with its own counts and its own one-at-a-time gate. */
export const createSignInGuard = (options: SignInGuardOptions = DEFAULT_SIGN_IN_GUARD, gate: ParseGate = createParseGate({ concurrent: 1, queue: 8 })): SignInGuard => {
  const now = options.now ?? Date.now
  const failures = new Map<string, Failures>()

  const locked = (key: string, at: number): number => {
    const f = failures.get(key)
    if (f === undefined || f.lockedUntil <= at) return 0
    return Math.ceil((f.lockedUntil - at) / 1000)
  }

  const fail = (key: string, at: number): void => {
    let f = failures.get(key)
    if (f === undefined || at - f.first > options.windowMs) {
      f = { count: 0, first: at, lockedUntil: 0 }
      failures.delete(key)
      if (failures.size >= MAX_TRACKED) failures.delete(failures.keys().next().value!)
      failures.set(key, f)
    }
    f.count++
    if (f.count >= options.maxFailures) f.lockedUntil = at + options.lockMs
  }

  return {
    async attempt(login, check) {
      const key = login.trim().toLowerCase()
      const wait = locked(key, now())
      if (wait > 0) {
        throw apiFailure({
          code: 'RATE_LIMITED',
          message: `登录失败次数过多，该账号已暂停登录，请 ${Math.ceil(wait / 60)} 分钟后再试`,
          messageEn: `Too many failed sign-ins for this login; try again in ${Math.ceil(wait / 60)} min`,
          details: { retryAfterSeconds: wait },
          headers: { 'retry-after': String(wait) },
        })
      }
      const release = await gate.enter()
      try {
        const result = await check()
        failures.delete(key)
        return result
      } catch (error) {
        if (error instanceof ChufeiError && error.code === 'UNAUTHORIZED') fail(key, now())
        throw error
      } finally {
        release()
      }
    },
  }
}
