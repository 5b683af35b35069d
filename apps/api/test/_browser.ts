import { existsSync } from 'node:fs'
import { chromium, type Browser } from 'playwright-core'

/*
 * What the console's browser tests share: Debian's Chromium (never a download at install; `.ci/run` installs
 * it with fonts-noto-cjk so Chinese text renders), and JSON calls to the server under test.
 */

/**
 * The bound on each browser wait and action, for a context's `setDefaultTimeout`. Not a speed budget: each wait
 * is for one page change, which takes well under a second, and a few seconds on a loaded 2-core machine; a page
 * that never shows what is awaited fails in a minute naming the locator, where an unbounded wait ran into
 * vitest's 25-minute backstop (round 10: console-packs-browser).
 */
export const BROWSER_WAIT_MS = 60_000

/** Debian's Chromium. */
export const CHROMIUM = '/usr/bin/chromium'

/** Launches Chromium headless; a missing browser fails the suite naming what to install, it never skips. */
export const launchChromium = async (): Promise<Browser> => {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium fonts-noto-cjk (.ci/run installs them)`)
  return chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu'] })
}

/** A JSON request, with a store token when given. */
export type ApiInit = RequestInit & { token?: string }

/**
 * JSON calls to the server at `baseUrl()` (read at each call: the server starts in `beforeAll`). A status other
 * than 2xx throws with the method, path, status and body.
 */
export const createApiClient = (baseUrl: () => string) => {
  const api = async <T>(path: string, init: ApiInit = {}): Promise<T> => {
    const headers = new Headers(init.headers)
    if (init.token !== undefined) headers.set('authorization', `Bearer ${init.token}`)
    const res = await fetch(`${baseUrl()}${path}`, { ...init, headers })
    const text = await res.text()
    if (!res.ok) throw new Error(`${init.method ?? 'GET'} ${path}: ${res.status} ${text}`)
    return JSON.parse(text) as T
  }
  const postJson = <T>(path: string, body: unknown, token?: string) =>
    api<T>(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body), ...(token === undefined ? {} : { token }) })
  return { api, postJson }
}
