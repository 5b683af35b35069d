import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { TIER_IDS } from '@chufei/core'
import { scored } from './_test-records'
import { emptyRecord } from './record'
import { computeStats } from './stats'

const today = '2024-06-30'

describe('computeStats', () => {
  const records = [
    scored({ id: 'A', tier: 'red', total: 90, village: '郑岗村', sector: 'agriculture', people: 420, raised: 18_000_000, outstanding: 9_500_000, patterns: ['livestock-custody', 'guaranteed-return'], disposition: 'prosecute', deadline: '2024-03-08', status: 'in-progress' }),
    scored({ id: 'B', tier: 'yellow', total: 40, village: '郑岗村', sector: 'agriculture', people: null, raised: 500_000, outstanding: null, patterns: ['guaranteed-return'], disposition: 'rectify', deadline: '2024-07-08', status: 'pending' }),
    scored({ id: 'C', tier: 'orange', total: 60, village: '双桥社区', sector: 'elderly-care', people: 30, raised: null, outstanding: 100_000, disposition: 'penalty', deadline: '2024-03-01', status: 'resolved' }),
    scored({ id: 'D', tier: 'none', total: 5, village: null, sector: null, people: 10 }),
    { ...emptyRecord(), row: 9, id: null, kind: 'rejected' as const, status: 'problem' as const },
  ]
  const stats = computeStats(records, { today, counts: { read: 6, skipped: 1 } })

  it('counts rows: scored, rejected and skipped', () => {
    expect(stats.rows).toEqual({ read: 6, scored: 4, rejected: 1, skipped: 1 })
  })

  it('sums people and money over the leads that give them, and counts the unknown ones (unknown is not zero)', () => {
    expect(stats.overall.people).toEqual({ sum: 460, unknown: 1 })
    expect(stats.overall.raised).toEqual({ sum: 18_500_000, unknown: 2 })
    expect(stats.overall.outstanding).toEqual({ sum: 9_600_000, unknown: 2 })
    expect(stats.overall.keyLeads).toBe(3)
  })

  it('breaks down by village and sector, the unknown group last', () => {
    expect(stats.byVillage.map((g) => [g.label, g.leads, g.keyLeads])).toEqual([
      ['郑岗村', 2, 2],
      ['双桥社区', 1, 1],
      ['（未填）', 1, 0],
    ])
    expect(stats.bySector[0]).toMatchObject({ key: 'agriculture', label: '涉农领域', leads: 2, raised: { sum: 18_500_000, unknown: 0 } })
  })

  it('lists every tier and disposition in ladder order, zeros included', () => {
    expect(stats.byTier.map((g) => [g.key, g.leads])).toEqual([['red', 1], ['orange', 1], ['yellow', 1], ['blue', 0], ['none', 1]])
    expect(stats.byDisposition.map((g) => g.key)).toEqual(['prosecute', 'penalty', 'rectify', 'interview', 'monitor'])
  })

  it('counts a lead under each of its patterns', () => {
    expect(stats.byPattern.map((g) => [g.key, g.leads])).toEqual([['guaranteed-return', 2], ['livestock-custody', 1]])
  })

  it('ranks key leads by total and lists overdue leads not marked 已化解', () => {
    expect(stats.keyLeads.map((l) => l.id)).toEqual(['A', 'C', 'B'])
    expect(stats.overdue.map((l) => l.id)).toEqual(['A'])
    expect(stats.actions.prosecute.map((l) => l.id)).toEqual(['A'])
  })

  it('speaks English when asked', () => {
    const en = computeStats(records, { today, lang: 'en' })
    expect(en.bySector[0]!.label).toBe('Agriculture')
  })

  const arbRecord = fc.record({
    id: fc.string({ minLength: 1, maxLength: 4 }),
    tier: fc.constantFrom(...TIER_IDS),
    village: fc.option(fc.constantFrom('甲村', '乙村', '丙村'), { nil: null }),
    sector: fc.option(fc.constantFrom('agriculture' as const, 'education' as const), { nil: null }),
    people: fc.option(fc.nat(10_000), { nil: null }),
    outstanding: fc.option(fc.nat(1e9), { nil: null }),
  })

  it('every breakdown adds up to the overall figures', () => {
    fc.assert(
      fc.property(fc.array(arbRecord, { maxLength: 40 }), (raw) => {
        const s = computeStats(raw.map((r) => scored(r)), { today })
        for (const groups of [s.byTier, s.bySector, s.byVillage, s.byRegionKind, s.bySource, s.byStatus]) {
          expect(groups.reduce((n, g) => n + g.leads, 0)).toBe(s.overall.leads)
          expect(groups.reduce((n, g) => n + g.people.sum, 0)).toBe(s.overall.people.sum)
          expect(groups.reduce((n, g) => n + g.outstanding.unknown, 0)).toBe(s.overall.outstanding.unknown)
        }
        expect(s.keyLeads.length).toBe(s.overall.keyLeads)
      }),
    )
  })
})
