import type { RulePack, RulePackFiles, SafeResult } from '@chufei/core'
import { createPackValidator } from '@chufei/core/node'
import { OpenAPIHono } from '@hono/zod-openapi'
import type { Context } from 'hono'
import { HTTPException } from 'hono/http-exception'
import { TrieRouter } from 'hono/router/trie-router'
import packageJson from '../package.json'
import type { AppEnv } from './_env'
import type { XlsxLimits } from '@chufei/sheets'
import { internalProblem, problemFromError, problemResponse } from './errors'
import { createJsonLogger, type Logger } from './logger'
import { bearerToken } from './middleware/auth'
import { rateLimit, remoteAddress, type RateLimitOptions } from './middleware/rate-limit'
import { requestContext } from './middleware/request-context'
import { createParseGate, DEFAULT_PARSE_GATE, type ParseGateOptions } from './parse-gate'
import type { RulePackHolder } from './rule-pack-holder'
import { registerBatchRoute } from './routes/batch'
import { registerConsoleRoutes } from './routes/console'
import { registerDocsRoutes } from './routes/docs'
import { registerHealthRoutes } from './routes/health'
import { registerRulesRoutes } from './routes/rules'
import { registerScoreRoutes } from './routes/score'
import { serveStoreRoutes, type StoreDeps } from './routes/_store'
import { isStorePath, storePathRoots, storeRoutes } from './routes/store'
import { registerNoStoreSession } from './routes/store-session'

/** Body size limits in bytes (请求体上限). */
export interface BodyLimits {
  /** One lead (`/v1/score`, `/v1/explain`) and a pack to validate. Default 1 MiB. */
  singleBytes: number
  /** A batch: JSON array, NDJSON or an uploaded sheet. Default 32 MiB. */
  batchBytes: number
}

/** The default limits: 1 MiB for one lead, 32 MiB for a batch. */
export const DEFAULT_LIMITS: Readonly<BodyLimits> = { singleBytes: 1024 * 1024, batchBytes: 32 * 1024 * 1024 }

/** What the app needs: the rules it serves and how it behaves. */
export interface AppDeps {
  /** The scorer of the pack being served; swapped by the server on reload. */
  rules: RulePackHolder
  limits?: Partial<BodyLimits>
  /** When set, every `/v1/*` request needs `Authorization: Bearer <token>`. */
  token?: string | undefined
  /** Token bucket per client; `false` (the default) turns it off. */
  rateLimit?: RateLimitOptions | false
  /** The client a rate-limit bucket belongs to; default the remote address. */
  clientKey?: (c: Context<AppEnv>) => string
  /** Milliseconds clock for timings and the rate limit; default `performance.now`. */
  now?: () => number
  /** One JSON line per request and per internal error; default JSON lines to stderr. */
  logger?: Logger
  /** The version shown in the OpenAPI document; default this package's (package.json). */
  version?: string
  /** Batch uploads read at once and waiting (CHUFEI_BATCH_PARSERS, CHUFEI_BATCH_QUEUE); default 2 and 8. */
  batchGate?: Partial<ParseGateOptions>
  /** Inflated-size and shared-string memory limits of an uploaded XLSX; default `DEFAULT_XLSX_LIMITS`. */
  xlsxLimits?: Partial<XlsxLimits>
  /**
   * The case store (案件库) to serve under `/v1/sweeps`, `/v1/cases`, …, authenticated by its users' tokens;
   * without it those routes do not exist and nothing opens a database.
   */
  store?: StoreDeps
  /**
   * Validates a pack sent to `/v1/rules/validate` or one the console publishes, rolls back to or backtests. Default:
   * the rule-pack loader in a long-lived worker thread (`createPackValidator`), so requests are answered while a
   * pack validates.
   */
  validatePack?: (files: RulePackFiles) => Promise<SafeResult<RulePack>>
}

/** The Hono app `createApp` returns. */
export type ChufeiApp = OpenAPIHono<AppEnv>

/**
 * Builds the chufei HTTP API (Hono) over the core scorer. Test it with `app.request()`; serve it with
 * `startServer`.
 *
 * @example
 * ```ts
 * const app = createApp({ rules: createRulePackHolder(createScorer(await loadRulePack('rules'))) })
 * const res = await app.request('/v1/score', { method: 'POST', headers: { 'content-type': 'application/json' }, body })
 * ```
 */
