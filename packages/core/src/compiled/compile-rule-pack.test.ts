import { describe, expect, it } from 'vitest'
import { createScorer } from '../create-scorer'
import { ChufeiError } from '../errors'
import { leadToFacts } from '../facts'
import { createOperators } from '../operators'
import { prepareLead } from '../prepare-lead'
import { parseRulePack } from '../rule-pack'
import type { LoadedRule, RulePack } from '../rule-pack'
import { PACK_JSON, RULES_JSON, unitPackFiles } from '../../test/_pack'
import { compileRulePack } from './compile-rule-pack'

const pack = parseRulePack(unitPackFiles())

const LEADS = [
  { id: 'A', subject: { name: '甲' } },
  { id: 'B', subject: { name: '乙养殖合作社' }, people: { total: 150 }, money: { raised: 1_000_000, outstanding: 10 }, stability: { controllerMissing: true } },
  { id: 'C', subject: { name: '丙' }, people: { total: 149 }, text: { description: '未发现返利行为，但有消费全返' } },
  { id: 'D', subject: { name: '丁' }, people: { total: 600 }, money: { promisedReturn: 0.18 } },
]

/** The unit pack plus one rule, built the way a program could build a pack without the validator. */
const withRule = (rule: Omit<LoadedRule, 'file' | 'pointer'>): RulePack => ({
  ...pack,
  rules: [...pack.rules, { ...rule, file: 'extra.json', pointer: '/rules/0' }],
})

