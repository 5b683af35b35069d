import { describe, expect, it } from 'vitest'
import { parseRulePack } from '../rule-pack'
import { FIXTURE_PACK, FIXTURE_RULES, fixtureFiles } from './_fixture-pack'
import { formatPackCheckReport } from './format-pack-check'
import { COHERENCE, GROWTHS, checkPackProperties } from './pack-properties'

/** The fixture pack made coherent: what it sends to the police is at least orange. */
const coherentFiles = () => {
  const rules = structuredClone(FIXTURE_RULES) as { rules: unknown[] }
  rules.rules.push({ id: 'escalate-prosecute', name: '移送公安的线索至少橙色', conditions: { all: [{ fact: 'money.raised', operator: 'greaterThanInclusive', value: 1_000_000 }] }, event: { type: 'escalate', params: { tier: 'orange' } } })
  return fixtureFiles({ 'rules.json': rules })
}

describe('checkPackProperties', () => {
  it('passes a monotone pack', async () => {
    const report = await checkPackProperties(parseRulePack(coherentFiles()), { seed: 7, numRuns: 40 })
    expect(report.violations).toEqual([])
    expect(report.checks.map((c) => c.property)).toEqual(['tier-order', 'red-reachable', 'score-range', ...GROWTHS.map((g) => `monotone:${g.id}`), ...COHERENCE.map((c) => c.property)])
    expect(formatPackCheckReport(report)).toContain('性质检查：通过 13 项，失败 0 项（随机种子 7）')
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

  it('reports an incoherent pack: prosecution below orange, with the rules involved', async () => {
    // The fixture as it was: 100万元 is prosecuted, but scores 25 (blue) and nothing escalates it.
    const report = await checkPackProperties(parseRulePack(fixtureFiles()), { seed: 7, numRuns: 100 })
    expect(report.violations.map((v) => v.property)).toEqual(['coherent:prosecute-tier'])
    const v = report.violations[0]!
    expect(v.after?.disposition).toBe('prosecute')
    expect(v.involved?.map((r) => r.rule)).toEqual(['dispose-prosecute'])
    const text = formatPackCheckReport(report)
    expect(text).toContain('✗ 处置建议为刑事打击（移送公安）的线索，预警等级不低于橙色')
    expect(text).toMatch(/反例线索：.*集资金额：\d+万元/)
    expect(text).toMatch(/结果：(蓝色预警|黄色预警|未达预警)，综合得分 \d+，处置建议：刑事打击/)
    expect(text).toContain('涉及规则：dispose-prosecute「集资金额达到立案追诉标准」（建议 刑事打击（移送公安））')
  })

  it('reports a penalty for a lead scored 0 and for a lead with no sign of fundraising', async () => {
    const rules = JSON.parse(coherentFiles()['rules.json']!) as { rules: unknown[] }
    rules.rules.push({ id: 'dispose-penalty-complaints', name: '有举报即处罚', conditions: { all: [{ fact: 'attention.complaints', operator: 'greaterThanInclusive', value: 1 }] }, event: { type: 'disposition', params: { disposition: 'penalty' } } })
    const report = await checkPackProperties(parseRulePack(fixtureFiles({ 'rules.json': rules })), { seed: 7, numRuns: 100 })
    expect(report.violations.map((v) => v.property)).toEqual(['coherent:zero-score', 'coherent:no-signs'])
    for (const v of report.violations) expect(v.involved?.map((r) => r.rule)).toEqual(['dispose-penalty-complaints'])
    const noSigns = report.violations[1]!
    expect(noSigns.lead?.text).toBeUndefined()
    // Shrunk to the smallest lead that still fails: one complaint, not a count drawn near some threshold.
    expect(noSigns.lead).toEqual({ id: '反例', subject: { name: '某某农业专业合作社' }, attention: { complaints: 1 } })
    const text = formatPackCheckReport(report)
    expect(text).toContain('✗ 综合得分为0的线索，处置建议不是行政处罚或刑事打击')
    expect(text).toContain('✗ 没有集资迹象（无文字、金额为0或未填、未承诺收益、未逾期）的线索，处置建议不是行政处罚或刑事打击')
    expect(text).toContain('涉及规则：dispose-penalty-complaints「有举报即处罚」（建议 行政处罚）')
  })

  it('reports a rule example on which a cap and an escalation above it both fire, and passes once the cap leaves it out', async () => {
    const rules = JSON.parse(coherentFiles()['rules.json']!) as { rules: unknown[] }
    // "No return promised, at most blue" — its condition also holds on a lead whose controller is missing.
    const cap = {
      id: 'cap-no-return',
      name: '未承诺收益的至多蓝色',
      conditions: { all: [{ fact: 'text.description', operator: 'mentionsAny', value: ['不付息'] }] },
      event: { type: 'cap', params: { tier: 'blue' } },
      examples: [
        { lead: { text: { description: '捐款修祠堂，不还本、不付息' } }, fires: true },
        { description: '老板失联，欠款未还', lead: { text: { description: '说好不付息，老板已失联' }, stability: { controllerMissing: true }, money: { outstanding: 300000 } }, fires: true },
      ],
    }
    rules.rules.push(cap)
    const report = await checkPackProperties(parseRulePack(fixtureFiles({ 'rules.json': rules })), { seed: 7, numRuns: 20 })
    // Every example of the pack is scored: the fixture's five, then the cap's two (the second fails).
    expect(report.violations.map((v) => v.property)).toEqual(['coherent:floor-over-cap'])
    const v = report.violations[0]!
    expect(v.involved?.map((r) => r.rule)).toEqual(['cap-no-return', 'escalate-missing'])
    expect(v.after?.tier).toBe('orange')
    const text = formatPackCheckReport(report)
    expect(text).toContain('✗ 规则示例中没有线索同时触发封顶规则和高于封顶等级的升级规则（同时触发时以升级为准，封顶不起作用）（第 7 条线索不满足）')
    expect(text).toContain('规则 cap-no-return 的示例 2（rules.json）')
    expect(text).toContain('涉及规则：cap-no-return「未承诺收益的至多蓝色」（预警至多 蓝色预警）；escalate-missing「实控人失联且有未兑付」（预警至少 橙色预警）')

    cap.conditions.all.push({ not: { fact: 'stability.controllerMissing', operator: 'equal', value: true } } as never)
    cap.examples[1]!.fires = false
    const fixed = await checkPackProperties(parseRulePack(fixtureFiles({ 'rules.json': rules })), { seed: 7, numRuns: 20 })
    expect(fixed.violations).toEqual([])
    expect(fixed.checks.at(-1)).toMatchObject({ property: 'coherent:floor-over-cap', passed: true, runs: 7 })
  })

  it('flags a red tier no lead can reach', async () => {
    const pack = parseRulePack(fixtureFiles({ 'pack.json': { ...FIXTURE_PACK, tiers: { red: 100, orange: 95, yellow: 30, blue: 10 } }, 'rules.json': { rules: FIXTURE_RULES.rules.filter((r) => r.id !== 'attention-complaints') } }))
    const report = await checkPackProperties(pack, { seed: 1, numRuns: 5 })
    expect(report.violations.map((v) => v.property).filter((p) => !p.startsWith('coherent:'))).toEqual(['red-reachable'])
    expect(formatPackCheckReport(report)).toContain('综合得分最高只能到 75，低于红色阈值 100')
  })

  it('is deterministic for a seed', async () => {
    const pack = parseRulePack(fixtureFiles())
    const a = await checkPackProperties(pack, { seed: 3, numRuns: 10 })
    const b = await checkPackProperties(pack, { seed: 3, numRuns: 10 })
    expect(a).toEqual(b)
  })
})
