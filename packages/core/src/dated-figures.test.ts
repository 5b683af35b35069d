import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createScorer } from './create-scorer'
import { createToday, formatChineseDate, formatRate } from './dated-figures'
import { loadRulePack } from './node/load-rule-pack'
import { safeParseRulePack, validateRulePack } from './rule-pack'
import { PACK_JSON, RULES_JSON, unitPackFiles } from '../test/_pack'

/*
 * Dated figures (issue 10 class 9): the one-year LPR is a dated table in the pack, and the usury line of four
 * times it is picked by the lead's 排查日期 (today when blank) — by both engines — and named in the reason.
 */

const RULES_DIR = join(__dirname, '../../../rules')
const LPR4 = 'exposure-return-lpr4'

const lead = (promisedReturn: number, reportedAt?: string) => ({
  id: 'LPR-1',
  subject: { name: '某某商贸有限公司' },
  money: { promisedReturn },
  text: { promotion: `年化${Math.round(promisedReturn * 1000) / 10}%` },
  ...(reportedAt ? { reportedAt } : {}),
})

describe('the usury line of the default pack (4 × the one-year LPR in force)', () => {
  it('picks the LPR in force on the 排查日期: August 2024 and June 2025 give different thresholds and reasons, on both engines', async () => {
    const pack = await loadRulePack(RULES_DIR)
    for (const engine of ['compiled', 'reference'] as const) {
      const scorer = createScorer(pack, { engine })
      const reason = async (r: number, at: string) => (await scorer.score(lead(r, at))).reasons.find((x) => x.rule === LPR4)
      // 15%: above both lines, and the reason names the line and the LPR it was taken from.
      expect((await reason(0.15, '2024-08-15'))?.label).toBe('承诺年化收益超过一年期LPR四倍（13.4%，按2024年7月22日起施行的一年期LPR 3.35%计）')
      expect((await reason(0.15, '2025-06-10'))?.label).toBe('承诺年化收益超过一年期LPR四倍（12.0%，按2025年5月20日起施行的一年期LPR 3.0%计）')
      // 13%: below 13.4% in August 2024, above 12.0% in June 2025.
      expect(await reason(0.13, '2024-08-15')).toBeUndefined()
      expect(await reason(0.13, '2025-06-10')).toMatchObject({ dimension: 'exposure', points: 10 })
      // The day a new rate takes effect belongs to the new rate.
      expect((await reason(0.135, '2024-07-21'))).toBeUndefined()
      expect((await reason(0.137, '2024-07-21'))).toBeUndefined()
      expect((await reason(0.137, '2024-07-22'))?.label).toContain('13.4%')
      // The trace shows the threshold compared with.
      const explained = await scorer.explain(lead(0.13, '2024-08-15'))
      const trace = explained.rules.find((r) => r.rule === LPR4)!
      expect(trace.name).toBe('承诺年化收益超过一年期LPR四倍（13.4%，按2024年7月22日起施行的一年期LPR 3.35%计）')
      expect(trace.conditions).toMatchObject({ conditions: expect.arrayContaining([expect.objectContaining({ fact: 'money.promisedReturn', valueResult: 0.134, factValue: 0.13, result: false })]) })
    }
  })

  it('takes today when the 排查日期 is blank', async () => {
    const pack = await loadRulePack(RULES_DIR)
    for (const engine of ['compiled', 'reference'] as const) {
      const in2024 = createScorer(pack, { engine, now: () => new Date(2024, 7, 1) })
      const in2025 = createScorer(pack, { engine, now: () => new Date(2025, 5, 1) })
      expect((await in2024.score(lead(0.13))).reasons.some((r) => r.rule === LPR4)).toBe(false)
      expect((await in2025.score(lead(0.13))).reasons.find((r) => r.rule === LPR4)?.label).toContain('12.0%')
      // A 排查日期 wins over the clock.
      expect((await in2025.score(lead(0.13, '2024-08-15'))).reasons.some((r) => r.rule === LPR4)).toBe(false)
    }
  })

  it('scores alike on both engines whatever the date, and the system clock gives today', async () => {
    const pack = await loadRulePack(RULES_DIR)
    const reference = createScorer(pack, { engine: 'reference' })
    const compiled = createScorer(pack)
    for (const at of [undefined, '2019-01-01', '2019-08-20', '2020-04-19', '2024-10-20', '2024-10-21']) {
      for (const r of [0.12, 0.125, 0.13, 0.135, 0.17]) {
        const x = lead(r, at)
        expect(compiled.scoreSync(x)).toStrictEqual(await reference.score(x))
      }
    }
    for (const x of [lead(0.13), lead(0.135, '2024-10-20')]) expect(await compiled.explain(x)).toStrictEqual(await reference.explain(x))
    // Before the first LPR (2019-08-20) there is no usury line: unknown, the rule does not fire.
    expect((await compiled.score(lead(0.3, '2019-01-01'))).reasons.some((r) => r.rule === LPR4)).toBe(false)
  })
})

