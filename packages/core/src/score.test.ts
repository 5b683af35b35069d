import { describe, expect, it } from 'vitest'
import { createScorer, rejectedResult } from './create-scorer'
import { ChufeiError } from './errors'
import { parseRulePack } from './rule-pack'
import { ScoredResultSchema } from './result'
import { unitPackFiles } from '../test/_pack'

const scorer = createScorer(parseRulePack(unitPackFiles()))
const lead = (extra: Record<string, unknown> = {}) => ({ id: 'SQ-1', subject: { name: '某某商贸有限公司' }, ...extra })

describe('scorer.score', () => {
  it('returns docs/spec.md §4 results: dimension scores, total, tier, patterns, disposition, reasons', async () => {
    const result = await scorer.score(
      lead({ people: { total: 600 }, money: { raised: 2_000_000, outstanding: 500_000 }, stability: { overdue: true, controllerMissing: true }, text: { description: '以消费全返为名吸收资金' } }),
      { line: 5 },
    )
    expect(ScoredResultSchema.parse(result)).toEqual(result)
    expect(result).toMatchObject({
      id: 'SQ-1',
      status: 'scored',
      line: 5,
      scores: { scale: 100, exposure: 80, attention: 0, stability: 50 },
      total: 58,
      tier: 'orange',
      patterns: ['rebate'],
      disposition: 'prosecute',
      assignment: { units: ['派出所'], measures: '移送公安', deadlineDays: 7 },
      rulePack: { name: 'unit', version: '1.0.0' },
    })
    expect(result.reasons.map((r) => r.rule)).toEqual(['scale-150', 'scale-500', 'exposure-100w', 'stability-overdue', 'pattern-rebate', 'escalate-missing', 'dispose-prosecute'])
    expect(result.reasons[0]).toEqual({ rule: 'scale-150', label: '涉及人数达到150人', dimension: 'scale', points: 60 })
  })

  it('results share no objects: changing one result leaves the next one as it was', async () => {
    const input = lead({ people: { total: 600 }, sector: 'agriculture' })
    const first = scorer.scoreSync(input)
    const second = scorer.scoreSync(input)
    expect(second).toStrictEqual(first)
    const objects = (r: object) => [r, ...Object.values(r).filter((v): v is object => typeof v === 'object' && v !== null), ...first.reasons]
    const seen = new Set(objects(first))
    for (const o of [second, second.scores, second.patterns, second.reasons, ...second.reasons, second.assignment, second.assignment.units, second.warnings, second.rulePack]) {
      expect(seen.has(o)).toBe(false)
    }
    first.assignment.units.push('改动')
    first.reasons.length = 0
    expect(scorer.scoreSync(input)).toStrictEqual(second)
  })

  it('escalation raises the tier above the threshold tier', async () => {
    const result = await scorer.score(lead({ money: { outstanding: 10 }, stability: { controllerMissing: true } }))
    expect(result.total).toBe(0)
    expect(result.tier).toBe('orange')
  })

  it('unknown is not zero: missing fields fire nothing, not even "not equal" style rules', async () => {
    const result = await scorer.score(lead())
    expect(result).toMatchObject({ total: 0, tier: 'none', patterns: [], disposition: 'monitor', reasons: [] })
    expect(result.assignment.units).toEqual(['镇处非办'])
  })

  it('a negated description raises no pattern', async () => {
    const result = await scorer.score(lead({ text: { description: '经排查，未发现返利行为' } }))
    expect(result.patterns).toEqual([])
  })

  it('reports unknown keys and a bad credit code as warnings, after the reader’s warnings', async () => {
    const result = await scorer.score(
      lead({ subject: { name: 'x', creditCode: '91340422MA2TXXXX0X', nickname: 'y' }, extra: 1 }),
      { warnings: [{ field: 'people.total', code: 'approximate-number', message: '约数' }] },
    )
    expect(result.warnings.map((w) => `${w.code}:${w.field}`)).toEqual([
      'approximate-number:people.total',
      'unknown-field:subject.nickname',
      'unknown-field:extra',
      'invalid-credit-code:subject.creditCode',
    ])
    expect(result).not.toHaveProperty('extra')
  })

  it('throws INVALID_LEAD naming each bad field; safeScore returns it', async () => {
    const bad = { id: '', subject: {}, people: { total: -3 } }
    await expect(scorer.score(bad)).rejects.toBeInstanceOf(ChufeiError)
    const safe = await scorer.safeScore(bad)
    expect(safe.success).toBe(false)
    if (safe.success) return
    expect(safe.error.code).toBe('INVALID_LEAD')
    expect(safe.error.issues.map((i) => i.pointer)).toEqual(expect.arrayContaining(['/id', '/subject/name', '/people/total']))
    const rejected = rejectedResult(safe.error, { line: 7, id: null })
    expect(rejected).toMatchObject({ status: 'rejected', line: 7, id: null })
    expect(rejected.errors.map((e) => e.code)).toEqual(expect.arrayContaining(['missing-name']))
    expect(rejected.errors.find((e) => e.field === 'people.total')?.message).toMatch(/people\.total/)
  })

  it('explain gives the condition-level trace of every rule, with fact values and thresholds', async () => {
    const { result, rules, shared } = await scorer.explain(lead({ people: { total: 200 }, money: { raised: 0 } }))
    expect(rules).toHaveLength(scorer.pack.rules.length)
    const scale150 = rules.find((r) => r.rule === 'scale-150')!
    expect(scale150.fired).toBe(true)
    expect(scale150.conditions).toEqual({
      type: 'all',
      result: true,
      conditions: [{ type: 'fact', fact: 'people.total', operator: 'greaterThanInclusive', value: 150, factValue: 200, result: true }],
    })
    const prosecute = rules.find((r) => r.rule === 'dispose-prosecute')!
    expect(prosecute.fired).toBe(false)
    expect(prosecute.conditions).toEqual({
      type: 'all',
      result: false,
      conditions: [
        { type: 'reference', name: 'money-taken', result: false },
        { type: 'fact', fact: 'money.raised', operator: 'greaterThanInclusive', value: 1_000_000, factValue: 0, result: false },
      ],
    })
    // A shared condition is traced once, beside the rules.
    expect(shared).toEqual({
      'money-taken': { type: 'all', name: 'money-taken', result: false, conditions: [{ type: 'fact', fact: 'derived.moneyTaken', operator: 'equal', value: true, factValue: false, result: false }] },
    })
    expect(result.scores.scale).toBe(60)
  })

  it('is safe under concurrency: overlapping calls equal sequential calls', async () => {
    const leads = Array.from({ length: 200 }, (_, i) =>
      lead({ id: `L${i}`, people: { total: (i * 37) % 700 }, money: { raised: (i % 3) * 900_000, outstanding: i % 2 }, stability: { controllerMissing: i % 5 === 0, overdue: i % 4 === 0 }, text: { description: i % 2 ? '消费返利' : '未发现返利' } }),
    )
    const sequential = []
    for (const l of leads) sequential.push(await scorer.score(l))
    const concurrent = await Promise.all(leads.map((l) => scorer.score(l)))
    expect(concurrent).toEqual(sequential)
  })
})

