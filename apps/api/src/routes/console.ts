import { createHash } from 'node:crypto'
import { readFile, readdir } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { dirname, extname, join, relative, sep } from 'node:path'
import type { OpenAPIHono } from '@hono/zod-openapi'
import type { Context } from 'hono'
import { z } from 'zod'
import type { AppEnv } from '../_env'
import { apiFailure, problemResponse } from '../errors'
import type { RulePackHolder } from '../rule-pack-holder'
import { ErrorBodySchema } from '../schemas'
import { currentScorer, packRef } from './_scorer'

/*
 * The web console (控制台, apps/console) under /console/: its built files, read once into memory and
 * served with cache headers and a strict Content-Security-Policy. Only files found in the build folder
 * are served (a lookup in that listing, never a path joined from the URL), so nothing outside it can be
 * reached. Also `GET /v1/rules/files`: the served pack's own files, for the console's rule editor.
 */

/** The console's policy: its own scripts, styles, images and API only; no inline code; never framed. */
export const CONSOLE_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ')

/** Where a build puts content-hashed files (vite's `assets/`): they never change, so they are cached for a year. */
const HASHED_DIR = 'assets/'

const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
}

interface Asset {
  readonly body: Uint8Array
  readonly type: string
  readonly etag: string
  readonly cacheControl: string
}

/** Options of {@link registerConsoleRoutes}. */
export interface ConsoleRouteOptions {
  /** The console's build folder; default `dist/` of the `@chufei/console` package. */
  dir?: string
  /** `/v1/*` needs a bearer token (documents it on `/v1/rules/files`). */
  auth?: boolean
}

/** `GET /v1/rules/files`: the served pack's reference and its files, path → JSON text. */
export const PackFilesSchema = z.object({
  name: z.string(),
  version: z.string(),
  hash: z.string(),
  files: z.record(z.string(), z.string()).meta({ description: 'Path in the pack folder → the file as JSON text (schema.json left out)' }),
})

/** The build folder of the installed `@chufei/console` package. */
export const defaultConsoleDir = (): string =>
  join(dirname(createRequire(import.meta.url).resolve('@chufei/console/package.json')), 'dist')

const listFiles = async (dir: string): Promise<string[]> => {
  const out: string[] = []
  const walk = async (folder: string): Promise<void> => {
    for (const entry of await readdir(folder, { withFileTypes: true })) {
      const full = join(folder, entry.name)
      if (entry.isDirectory()) await walk(full)
      else if (entry.isFile()) out.push(full)
    }
  }
  await walk(dir)
  return out
}

const loadAssets = async (dir: string): Promise<Map<string, Asset>> => {
  const assets = new Map<string, Asset>()
  for (const file of await listFiles(dir)) {
    const path = relative(dir, file).split(sep).join('/')
    const body = new Uint8Array(await readFile(file))
    assets.set(path, {
      body,
      type: TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream',
      etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`,
      // index.html names the hashed files, so it is checked on every load (no-cache still allows a 304).
      cacheControl: path.startsWith(HASHED_DIR) ? 'public, max-age=31536000, immutable' : 'no-cache',
    })
  }
  return assets
}

/** Sent with every /console response, errors included. */
export const CONSOLE_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy': CONSOLE_CSP,
  'x-content-type-options': 'nosniff',
  // frame-ancestors is the policy; X-Frame-Options says the same to browsers that predate it.
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
}

const securityHeaders = (c: Context<AppEnv>): void => {
  for (const [name, value] of Object.entries(CONSOLE_SECURITY_HEADERS)) c.header(name, value)
}

/** A prepared error Response with the console's security headers added. */
const secured = (res: Response): Response => {
  for (const [name, value] of Object.entries(CONSOLE_SECURITY_HEADERS)) res.headers.set(name, value)
  return res
}

/**
 * `GET /console/…` (the web console) and `GET /v1/rules/files` (the served pack's files). Files are read on
 * the first request and kept; a console that has not been built answers 503 saying how to build it.
 */
export const registerConsoleRoutes = (app: OpenAPIHono<AppEnv>, rules: RulePackHolder, options: ConsoleRouteOptions = {}): void => {
  let assets: Promise<Map<string, Asset>> | undefined
  const dir = options.dir ?? defaultConsoleDir()

  app.openAPIRegistry.registerPath({
    method: 'get',
    path: '/v1/rules/files',
    summary: '规则包文件 The served pack\'s files',
    description: 'The files the served rule pack was read from (pack.json, rule files, tests/), as JSON text: what the console\'s rule editor edits and sends to /v1/rules/validate.',
    tags: ['rules'],
    security: options.auth ? [{ bearerAuth: [] }] : [],
    responses: {
      200: { description: 'The pack and its files', content: { 'application/json': { schema: PackFilesSchema } } },
      404: { description: 'The pack was not read from a folder (NOT_FOUND)', content: { 'application/json': { schema: ErrorBodySchema } } },
      503: { description: 'No valid rule pack loaded yet (NOT_READY)', content: { 'application/json': { schema: ErrorBodySchema } } },
    },
  })

  app.get('/v1/rules/files', (c) => {
    const scorer = currentScorer(rules)
    const files = rules.files()
    if (files === undefined) {
      throw apiFailure({
        code: 'NOT_FOUND',
        message: '当前规则包不是从文件夹读取的，没有源文件',
        messageEn: 'The served rule pack was not read from a folder: no files to show',
      })
    }
    // schema.json is generated and the same for every pack; the console has its own copy.
    const shown = Object.fromEntries(Object.entries(files).filter(([path]) => !/(^|\/)schema\.json$/.test(path)))
    return c.json({ ...packRef(scorer), files: shown })
  })

  app.get('/console', (c) => {
    securityHeaders(c)
    return c.redirect('/console/', 308)
  })

  app.get('/console/*', async (c) => {
    securityHeaders(c)
    let loaded: Map<string, Asset>
    try {
      loaded = await (assets ??= loadAssets(dir))
    } catch {
      // Not built yet: try again on the next request rather than remember the failure.
      assets = undefined
      loaded = new Map()
    }
    if (!loaded.has('index.html')) {
      assets = undefined
      return secured(
        problemResponse({
          code: 'NOT_READY',
          message: '控制台尚未构建：请运行 npm ci 或 npm run build',
          messageEn: 'The console is not built: run npm ci or npm run build',
        }),
      )
    }
    const path = c.req.path.slice('/console/'.length) || 'index.html'
    const asset = loaded.get(path)
    if (asset === undefined) {
      return secured(
        problemResponse({ code: 'NOT_FOUND', message: `控制台没有这个文件：${path.slice(0, 200)}`, messageEn: `No such console file: ${path.slice(0, 200)}` }),
      )
    }
    c.header('cache-control', asset.cacheControl)
    c.header('etag', asset.etag)
    if (c.req.header('if-none-match') === asset.etag) return c.body(null, 304)
    c.header('content-type', asset.type)
    return c.body(asset.body as Uint8Array<ArrayBuffer>, 200)
  })
}