describe('createToday, formatRate, formatChineseDate', () => {
  it('formats the figures as the reasons show them', () => {
    expect(formatRate(0.03)).toBe('3.0%')
    expect(formatRate(0.0345)).toBe('3.45%')
    expect(formatRate(0.124)).toBe('12.4%')
    expect(formatRate(0.12)).toBe('12.0%')
    expect(formatChineseDate('2025-05-20')).toBe('2025年5月20日')
    expect(createToday(() => new Date(2025, 4, 20, 23, 59))()).toBe('2025-05-20')
    expect(createToday()()).toMatch(/^\d{4}-\d{2}-\d{2}$/)
  })
})

// ---- validation ----------------------------------------------------------------------------------------

const LPR = {
  zh: '一年期LPR',
  unit: 'rate',
  source: '全国银行间同业拆借中心',
  values: [
    { from: '2023-08-21', value: 0.0345 },
    { from: '2024-07-22', value: 0.0335 },
  ],
}
const withFigures = (datedFigures: unknown, rules: unknown = RULES_JSON) => unitPackFiles(rules, { ...PACK_JSON, datedFigures })
const usuryRule = (name: string, fact = 'dated.usury') => ({
  id: 'usury',
  name,
  conditions: { all: [{ fact: 'money.promisedReturn', operator: 'greaterThan', value: { fact } }] },
  event: { type: 'score', params: { dimension: 'exposure', points: 10 } },
})

describe('datedFigures in pack.json', () => {
  it('loads a table and its multiple, usable as facts and in rule names', async () => {
    const rules = { ...RULES_JSON, rules: [...RULES_JSON.rules, usuryRule('超过四倍LPR（{usury}，{lpr.from}起LPR {lpr}）')] }
    const parsed = safeParseRulePack(withFigures({ lpr: LPR, usury: { zh: '四倍LPR', basis: '法释〔2020〕17号第二十五条', of: 'lpr', times: 4 } }, rules))
    expect(parsed.success).toBe(true)
    if (!parsed.success) return
    const result = await createScorer(parsed.data).score(lead(0.139, '2024-01-02'))
    expect(result.reasons.find((r) => r.rule === 'usury')?.label).toBe('超过四倍LPR（13.8%，2023年8月21日起LPR 3.45%）')
  })

  it('refuses dates out of order, a rate written as a percentage, a date that does not exist, each at its own line', () => {
    const table = {
      lpr: {
        ...LPR,
        values: [
          { from: '2024-07-22', value: 0.0335 },
          { from: '2023-08-21', value: 0.0345 },
          { from: '2024-02-30', value: 0.03 },
          { from: '2024-09-01', value: 3.1 },
        ],
      },
    }
    const report = validateRulePack(withFigures(table))
    expect(report.valid).toBe(false)
    const at = (pointer: string) => report.issues.find((i) => i.file === 'pack.json' && i.pointer === pointer)
    expect(at('/datedFigures/lpr/values/1/from')?.message).toBe('按日期取值的口径有误：日期必须从早到晚排列且不重复：“2023-08-21”不晚于上一行的“2024-07-22”')
    expect(at('/datedFigures/lpr/values/2/from')?.message).toContain('日期“2024-02-30”不存在')
    expect(at('/datedFigures/lpr/values/3/value')?.message).toContain('利率应为大于0、不超过1的小数（3.45% 写 0.0345），实际为 3.1')
    for (const issue of report.issues) {
      expect(issue.line).toBeGreaterThan(0)
      expect(issue.message).toMatch(/[一-龥]/)
    }
    const malformed = validateRulePack(withFigures({ lpr: { ...LPR, values: [{ from: '2024-9-1', value: 0.031 }] } }))
    expect(malformed.issues.find((i) => i.pointer === '/datedFigures/lpr/values/0/from')?.message).toContain('应为日期 YYYY-MM-DD')
  })

  it('refuses a multiple of a missing table, a figure with neither values nor a multiple, and an unknown figure in a rule or its name', () => {
    const rules = { ...RULES_JSON, rules: [...RULES_JSON.rules, usuryRule('超过{usury}，即{lpr-typo}', 'dated.usurry')] }
    const report = validateRulePack(withFigures({ lpr: LPR, usury: { zh: '四倍', basis: '法释', of: 'nope', times: 4 }, empty: { zh: '空' } }, rules))
    const byPointer = Object.fromEntries(report.issues.map((i) => [`${i.file}#${i.pointer}`, i]))
    expect(byPointer['pack.json#/datedFigures/usury/of']?.message).toContain('“nope”不是 datedFigures 中的取值表')
    expect(byPointer['pack.json#/datedFigures/empty']?.message).toContain('需要取值表 values，或倍数口径 of 和 times')
    expect(byPointer['rules.json#/rules/9/name']).toMatchObject({ code: 'unknown-figure' })
    expect(byPointer['rules.json#/rules/9/name']?.message).toContain('{lpr-typo}')
    expect(byPointer['rules.json#/rules/9/conditions/all/0/value/fact']).toMatchObject({ code: 'unknown-fact' })
  })
})
