import type { OpenAPIHono } from '@hono/zod-openapi'
import type { AppEnv } from '../_env'
import type { BodyLimits } from '../app'
import { readJson } from '../body'
import { jsonResponse } from '../middleware/request-context'
import type { RulePackHolder } from '../rule-pack-holder'
import { currentScorer } from './_scorer'

/**
 * `POST /v1/score` (one lead → its result, SPEC §4) and `POST /v1/explain` (one lead → the
 * condition-level trace). An invalid lead is a 400 INVALID_LEAD whose details name each field by path.
 */
export const registerScoreRoutes = (app: OpenAPIHono<AppEnv>, rules: RulePackHolder, limits: BodyLimits): void => {
  app.post('/v1/score', async (c) => {
    const input = await readJson(c, limits.singleBytes)
    const result = await currentScorer(rules).score(input)
    return jsonResponse(c.get('requestId'), result)
  })
  app.post('/v1/explain', async (c) => {
    const input = await readJson(c, limits.singleBytes)
    const explanation = await currentScorer(rules).explain(input)
    return jsonResponse(c.get('requestId'), explanation)
  })
}
