import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openStoreFixture, SUBJECTS, type StoreFixture } from './_store'

/*
 * GET /v1/trend and GET /v1/report.html over the test store: the figures of a period per unit as the token
 * reads them, the query checked at the boundary, and the report served as a self-contained page.
 */

let fx: StoreFixture
beforeAll(async () => {
  fx = await openStoreFixture()
})
afterAll(() => fx?.db.close())

interface TrendJson {
  from: string
  to: string
  units: { unit: string; opened: number; open: number }[]
  total: { opened: number; escalated: number; deEscalated: number; resolved: number; overdue: number; open: number }
}

describe('GET /v1/trend', () => {
  it('gives the town office every unit of its town with the cases its sweep opened, and the total', async () => {
    const res = await fx.app.request('/v1/trend?from=2024-01-01&to=2024-03-31', { headers: fx.auth.town })
    expect(res.status).toBe(200)
    const trend = (await res.json()) as TrendJson
    expect(trend).toMatchObject({ from: '2024-01-01', to: '2024-03-31', total: { opened: 3, escalated: 0, deEscalated: 0, resolved: 0, open: 3 } })
    expect(trend.units.map((u) => [u.unit, u.opened])).toEqual([
      ['芮集镇', 1],
      ['芮集村', 1],
      ['双桥社区', 1],
    ])
  })

  it('gives a village user its own unit only, and defaults the period to the quarter of today', async () => {
    const res = await fx.app.request('/v1/trend', { headers: fx.auth.villageA })
    const trend = (await res.json()) as TrendJson
    expect(trend).toMatchObject({ from: '2024-04-01', to: fx.today })
    expect(trend.units.map((u) => u.unit)).toEqual(['芮集村'])
    expect(trend.total.opened).toBe(0)
  })

  it('refuses a bad period (400) and needs a token (401)', async () => {
    expect((await fx.app.request('/v1/trend?from=2024-06-30&to=2024-01-01', { headers: fx.auth.town })).status).toBe(400)
    expect((await fx.app.request('/v1/trend?from=30-06-2024', { headers: fx.auth.town })).status).toBe(400)
    expect((await fx.app.request('/v1/trend')).status).toBe(401)
  })

  it('is in the OpenAPI document under the store tag', async () => {
    const doc = (await (await fx.app.request('/openapi.json')).json()) as { paths: Record<string, { get?: { tags?: string[] } }> }
    expect(doc.paths['/v1/trend']?.get?.tags).toEqual(['store'])
    expect(doc.paths['/v1/report.html']?.get?.tags).toEqual(['store'])
  })
})

describe('GET /v1/report.html', () => {
  it('serves the summary report of the period with the trend table, under a policy that lets it style itself only and be framed by the console only', async () => {
    const res = await fx.app.request('/v1/report.html?from=2024-01-01&to=2024-03-31', { headers: fx.auth.town })
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toMatch(/^text\/html/)
    // The console's report page (same origin) shows it in an iframe; no other site may frame it.
    expect(res.headers.get('content-security-policy')).toBe("default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'self'")
    expect(res.headers.get('x-frame-options')).toBe('SAMEORIGIN')
    const html = await res.text()
    expect(html).toContain('<h2>六、动态趋势</h2>')
    expect(html).toMatch(/<tr class="total"><td>合计<\/td><td class="num" data-trend="opened">3<\/td>/)
    expect(html).toContain(SUBJECTS.A)
    expect(html).not.toContain(SUBJECTS.other)
  })
})
