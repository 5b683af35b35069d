import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { OpenAPIHono } from '@hono/zod-openapi'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { AppEnv } from '../src/_env'
import { createRulePackHolder } from '../src/rule-pack-holder'
import { CONSOLE_CSP, registerConsoleRoutes } from '../src/routes/console'
import { fixtureScorer, makeApp } from './_helpers'

/*
 * /console/: the built console served with cache headers and a strict policy. A build folder made here
 * pins each header to the kind of file; the last test serves the real build (turbo builds the console
 * before these tests run).
 */

let dir = ''
let app: OpenAPIHono<AppEnv>

const expectSecured = (res: Response) => {
  expect(res.headers.get('content-security-policy')).toBe(CONSOLE_CSP)
  expect(res.headers.get('x-content-type-options')).toBe('nosniff')
  expect(res.headers.get('x-frame-options')).toBe('DENY')
  expect(res.headers.get('referrer-policy')).toBe('no-referrer')
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'chufei-console-'))
  await mkdir(join(dir, 'assets'))
  await writeFile(join(dir, 'index.html'), '<!doctype html><script type="module" src="/console/assets/index-abc123.js"></script>')
  await writeFile(join(dir, 'assets', 'index-abc123.js'), 'console.log(1)')
  await writeFile(join(dir, 'assets', 'index-abc123.css'), 'body{}')
  await writeFile(join(tmpdir(), 'outside-console.txt'), 'secret')
  app = new OpenAPIHono<AppEnv>()
  registerConsoleRoutes(app, createRulePackHolder(await fixtureScorer()), { dir })
})

afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
  await rm(join(tmpdir(), 'outside-console.txt'), { force: true })
})

describe('/console/', () => {
  it('serves index.html at /console/ with no-cache and a strict Content-Security-Policy', async () => {
    const res = await app.request('/console/')
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8')
    expect(res.headers.get('cache-control')).toBe('no-cache')
    expectSecured(res)
    expect(await res.text()).toContain('index-abc123.js')
    // No inline script or style, no eval, nothing from elsewhere, never framed.
    expect(CONSOLE_CSP).toContain("default-src 'self'")
    expect(CONSOLE_CSP).toContain("frame-ancestors 'none'")
    expect(CONSOLE_CSP).not.toMatch(/unsafe-inline|unsafe-eval|\*|https?:/)
  })

  it('serves hashed assets as immutable for a year, with their type', async () => {
    const js = await app.request('/console/assets/index-abc123.js')
    expect(js.status).toBe(200)
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8')
    expect(js.headers.get('cache-control')).toBe('public, max-age=31536000, immutable')
    expectSecured(js)
    const css = await app.request('/console/assets/index-abc123.css')
    expect(css.headers.get('content-type')).toBe('text/css; charset=utf-8')
  })

  it('answers 304 to a matching If-None-Match, with the same headers', async () => {
    const first = await app.request('/console/index.html')
    const etag = first.headers.get('etag')!
    expect(etag).toMatch(/^"[\w-]+"$/)
    const again = await app.request('/console/index.html', { headers: { 'if-none-match': etag } })
    expect(again.status).toBe(304)
    expect(again.headers.get('cache-control')).toBe('no-cache')
    expectSecured(again)
  })

  it('redirects /console to /console/', async () => {
    const res = await app.request('/console')
    expect(res.status).toBe(308)
    expect(res.headers.get('location')).toBe('/console/')
  })

  it('serves only files of the build: unknown paths and paths that climb out are 404 with the headers', async () => {
    for (const path of ['/console/nope.js', '/console/../outside-console.txt', '/console/%2e%2e/outside-console.txt', '/console/assets/../../outside-console.txt']) {
      const res = await app.request(path)
      expect(res.status, path).toBe(404)
      expect(await res.text()).not.toContain('secret')
    }
    const res = await app.request('/console/nope.js')
    expectSecured(res)
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('NOT_FOUND')
  })

  it('answers 503 saying how to build when the console is not built', async () => {
    const bare = new OpenAPIHono<AppEnv>()
    registerConsoleRoutes(bare, createRulePackHolder(await fixtureScorer()), { dir: join(dir, 'missing') })
    const res = await bare.request('/console/')
    expect(res.status).toBe(503)
    expectSecured(res)
    expect(((await res.json()) as { error: { message: string } }).error.message).toContain('npm run build')
  })

  it('is mounted by the app on the real build: index names hashed assets that are served immutable', async () => {
    const { app: real } = await makeApp()
    const index = await real.request('/console/')
    expect(index.status).toBe(200)
    expectSecured(index)
    const html = await index.text()
    const assets = [...html.matchAll(/(?:src|href)="\/console\/(assets\/[^"]+)"/g)].map((m) => m[1]!)
    expect(assets.length).toBeGreaterThanOrEqual(2)
    expect(html).not.toMatch(/<script>|<script(?![^>]*\bsrc=)[^>]*>|<style|style="/)
    for (const asset of assets) {
      const res = await real.request(`/console/${asset}`)
      expect(res.status, asset).toBe(200)
      expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable')
    }
  })
})

describe('GET /v1/rules/files', () => {
  it('returns the files the served pack was read from, without the generated schema', async () => {
    const scorer = await fixtureScorer()
    const files = { 'pack.json': '{"name":"x"}', 'scale.json': '{"rules":[]}', 'schema.json': '{}', 'tests/a.json': '{"cases":[]}' }
    const { app: withFiles } = await makeApp({ rules: createRulePackHolder(scorer, files) })
    const res = await withFiles.request('/v1/rules/files')
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual({
      name: scorer.pack.name,
      version: scorer.pack.version,
      hash: scorer.pack.hash,
      files: { 'pack.json': '{"name":"x"}', 'scale.json': '{"rules":[]}', 'tests/a.json': '{"cases":[]}' },
    })
  })

  it('is 404 when the pack was not read from a folder, and needs the token when one is set', async () => {
    const { app: noFiles } = await makeApp()
    expect((await noFiles.request('/v1/rules/files')).status).toBe(404)
    const { app: guarded } = await makeApp({ token: 's3cret', rules: createRulePackHolder(await fixtureScorer(), {}) })
    expect((await guarded.request('/v1/rules/files')).status).toBe(401)
    expect((await guarded.request('/v1/rules/files', { headers: { authorization: 'Bearer s3cret' } })).status).toBe(200)
  })
})