describe('lead validation messages', () => {
  it('a wrong type is reported as a wrong type, not as a missing field, in both languages', async () => {
    const r = await scorer.safeScore({ id: 1, subject: { name: 'x' } })
    expect(r.success).toBe(false)
    if (r.success) return
    expect(r.error.issues).toEqual([expect.objectContaining({ code: 'invalid-type', pointer: '/id', messageEn: 'wrong type: expected string' })])
  })
})

describe('warnings', () => {
  it('a warning the reader already gave for the same field and code is not repeated', async () => {
    const reader = { field: 'subject.creditCode', code: 'invalid-credit-code', message: '“统一社会信用代码”列的值校验位不符' }
    const result = await scorer.score(lead({ subject: { name: 'x', creditCode: '91340422MA2TXXXX0X' } }), { warnings: [reader] })
    expect(result.warnings).toEqual([reader])
  })
})

describe('dates', () => {
  it('rejects a date that does not exist, and accepts a leap day', async () => {
    const bad = await scorer.safeScore(lead({ reportedAt: '2024-02-30' }))
    expect(bad.success).toBe(false)
    if (!bad.success) expect(bad.error.issues.map((i) => i.pointer)).toEqual(['/reportedAt'])
    expect((await scorer.safeScore(lead({ reportedAt: '2024-02-29' }))).success).toBe(true)
    expect((await scorer.safeScore(lead({ reportedAt: '2023-02-29' }))).success).toBe(false)
  })
})
