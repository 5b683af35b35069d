import { existsSync } from 'node:fs'
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core'
import { expect } from 'vitest'

/*
 * What the console's browser tests share: Debian's Chromium (never a download at install; `.ci/run` installs
 * it with fonts-noto-cjk so Chinese text renders), a watched page (its errors, refused requests and CSP
 * refusals recorded), the checks every page must pass, and JSON calls to the server under test.
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

/** A fresh context and page, and what went wrong on it so far. */
export interface WatchedPage {
  readonly context: BrowserContext
  readonly page: Page
  /** Uncaught page errors and console errors: a test expects none. */
  readonly problems: string[]
  /** The paths of the failed requests Chromium logged, when they are kept apart from `problems`. */
  readonly refused: string[]
}

/**
 * A new context (1366×768, zh-CN, no session) and page. Every Content-Security-Policy refusal is recorded from
 * before the page's own scripts run (read with {@link cspViolations}). Chromium logs every 4xx answer as a
 * console error ("Failed to load resource"): a problem unless `refusedApart`, when its path goes to `refused`
 * for the test to check.
 */
export const openWatchedPage = async (browser: Browser, options: { acceptDownloads?: boolean; refusedApart?: boolean } = {}): Promise<WatchedPage> => {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN', ...(options.acceptDownloads === true ? { acceptDownloads: true } : {}) })
  context.setDefaultTimeout(BROWSER_WAIT_MS)
  await context.addInitScript(() => {
    const seen: string[] = []
    Object.defineProperty(window, '__cspViolations', { value: seen })
    document.addEventListener('securitypolicyviolation', (e) => seen.push(`${e.violatedDirective} ${e.blockedURI}`))
  })
  const page = await context.newPage()
  const problems: string[] = []
  const refused: string[] = []
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`))
  page.on('console', (message) => {
    if (message.type() !== 'error') return
    if (options.refusedApart === true && message.text().startsWith('Failed to load resource')) refused.push(new URL(message.location().url).pathname)
    else problems.push(`console: ${message.text()}`)
  })
  return { context, page, problems, refused }
}

/** The CSP refusals recorded on the page so far (see {@link openWatchedPage}). */
export const cspViolations = (p: Page): Promise<string[]> => p.evaluate(() => [...(window as unknown as { __cspViolations: string[] }).__cspViolations])

/** Whether the page fits the 1366-pixel-wide window without horizontal scrolling. */
export const fitsWidth = (p: Page): Promise<boolean> => p.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)

/** The inputs, selects and textareas without an accessible name (a label or aria-label), outside `skip` (a selector). */
export const unlabelledControls = (p: Page, skip?: string): Promise<string[]> =>
  p.evaluate(
    (skipSelector) =>
      Array.from(document.querySelectorAll('input, select, textarea'))
        .filter((el) => (el as HTMLInputElement).labels?.length === 0 && !el.getAttribute('aria-label') && (skipSelector === null || el.closest(skipSelector) === null))
        .map((el) => el.outerHTML.slice(0, 120)),
    skip ?? null,
  )

/** What every console page must be: each control labelled, no horizontal scrolling, no CSP refusal. */
export const checkPage = async (p: Page): Promise<void> => {
  expect(await unlabelledControls(p)).toEqual([])
  expect(await fitsWidth(p)).toBe(true)
  expect(await cspViolations(p)).toEqual([])
}
