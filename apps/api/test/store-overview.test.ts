import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { findSamplesRoot, SAMPLE_SWEEPS } from '../src/routes/store-samples'
import { openStoreFixture, SUBJECTS, type StoreFixture } from './_store'

/*
 * GET /v1/overview (the console home's figures) and POST /v1/samples (the one-click sample sweeps) over the
 * test store, as each role reads them.
 */

let fx: StoreFixture
beforeAll(async () => {
  fx = await openStoreFixture()
})
afterAll(() => fx?.db.close())

interface GroupJson {
  key: string
  label: string
  leads: number
  keyLeads: number
}
interface OverviewJson {
  from: string
  to: string
  rows: { read: number; scored: number; rejected: number; skipped: number }
  byTier: GroupJson[]
  byVillage: GroupJson[]
  bySector: GroupJson[]
  byPattern: GroupJson[]
  latestSweep: { id: number; date: string; unit: string; fileName: string } | null
  opened: number
  newCases: Array<{ subject: { name: string } }>
}
interface SamplesJson {
  unit: { id: number; name: string }
  sweeps: Array<{ fileName: string; date: string; status: string; sweepId: number | null; counts: { read: number; scored: number; rejected: number } | null; newCases: number | null; linked: number | null; listedOnly: number | null }>
}

const overview = async (query: string, who: keyof StoreFixture['auth']) => {
  const res = await fx.app.request(`/v1/overview${query}`, { headers: fx.auth[who] })
  return { status: res.status, body: (await res.json()) as OverviewJson }
}

describe('GET /v1/overview', () => {
  it('gives the town office its town’s latest sweep by tier and village, and the cases that sweep opened', async () => {
    const { status, body } = await overview('', 'town')
    expect(status).toBe(200)
    expect(body).toMatchObject({ from: '1900-01-01', to: fx.today, rows: { scored: 3, rejected: 1 } })
    expect(body.byTier.reduce((n, g) => n + g.leads, 0)).toBe(3)
    expect(body.byVillage.map((g) => g.label).sort()).toEqual(['双桥社区', '王岗村', '芮集村'].sort())
    expect(body.latestSweep).toMatchObject({ id: fx.sweepTown, unit: '芮集镇', fileName: 'town.csv' })
    expect(body.opened).toBe(3)
    expect(body.newCases.map((c) => c.subject.name).sort()).toEqual([SUBJECTS.A, SUBJECTS.B, SUBJECTS.town].sort())
    expect(JSON.stringify(body)).not.toContain(SUBJECTS.other)
  })

  it('gives a village user its own village only; another village is 404', async () => {
    const { body } = await overview('', 'villageA')
    expect(body.byVillage.map((g) => g.label)).toEqual(['芮集村'])
    expect(body.newCases.map((c) => c.subject.name)).toEqual([SUBJECTS.A])
    expect(JSON.stringify(body)).not.toContain(SUBJECTS.B)
    expect((await overview(`?unit=${fx.town.villageB}`, 'villageA')).status).toBe(404)
  })

  it('cuts the list of new cases, and refuses a bad query (400) or no token (401)', async () => {
    const { body } = await overview('?newCases=1', 'town')
    expect([body.opened, body.newCases.length]).toEqual([3, 1])
    expect((await overview('?to=2024-13-99x', 'town')).status).toBe(400)
    expect((await overview('?newCases=1000', 'town')).status).toBe(400)
    expect((await fx.app.request('/v1/overview')).status).toBe(401)
  })
})

describe('POST /v1/samples', () => {
  const post = (who: keyof StoreFixture['auth'], query = '') => fx.app.request(`/v1/samples${query}`, { method: 'POST', headers: fx.auth[who] })

  it('is refused to a village user and a read-only user, before any unit is looked at', async () => {
    expect((await post('villageA')).status).toBe(403)
    expect((await post('readonly')).status).toBe(403)
    expect((await post('town', `?unit=${fx.town.villageA}`)).status).toBe(400)
  })

  it('imports the bundled Q1 workbook and Q2 sheet into the town, then says they were imported before', async () => {
    const first = await post('town')
    expect(first.status).toBe(201)
    const body = (await first.json()) as SamplesJson
    expect(body.unit.name).toBe('芮集镇')
    expect(body.sweeps.map((s) => [s.fileName, s.date, s.status])).toEqual([
      ['sweep-2024q1.xlsx', '2024-03-31', 'imported'],
      ['2024q2.csv', '2024-06-30', 'imported'],
    ])
    expect(body.sweeps[0]!.counts!.read).toBeGreaterThan(50)
    // Only key leads open a case: Q1's 12 (of 63 scored), the other 51 on its total list only.
    expect(body.sweeps.map((s) => [s.newCases, s.linked, s.listedOnly])).toEqual([
      [12, 0, 51],
      [3, 11, 49],
    ])
    for (const s of body.sweeps) expect(s.newCases! + s.linked! + s.listedOnly!).toBe(s.counts!.scored)
    const again = await post('town')
    expect(again.status).toBe(200)
    const second = (await again.json()) as SamplesJson
    expect(second.sweeps.map((s) => [s.status, s.sweepId, s.listedOnly])).toEqual(body.sweeps.map((s) => ['already', s.sweepId, null]))
    // The town next door: imported before, into a town it cannot read — not named.
    const other = (await (await post('otherTown')).json()) as SamplesJson
    expect(other.sweeps.map((s) => [s.status, s.sweepId])).toEqual([
      ['already', null],
      ['already', null],
    ])
    // Home now reads the Q2 sweep as the latest.
    expect((await overview('', 'town')).body.latestSweep).toMatchObject({ fileName: '2024q2.csv', date: '2024-06-30' })
  })
})

describe('findSamplesRoot', () => {
  it('finds the repository from the sources, and nothing in a folder without the samples', async () => {
    expect(findSamplesRoot()).toBeDefined()
    const dir = await mkdtemp(join(tmpdir(), 'chufei-samples-'))
    try {
      expect(findSamplesRoot(join(dir, 'a', 'b'))).toBeUndefined()
      for (const s of SAMPLE_SWEEPS) {
        await mkdir(join(dir, s.path, '..'), { recursive: true })
        await writeFile(join(dir, s.path), 'x')
      }
      await mkdir(join(dir, 'a', 'b'), { recursive: true })
      expect(findSamplesRoot(join(dir, 'a', 'b'))).toBe(dir)
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  })
})