export const createApp = (deps: AppDeps): ChufeiApp => {
  const limits: BodyLimits = { ...DEFAULT_LIMITS, ...deps.limits }
  const logger = deps.logger ?? createJsonLogger()
  const now = deps.now ?? (() => performance.now())
  const app = new OpenAPIHono<AppEnv>()

  app.use(requestContext(logger, now))
  if (deps.rateLimit) app.use('/v1/*', rateLimit(deps.rateLimit, now, deps.clientKey ?? remoteAddress))
  const table = deps.store === undefined ? [] : storeRoutes(limits)
  if (deps.token !== undefined && deps.token !== '') {
    // The API key guards the scoring routes; the store's routes take its users' tokens instead.
    const guard = bearerToken(deps.token)
    const roots = storePathRoots(table)
    app.use('/v1/*', table.length === 0 ? guard : (c, next) => (isStorePath(roots, c.req.path) ? next() : guard(c, next)))
  }

  const auth = deps.token !== undefined && deps.token !== ''
  const routeOptions = { auth, limits }
  registerHealthRoutes(app, deps.rules)
  registerScoreRoutes(app, deps.rules, routeOptions)
  const gate = createParseGate({ ...DEFAULT_PARSE_GATE, ...deps.batchGate })
  registerBatchRoute(app, deps.rules, { limits, gate, xlsxLimits: deps.xlsxLimits ?? {}, auth }, logger)
  // One long-lived validation thread per app unless the caller gives one (the server shares its own).
  const validatePack = deps.validatePack ?? createPackValidator().validate
  if (deps.store !== undefined) serveStoreRoutes(app, table, deps.store, { limits, gate, xlsxLimits: deps.xlsxLimits ?? {}, rules: deps.rules, validatePack })
  else registerNoStoreSession(app)
  registerRulesRoutes(app, deps.rules, { ...routeOptions, gate, validatePack })
  registerConsoleRoutes(app, deps.rules, { auth })
  registerDocsRoutes(app, { ...routeOptions, version: deps.version ?? packageJson.version })

  // 405 is decided where 404 would be, so it costs nothing on the routes that exist.
  let methodsOf: ((path: string) => string[]) | undefined
  app.notFound((c) => {
    methodsOf ??= allowedMethods(app)
    const methods = methodsOf(c.req.path)
    if (methods.length > 0 && !methods.includes(c.req.method)) {
      return problemResponse({
        code: 'METHOD_NOT_ALLOWED',
        message: `不支持该请求方法，可用：${methods.join(', ')}`,
        messageEn: `Method not allowed; allowed: ${methods.join(', ')}`,
        details: { allowed: methods },
        headers: { allow: methods.join(', ') },
      })
    }
    return problemResponse({
      code: 'NOT_FOUND',
      message: `没有这个地址：${c.req.method} ${c.req.path}`,
      messageEn: `Not found: ${c.req.method} ${c.req.path}`,
    })
  })
  app.onError((error, c) => {
    if (error instanceof HTTPException) return error.getResponse()
    const problem = problemFromError(error)
    if (problem.code === 'INTERNAL' || problem.code === 'OUTPUT_FAILED') {
      // A real bug: the operator gets the stack in the log; the client gets the request id only.
      logger({
        level: 'error',
        msg: 'unhandled error',
        requestId: c.get('requestId'),
        path: c.req.path,
        error: error instanceof Error ? { name: error.name, message: error.message, stack: error.stack } : String(error),
      })
      return problemResponse(internalProblem(), c.get('requestId'))
    }
    return problemResponse(problem, c.get('requestId'))
  })
  return app
}

/** The methods each registered path answers (GET implies HEAD), as hono's method-not-allowed finds them. */
const allowedMethods = (app: ChufeiApp): ((path: string) => string[]) => {
  const byPath = new Map<string, Set<string>>()
  for (const route of app.routes) {
    if (route.method === 'ALL' || route.method === 'HEAD') continue
    const methods = byPath.get(route.path) ?? new Set<string>()
    methods.add(route.method)
    if (route.method === 'GET') methods.add('HEAD')
    byPath.set(route.path, methods)
  }
  const router = new TrieRouter<string[]>()
  for (const [path, methods] of byPath) router.add('ALL', path, [...methods])
  return (path) => {
    const found = new Set<string>()
    for (const [methods] of router.match('ALL', path)[0]) for (const method of methods) found.add(method)
    return [...found]
  }
}
