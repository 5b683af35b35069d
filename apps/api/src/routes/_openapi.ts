import { LeadSchema, RejectedResultSchema, ScoredResultSchema } from '@chufei/core'
import type { OpenAPIHono, RouteConfig } from '@hono/zod-openapi'
import type { Handler } from 'hono'
import { z } from 'zod'
import type { AppEnv } from '../_env'
import type { BodyLimits } from '../app'
import { ErrorBodySchema, ExplanationSchema, IssueDetailSchema, RulesSchema, ValidationReportSchema } from '../schemas'

/*
 * What every route declaration shares: the named schema components, the error responses and the bearer
 * requirement. Each route file declares its routes with `createRoute` beside its handlers and serves
 * them with `serveRoute`, so `/openapi.json` is derived from the same declarations the app routes by.
 */

/** What a route's declaration depends on: whether a token is required, and the body limits it states. */
export interface RouteOptions {
  readonly auth: boolean
  readonly limits: BodyLimits
}

/** A lead from docs/spec.md §6: livestock custody in a village. */
export const EXAMPLE_LEAD = {
  id: 'SQ-001',
  subject: { name: '某某牧业养殖合作社', kind: 'cooperative' },
  sector: 'agriculture',
  region: { name: '双桥村', kind: 'rural' },
  source: 'grid-inspection',
  people: { total: 420, elderly: 260 },
  money: { raised: 18_000_000, outstanding: 9_000_000, promisedReturn: 0.18 },
  stability: { overdue: true },
  text: { description: '以牛羊托管代养名义吸收群众资金，承诺保本并按月返利，现已逾期兑付。' },
}

/** A JSON content entry of a request or response. */
export const json = (schema: z.ZodType, example?: unknown) => ({
  'application/json': { schema, ...(example === undefined ? {} : { example }) },
})

/** Bytes as MiB with two decimals, as the limits are stated. */
export const MiB = (bytes: number): string => `${Math.round((bytes / 1024 / 1024) * 100) / 100} MiB`

// Named components: `.meta({ id })` makes each a `#/components/schemas/<id>` reference. Created once,
// because zod's global registry allows an id only once per process.
/** The lead (`#/components/schemas/Lead`). */
export const Lead = LeadSchema.meta({ id: 'Lead' })
/** A scored result. */
export const Scored = ScoredResultSchema.meta({ id: 'ScoredResult' })
/** One line of a batch answer: scored or rejected. */
export const Result = z
  .discriminatedUnion('status', [Scored, RejectedResultSchema.meta({ id: 'RejectedResult' })])
  .meta({ id: 'Result', description: 'ScoredResult or RejectedResult (docs/spec.md §4)' })
const ErrorBody = ErrorBodySchema.meta({ id: 'Error' })
/** `GET /v1/rules`. */
export const Rules = RulesSchema.meta({ id: 'Rules' })
/** `POST /v1/rules/validate`. */
export const Report = ValidationReportSchema.extend({ issues: z.array(IssueDetailSchema.meta({ id: 'IssueDetail' })) }).meta({
  id: 'ValidationReport',
})
/** `POST /v1/explain`. */
export const Explanation = ExplanationSchema.meta({ id: 'Explanation' })

/** An error response with its description. */
export const errorResponse = (description: string) => ({ description, content: json(ErrorBody) })

/** The error responses every `/v1/*` route with a body can give. */
export const commonResponses = (options: RouteOptions) => ({
  400: errorResponse('Malformed JSON (MALFORMED_JSON) or invalid input (INVALID_LEAD, USAGE); details name each field by path'),
  ...(options.auth ? { 401: errorResponse('Missing or wrong bearer token (UNAUTHORIZED)') } : {}),
  413: errorResponse(`Body over the limit (PAYLOAD_TOO_LARGE): ${MiB(options.limits.singleBytes)} for one lead`),
  415: errorResponse('Unsupported Content-Type (UNSUPPORTED_MEDIA_TYPE)'),
  429: errorResponse('Over the rate limit (RATE_LIMITED); see Retry-After'),
  503: errorResponse('No valid rule pack loaded yet (NOT_READY), or (batch) too many uploads being read (BUSY; see Retry-After)'),
})

/** The security requirement of a `/v1/*` route: bearer when a token is configured. */
export const security = (options: RouteOptions): Array<Record<string, string[]>> =>
  options.auth ? [{ bearerAuth: [] }] : []

/**
 * Serves a route declared with `createRoute` and adds it to the OpenAPI document.
 *
 * Not `app.openapi(route, handler)`: that puts @hono/zod-validator in front of the handler for every
 * declared body and query, which reads the body through a WHATWG `Request` (the slow path the API avoids),
 * without its size limit, and answers failures in its own shape. The handlers read bodies themselves
 * (limits, strict JSON) and the scorer is the one lead validator, so the declaration documents and routes,
 * and validates nothing twice.
 */
export const serveRoute = (app: OpenAPIHono<AppEnv>, route: RouteConfig, handler: Handler<AppEnv>): void => {
  app.openAPIRegistry.registerPath(route)
  app.on(route.method.toUpperCase(), route.path.replaceAll(/\/{(.+?)}/g, '/:$1'), handler)
}
