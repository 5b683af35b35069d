import { createRoute, type OpenAPIHono } from '@hono/zod-openapi'
import type { AppEnv } from '../_env'
import { problemResponse } from '../errors'
import type { RulePackHolder } from '../rule-pack-holder'
import { HealthSchema, ReadySchema } from '../schemas'
import { errorResponse, json, serveRoute } from './_openapi'
import { packRef } from './_scorer'

/** `GET /healthz`: the process is up. */
export const healthRoute = createRoute({
  method: 'get',
  path: '/healthz',
  summary: '存活检查 Liveness',
  description: 'The process is up.',
  tags: ['health'],
  responses: { 200: { description: 'Up', content: json(HealthSchema, { status: 'ok' }) } },
})

/** `GET /readyz`: a valid rule pack is loaded. */
export const readyRoute = createRoute({
  method: 'get',
  path: '/readyz',
  summary: '就绪检查 Readiness',
  description: 'A valid rule pack is loaded.',
  tags: ['health'],
  responses: {
    200: { description: 'Ready', content: json(ReadySchema) },
    503: errorResponse('No valid rule pack loaded (NOT_READY)'),
  },
})

/** `GET /healthz` (the process answers) and `GET /readyz` (a valid pack is loaded). */
export const registerHealthRoutes = (app: OpenAPIHono<AppEnv>, rules: RulePackHolder): void => {
  serveRoute(app, healthRoute, (c) => c.json({ status: 'ok' as const }))
  serveRoute(app, readyRoute, (c) => {
    const scorer = rules.current()
    if (!scorer) {
      return problemResponse({
        code: 'NOT_READY',
        message: '规则包尚未加载成功',
        messageEn: 'No valid rule pack is loaded yet',
      })
    }
    return c.json({ status: 'ready' as const, rulePack: packRef(scorer) })
  })
}
