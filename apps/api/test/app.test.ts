import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { ScoredResultSchema, type Scorer } from '@chufei/core'
import { describe, expect, it } from 'vitest'
import { ERROR_STATUS } from '../src/errors'
import { createRulePackHolder } from '../src/rule-pack-holder'
import {
  ErrorBodySchema,
  ExplanationSchema,
  HealthSchema,
  ReadySchema,
  RulesSchema,
  ValidationReportSchema,
} from '../src/schemas'
import { BIG_LEAD, chunkedBody, FIXTURE_RULES, makeApp, postJson } from './_helpers'

const errorOf = async (res: Response) => ErrorBodySchema.parse(await res.json()).error

describe('health', () => {
  it('GET /healthz answers ok', async () => {
    const { app } = await makeApp()
    const res = await app.request('/healthz')
    expect(res.status).toBe(200)
    expect(HealthSchema.parse(await res.json())).toEqual({ status: 'ok' })
  })

  it('GET /readyz names the pack when one is loaded, 503 NOT_READY before', async () => {
    const { app, scorer } = await makeApp()
    const ready = await app.request('/readyz')
    expect(ready.status).toBe(200)
    expect(ReadySchema.parse(await ready.json()).rulePack.hash).toBe(scorer.pack.hash)

    const { app: empty } = await makeApp({ rules: createRulePackHolder() })
    const res = await empty.request('/readyz')
    expect(res.status).toBe(503)
    expect((await errorOf(res)).code).toBe('NOT_READY')
    expect((await empty.request('/healthz')).status).toBe(200)
    const score = await empty.request('/v1/score', postJson(BIG_LEAD))
    expect(score.status).toBe(503)
    expect((await errorOf(score)).code).toBe('NOT_READY')
  })
})

describe('POST /v1/score', () => {
  it('returns exactly the library result, naming the pack hash that scored it', async () => {
    const { app, scorer } = await makeApp()
    const res = await app.request('/v1/score', postJson(BIG_LEAD))
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toMatch(/^application\/json/)
    const body = ScoredResultSchema.parse(await res.json())
    expect(body).toEqual(await scorer.score(BIG_LEAD))
    expect(body.rulePack.hash).toBe(scorer.pack.hash)
    expect(body.tier).not.toBe('none')
    expect(body.patterns).toContain('livestock-custody')
    expect(body.disposition).toBe('prosecute')
  })

  it('400 INVALID_LEAD names each bad field by path', async () => {
    const { app } = await makeApp()
    const res = await app.request('/v1/score', postJson({ id: 'X', subject: {}, people: { total: -3, elderly: 'many' } }))
    expect(res.status).toBe(400)
    const error = await errorOf(res)
    expect(error.code).toBe('INVALID_LEAD')
    const fields = (error.details as Array<{ field: string }>).map((d) => d.field)
    expect(fields).toEqual(expect.arrayContaining(['subject.name', 'people.total', 'people.elderly']))
  })

  it.each([
    ['a JSON number', '42'],
    ['null', 'null'],
    ['an array', '[]'],
    ['a string', '"lead"'],
  ])('400 INVALID_LEAD for %s', async (_, body) => {
    const { app } = await makeApp()
    const res = await app.request('/v1/score', postJson(body))
    expect(res.status).toBe(400)
    expect((await errorOf(res)).code).toBe('INVALID_LEAD')
  })

  it.each([
    ['broken JSON', '{"id": "A",'],
    ['an empty body', ''],
    ['trailing garbage', '{"id":"A","subject":{"name":"x"}} x'],
  ])('400 MALFORMED_JSON for %s', async (_, body) => {
    const { app } = await makeApp()
    const res = await app.request('/v1/score', postJson(body))
    expect(res.status).toBe(400)
    expect((await errorOf(res)).code).toBe('MALFORMED_JSON')
  })

  it('400 MALFORMED_JSON for bytes that are not UTF-8', async () => {
    const { app } = await makeApp()
    const bytes = new Uint8Array([0x7b, 0x22, 0x69, 0x64, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d])
    const res = await app.request('/v1/score', { method: 'POST', headers: { 'content-type': 'application/json' }, body: bytes })
    expect(res.status).toBe(400)
    expect((await errorOf(res)).details).toEqual({ reason: 'invalid UTF-8' })
  })

  it('accepts a UTF-8 BOM and a charset parameter', async () => {
    const { app } = await makeApp()
    const res = await app.request('/v1/score', {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=UTF-8' },
      body: `\uFEFF${JSON.stringify(BIG_LEAD)}`,
    })
    expect(res.status).toBe(200)
  })

  it.each([
    ['no Content-Type', undefined],
    ['text/plain', 'text/plain'],
    ['form encoding (curl -d default)', 'application/x-www-form-urlencoded'],
  ])('415 UNSUPPORTED_MEDIA_TYPE for %s', async (_, type) => {
    const { app } = await makeApp()
    const res = await app.request('/v1/score', {
      method: 'POST',
      body: JSON.stringify(BIG_LEAD),
      headers: type === undefined ? {} : { 'content-type': type },
    })
    expect(res.status).toBe(415)
    expect((await errorOf(res)).code).toBe('UNSUPPORTED_MEDIA_TYPE')
  })
})

