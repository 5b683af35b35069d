import { describe, expect, it } from 'vitest'
import { makeApp, ndjson } from './_helpers'

// At most `concurrent` batch uploads are read at once; `queue` more wait their turn; the rest get 503
// BUSY with Retry-After. A batch holds its turn until its stream ends.

const batch = (count: number) =>
  Array.from({ length: count }, (_, i) => JSON.stringify({ id: `B-${i}`, subject: { name: `主体${i}` }, people: { total: i } })).join('\n')

const post = (body: string): RequestInit => ({ method: 'POST', headers: { 'content-type': 'application/x-ndjson' }, body })

describe('the batch parse gate', () => {
  it('answers 503 BUSY with Retry-After when every turn is taken and the queue is full', async () => {
    const { app } = await makeApp({ batchGate: { concurrent: 1, queue: 0 } })
    // Its stream is not read, so it cannot finish: it holds the only turn.
    const first = await app.request('/v1/score/batch', post(batch(5000)))
    expect(first.status).toBe(200)
    const busy = await app.request('/v1/score/batch', post(batch(1)))
    expect(busy.status).toBe(503)
    expect(busy.headers.get('retry-after')).toBe('2')
    expect(((await busy.json()) as { error: { code: string } }).error.code).toBe('BUSY')
    // Other routes are not gated.
    expect((await app.request('/healthz')).status).toBe(200)
    expect(await ndjson(first)).toHaveLength(5000)
    const after = await app.request('/v1/score/batch', post(batch(2)))
    expect(after.status).toBe(200)
    expect(await ndjson(after)).toHaveLength(2)
  })

  it('lets a queued upload wait for its turn and then reads it', async () => {
    const { app } = await makeApp({ batchGate: { concurrent: 1, queue: 1 } })
    const first = await app.request('/v1/score/batch', post(batch(5000)))
    let waitingDone = false
    const waiting = Promise.resolve(app.request('/v1/score/batch', post(batch(3)))).then((res) => {
      waitingDone = true
      return res
    })
    const busy = await app.request('/v1/score/batch', post(batch(1)))
    expect(busy.status).toBe(503)
    expect(waitingDone).toBe(false)
    expect(await ndjson(first)).toHaveLength(5000)
    const res = await waiting
    expect(res.status).toBe(200)
    expect(await ndjson(res)).toHaveLength(3)
  })

  it('frees the turn of an upload that cannot be read', async () => {
    const { app } = await makeApp({ batchGate: { concurrent: 1, queue: 0 } })
    const bad = await app.request('/v1/score/batch', {
      method: 'POST',
      headers: { 'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
      body: 'not a zip',
    })
    expect(bad.status).toBe(400)
    expect((await app.request('/v1/score/batch', post(batch(1)))).status).toBe(200)
  })
})
