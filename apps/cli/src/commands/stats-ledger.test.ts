import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { runCli, tempDir } from '../_test-run'

/*
 * `chufei stats` on the ledger `chufei score` writes gives the same people, money, region-kind and source
 * figures as on the sheet itself: the ledger now carries those facts, so nothing reads as 未填 that the
 * sheet gave.
 */

const ROOT = fileURLToPath(new URL('../../../../', import.meta.url))
const SHEET = join(ROOT, 'fixtures/sheets/sweep-2024q1.xlsx')
const TODAY = ['--today', '2024-06-30']

interface Measure {
  sum: number
  unknown: number
}
interface StatsJson {
  overall: { leads: number; people: Measure; raised: Measure; outstanding: Measure }
  [group: string]: unknown
}

const stats = async (input: string, extra: string[] = []): Promise<{ json: StatsJson; stdout: string }> => {
  const r = await runCli(['stats', input, ...TODAY, ...extra], { cwd: ROOT })
  expect(r.code, r.stderr).toBe(0)
  return { json: extra.includes('json') ? (JSON.parse(r.stdout) as StatsJson) : ({} as StatsJson), stdout: r.stdout }
}

describe('chufei stats on a ledger written by chufei score', () => {
  it('shows the people and money the sheet gave, grouped as on the sheet', async () => {
    const dir = await tempDir()
    const ledger = join(dir, 'ledger.xlsx')
    const scored = await runCli(['score', SHEET, '--format', 'xlsx', '--out', ledger, '--quiet'], { cwd: ROOT })
    expect(scored.code, scored.stderr).toBe(0)

    const [fromLedger, fromSheet] = await Promise.all([stats(ledger, ['--format', 'json']), stats(SHEET, ['--format', 'json'])])
    const o = fromLedger.json.overall
    expect(o.leads).toBe(63)
    // Known figures are summed; only what the sheet left blank is unknown.
    expect(o.people.sum).toBeGreaterThan(0)
    expect(o.people.unknown).toBeLessThan(o.leads)
    expect(o.raised.sum).toBeGreaterThan(0)
    expect(o.outstanding.sum).toBeGreaterThan(0)
    for (const key of ['overall', 'byTier', 'byDisposition', 'bySector', 'byVillage', 'byRegionKind', 'bySource', 'byPattern', 'byStatus']) {
      expect(fromLedger.json[key], key).toEqual(fromSheet.json[key])
    }
    const regionKinds = fromLedger.json.byRegionKind as Array<{ label: string }>
    expect(regionKinds.map((g) => g.label)).toContain('农村')

    const text = await stats(ledger)
    expect(text.stdout).toContain(`涉及人数 ${o.people.sum.toLocaleString('en-US')}`)
  })
})