describe('body limits', () => {
  it('413 when Content-Length says the body is over the limit', async () => {
    const { app } = await makeApp({ limits: { singleBytes: 1000 } })
    const res = await app.request('/v1/score', postJson({ ...BIG_LEAD, notes: 'x'.repeat(2000) }))
    expect(res.status).toBe(413)
    const error = await errorOf(res)
    expect(error.code).toBe('PAYLOAD_TOO_LARGE')
    expect(error.details).toEqual({ limitBytes: 1000 })
  })

  it('413 for a chunked body without Content-Length, counted as it arrives', async () => {
    const { app } = await makeApp({ limits: { singleBytes: 10_000 } })
    // 1000 chunks of 1 KiB would be 1 MiB; the limit trips after about 10 of them.
    const res = await app.request('/v1/score', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: chunkedBody(1000, 1024),
      duplex: 'half',
    } as RequestInit)
    expect(res.status).toBe(413)
  })

  it('a chunked body under the limit is read whole', async () => {
    const { app } = await makeApp()
    const text = new TextEncoder().encode(JSON.stringify(BIG_LEAD))
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < text.length; i += 7) controller.enqueue(text.slice(i, i + 7))
        controller.close()
      },
    })
    const res = await app.request('/v1/score', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
      duplex: 'half',
    } as RequestInit)
    expect(res.status).toBe(200)
  })

  it('the default single-lead limit is 1 MiB', async () => {
    const { app } = await makeApp()
    const big = postJson({ ...BIG_LEAD, notes: 'x'.repeat(1024 * 1024) })
    expect((await app.request('/v1/score', big)).status).toBe(413)
    const fits = postJson({ ...BIG_LEAD, notes: 'x'.repeat(19_000) })
    expect((await app.request('/v1/score', fits)).status).toBe(200)
  })
})

describe('auth', () => {
  it('with a token set, /v1 needs the right bearer token; health and docs stay open', async () => {
    const { app } = await makeApp({ token: 's3cret-token' })
    const none = await app.request('/v1/score', postJson(BIG_LEAD))
    expect(none.status).toBe(401)
    expect(none.headers.get('www-authenticate')).toMatch(/^Bearer/)
    expect((await errorOf(none)).code).toBe('UNAUTHORIZED')
    const wrong = await app.request('/v1/score', postJson(BIG_LEAD, { authorization: 'Bearer s3cret-tokeN' }))
    expect(wrong.status).toBe(401)
    const basic = await app.request('/v1/rules', { headers: { authorization: 'Basic czNjcmV0LXRva2Vu' } })
    expect(basic.status).toBe(401)
    const right = await app.request('/v1/score', postJson(BIG_LEAD, { authorization: 'Bearer s3cret-token' }))
    expect(right.status).toBe(200)
    for (const path of ['/healthz', '/readyz', '/openapi.json', '/docs']) expect((await app.request(path)).status).toBe(200)
  })

  it('without a token, no header is needed', async () => {
    const { app } = await makeApp()
    expect((await app.request('/v1/rules')).status).toBe(200)
  })
})

