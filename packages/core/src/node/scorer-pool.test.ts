import { afterAll, describe, expect, it } from 'vitest'
import { createScorer } from '../create-scorer'
import { parseRulePack } from '../rule-pack'
import { unitPackFiles } from '../../test/_pack'
import { createScorerPool } from './scorer-pool'
import type { PoolItem, ScorerPool } from './scorer-pool'

const pack = parseRulePack(unitPackFiles())
const items: PoolItem[] = Array.from({ length: 1000 }, (_, i) =>
  i % 97 === 13
    ? { lead: { id: `bad-${i}` }, line: i + 2 }
    : { lead: { id: `L-${i}`, subject: { name: `主体${i}` }, people: { total: (i * 37) % 700 }, money: { raised: (i % 13) * 200_000 }, text: { description: i % 3 ? '消费全返' : '未发现返利行为' } }, line: i + 2, warnings: i % 5 ? [] : [{ field: 'people.total', code: 'approximate-number', message: '约数' }] },
)

const expected = async () => createScorer(pack).scoreMany(items.map((i) => i.lead), items.map((i) => ({ line: i.line, warnings: i.warnings })))

describe('createScorerPool', () => {
  const pools: ScorerPool[] = []
  afterAll(async () => Promise.all(pools.map((p) => p.close())))

  it.each([0, 2])('with %i threads, scores in input order with the results of a single scorer', async (threads) => {
    const pool = await createScorerPool(pack, { threads, batchSize: 64, maxInFlight: 3 })
    pools.push(pool)
    expect(pool.reason).toBeUndefined()
    expect(pool.mode).toBe(threads > 0 ? 'workers' : 'in-process')
    const want = await expected()
    expect(await pool.scoreMany(items)).toStrictEqual(want)
    const streamed: unknown[] = []
    for await (const r of pool.scoreStream((async function* () { yield* items })())) streamed.push(r)
    expect(streamed).toStrictEqual(want)
    let text = ''
    for await (const chunk of pool.scoreStreamJsonl(items)) text += chunk
    expect(text.trimEnd().split('\n').map((l) => JSON.parse(l))).toStrictEqual(JSON.parse(JSON.stringify(want)))
  })

  it('pulls input only as results are taken (bounded in flight)', async () => {
    const pool = await createScorerPool(pack, { threads: 0, batchSize: 10, maxInFlight: 2 })
    pools.push(pool)
    let pulled = 0
    const source = (function* () {
      for (const item of items) {
        pulled++
        yield item
      }
    })()
    const stream = pool.scoreStream(source)[Symbol.asyncIterator]()
    await stream.next()
    expect(pulled).toBeLessThanOrEqual(10 * 3)
    await stream.return?.()
  })
})
