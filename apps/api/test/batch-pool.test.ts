import { afterAll, describe, expect, it } from 'vitest'
import { createBatchPools } from '../src/batch-pool'
import { BIG_LEAD, makeApp } from './_helpers'

// The batch route through worker threads must answer exactly what it answers in-process: the same
// lines, in the same order, rejected rows in their places.

const pools = createBatchPools({ threads: 1, minBytes: 0 })
afterAll(() => pools.close())

const lead = (i: number) => ({
  id: `P-${i}`,
  subject: { name: i % 7 === 0 ? '某某理财咨询有限公司' : `主体${i}` },
  people: { total: (i * 37) % 900 },
  ...(i % 3 === 0 ? { money: { raised: (i % 11) * 300_000 } } : {}),
  ...(i % 5 === 0 ? { text: { description: '以托管名义吸收资金，承诺保本' } } : {}),
})

/** Leads, invalid leads (rejected by the scorer) and lines that are not JSON (rejected by the reader). */
const mixed = (rows: number, badRunAt = -1, badRun = 0): string => {
  const lines: string[] = []
  for (let i = 0; i < rows; i++) {
    if (i === badRunAt) for (let j = 0; j < badRun; j++) lines.push('{not json')
    if (i % 97 === 13) lines.push('{"id": "broken",')
    else if (i % 89 === 5) lines.push(JSON.stringify({ id: `bad-${i}`, people: { total: -3 } }))
    else lines.push(JSON.stringify(i % 50 === 0 ? BIG_LEAD : lead(i)))
  }
  return `${lines.join('\n')}\n`
}

const batch = async (app: Awaited<ReturnType<typeof makeApp>>['app'], body: string, type = 'application/x-ndjson') => {
  const res = await app.request('/v1/score/batch', { method: 'POST', headers: { 'content-type': type }, body })
  expect(res.status).toBe(200)
  return res.text()
}

describe('POST /v1/score/batch through worker threads', () => {
  it('gives byte for byte the in-process NDJSON, rejected rows in place, over many pool batches', async () => {
    const { app: inProcess } = await makeApp()
    const { app: pooled } = await makeApp({ batchPools: pools })
    const body = mixed(1500)
    const expected = await batch(inProcess, body)
    expect(expected.split('\n').filter(Boolean)).toHaveLength(1500)
    expect(expected).toMatch(/"status":"rejected"/)
    expect(await batch(pooled, body)).toBe(expected)
  })

  it('keeps order when a long run of bad rows cuts the batch into segments', async () => {
    const { app: inProcess } = await makeApp()
    const { app: pooled } = await makeApp({ batchPools: pools })
    const body = mixed(700, 300, 5000)
    const expected = await batch(inProcess, body)
    expect(await batch(pooled, body)).toBe(expected)
  })

  it('a reload retires the old pool; batches of the new pack get a new one', async () => {
    const { scorer } = await makeApp()
    const other = { ...scorer }
    const first = await pools.acquire(scorer)
    const second = await pools.acquire(other)
    expect(first).toBeDefined()
    expect(second).toBeDefined()
    expect(second!.pool).not.toBe(first!.pool)
    // The old pool is still usable by the batch that holds it, until it lets go.
    const [result] = await first!.pool.scoreMany([{ lead: BIG_LEAD }])
    expect(result).toMatchObject({ status: 'scored', id: 'SQ-001' })
    first!.release()
    second!.release()
  })
})
