import { createRoute, type OpenAPIHono } from '@hono/zod-openapi'
import { z } from 'zod'
import type { AppEnv } from '../_env'
import { docsContentSecurityPolicy, renderDocsPage } from '../docs-page'
import { serveRoute, type RouteOptions } from './_openapi'

/** What the document states: the routes' options and the version of the package that serves it. */
export interface DocsOptions extends RouteOptions {
  readonly version: string
}

/** `GET /openapi.json`: this document. */
export const openApiRoute = createRoute({
  method: 'get',
  path: '/openapi.json',
  summary: '接口文档 This OpenAPI document',
  description: 'OpenAPI 3.1, derived from the route declarations and the zod schemas the API answers with.',
  tags: ['docs'],
  responses: { 200: { description: 'The document', content: { 'application/json': { schema: z.record(z.string(), z.unknown()) } } } },
})

/** `GET /docs`: the reference page that renders `/openapi.json`. */
export const docsPageRoute = createRoute({
  method: 'get',
  path: '/docs',
  summary: '接口说明页 Reference page',
  description: 'A self-contained HTML page (no external resource) that renders ./openapi.json.',
  tags: ['docs'],
  responses: { 200: { description: 'The page', content: { 'text/html': { schema: z.string() } } } },
})

/** The document `/openapi.json` serves, from every route registered on `app`. */
export const buildOpenApiDocument = (app: OpenAPIHono<AppEnv>, options: DocsOptions) =>
  app.getOpenAPI31Document({
    openapi: '3.1.0',
    info: {
      title: 'chufei API',
      version: options.version,
      description:
        '处非办非法集资风险线索评分服务。Risk scoring of illegal-fundraising leads (docs/spec.md §1) with the rule pack the server loaded; every result names the pack hash that scored it. Errors are `{ "error": { "code", "message", "messageEn", "details" } }`.',
    },
    tags: [
      { name: 'score', description: '评分' },
      { name: 'rules', description: '规则包' },
      { name: 'health', description: '健康检查' },
      { name: 'docs', description: '接口文档' },
      { name: 'store', description: '案件库：排查批次、案件、跟进处置、单位与用户 (the case store; its users’ tokens)' },
    ],
  })

/** `GET /openapi.json` (OpenAPI 3.1, derived from the route declarations) and `GET /docs` (the reference page). */
export const registerDocsRoutes = (app: OpenAPIHono<AppEnv>, options: DocsOptions): void => {
  if (options.auth) app.openAPIRegistry.registerComponent('securitySchemes', 'bearerAuth', { type: 'http', scheme: 'bearer' })
  let document: unknown
  serveRoute(app, openApiRoute, (c) => {
    // Built on first use, once every route is registered.
    document ??= buildOpenApiDocument(app, options)
    return c.json(document)
  })
  serveRoute(app, docsPageRoute, (c) => {
    const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(18))).toString('base64')
    c.header('content-security-policy', docsContentSecurityPolicy(nonce))
    c.header('cache-control', 'no-store')
    return c.html(renderDocsPage(nonce))
  })
}