describe('compileRulePack', () => {
  it('compiles every rule of a validated pack', () => {
    const { matcher: _m, ...operators } = createOperators(pack.config.text)
    const compiled = compileRulePack(pack, operators)
    expect(compiled.fallback).toEqual([])
    expect(compiled.rules.map((r) => r.id)).toEqual(RULES_JSON.rules.map((r) => r.id))
    const fired = new Set<string>()
    compiled.fire(leadToFacts(prepareLead(LEADS[1]).lead), fired)
    expect([...fired].sort()).toEqual(['dispose-prosecute', 'escalate-missing', 'exposure-100w', 'scale-150'])
  })

  it('leaves a rule with an operator it does not know to json-rules-engine, says so, and still agrees', async () => {
    // `not:lessThan` is json-rules-engine's `not` decorator: true when people.total is unknown, which no
    // chufei operator is — so the rule firing on lead A proves json-rules-engine evaluated it.
    const extra = withRule({
      id: 'decorated',
      name: '涉及人数不少于150人或未知',
      conditions: { all: [{ fact: 'people.total', operator: 'not:lessThan', value: 150 }] },
      event: { type: 'score', params: { dimension: 'scale', points: 5 } },
    })
    const compiled = createScorer(extra)
    const reference = createScorer(extra, { engine: 'reference' })
    expect(compiled.engineInfo.engine).toBe('compiled')
    expect(compiled.engineInfo.synchronous).toBe(false)
    expect(compiled.engineInfo.fallback).toEqual([{ rule: 'decorated', reason: expect.stringContaining('not:lessThan') }])
    expect(compiled.engineInfo.warning).toContain('decorated')
    for (const lead of LEADS) {
      expect(await compiled.score(lead)).toStrictEqual(await reference.score(lead))
      expect(await compiled.explain(lead)).toStrictEqual(await reference.explain(lead))
    }
    expect((await compiled.score(LEADS[0])).reasons.map((r) => r.rule)).toContain('decorated')
    expect(() => compiled.scoreSync(LEADS[0])).toThrow(ChufeiError)
  })

  it('shows conditions json-rules-engine skipped as result null, and shared conditions by name', async () => {
    const files = unitPackFiles({
      conditions: { 'money-taken': RULES_JSON.conditions['money-taken'] },
      rules: [
        {
          id: 'skips',
          name: '优先级分组',
          conditions: {
            any: [
              { fact: 'people.total', operator: 'greaterThanInclusive', value: 150, priority: 2 },
              { condition: 'money-taken' },
              { not: { fact: 'stability.overdue', operator: 'equal', value: true }, name: '未逾期' },
            ],
          },
          event: { type: 'score', params: { dimension: 'scale', points: 10 } },
        },
      ],
    }, PACK_JSON)
    const p = parseRulePack(files)
    const compiled = createScorer(p)
    const reference = createScorer(p, { engine: 'reference' })
    const lead = { id: 'X', subject: { name: '某' }, people: { total: 200 }, money: { raised: 5 } }
    const explained = await compiled.explain(lead)
    expect(explained).toStrictEqual(await reference.explain(lead))
    expect(explained.rules[0]!.conditions).toStrictEqual({
      type: 'any',
      result: true,
      conditions: [
        { type: 'fact', fact: 'people.total', operator: 'greaterThanInclusive', value: 150, factValue: 200, result: true },
        { type: 'reference', name: 'money-taken', result: null },
        { type: 'not', name: '未逾期', result: null, condition: { type: 'fact', fact: 'stability.overdue', operator: 'equal', value: true, factValue: undefined, result: null } },
      ],
    })
    expect(explained.shared).toStrictEqual({})
    // With the first group failing, the second group is evaluated whole and the reference is realised: the
    // rule's trace keeps the reference with its outcome, and the shared condition's tree is in `shared`.
    const low = await compiled.explain({ ...lead, people: { total: 3 } })
    expect(low).toStrictEqual(await reference.explain({ ...lead, people: { total: 3 } }))
    const [, realised, negated] = (low.rules[0]!.conditions as unknown as { conditions: { type: string; name?: string; result: unknown }[] }).conditions
    expect(realised).toStrictEqual({ type: 'reference', name: 'money-taken', result: true })
    expect(negated).toMatchObject({ type: 'not', result: true })
    expect(low.shared['money-taken']).toMatchObject({ type: 'all', name: 'money-taken', result: true })
  })

  it('traces a shared condition once per lead however many rules use it, and a chain of references link by link', async () => {
    const files = unitPackFiles({
      conditions: {
        'money-taken': RULES_JSON.conditions['money-taken'],
        alias: { condition: 'money-taken' },
        both: { all: [{ condition: 'alias' }, { condition: 'money-taken' }] },
      },
      rules: ['a', 'b', 'c'].map((id) => ({
        id,
        name: id,
        conditions: { all: [{ condition: 'both' }, { condition: 'alias' }] },
        event: { type: 'score', params: { dimension: 'scale', points: 10 } },
      })),
    }, PACK_JSON)
    const p = parseRulePack(files)
    const lead = { id: 'X', subject: { name: '某' }, money: { raised: 5 } }
    const explained = await createScorer(p).explain(lead)
    expect(explained).toStrictEqual(await createScorer(p, { engine: 'reference' }).explain(lead))
    expect(Object.keys(explained.shared)).toEqual(['money-taken', 'alias', 'both'])
    expect(explained.shared.alias).toStrictEqual({ type: 'reference', name: 'money-taken', result: true })
    expect(explained.shared.both).toStrictEqual({
      type: 'all',
      name: 'both',
      result: true,
      conditions: [
        { type: 'reference', name: 'alias', result: true },
        { type: 'reference', name: 'money-taken', result: true },
      ],
    })
    for (const rule of explained.rules) expect(JSON.stringify(rule.conditions)).not.toContain('derived.moneyTaken')
  })

  it('skips a text rule only when the scan of its text did not set its flag: a regex literal alone is enough', async () => {
    // No keyword list of the pack is mentioned in these texts, only the regex's literal 托管, so the scan
    // finds a literal and nothing else; the rule must still be evaluated (and fire when the regex matches).
    const extra = withRule({
      id: 'custody-regex',
      name: '托管牲畜',
      conditions: { all: [{ fact: 'text.all', operator: 'matchesRegex', value: '托管[^。]{0,3}(?:牛|羊)' }] },
      event: { type: 'pattern', params: { pattern: 'rebate' } },
    })
    const compiled = createScorer(extra)
    const reference = createScorer(extra, { engine: 'reference' })
    const leads = ['帮村民托管两头牛', '托管业务暂停', '没有托管牛', '收购羊毛'].map((description, i) => ({ id: `T${i}`, subject: { name: '某' }, text: { description } }))
    for (const lead of leads) expect(compiled.scoreSync(lead)).toStrictEqual(await reference.score(lead))
    expect(compiled.scoreSync(leads[0]).reasons.map((r) => r.rule)).toEqual(['custody-regex'])
  })

  it('refuses an unknown engine', () => {
    expect(() => createScorer(pack, { engine: 'fast' as 'compiled' })).toThrow(ChufeiError)
  })
})
