import { describe, expect, it } from 'vitest'
import { createScorer } from '../create-scorer'
import { parseRulePack } from '../rule-pack'
import { fixtureFiles } from './_fixture-pack'
import { formatExplanation } from './format-explanation'
import { formatConditionTrace } from './format-trace'
import { formatFactValue, formatYuan } from '../format-value'

const pack = parseRulePack(fixtureFiles())
const scorer = createScorer(pack)

describe('formatFactValue', () => {
  it('shows money in 万元, shares and returns in per cent, enums by label, unknown as 未知', () => {
    expect(formatFactValue('money.raised', 18_000_000)).toBe('1800万元')
    expect(formatFactValue('money.raised', 120_000_000)).toBe('1.2亿元')
    expect(formatFactValue('money.outstanding', 3500)).toBe('3500元')
    expect(formatFactValue('derived.elderlyShare', 0.625)).toBe('62.5%')
    expect(formatFactValue('money.promisedReturn', 0.18)).toBe('年化18%')
    expect(formatFactValue('people.total', 420)).toBe('420人')
    expect(formatFactValue('sector', 'agriculture')).toBe('涉农领域（agriculture）')
    expect(formatFactValue('stability.overdue', true)).toBe('是')
    expect(formatFactValue('people.total', undefined)).toBe('未知（未填写）')
    expect(formatYuan(1_500_000, 'en')).toBe('1,500,000 yuan')
  })
})

describe('formatExplanation', () => {
  /** A cattle-custody scheme past the prosecution line, whose controller is missing. */
  const custody = (description: string) => ({
    id: 'SQ-001',
    subject: { name: '某某肉牛养殖合作社' },
    people: { total: 40, elderly: 30 },
    money: { raised: 2_000_000, outstanding: 800_000, promisedReturn: 0.18 },
    stability: { controllerMissing: true },
    text: { description },
  })

  it('explains the tier by escalation, the disposition by the ladder, and each fired rule as a tree', async () => {
    const lead = custody('以肉牛代养名义吸收资金，未发现托管合同')
    const text = formatExplanation(await scorer.explain(lead), pack, { subjectName: lead.subject.name })
    expect(text).toContain('线索 SQ-001　某某肉牛养殖合作社')
    // scale 40 + 20, exposure 100 → (60 + 100) / 4 = 40 → yellow by threshold, raised to orange by escalation.
    expect(text).toContain('综合得分 40 达到黄色预警阈值 30')
    expect(text).toContain('规则 escalate-missing「实控人失联且有未兑付」要求预警至少为橙色预警，因此升级')
    expect(text).toContain('结果：橙色预警')
    expect(text).toContain('规则 dispose-prosecute「集资金额达到立案追诉标准」建议刑事打击（移送公安）')
    expect(text).toContain('取其中最重者：刑事打击（移送公安）')
    expect(text).toContain('涉众规模（scale）  60 = scale-30 +40，scale-elderly +20')
    expect(text).toContain('综合得分 = (60×1 + 100×1 + 0×1 + 0×1) ÷ 4 = 40 → 40')
    expect(text).toContain('✓ scale-30 涉及人数达到30人 → 涉众规模 +40（rules.json）')
    expect(text).toContain('└─ ✓ 集资金额 200万元，达到 100万元')
    expect(text).toContain('✓ 60岁以上人员占比（0–1） 75%，达到 50%')
    // The first keyword mention is affirmative even though a later one is negated.
    expect(text).toContain('└─ ✓ 全部文字（主体名称、线索描述、宣传用语） 提及 关键词 “托管”、“代养”（命中“代养”）')
    // The text itself is printed once, above the trees.
    expect(text).toContain('【规则查看的文字】\n  全部文字（主体名称、线索描述、宣传用语）：“某某肉牛养殖合作社。以肉牛代养名义吸收资金，未发现托管合同”')
  })

  it('writes English with English punctuation (--lang en)', async () => {
    const lead = custody('以肉牛代养名义吸收资金')
    const lines = formatExplanation(await scorer.explain(lead), pack, { subjectName: lead.subject.name, lang: 'en' }).split('\n')
    expect(lines[0]).toBe('Lead SQ-001  某某肉牛养殖合作社')
    expect(lines[1]).toBe(`Rule pack ${pack.name} ${pack.version} (${pack.hash.slice(0, 19)}…)`)
    expect(lines[3]).toMatch(/^\[Conclusion\] total 40, orange; disposition: prosecute; patterns: \S/)
    expect(lines).toContain('  Scale (scale)  60 = scale-30 +40, scale-elderly +20')
    expect(lines).toContain('  All text (subject name, description, promotion): "某某肉牛养殖合作社。以肉牛代养名义吸收资金"')
    expect(lines.some((l) => /^\[Rules\] \d+ of \d+ fired$/.test(l))).toBe(true)
  })

  it('shows near misses with ✗ and unknown facts as 未知, and says when no rule recommends a disposition', async () => {
    const text = formatExplanation(await scorer.explain({ id: 'X', subject: { name: '某超市' }, people: { total: 20 }, text: { description: '未发现代养业务' } }), pack)
    expect(text).toContain('综合得分 0 未达到蓝色预警阈值 10')
    expect(text).toContain('没有规则建议处置，取阶梯最后一项：持续监测')
    expect(text).not.toContain('【未触发但部分条件成立】')
    expect(text).toMatch(/其余 \d+ 条规则未触发/)
    const all = formatExplanation(await scorer.explain({ id: 'X', subject: { name: '某超市' }, people: { total: 20 }, text: { description: '未发现代养业务' } }), pack, { all: true })
    expect(all).toContain('✗ 涉及人数 20人，达到 30人')
    expect(all).toContain('✗ 集资金额 未知（未填写），达到 100万元（未知不计）')
    expect(all).toContain('（“代养”为否定表述，不算）')
  })

  it('hides the failed alternatives of an any that held', async () => {
    const text = formatExplanation(await scorer.explain({ id: 'A', subject: { name: '某合作社' }, text: { description: '托管' } }), pack)
    expect(text).toContain('✓ pattern-livestock 牲畜托管')
    const lines = formatConditionTrace({ type: 'any', result: true, conditions: [
      { type: 'fact', fact: 'people.total', operator: 'greaterThan', value: 5, factValue: 3, result: false },
      { type: 'fact', fact: 'stability.overdue', operator: 'equal', value: true, factValue: true, result: true },
    ] })
    expect(lines).toEqual(['✓ 以下任一满足（另有 1 项未满足或未计算，从略）', '└─ ✓ 是否逾期兑付 是，等于 是'])
    expect(formatConditionTrace({ type: 'all', result: null, conditions: [] }, { lang: 'en' })).toEqual(['· all of (not evaluated)'])
  })

  it('speaks English with lang en', async () => {
    const text = formatExplanation(await scorer.explain({ id: 'E', subject: { name: 'x' }, people: { total: 200 } }), pack, { lang: 'en' })
    expect(text).toContain('[Why this tier]')
    expect(text).toContain('People involved 200 is at least 30')
  })
})
