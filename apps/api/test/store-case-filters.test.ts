import { LOCAL_ADMIN, caseLeads, listCases } from '@chufei/store'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CasePageBody } from '../src/routes/_store-schemas'
import { openStoreFixture, type StoreFixture } from './_store'

// GET /v1/cases with the ledger page's filters and orders: 处置建议, 重点行为, sort — on the list and the overdue list.

let fx: StoreFixture
beforeAll(async () => {
  fx = await openStoreFixture()
})
afterAll(() => fx?.db.close())

const ids = async (query: string): Promise<number[]> => {
  const res = await fx.app.request(`/v1/cases?${query}`, { headers: fx.auth.town })
  const text = await res.text()
  expect(res.status, text).toBe(200)
  return CasePageBody.parse(JSON.parse(text)).items.map((c) => c.id)
}

describe('GET /v1/cases filters and orders', () => {
  it('disposition and pattern filter the list and the overdue list; sort orders both', async () => {
    const mine = await listCases(fx.db, fx.town.actors.town, { sort: 'id' })
    expect(mine.length).toBeGreaterThan(1)
    const { disposition } = fx.caseA
    expect(await ids(`disposition=${disposition}&sort=id`)).toEqual(mine.filter((c) => c.disposition === disposition).map((c) => c.id))
    expect(await ids('disposition=no-such')).toEqual([])
    const [lead] = await caseLeads(fx.db, LOCAL_ADMIN, fx.caseA.id)
    const pattern = (lead!.result as { patterns: string[] }).patterns[0]!
    expect(pattern).toBeDefined()
    const withPattern = await ids(`pattern=${pattern}&sort=id`)
    expect(withPattern).toContain(fx.caseA.id)
    expect(await ids('pattern=no-such')).toEqual([])
    expect(await ids('sort=id')).toEqual(mine.map((c) => c.id))
    expect(await ids('sort=subject')).toEqual((await listCases(fx.db, fx.town.actors.town, { sort: 'subject' })).map((c) => c.id))
    // The overdue list: filtered by both, and in the order asked for.
    const overdue = await ids('overdue=true&asOf=2030-01-01&sort=id')
    expect(overdue.length).toBeGreaterThan(0)
    expect(await ids(`overdue=true&asOf=2030-01-01&sort=id&pattern=${pattern}&disposition=${disposition}`)).toEqual(
      overdue.filter((id) => withPattern.includes(id) && mine.find((c) => c.id === id)!.disposition === disposition),
    )
    expect(await ids('overdue=true&asOf=2030-01-01&pattern=no-such')).toEqual([])
    const bad = await fx.app.request('/v1/cases?sort=random', { headers: fx.auth.town })
    expect(bad.status).toBe(400)
  })
})