describe('rate limit', () => {
  it('429 with Retry-After once a client spends its bucket; tokens come back with time; clients are separate', async () => {
    let clock = 0
    const { app } = await makeApp({
      rateLimit: { ratePerSecond: 1, burst: 2 },
      now: () => clock,
      clientKey: (c) => c.req.header('x-test-client') ?? 'a',
    })
    const get = (client = 'a') => app.request('/v1/rules', { headers: { 'x-test-client': client } })
    expect((await get()).status).toBe(200)
    expect((await get()).status).toBe(200)
    const limited = await get()
    expect(limited.status).toBe(429)
    expect(limited.headers.get('retry-after')).toBe('1')
    expect((await errorOf(limited)).code).toBe('RATE_LIMITED')
    expect((await get('b')).status).toBe(200)
    clock += 1000
    expect((await get()).status).toBe(200)
    expect((await get()).status).toBe(429)
    // Health probes are never limited.
    expect((await app.request('/healthz')).status).toBe(200)
  })
})

describe('routing errors', () => {
  it('404 as JSON', async () => {
    const { app } = await makeApp()
    const res = await app.request('/v2/score')
    expect(res.status).toBe(404)
    expect((await errorOf(res)).code).toBe('NOT_FOUND')
  })

  it('405 as JSON with Allow', async () => {
    const { app } = await makeApp()
    const res = await app.request('/v1/score')
    expect(res.status).toBe(405)
    expect(res.headers.get('allow')).toBe('POST')
    expect((await errorOf(res)).code).toBe('METHOD_NOT_ALLOWED')
    const del = await app.request('/healthz', { method: 'DELETE' })
    expect(del.status).toBe(405)
    expect(del.headers.get('allow')).toContain('GET')
  })
})

describe('a real bug', () => {
  it('is a 500 with a generic message and the request id, never a stack; the log has the detail', async () => {
    const real = (await makeApp()).scorer
    const broken: Scorer = {
      ...real,
      score: async () => {
        throw new TypeError('boom at /secret/path.ts:12')
      },
    }
    const { app, logs } = await makeApp({ rules: createRulePackHolder(broken) })
    const res = await app.request('/v1/score', postJson(BIG_LEAD, { 'x-request-id': 'trace-500' }))
    expect(res.status).toBe(500)
    const text = await res.text()
    expect(text).not.toMatch(/boom|secret|\.ts|at /)
    const error = ErrorBodySchema.parse(JSON.parse(text)).error
    expect(error).toMatchObject({ code: 'INTERNAL', requestId: 'trace-500' })
    expect(logs.find((l) => l.msg === 'unhandled error')).toMatchObject({ requestId: 'trace-500' })
  })
})

describe('headers and logs', () => {
  it('every response, errors included, has a request id and secure headers', async () => {
    const { app } = await makeApp()
    for (const res of [
      await app.request('/healthz'),
      await app.request('/nope'),
      await app.request('/v1/score'),
      await app.request('/v1/score', postJson('{')),
    ]) {
      expect(res.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/)
      expect(res.headers.get('x-content-type-options')).toBe('nosniff')
      expect(res.headers.get('content-security-policy')).toContain("default-src 'none'")
      expect(res.headers.get('x-frame-options')).toBeTruthy()
    }
  })

  it('echoes a sane incoming request id and replaces one that is not', async () => {
    const { app } = await makeApp()
    const sane = await app.request('/healthz', { headers: { 'x-request-id': 'gw-123.abc:9' } })
    expect(sane.headers.get('x-request-id')).toBe('gw-123.abc:9')
    const evil = await app.request('/healthz', { headers: { 'x-request-id': 'a b"}{injected' } })
    expect(evil.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/)
    const long = await app.request('/healthz', { headers: { 'x-request-id': 'x'.repeat(200) } })
    expect(long.headers.get('x-request-id')).toHaveLength(36)
  })

  it('logs one structured line per request, without the lead', async () => {
    const { app, logs } = await makeApp()
    const res = await app.request('/v1/score?x=1', postJson(BIG_LEAD, { 'x-request-id': 'log-1' }))
    await app.request('/v1/score', postJson({ id: 'Y', subject: { name: '秘密公司' }, people: { total: -1 } }))
    expect(logs).toHaveLength(2)
    expect(logs[0]).toMatchObject({ level: 'info', msg: 'request', method: 'POST', path: '/v1/score', status: 200, requestId: 'log-1' })
    expect(typeof logs[0]!.ms).toBe('number')
    expect(logs[1]).toMatchObject({ level: 'warn', status: 400 })
    const text = JSON.stringify(logs)
    expect(text).not.toContain(BIG_LEAD.subject.name)
    expect(text).not.toContain('秘密公司')
    expect(res.status).toBe(200)
  })
})

