import { describe, expect, it } from 'vitest'
import { parseRulePack } from '../rule-pack'
import { FIXTURE_RULES, fixtureFiles } from './_fixture-pack'
import { formatPackTestReport, runPackTests } from './pack-tests'

const CASES = {
  cases: [
    {
      name: '肉牛代养 200人 150万 逾期',
      lead: { people: { total: 200 }, money: { raised: 1_500_000 }, stability: { overdue: true, controllerMissing: true, gatherings: 2 }, text: { description: '肉牛代养' } },
      expect: { tier: 'red', patterns: ['livestock-custody'], disposition: 'prosecute', minTotal: 70 },
    },
    { name: '化肥合作社', lead: { subject: { name: '某农资合作社' }, text: { description: '未发现代养业务' } }, expect: { tier: 'none', patterns: [], disposition: 'monitor', maxTotal: 0 } },
  ],
}

describe('runPackTests', () => {
  it('passes rule examples and cases that hold', async () => {
    const files = fixtureFiles({ 'tests/cases.json': JSON.stringify(CASES, null, 2) })
    const report = await runPackTests(parseRulePack(files), files)
    expect(report.issues).toEqual([])
    expect(report.outcomes.filter((o) => o.kind === 'example')).toHaveLength(5)
    expect(report.outcomes.filter((o) => o.kind === 'case')).toHaveLength(2)
    expect(formatPackTestReport(report, parseRulePack(files))).toContain('失败 0\n')
    expect(report.failed).toBe(0)
    expect(formatPackTestReport(report, parseRulePack(files))).toBe('规则示例 5 项（失败 0），案例 2 项（失败 0）：通过 7，失败 0\n')
  })

  it('reports an example an edit broke, with its location, the lead and the rule trace', async () => {
    const rules = structuredClone(FIXTURE_RULES)
    rules.rules[0]!.conditions.all![0]!.value = 31 // scale-30 moved to 31: its example at 30 people no longer fires
    const files = fixtureFiles({ 'rules.json': JSON.stringify(rules, null, 2) })
    const pack = parseRulePack(files)
    const report = await runPackTests(pack, files)
    expect(report.failed).toBe(1)
    const text = formatPackTestReport(report, pack)
    expect(text).toMatch(/✗ rules\.json:\d+:\d+ {2}\/rules\/0\/examples\/0 {2}规则示例 “scale-30 示例 1”/)
    expect(text).toContain('线索：涉及人数：30人')
    expect(text).toContain('是否触发：预期 触发，实际 不触发')
    expect(text).toContain('✗ scale-30 涉及人数达到30人 → 涉众规模 +40（rules.json）')
    expect(text).toContain('└─ ✗ 涉及人数 30人，达到 31人')
    expect(text).toContain('失败 1')
  })

  it('reports a case whose tier, patterns and disposition differ, with the rules involved', async () => {
    const wrong = { cases: [{ name: '期望过高', lead: { people: { total: 40 }, text: { description: '未发现代养' } }, expect: { tier: 'red', patterns: ['livestock-custody'], disposition: 'penalty' } }] }
    const files = fixtureFiles({ 'tests/wrong.json': wrong })
    const pack = parseRulePack(files)
    const text = formatPackTestReport(await runPackTests(pack, files), pack)
    expect(text).toMatch(/✗ tests\/wrong\.json:\d+:\d+ {2}\/cases\/0 {2}案例 “期望过高”/)
    expect(text).toContain('预警等级：预期 红色预警，实际 蓝色预警')
    expect(text).toContain('重点行为：预期 livestock-custody，实际 （无）')
    expect(text).toContain('处置建议：预期 行政处罚，实际 持续监测')
    expect(text).toContain('综合得分 10 达到蓝色预警阈值 10')
    expect(text).toContain('✗ pattern-livestock 牲畜托管')
    expect(text).toContain('（“代养”为否定表述，不算）')
  })

  it('reports malformed test files with their line and pointer, and invalid leads as failures', async () => {
    const files = fixtureFiles({
      'tests/broken.json': '{ "cases": [ { "name": "x", "lead": {}, "expect": {} }, ]\n}',
      'tests/shape.json': { cases: [{ name: 'y', lead: {}, expect: { tier: 'purple' } }] },
      'tests/lead.json': { cases: [{ name: 'z', lead: { people: { total: -3 } }, expect: {} }] },
    })
    const pack = parseRulePack(files)
    const report = await runPackTests(pack, files)
    expect(report.issues.map((i) => [i.file, i.code, i.pointer])).toEqual([
      ['tests/broken.json', 'json-syntax', ''],
      ['tests/shape.json', 'invalid-value', '/cases/0/expect/tier'],
    ])
    expect([report.issues[0]!.line, report.issues[0]!.column]).toEqual([1, 57])
    const z = report.outcomes.find((o) => o.name === 'z')!
    expect(z.passed).toBe(false)
    expect(z.mismatches[0]!.field).toBe('lead')
  })
})
