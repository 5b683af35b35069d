import { describe, expect, it } from 'vitest'
import { parseRulePack } from '../rule-pack'
import { FIXTURE_PACK, FIXTURE_RULES, fixtureFiles } from './_fixture-pack'
import { formatPackCheckReport } from './format-pack-check'
import { GROWTHS, checkPackProperties } from './pack-properties'

describe('checkPackProperties', () => {
  it('passes a monotone pack', async () => {
    const report = await checkPackProperties(parseRulePack(fixtureFiles()), { seed: 7, numRuns: 40 })
    expect(report.violations).toEqual([])
    expect(report.checks.map((c) => c.property)).toEqual(['tier-order', 'red-reachable', 'score-range', ...GROWTHS.map((g) => `monotone:${g.id}`)])
    expect(formatPackCheckReport(report)).toContain('性质检查：通过 10 项，失败 0 项（随机种子 7）')
  })

  it('finds an edit that makes more people score lower, and prints a readable counterexample', async () => {
    const rules = structuredClone(FIXTURE_RULES) as { rules: unknown[] }
    // "Small schemes first": points for fewer than 100 people, which a bigger crowd loses.
    rules.rules.push({ id: 'scale-small', name: '小规模集资', conditions: { all: [{ fact: 'people.total', operator: 'lessThan', value: 100 }] }, event: { type: 'score', params: { dimension: 'scale', points: 50 } } })
    const pack = parseRulePack(fixtureFiles({ 'rules.json': rules }))
    const report = await checkPackProperties(pack, { seed: 7, numRuns: 60 })
    const v = report.violations.find((x) => x.property === 'monotone:people.total')
    expect(v).toBeDefined()
    expect(v!.drops!.map((d) => d.what)).toContain('scale')
    expect(v!.rules).toContainEqual(expect.objectContaining({ rule: 'scale-small', change: 'stopped' }))
    const text = formatPackCheckReport(report)
    expect(text).toContain('✗ 涉及人数按倍数增加（其中老年人、困难群体同比增加）时，各维度得分、综合得分和预警等级不下降')
    expect(text).toMatch(/反例线索：.*涉及人数：\d+人/)
    expect(text).toMatch(/增加：涉及人数 \d+人 → \d+人/)
    expect(text).toMatch(/下降：涉众规模 \d+ → \d+/)
    expect(text).toContain('原因：不再触发 scale-small「小规模集资」（涉众规模 +50）')
    expect(text).toMatch(/失败 [1-9]\d* 项/)
  })

  it('flags a red tier no lead can reach', async () => {
    const pack = parseRulePack(fixtureFiles({ 'pack.json': { ...FIXTURE_PACK, tiers: { red: 100, orange: 95, yellow: 30, blue: 10 } }, 'rules.json': { rules: FIXTURE_RULES.rules.filter((r) => r.id !== 'attention-complaints') } }))
    const report = await checkPackProperties(pack, { seed: 1, numRuns: 5 })
    expect(report.violations.map((v) => v.property)).toEqual(['red-reachable'])
    expect(formatPackCheckReport(report)).toContain('综合得分最高只能到 75，低于红色阈值 100')
  })

  it('is deterministic for a seed', async () => {
    const pack = parseRulePack(fixtureFiles())
    const a = await checkPackProperties(pack, { seed: 3, numRuns: 10 })
    const b = await checkPackProperties(pack, { seed: 3, numRuns: 10 })
    expect(a).toEqual(b)
  })
})