describe('POST /v1/explain', () => {
  it('returns the result and a condition-level trace for every rule', async () => {
    const { app, scorer } = await makeApp()
    const res = await app.request('/v1/explain', postJson(BIG_LEAD))
    expect(res.status).toBe(200)
    const body = ExplanationSchema.parse(await res.json())
    expect(body.result).toEqual(await scorer.score(BIG_LEAD))
    expect(body.rules.map((r) => r.rule).sort()).toEqual(scorer.pack.rules.map((r) => r.id).sort())
    const fired = body.rules.filter((r) => r.fired).map((r) => r.rule).sort()
    expect(fired).toEqual(body.result.reasons.map((r) => r.rule).sort())
    const scale = body.rules.find((r) => r.rule === 'scale-150')!
    expect(scale.conditions).toMatchObject({ type: 'all', result: true })
    expect(JSON.stringify(scale.conditions)).toContain('"factValue":420')
  })

  it('400 INVALID_LEAD like /v1/score', async () => {
    const { app } = await makeApp()
    const res = await app.request('/v1/explain', postJson({ subject: { name: 'x' } }))
    expect(res.status).toBe(400)
    expect((await errorOf(res)).details).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'id' })]))
  })
})

const fixtureFiles = async (): Promise<Record<string, string>> => {
  const files: Record<string, string> = {}
  for (const name of await readdir(FIXTURE_RULES)) files[name] = await readFile(join(FIXTURE_RULES, name), 'utf8')
  return files
}

