import { describe, expect, it } from 'vitest'
import { explainTier } from './analyst/format-explanation'
import { createScorer } from './create-scorer'
import { parseRulePack, safeParseRulePack } from './rule-pack'
import { RULES_JSON, unitPackFiles } from '../test/_pack'

/*
 * The cap event (预警封顶): the tier reached by the total is at most the cap; an escalation on the same lead
 * still raises it (the floor wins); several caps, the lowest. The total and the scores are not touched.
 */

const COOP = '合作社按交易量返还盈余'
const capRule = (id: string, tier: string, keyword = COOP) => ({
  id,
  name: `封顶规则 ${id}`,
  conditions: { all: [{ fact: 'text.description', operator: 'mentionsAny', value: [keyword] }] },
  event: { type: 'cap', params: { tier } },
})
const withRules = (...extra: unknown[]) => ({ ...RULES_JSON, rules: [...RULES_JSON.rules, ...extra] })

/** 600 people (scale 100), 200万元 (exposure 80), a complaint (attention 40): total 55, orange by threshold. */
const ORANGE = { id: 'L1', subject: { name: '某某农业专业合作社' }, people: { total: 600 }, money: { raised: 2_000_000 }, attention: { complaints: 1 } }
const text = (description: string) => ({ ...ORANGE, text: { description } })

describe('cap event: the tier', () => {
  const pack = parseRulePack(unitPackFiles(withRules(capRule('cap-coop', 'yellow'), capRule('cap-donation', 'blue', '捐款'))))
  const scorer = createScorer(pack)

  it('lowers the threshold tier to the cap, keeps the total, and lists the cap among the reasons after escalations', async () => {
    const plain = await scorer.score(ORANGE)
    expect(plain).toMatchObject({ total: 55, tier: 'orange' })
    const capped = await scorer.score(text(COOP))
    expect(capped).toMatchObject({ total: 55, tier: 'yellow', scores: plain.scores })
    const at = capped.reasons.findIndex((r) => r.cap !== undefined)
    expect(capped.reasons[at]).toStrictEqual({ rule: 'cap-coop', label: '封顶规则 cap-coop', cap: 'yellow' })
    // Dispositions after it: caps stand between escalations and dispositions.
    expect(capped.reasons.slice(at + 1).every((r) => r.disposition !== undefined)).toBe(true)
    expect(capped.reasons.slice(at + 1).length).toBeGreaterThan(0)
  })

  it('does not raise a tier below the cap', async () => {
    const low = await scorer.score({ id: 'L2', subject: { name: '某' }, people: { total: 200 }, text: { description: COOP } })
    expect(low.tier).toBe('blue')
    expect(low.reasons.some((r) => r.cap === 'yellow')).toBe(true)
  })

  it('takes the lowest of several caps', async () => {
    expect((await scorer.score(text(`${COOP}，另有捐款`))).tier).toBe('blue')
  })

  it('gives way to an escalation on the same lead: the floor wins', async () => {
    const lead = { ...text(COOP), stability: { controllerMissing: true }, money: { raised: 2_000_000, outstanding: 500_000 } }
    const r = await scorer.score(lead)
    expect(r.tier).toBe('orange')
    const kinds = r.reasons.map((x) => (x.tier ? 'floor' : x.cap ? 'cap' : x.disposition ? 'disposition' : 'other'))
    expect(kinds.indexOf('floor')).toBeLessThan(kinds.indexOf('cap'))
  })

  it('reads the same from both engines, result and trace', async () => {
    const reference = createScorer(pack, { engine: 'reference' })
    for (const lead of [ORANGE, text(COOP), text(`${COOP}，另有捐款`), { ...text(COOP), stability: { controllerMissing: true }, money: { raised: 2_000_000, outstanding: 1 } }]) {
      expect(await scorer.score(lead)).toStrictEqual(await reference.score(lead))
      expect(await scorer.explain(lead)).toStrictEqual(await reference.explain(lead))
    }
  })
})

describe('cap event: the explanation', () => {
  const pack = parseRulePack(unitPackFiles(withRules(capRule('cap-coop', 'yellow'))))
  const scorer = createScorer(pack)

  it('says the threshold, the cap and the result, in Chinese and English', async () => {
    const e = await scorer.explain(text(COOP))
    expect(explainTier(e, pack, 'zh')).toStrictEqual([
      '综合得分 55 达到橙色预警阈值 55',
      '（阈值：红色预警 75、橙色预警 55、黄色预警 35、蓝色预警 15）',
      '规则 cap-coop「封顶规则 cap-coop」限定预警至多为黄色预警，因此封顶',
      '结果：黄色预警',
    ])
    expect(explainTier(e, pack, 'en')).toContain('rule cap-coop "封顶规则 cap-coop" caps the tier at yellow, so the tier was lowered')
  })

  it('says that a floor beats the cap', async () => {
    const e = await scorer.explain({ ...text(COOP), stability: { controllerMissing: true }, money: { raised: 2_000_000, outstanding: 1 } })
    const lines = explainTier(e, pack, 'zh')
    expect(lines).toContain('规则 escalate-missing「实控人失联且有未兑付」要求预警至少为橙色预警，因此升级（升级优先于封顶）')
    expect(lines.at(-1)).toBe('结果：橙色预警')
  })
})

describe('cap event: validation', () => {
  const issuesOf = (event: unknown) => {
    const parsed = safeParseRulePack(unitPackFiles(withRules({ ...capRule('cap-x', 'yellow'), event })))
    expect(parsed.success).toBe(false)
    return parsed.success ? [] : parsed.error.issues
  }
  const at = `/rules/${RULES_JSON.rules.length}/event`

  it('accepts a cap at orange, yellow, blue or none', () => {
    for (const tier of ['orange', 'yellow', 'blue', 'none']) expect(safeParseRulePack(unitPackFiles(withRules(capRule('cap-x', tier)))).success).toBe(true)
  })

  it('refuses a cap at red (it would cap nothing), in Chinese, at the tier', () => {
    const [issue, ...rest] = issuesOf({ type: 'cap', params: { tier: 'red' } })
    expect(rest).toStrictEqual([])
    expect(issue).toMatchObject({ code: 'invalid-value', file: 'rules.json', pointer: `${at}/params/tier` })
    expect(issue!.message).toMatch(/[一-龥]/)
    expect(issue!.message).toContain('"yellow"')
    expect(issue!.line).toBeGreaterThan(0)
  })

  it('refuses an unknown parameter and a missing tier, each where it is', () => {
    expect(issuesOf({ type: 'cap', params: { tier: 'yellow', level: 2 } })).toMatchObject([{ code: 'unknown-key', pointer: `${at}/params/level` }])
    // A missing tier is read as a value not among the allowed ones (as for an escalation).
    expect(issuesOf({ type: 'cap', params: {} })).toMatchObject([{ code: 'invalid-value', pointer: `${at}/params/tier` }])
  })
})
