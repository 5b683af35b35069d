import type { OpenAPIHono } from '@hono/zod-openapi'
import type { AppEnv } from '../_env'
import { problemResponse } from '../errors'
import type { RulePackHolder } from '../rule-pack-holder'
import { packRef } from './_scorer'

/** `GET /healthz` (the process answers) and `GET /readyz` (a valid pack is loaded). */
export const registerHealthRoutes = (app: OpenAPIHono<AppEnv>, rules: RulePackHolder): void => {
  app.get('/healthz', (c) => c.json({ status: 'ok' as const }))
  app.get('/readyz', (c) => {
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
