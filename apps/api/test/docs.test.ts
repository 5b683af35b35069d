import { describe, expect, it } from 'vitest'
import packageJson from '../package.json'
import { DOCS_SCRIPT } from '../src/docs-page'
import { makeApp } from './_helpers'

interface OpenApiDoc {
  openapi: string
  info: { title: string; version: string }
  paths: Record<string, Record<string, { requestBody?: { content: Record<string, { schema: unknown; example?: unknown }> }; responses: Record<string, unknown>; security?: unknown[] }>>
  components: { schemas: Record<string, { properties?: Record<string, unknown>; required?: string[] }>; securitySchemes?: Record<string, unknown> }
}

const getDoc = async (deps = {}) => {
  const { app } = await makeApp(deps)
  const res = await app.request('/openapi.json')
  expect(res.status).toBe(200)
  return { app, doc: (await res.json()) as OpenApiDoc }
}

describe('GET /openapi.json', () => {
  it('is OpenAPI 3.1 generated from the zod schemas', async () => {
    const { doc } = await getDoc()
    expect(doc.openapi).toMatch(/^3\.1\./)
    const lead = doc.components.schemas.Lead!
    expect(lead.required).toEqual(['id', 'subject'])
    expect(Object.keys(lead.properties!)).toEqual(expect.arrayContaining(['people', 'money', 'stability', 'text']))
    expect(doc.components.schemas.ScoredResult!.required).toEqual(expect.arrayContaining(['total', 'tier', 'rulePack']))
    expect(Object.keys(doc.components.schemas)).toEqual(
      expect.arrayContaining(['Error', 'Result', 'RejectedResult', 'Explanation', 'Rules', 'ValidationReport', 'IssueDetail']),
    )
    const score = doc.paths['/v1/score']!.post!
    expect(score.requestBody!.content['application/json']!.example).toMatchObject({ id: 'SQ-001' })
    expect(Object.keys(score.responses)).toEqual(expect.arrayContaining(['200', '400', '413', '415', '429']))
    expect(Object.keys(doc.paths['/v1/score/batch']!.post!.requestBody!.content)).toEqual(
      expect.arrayContaining(['application/json', 'application/x-ndjson', 'text/csv', 'multipart/form-data']),
    )
  })

  it('carries the version of the package that serves it', async () => {
    const { doc } = await getDoc()
    expect(doc.info.version).toBe(packageJson.version)
  })

  it('documents every route the app serves, /openapi.json and /docs included', async () => {
    const { app, doc } = await getDoc()
    const served = new Set(
      app.routes
        .filter((r) => r.method !== 'ALL')
        .map((r) => `${r.method.toLowerCase()} ${r.path}`),
    )
    const documented = new Set(Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m} ${path}`)))
    expect(documented).toEqual(served)
  })

  it('states the body limits the app was built with (the route declarations are made from its options)', async () => {
    const { doc } = await getDoc({ limits: { singleBytes: 2 * 1024 * 1024, batchBytes: 5 * 1024 * 1024 } })
    const described = (path: string, status: string) =>
      (doc.paths[path]!.post!.responses[status] as { description: string }).description
    expect(described('/v1/score', '413')).toContain('2 MiB')
    expect(described('/v1/score/batch', '413')).toContain('5 MiB')
  })

  it('declares bearer auth only when a token is configured', async () => {
    expect((await getDoc()).doc.components.securitySchemes).toBeUndefined()
    const { doc } = await getDoc({ token: 't' })
    expect(doc.components.securitySchemes).toEqual({ bearerAuth: { type: 'http', scheme: 'bearer' } })
    expect(doc.paths['/v1/score']!.post!.security).toEqual([{ bearerAuth: [] }])
  })
})

describe('GET /docs', () => {
  it('is a self-contained page: no external URL, inline code allowed by a per-response nonce only', async () => {
    const { app } = await makeApp()
    const res = await app.request('/docs')
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toMatch(/^text\/html/)
    const html = await res.text()
    expect(html).not.toMatch(/https?:|\/\/[a-z0-9]/i)
    expect(html).not.toMatch(/<(script|link|img|iframe)[^>]*\s(src|href)=/i)
    expect(html).toContain("fetch('./openapi.json'")
    const csp = res.headers.get('content-security-policy')!
    const nonce = /'nonce-([^']+)'/.exec(csp)![1]!
    expect(html).toContain(`<script nonce="${nonce}">`)
    expect(csp).toContain("default-src 'none'")
    expect(csp).toContain("connect-src 'self'")
    const again = (await app.request('/docs')).headers.get('content-security-policy')!
    expect(again).not.toBe(csp)
  })

  it('its script is valid JavaScript', () => {
    expect(() => new Function(DOCS_SCRIPT)).not.toThrow()
  })
})
