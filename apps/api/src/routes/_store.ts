import { ChufeiError, zodIssueFields, type RulePack, type RulePackFiles, type SafeResult } from '@chufei/core'
import type { XlsxLimits } from '@chufei/sheets'
import type { Actor, Db } from '@chufei/store'
import type { OpenAPIHono, RouteConfig } from '@hono/zod-openapi'
import type { Context } from 'hono'
import type { z } from 'zod'
import type { AppEnv } from '../_env'
import type { BodyLimits } from '../app'
import { readJson } from '../body'
import { apiFailure, problemFromStoreError } from '../errors'
import { DEFAULT_SESSION_SECONDS } from '../middleware/session'
import { storeActor } from '../middleware/store-auth'
import type { ParseGate } from '../parse-gate'
import type { RulePackHolder } from '../rule-pack-holder'
import { createSignInGuard, type SignInGuard, type SignInGuardOptions } from '../sign-in-guard'
import { errorResponse, serveRoute } from './_openapi'

/*
 * What every route of the case store (案件库) shares. The store's functions take the actor and check access
 * themselves; a store route only says who the actor is (the bearer token of a store user), reads and checks
 * its input, calls one store function and maps its errors: FORBIDDEN 403, NOT_FOUND 404, CONFLICT 409 with
 * the current state. The routes are a table, so the OpenAPI document, the auth and the role-matrix test all
 * walk the same list.
 */

/** The store the API serves, and its clock. */
export interface StoreDeps {
  /** An open, migrated store; its owner (the bin) closes it. */
  readonly db: Db
  /** Today's date (YYYY-MM-DD), the overdue list's default; default the UTC date. */
  readonly today?: () => string
  /** How long a console session (登录会话) lasts from sign-in, in seconds; default {@link DEFAULT_SESSION_SECONDS}. */
  readonly sessionSeconds?: number
  /** Failed sign-ins before a login is paused, and for how long; default {@link DEFAULT_SIGN_IN_GUARD}. */
  readonly signInGuard?: SignInGuardOptions
}

/** What a store handler is given besides the request. */
export interface StoreContext {
  readonly db: Db
  readonly actor: Actor
  readonly today: () => string
  readonly sessionSeconds: number
  /** Every password check goes through it (one at a time, failures counted per login). */
  readonly signIn: SignInGuard
  readonly limits: BodyLimits
  readonly gate: ParseGate
  readonly xlsxLimits: Partial<XlsxLimits>
  readonly rules: RulePackHolder
  readonly validatePack: (files: RulePackFiles) => Promise<SafeResult<RulePack>>
}

/** One route of the store: its declaration and its handler. `public` routes need no token (sign-in). */
export interface StoreRoute {
  readonly route: RouteConfig
  readonly handle: (c: Context<AppEnv>, store: StoreContext) => Promise<Response>
  readonly public?: boolean
}

// What a public route's handler is given: an actor that can read and change nothing (no unit), so a public
// handler that called a store function by mistake would get nothing back.
const NOBODY: Actor = Object.freeze({ userId: null, role: 'readonly', unitId: null })

/** The UTC date of now, YYYY-MM-DD. */
export const utcToday = (): string => new Date().toISOString().slice(0, 10)

/** Every store route answers with these when the store refuses. */
export const storeErrorResponses = (publicRoute = false) => ({
  400: errorResponse('Bad input (USAGE, MALFORMED_JSON); the message says which field'),
  ...(publicRoute ? {} : { 401: errorResponse('Missing, unknown or revoked token (UNAUTHORIZED)') }),
  403: errorResponse('The role or unit of the token does not allow it (FORBIDDEN)'),
  404: errorResponse('Not there, or outside the units of the token (NOT_FOUND): the API does not say which'),
  429: errorResponse('Over the rate limit (RATE_LIMITED); see Retry-After'),
})

/** The bearer scheme of store users' tokens in the OpenAPI document. */
export const STORE_SECURITY = [{ storeToken: [] }]

/** Parses a query, path or JSON body with its zod schema; a failure is 400 USAGE naming each field. */
export const parseInput = <S extends z.ZodType>(schema: S, value: unknown, what: { zh: string; en: string }): z.infer<S> => {
  const parsed = schema.safeParse(value)
  if (parsed.success) return parsed.data
  // In Chinese for the staff who read it, English beside it: never zod's English alone.
  const fields = zodIssueFields(parsed.error)
  throw apiFailure({
    code: 'USAGE',
    message: `${what.zh}有误：${fields.map((f) => `${f.field || '值'} ${f.message}`).join('；')}`,
    messageEn: `Invalid ${what.en}: ${fields.map((f) => `${f.field || 'value'}: ${f.messageEn}`).join('; ')}`,
    details: fields,
  })
}

/** Reads a JSON body (at most the single-lead limit) and parses it with `schema`. */
export const readJsonInput = async <S extends z.ZodType>(c: Context<AppEnv>, store: StoreContext, schema: S): Promise<z.infer<S>> =>
  parseInput(schema, await readJson(c, store.limits.singleBytes), { zh: '请求体', en: 'body' })

/** What a password sign-in can answer besides 401: the login paused, or too many checks waiting. */
export const SIGN_IN_REFUSALS = {
  429: errorResponse('Too many failed sign-ins for this login: paused for a while (RATE_LIMITED; see Retry-After)'),
  503: errorResponse('Too many sign-ins being checked at once (BUSY; see Retry-After)'),
}

/** The paths of a route table as hono routes them (`/v1/cases/:id`). */
export const honoPath = (route: RouteConfig): string => route.path.replaceAll(/\/{(.+?)}/g, '/:$1')

/** The options {@link serveStoreRoutes} takes besides the store. */
export interface StoreRouteOptions {
  readonly limits: BodyLimits
  readonly gate: ParseGate
  readonly xlsxLimits: Partial<XlsxLimits>
  readonly rules: RulePackHolder
  readonly validatePack: (files: RulePackFiles) => Promise<SafeResult<RulePack>>
}

/** Serves every route of `table` over `store`: the token's actor, then the handler, the store's errors mapped. */
export const serveStoreRoutes = (app: OpenAPIHono<AppEnv>, table: readonly StoreRoute[], store: StoreDeps, options: StoreRouteOptions): void => {
  app.openAPIRegistry.registerComponent('securitySchemes', 'storeToken', {
    type: 'http',
    scheme: 'bearer',
    description: 'A store user’s API token, `cft_<id>_<secret>` (POST /v1/tokens, or printed once on the first run)',
  })
  const today = store.today ?? utcToday
  const sessionSeconds = store.sessionSeconds ?? DEFAULT_SESSION_SECONDS
  const signIn = createSignInGuard(store.signInGuard)
  for (const entry of table) {
    serveRoute(app, entry.route, async (c) => {
      const actor: Actor = entry.public ? NOBODY : await storeActor(c, store.db)
      try {
        return await entry.handle(c, { db: store.db, actor, today, sessionSeconds, signIn, ...options })
      } catch (error) {
        if (error instanceof ChufeiError) throw apiFailure(problemFromStoreError(error))
        throw error
      }
    })
  }
}
