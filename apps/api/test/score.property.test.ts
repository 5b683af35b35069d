import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { ErrorBodySchema } from '../src/schemas'
import { BIG_LEAD, makeApp, postJson } from './_helpers'

// Arbitrary JSON, and JSON shaped like a lead with arbitrary values in its fields, so the property
// reaches deep into validation and scoring rather than stopping at "not an object".
const anyJson = fc.jsonValue({ maxDepth: 4 })
const leadish = fc.record(
  {
    id: fc.oneof(fc.string(), anyJson),
    subject: fc.oneof(fc.record({ name: fc.oneof(fc.string(), anyJson), kind: fc.oneof(fc.constantFrom('cooperative', 'enterprise'), fc.string()) }, { requiredKeys: [] }), anyJson),
    people: fc.oneof(fc.record({ total: anyJson, elderly: fc.integer() }, { requiredKeys: [] }), anyJson),
    money: fc.record({ raised: fc.oneof(fc.double(), anyJson), promisedReturn: fc.double() }, { requiredKeys: [] }),
    stability: fc.record({ overdue: anyJson, controllerMissing: fc.boolean() }, { requiredKeys: [] }),
    text: fc.record({ description: fc.oneof(fc.string(), fc.constantFrom('托管代养', '未发现托管')) }, { requiredKeys: [] }),
  },
  { requiredKeys: [] },
)

// Bodies written as text, so prototype keys are real JSON keys (an object literal would set the prototype).
const hostile = fc.constantFrom(
  '{"__proto__":{"polluted":true},"id":"a","subject":{"name":"b"}}',
  '{"id":"a","subject":{"name":"b","__proto__":{"polluted":true}},"constructor":{"prototype":{"polluted":true}}}',
  '{"id":"a","subject":{"name":"b"},"people":{"total":1e400}}',
  '[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]',
)

describe('POST /v1/score with any JSON body', () => {
  it('answers 200 with a result or a 4xx JSON error, never a 5xx', async () => {
    const { app } = await makeApp()
    const bodies = fc.oneof(anyJson.map((v) => JSON.stringify(v)), leadish.map((v) => JSON.stringify(v)), fc.constant(JSON.stringify(BIG_LEAD)), hostile)
    await fc.assert(
      fc.asyncProperty(bodies, async (body) => {
        const res = await app.request('/v1/score', postJson(body))
        const json = (await res.json()) as unknown
        if (res.status === 200) {
          expect(json).toMatchObject({ status: 'scored' })
        } else {
          expect(res.status).toBeGreaterThanOrEqual(400)
          expect(res.status).toBeLessThan(500)
          expect(ErrorBodySchema.parse(json).error.code).toBe('INVALID_LEAD')
        }
      }),
      { numRuns: 300 },
    )
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  })

  it('answers a 4xx JSON error, never a 5xx, for any text at all', async () => {
    const { app } = await makeApp()
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: 'binary', maxLength: 200 }), async (body) => {
        const res = await app.request('/v1/score', postJson(body))
        expect(res.status).toBeLessThan(500)
        if (res.status !== 200) expect(['MALFORMED_JSON', 'INVALID_LEAD']).toContain(ErrorBodySchema.parse(await res.json()).error.code)
      }),
      { numRuns: 200 },
    )
  })
})
