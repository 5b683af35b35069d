import type { OpenAPIHono } from '@hono/zod-openapi'
import type { AppEnv } from '../_env'
import { docsContentSecurityPolicy, renderDocsPage } from '../docs-page'
import { buildOpenApiDocument, registerOpenApi, type OpenApiOptions } from '../openapi'

/** `GET /openapi.json` (OpenAPI 3.1, generated from the zod schemas) and `GET /docs` (the reference page). */
export const registerDocsRoutes = (app: OpenAPIHono<AppEnv>, options: OpenApiOptions): void => {
  registerOpenApi(app, options)
  let document: unknown
  app.get('/openapi.json', (c) => {
    // Built on first use, once every route is registered.
    document ??= buildOpenApiDocument(app, options)
    return c.json(document)
  })
  app.get('/docs', (c) => {
    const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(18))).toString('base64')
    c.header('content-security-policy', docsContentSecurityPolicy(nonce))
    c.header('cache-control', 'no-store')
    return c.html(renderDocsPage(nonce))
  })
}
