import type { Result } from '@chufei/core'
import { describe, expect, it } from 'vitest'
import { parseCaseSet, type CaseSet } from './case-expectations'
import { measureAccuracy, unmetTargets } from './measure-accuracy'
import type { SheetRun } from './score-case-sheet'

/* The metric definitions of docs/accuracy.md, on small hand-made runs. */

const pack = { name: 't', version: '1', hash: `sha256:${'0'.repeat(64)}` }
const scored = (id: string, tier: string, disposition: string, patterns: string[]): Result =>
  ({ id, status: 'scored', total: 0, tier, disposition, patterns, scores: { scale: 0, exposure: 0, attention: 0, stability: 0 }, reasons: [], warnings: [], assignment: { units: [], measures: '', deadlineDays: null }, rulePack: pack }) as Result

const SET: CaseSet = parseCaseSet(
  {
    set: 'dev',
    cases: [
      { id: 'A', source: 'S001', kind: 'published', mustFire: ['rebate', 'guaranteed-return'], mustNotFire: ['mutual-aid'], tiers: ['red', 'orange'], dispositions: ['prosecute'], basis: '法释〔2022〕5号第三条' },
      { id: 'B', source: 'S002', kind: 'published', mustFire: ['mutual-aid'], mustNotFire: [], tiers: ['yellow'], dispositions: ['penalty', 'prosecute'], basis: '条例第三十条', classes: [1] },
      { id: 'C', source: 'M001', kind: 'clean', mustFire: [], mustNotFire: ['rebate'], tiers: ['none', 'blue'], dispositions: ['monitor'], basis: '法释〔2022〕5号第一条第二款' },
    ],
  },
  'test.json',
)

const runOf = (results: Result[], counts?: Partial<SheetRun['counts']>): SheetRun => ({
  exitCode: 0,
  results,
  counts: { read: results.length, scored: results.length, rejected: 0, skipped: 0, ...counts },
  stderr: '',
})

describe('measureAccuracy', () => {
  it('counts recall over required patterns, and tier and disposition over cases', () => {
    const r = measureAccuracy(SET, runOf([scored('A', 'red', 'prosecute', ['rebate']), scored('B', 'orange', 'penalty', ['mutual-aid']), scored('C', 'none', 'monitor', [])]))
    expect(r.recall).toEqual({ hit: 2, of: 3, rate: 2 / 3 })
    expect(r.tier.hit).toBe(2)
    expect(r.disposition.hit).toBe(3)
    expect(r.falseFlags).toBe(0)
    expect(r.accounting.ok).toBe(true)
    expect(r.perPattern.get('guaranteed-return')).toEqual({ hit: 0, of: 1, rate: 0 })
    expect(r.misses.map((m) => m.id)).toEqual(['A', 'B'])
    expect(r.misses[1]!.classes).toEqual([1])
  })

  it('calls a clean lead with any pattern, a tier above blue or a disposition above monitor a false flag, but not blue alone', () => {
    const at = (tier: string, disposition: string, patterns: string[] = []) =>
      measureAccuracy(SET, runOf([scored('A', 'red', 'prosecute', ['rebate', 'guaranteed-return']), scored('B', 'yellow', 'penalty', ['mutual-aid']), scored('C', tier, disposition, patterns)])).falseFlags
    expect(at('blue', 'monitor')).toBe(0)
    expect(at('yellow', 'monitor')).toBe(1)
    expect(at('none', 'interview')).toBe(1)
    expect(at('none', 'monitor', ['finance-name'])).toBe(1)
  })

  it('reports forbidden patterns that fired as misses', () => {
    const r = measureAccuracy(SET, runOf([scored('A', 'red', 'prosecute', ['rebate', 'guaranteed-return', 'mutual-aid']), scored('B', 'yellow', 'penalty', ['mutual-aid']), scored('C', 'none', 'monitor', [])]))
    expect(r.forbiddenFired).toBe(1)
    expect(r.misses[0]!.problems).toEqual([{ kind: 'pattern-forbidden', pattern: 'mutual-aid' }])
    expect(unmetTargets(r)).toEqual([])
  })

  it('treats a case without exactly one scored result as lost: nothing fired, tier and disposition missed, not accounted', () => {
    const rejected = { status: 'rejected', id: 'B', errors: [{ code: 'x', message: 'x' }] } as Result
    const r = measureAccuracy(SET, runOf([scored('A', 'red', 'prosecute', ['rebate', 'guaranteed-return']), rejected, scored('Z', 'none', 'monitor', [])], { scored: 2, rejected: 1 }))
    expect(r.accounting.ok).toBe(false)
    expect(r.accounting.missingIds).toEqual(['B', 'C'])
    expect(r.accounting.unexpectedIds).toEqual(['Z'])
    expect(r.recall).toEqual({ hit: 2, of: 3, rate: 2 / 3 })
    expect(r.tier.hit).toBe(1)
    expect(unmetTargets(r).some((t) => t.startsWith('rows not all accounted'))).toBe(true)
  })

  it('is not accounted when the run read more rows than there are cases (a skipped or extra row)', () => {
    const r = measureAccuracy(SET, runOf([scored('A', 'red', 'prosecute', []), scored('B', 'yellow', 'penalty', []), scored('C', 'none', 'monitor', [])], { read: 4, skipped: 1 }))
    expect(r.accounting.ok).toBe(false)
  })
})

describe('parseCaseSet', () => {
  it('rejects a pattern both required and forbidden, a clean lead that requires a pattern, and a repeated id, naming the pointer', () => {
    const bad = {
      set: 'dev',
      cases: [
        { id: 'A', source: 'S001', kind: 'published', mustFire: ['rebate'], mustNotFire: ['rebate'], tiers: ['red'], dispositions: ['prosecute'], basis: '第三条' + '。' },
        { id: 'A', source: 'M001', kind: 'clean', mustFire: ['rebate'], mustNotFire: [], tiers: ['none'], dispositions: ['monitor'], basis: '第一条。' },
      ],
    }
    expect(() => parseCaseSet(bad, 'x.json')).toThrow(/x\.json \/cases\/0\/mustNotFire[\s\S]*\/cases\/1\/mustFire[\s\S]*\/cases\/1\/id/)
  })
})
