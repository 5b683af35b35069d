import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { createScorer, DISPOSITION_IDS, PATTERN_IDS, TIER_IDS } from '@chufei/core'
import type { RulePack, Scorer } from '@chufei/core'
import { loadRulePack } from '@chufei/core/node'

/*
 * Golden tests of the default rule pack (rules/) against the lead fixtures (fixtures/leads/): every lead's
 * tier, patterns and disposition as a 处非办 analyst decided them in expected.json, every rule used by at
 * least one fixture or example, and every rule example behaving as declared.
 */

const ROOT = join(__dirname, '../../..')
const RULES = join(ROOT, 'rules')
const LEADS = join(ROOT, 'fixtures/leads')

interface Expected {
  readonly tier: string
  readonly patterns: readonly string[]
  readonly disposition: string
  readonly why: string
}

type LeadFixture = { id: string; subject: { name: string } } & Record<string, unknown>

const leads = JSON.parse(readFileSync(join(LEADS, 'leads.json'), 'utf8')) as LeadFixture[]
const expected = JSON.parse(readFileSync(join(LEADS, 'expected.json'), 'utf8')) as Record<string, Expected>

/** Completes an example's lead fragment: examples may leave out the id and the subject's name. */
const completeExample = (fragment: Record<string, unknown>, id: string): Record<string, unknown> => {
  const subject = typeof fragment.subject === 'object' && fragment.subject !== null ? fragment.subject : {}
  return { id, ...fragment, subject: { name: '（测试主体）', ...subject } }
}

let pack: RulePack
let scorer: Scorer

beforeAll(async () => {
  pack = await loadRulePack(RULES)
  scorer = createScorer(pack)
})

describe('default rule pack', () => {
  it('loads without warnings, as the pack named default', () => {
    expect(pack.name).toBe('default')
    expect(pack.warnings).toEqual([])
    expect(pack.rules.length).toBeGreaterThan(50)
  })

  it('carries every pattern of docs/spec.md §3 in its vocabulary, with Chinese names', () => {
    const ids = pack.config.patterns.map((p) => p.id)
    for (const id of PATTERN_IDS) expect(ids).toContain(id)
    for (const p of pack.config.patterns) expect(p.zh).toMatch(/\p{Script=Han}/u)
  })

  it('gives every rule a Chinese name, a description and at least one example', () => {
    for (const rule of pack.rules) {
      expect(rule.name, rule.id).toMatch(/\p{Script=Han}/u)
      expect(rule.description?.length ?? 0, rule.id).toBeGreaterThan(0)
      expect(rule.examples?.length ?? 0, rule.id).toBeGreaterThan(0)
    }
  })
})

describe('lead fixtures', () => {
  it('has an expectation for every lead and a lead for every expectation', () => {
    expect(leads.length).toBeGreaterThanOrEqual(40)
    expect(new Set(leads.map((l) => l.id)).size).toBe(leads.length)
    expect(Object.keys(expected).sort()).toEqual(leads.map((l) => l.id).sort())
  })

  it('covers every tier, every disposition and every pattern of the pack', () => {
    const values = Object.values(expected)
    for (const tier of TIER_IDS) expect(values.some((e) => e.tier === tier), tier).toBe(true)
    for (const d of DISPOSITION_IDS) expect(values.some((e) => e.disposition === d), d).toBe(true)
    for (const p of pack.config.patterns) expect(values.some((e) => e.patterns.includes(p.id)), p.id).toBe(true)
  })

  it.each(leads.map((l) => [l.id, l] as const))('%s scores as the analyst expects', async (id, lead) => {
    const want = expected[id]!
    const result = await scorer.score(lead)
    expect({ tier: result.tier, patterns: [...result.patterns].sort(), disposition: result.disposition }, want.why).toEqual({
      tier: want.tier,
      patterns: [...want.patterns].sort(),
      disposition: want.disposition,
    })
  })
})

describe('rule coverage and examples', () => {
  it('every rule fires for at least one fixture lead or one of its own examples', async () => {
    const fired = new Set<string>()
    for (const lead of leads) for (const r of (await scorer.score(lead)).reasons) fired.add(r.rule)
    for (const rule of pack.rules) {
      for (const [i, example] of (rule.examples ?? []).entries()) {
        if (!example.fires) continue
        const result = await scorer.score(completeExample(example.lead, `${rule.id}#${i + 1}`))
        for (const r of result.reasons) fired.add(r.rule)
      }
    }
    const never = pack.rules.map((r) => r.id).filter((id) => !fired.has(id))
    expect(never).toEqual([])
  })

  it('every fixture-independent rule (escalations, dispositions, patterns) is exercised by a fixture', async () => {
    const fired = new Set<string>()
    for (const lead of leads) for (const r of (await scorer.score(lead)).reasons) fired.add(r.rule)
    const unexercised = pack.rules.filter((r) => r.event.type !== 'score' && !fired.has(r.id)).map((r) => r.id)
    expect(unexercised).toEqual([])
  })

  it('every rule example fires or stays silent as declared', async () => {
    const wrong: string[] = []
    for (const rule of pack.rules) {
      for (const [i, example] of (rule.examples ?? []).entries()) {
        const result = await scorer.score(completeExample(example.lead, `${rule.id}#${i + 1}`))
        const fired = result.reasons.some((r) => r.rule === rule.id)
        if (fired !== example.fires) wrong.push(`${rule.id} 示例 ${i + 1}（${example.description ?? JSON.stringify(example.lead)}）应${example.fires ? '' : '不'}触发`)
      }
    }
    expect(wrong).toEqual([])
  })
})

describe('engines', () => {
  it('compiles every rule of the pack (no fallback to json-rules-engine)', () => {
    expect(scorer.engineInfo.fallback).toEqual([])
    expect(scorer.engineInfo.synchronous).toBe(true)
  })

  // That json-rules-engine itself gives the same result and trace for every fixture lead is
  // test/differential-default-*.test.ts's (one json-rules-engine run costs some 7–9 s of CPU a lead on this pack).
})

describe('negated and tricky wording', () => {
  const score = (description: string) => scorer.score({ id: 'T', subject: { name: '某主体' }, text: { description } })

  it.each([
    '未发现返利行为',
    '经核实不存在代养业务',
    '无资金互助业务',
    '未承诺保本',
    '合作社开展土地托管服务',
    '学生课后托管班按月收费',
    '超市支持数字人民币支付，收取人民币现金',
    '参加县里工程招标会',
  ])('「%s」raises no pattern', async (description) => {
    expect((await score(description)).patterns).toEqual([])
  })

  it('a turning word ends the negation: 未发现返利，但宣传消费全返', async () => {
    expect((await score('未发现返利，但宣传消费全返')).patterns).toEqual(['rebate'])
  })

  it('the same promise counts when not negated', async () => {
    expect((await score('承诺保本保息')).patterns).toEqual(['guaranteed-return'])
  })
})

describe('ledger assignment', () => {
  it('sends a prosecution to the police station and a red lead to be handled within 3 days', async () => {
    const r = await scorer.score(leads.find((l) => l.id === 'SQ-2024-001')!)
    expect(r.assignment.units).toContain('派出所')
    expect(r.assignment.units).toContain('农业农村办')
    expect(r.assignment.deadlineDays).toBe(3)
    expect(r.assignment.measures).toContain('一事一策')
  })

  it('sets no deadline for a lead below every tier', async () => {
    const r = await scorer.score(leads.find((l) => l.id === 'SQ-2024-003')!)
    expect(r.tier).toBe('none')
    expect(r.assignment.deadlineDays).toBeNull()
  })
})
