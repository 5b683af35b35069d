import { ResultSchema } from '@chufei/core'
import { describe, expect, it } from 'vitest'
import { ErrorBodySchema } from '../src/schemas'
import { BIG_LEAD, makeApp, ndjson } from './_helpers'

// A valid JSON document that is not a lead array gets one 400 saying what it is and what to send — not
// "invalid JSON" on every line of it (as NDJSON), nor only "expected [" (as a JSON array).

const post = (body: BodyInit, type: string): [string, RequestInit] => ['/v1/score/batch', { method: 'POST', headers: { 'content-type': type }, body }]

const pretty = JSON.stringify({ leads: [BIG_LEAD] }, null, 2)

describe('POST /v1/score/batch with one JSON document that is not a lead array', () => {
  it.each([
    ['a pretty-printed object sent as NDJSON', pretty, 'application/x-ndjson', '一个 JSON 对象，不是每行一条线索的 NDJSON'],
    ['a pretty-printed lead array sent as NDJSON', JSON.stringify([BIG_LEAD], null, 2), 'application/x-ndjson', 'application/json'],
    ['a one-line lead array sent as NDJSON', JSON.stringify([BIG_LEAD, BIG_LEAD]), 'application/x-ndjson', '一个 JSON 数组'],
    ['an object sent as a JSON array', pretty, 'application/json', '一个 JSON 对象，不是线索数组'],
    ['a single lead sent as a JSON array', JSON.stringify(BIG_LEAD), 'application/json', 'POST /v1/score'],
    ['a bare number', '42', 'application/json', '一个 JSON 值'],
  ])('%s: one 400 naming what was sent', async (_, body, type, says) => {
    const { app } = await makeApp()
    const res = await app.request(...post(body, type))
    expect(res.status).toBe(400)
    const error = ErrorBodySchema.parse(await res.json()).error
    expect(error.code).toBe('USAGE')
    expect(error.message).toContain(says)
    expect(error.message).not.toMatch(/不是有效的JSON/)
    expect(error.messageEn).toMatch(/^The body is one JSON/)
  })

  it('an uploaded .jsonl file holding one pretty-printed object is said once too', async () => {
    const { app } = await makeApp()
    const form = new FormData()
    form.set('file', new File([pretty], 'leads.jsonl'))
    const res = await app.request('/v1/score/batch', { method: 'POST', body: form })
    expect(res.status).toBe(400)
    expect(ErrorBodySchema.parse(await res.json()).error.message).toContain('不是每行一条线索的 NDJSON')
  })

  it('real NDJSON is untouched: one lead on one line, and lines with a broken one among them', async () => {
    const { app } = await makeApp()
    const one = await app.request(...post(JSON.stringify(BIG_LEAD), 'application/x-ndjson'))
    expect(one.status).toBe(200)
    expect((await ndjson(one)).map((l) => ResultSchema.parse(l).status)).toEqual(['scored'])
    const mixed = await app.request(...post(`${JSON.stringify(BIG_LEAD)}\n{"id": "broken",\n`, 'application/x-ndjson'))
    expect(mixed.status).toBe(200)
    expect((await ndjson(mixed)).map((l) => ResultSchema.parse(l).status)).toEqual(['scored', 'rejected'])
  })
})