describe('rules', () => {
  it('GET /v1/rules lists the pack: name, version, hash and each rule with its dimension or pattern', async () => {
    const { app, scorer } = await makeApp()
    const res = await app.request('/v1/rules')
    expect(res.status).toBe(200)
    const body = RulesSchema.parse(await res.json())
    expect(body).toMatchObject({ name: 'api-test', version: '1.0.0', hash: scorer.pack.hash })
    expect(body.rules.map((r) => r.id)).toEqual(scorer.pack.rules.map((r) => r.id))
    expect(body.rules.find((r) => r.id === 'scale-150')).toMatchObject({ type: 'score', dimension: 'scale', points: 60, file: 'scale.json' })
    expect(body.rules.find((r) => r.id === 'pattern-livestock')).toMatchObject({ type: 'pattern', pattern: 'livestock-custody' })
    expect(body.patterns.map((p) => p.id)).toContain('livestock-custody')
  })

  it('POST /v1/rules/validate reports a good pack as valid, with the hash the loader gives', async () => {
    const { app, scorer } = await makeApp()
    const res = await app.request('/v1/rules/validate', postJson({ files: await fixtureFiles() }))
    expect(res.status).toBe(200)
    const report = ValidationReportSchema.parse(await res.json())
    expect(report.valid).toBe(true)
    expect(report.rulePack).toMatchObject({ hash: scorer.pack.hash, rules: scorer.pack.rules.length })
  })

  it('POST /v1/rules/validate reports every problem with file, pointer and line, and does not touch the served pack', async () => {
    const { app, scorer } = await makeApp()
    const files = await fixtureFiles()
    files['scale.json'] = files['scale.json']!.replace('"greaterThanInclusive", "value": 150', '"greaterThanInclusive", "value": "lots"')
    files['exposure.json'] = files['exposure.json']!.replace('"people.total"', '"people.totl"')
    const res = await app.request('/v1/rules/validate', postJson({ files }))
    expect(res.status).toBe(200)
    const report = ValidationReportSchema.parse(await res.json())
    expect(report.valid).toBe(false)
    expect(report.rulePack).toBeUndefined()
    const errors = report.issues.filter((i) => i.severity === 'error')
    expect(errors.map((i) => i.file).sort()).toEqual(['exposure.json', 'scale.json'])
    for (const issue of errors) {
      expect(issue.pointer).toMatch(/^\/rules\/\d+\/conditions/)
      expect(issue.line).toBeGreaterThan(0)
    }
    const rules = RulesSchema.parse(await (await app.request('/v1/rules')).json())
    expect(rules.hash).toBe(scorer.pack.hash)
  })

  it('POST /v1/rules/validate: a JSON syntax error is located', async () => {
    const { app } = await makeApp()
    const files = { ...(await fixtureFiles()), 'scale.json': '{\n  "rules": [\n    { "id": "x", }\n  ]\n}' }
    const report = ValidationReportSchema.parse(await (await app.request('/v1/rules/validate', postJson({ files }))).json())
    expect(report.valid).toBe(false)
    expect(report.issues[0]).toMatchObject({ file: 'scale.json', line: 3 })
  })

  it('POST /v1/rules/validate validates off the request thread: the server answers while a large pack is checked', async () => {
    const { app } = await makeApp()
    // 4,000 rules each naming an unknown fact: under a second of validation, in a worker thread.
    const rules = Array.from({ length: 4000 }, (_, i) => `{ "id": "r-${i}", "name": "规则${i}", "conditions": { "all": [ { "fact": "people.totl", "operator": "greaterThan", "value": ${i} } ] }, "event": { "type": "score", "params": { "dimension": "scale", "points": 1 } } }`)
    const files = { ...(await fixtureFiles()), 'scale.json': `{ "rules": [\n${rules.join(',\n')}\n] }` }
    const order: string[] = []
    const validating = Promise.resolve(app.request('/v1/rules/validate', postJson({ files }))).then(async (res) => {
      order.push('validate')
      return ValidationReportSchema.parse(await res.json())
    })
    // Let the upload be read and its validation begin: in the request's thread it would hold the loop from then on.
    for (let turn = 0; turn < 50; turn++) await new Promise((resolve) => setImmediate(resolve))
    const health = Promise.resolve(app.request('/healthz')).then((res) => {
      order.push('healthz')
      return res.status
    })
    expect(await health).toBe(200)
    const report = await validating
    expect(order).toEqual(['healthz', 'validate'])
    expect(report.issues.filter((i) => i.file === 'scale.json' && i.severity === 'error')).toHaveLength(4000)
  })

  it('POST /v1/rules/validate waits its turn with the uploads, and says BUSY when every turn is taken', async () => {
    let release = () => {}
    let started = () => {}
    const validating = new Promise<void>((resolve) => (started = resolve))
    const { app } = await makeApp({
      batchGate: { concurrent: 1, queue: 0 },
      validatePack: async (files) => {
        started()
        await new Promise<void>((resolve) => (release = resolve))
        const { safeParseRulePack } = await import('@chufei/core')
        return safeParseRulePack(files)
      },
    })
    const files = await fixtureFiles()
    const first = Promise.resolve(app.request('/v1/rules/validate', postJson({ files })))
    // The first request holds the one turn once it reaches the validator (an answer before that is a failure).
    await Promise.race([validating, first.then(() => Promise.reject(new Error('answered without the gate and the validator')))])
    const second = await app.request('/v1/rules/validate', postJson({ files }))
    expect(second.status).toBe(503)
    expect((await errorOf(second)).code).toBe('BUSY')
    release()
    expect((await first).status).toBe(200)
  })

  it.each([
    ['no files', {}],
    ['files not an object', { files: ['pack.json'] }],
    ['a prototype key', JSON.parse('{"files":{"__proto__":"{}"}}') as unknown],
    ['a path escaping the pack', { files: { '../etc/x.json': '{}' } }],
  ])('POST /v1/rules/validate: 400 USAGE for %s', async (_, body) => {
    const { app } = await makeApp()
    const res = await app.request('/v1/rules/validate', postJson(body))
    expect(res.status).toBe(400)
    expect((await errorOf(res)).code).toBe('USAGE')
  })
})

describe('the error table', () => {
  it('maps client mistakes to 4xx and only real failures to 5xx', () => {
    for (const [code, status] of Object.entries(ERROR_STATUS)) {
      const serverSide = ['INTERNAL', 'OUTPUT_FAILED', 'NOT_READY', 'BUSY', 'RULE_PACK_NOT_FOUND'].includes(code)
      expect(status >= 500, code).toBe(serverSide)
    }
  })
})
