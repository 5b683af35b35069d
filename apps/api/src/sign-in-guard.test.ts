import { ChufeiError } from '@chufei/core'
import { HTTPException } from 'hono/http-exception'
import { describe, expect, it } from 'vitest'
import { createSignInGuard } from './sign-in-guard'

const wrong = () => Promise.reject(new ChufeiError('UNAUTHORIZED', '登录名或密码不正确'))
const right = () => Promise.resolve('actor')
const refusal = async (p: Promise<unknown>) => {
  const error = await p.then(
    () => null,
    (e: unknown) => e,
  )
  if (error instanceof HTTPException) return { status: error.status, retryAfter: error.getResponse().headers.get('retry-after'), body: (await error.getResponse().json()) as { error: { code: string; message: string } } }
  return error
}

describe('createSignInGuard', () => {
  it('pauses a login after maxFailures wrong passwords in the window, without checking, for lockMs; other logins go on', async () => {
    let clock = 1_000_000
    let checks = 0
    const counted = <T>(f: () => Promise<T>) => () => {
      checks++
      return f()
    }
    const guard = createSignInGuard({ maxFailures: 3, windowMs: 60_000, lockMs: 120_000, now: () => clock })
    for (let i = 0; i < 3; i++) await expect(guard.attempt('Zhang ', counted(wrong))).rejects.toMatchObject({ code: 'UNAUTHORIZED' })
    expect(checks).toBe(3)
    // Even the right password is not checked while the login is paused; the answer says for how long.
    const paused = await refusal(guard.attempt('zhang', counted(right)))
    expect(paused).toMatchObject({ status: 429, retryAfter: '120', body: { error: { code: 'RATE_LIMITED', message: expect.stringContaining('2 分钟后再试') } } })
    expect(checks).toBe(3)
    expect(await guard.attempt('li', counted(right))).toBe('actor')
    clock += 120_000
    expect(await guard.attempt('zhang', counted(right))).toBe('actor')
  })

  it('counts failures within the window only, and a success clears them', async () => {
    let clock = 0
    const guard = createSignInGuard({ maxFailures: 3, windowMs: 60_000, lockMs: 60_000, now: () => clock })
    await expect(guard.attempt('wang', wrong)).rejects.toBeInstanceOf(ChufeiError)
    await expect(guard.attempt('wang', wrong)).rejects.toBeInstanceOf(ChufeiError)
    clock += 61_000
    // The window has passed: these two start a new count.
    await expect(guard.attempt('wang', wrong)).rejects.toBeInstanceOf(ChufeiError)
    await expect(guard.attempt('wang', wrong)).rejects.toBeInstanceOf(ChufeiError)
    expect(await guard.attempt('wang', right)).toBe('actor')
    await expect(guard.attempt('wang', wrong)).rejects.toBeInstanceOf(ChufeiError)
    await expect(guard.attempt('wang', wrong)).rejects.toBeInstanceOf(ChufeiError)
    expect(await guard.attempt('wang', right)).toBe('actor')
  })

  it('checks one password at a time, queues a few, and answers 503 BUSY past the queue; other errors are not counted', async () => {
    const guard = createSignInGuard({ maxFailures: 1, windowMs: 60_000, lockMs: 60_000 })
    let running = 0
    let most = 0
    const opened: Array<() => void> = []
    const slow = () =>
      new Promise<string>((resolve) => {
        running++
        most = Math.max(most, running)
        opened.push(() => {
          running--
          resolve('actor')
        })
      })
    let finished = 0
    const attempts = Array.from({ length: 9 }, (_, i) => guard.attempt(`user${i}`, slow).finally(() => finished++))
    const busy = await refusal(guard.attempt('user9', slow))
    expect(busy).toMatchObject({ status: 503, body: { error: { code: 'BUSY' } } })
    // Let each check finish in turn; the next one starts only when the one before has ended.
    while (finished < 9) {
      if (opened.length === 0) await new Promise((r) => setImmediate(r))
      else opened.shift()!()
    }
    expect(await Promise.all(attempts)).toEqual(Array(9).fill('actor'))
    expect(most).toBe(1)
    // A failure that is not a wrong password (the database down) does not pause the login.
    await expect(guard.attempt('zhao', () => Promise.reject(new Error('db down')))).rejects.toThrow('db down')
    expect(await guard.attempt('zhao', right)).toBe('actor')
  })
})
