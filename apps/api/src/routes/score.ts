import { createRoute, type OpenAPIHono } from '@hono/zod-openapi'
import type { AppEnv } from '../_env'
import { readJson } from '../body'
import { jsonResponse } from '../middleware/request-context'
import type { RulePackHolder } from '../rule-pack-holder'
import { commonResponses, EXAMPLE_LEAD, Explanation, json, Lead, Scored, security, serveRoute, type RouteOptions } from './_openapi'
import { currentScorer } from './_scorer'

/** `POST /v1/score`, as the options state it (auth, body limit). */
export const scoreRoute = (options: RouteOptions) =>
  createRoute({
    method: 'post',
    path: '/v1/score',
    summary: '评分 Score one lead',
    description:
      'One lead (docs/spec.md §1) → its result (docs/spec.md §4): dimension scores, total, tier, patterns, disposition, reasons, and the hash of the rule pack that scored it.',
    tags: ['score'],
    security: security(options),
    request: { body: { required: true, content: json(Lead, EXAMPLE_LEAD) } },
    responses: { 200: { description: 'The result', content: json(Scored) }, ...commonResponses(options) },
  })

/** `POST /v1/explain`, as the options state it. */
export const explainRoute = (options: RouteOptions) =>
  createRoute({
    method: 'post',
    path: '/v1/explain',
    summary: '评分解释 Explain one lead',
    description: 'One lead → the condition-level trace: for every rule, whether it fired and the value of each condition’s fact.',
    tags: ['score'],
    security: security(options),
    request: { body: { required: true, content: json(Lead, EXAMPLE_LEAD) } },
    responses: { 200: { description: 'The trace', content: json(Explanation) }, ...commonResponses(options) },
  })

/**
 * `POST /v1/score` (one lead → its result, docs/spec.md §4) and `POST /v1/explain` (one lead → the
 * condition-level trace). An invalid lead is a 400 INVALID_LEAD whose details name each field by path.
 */
export const registerScoreRoutes = (app: OpenAPIHono<AppEnv>, rules: RulePackHolder, options: RouteOptions): void => {
  serveRoute(app, scoreRoute(options), async (c) => {
    const input = await readJson(c, options.limits.singleBytes)
    const result = await currentScorer(rules).score(input)
    return jsonResponse(c.get('requestId'), result)
  })
  serveRoute(app, explainRoute(options), async (c) => {
    const input = await readJson(c, options.limits.singleBytes)
    const explanation = await currentScorer(rules).explain(input)
    return jsonResponse(c.get('requestId'), explanation)
  })
}
