import { describe, expect, it } from 'vitest'
import { createScorer } from '../create-scorer'
import { parseRulePack } from '../rule-pack'
import { FIXTURE_RULES, fixtureFiles } from './_fixture-pack'
import { diffBacktest } from './backtest-diff'
import { formatBacktestHtml, formatBacktestText } from './format-backtest'

const base = parseRulePack(fixtureFiles())
const edited = structuredClone(FIXTURE_RULES)
edited.rules[0]!.conditions.all![0]!.value = 50 // scale-30: 30 → 50 people
const head = parseRulePack(fixtureFiles({ 'rules.json': edited }))

const leads = Array.from({ length: 80 }, (_, i) => ({
  id: `L-${String(i + 1).padStart(3, '0')}`,
  subject: { name: `主体${i + 1}` },
  people: { total: i * 2 },
  ...(i % 3 === 0 ? { money: { raised: i * 30_000 } } : {}),
  ...(i % 5 === 0 ? { attention: { complaints: i % 7 } } : {}),
}))

const backtest = async () => {
  const a = createScorer(base)
  const b = createScorer(head)
  const pairs = await Promise.all(leads.map(async (lead, i) => ({ base: await a.score(lead, { line: i + 2 }), head: await b.score(lead, { line: i + 2 }), source: 'sweep.json', subject: lead.subject.name })))
  return diffBacktest(pairs, base, head)
}

describe('diffBacktest', () => {
  it('reports exactly the leads that cross a moved threshold, with the rule that moved them', async () => {
    const diff = await backtest()
    const crossing = leads.filter((l) => l.people.total >= 30 && l.people.total < 50).map((l) => l.id)
    expect(crossing).toHaveLength(10)
    expect(diff.moved.map((m) => m.id)).toEqual(crossing)
    for (const m of diff.moved) expect(m.rules).toEqual([expect.objectContaining({ rule: 'scale-30', change: 'stopped' })])
    expect(diff.ruleHits.find((h) => h.rule === 'scale-30')).toMatchObject({ before: 65, after: 55, presence: 'both' })
    expect(diff.ruleHits.filter((h) => h.before !== h.after).map((h) => h.rule)).toEqual(['scale-30'])
  })

  it('counts tier transitions in a 5×5 matrix that sums to the leads scored', async () => {
    const diff = await backtest()
    const cells = Object.values(diff.tiers).flatMap((row) => Object.values(row))
    expect(cells).toHaveLength(25)
    expect(cells.reduce((a, b) => a + b, 0)).toBe(80)
    // 30–48 people: scale 40 → 0, total 10 → 0 (blue → none); L-021 also has 6 complaints: 35 → 25 (yellow → blue).
    expect(diff.tiers.blue.none).toBe(9)
    expect(diff.tiers.yellow.blue).toBe(1)
    expect(Object.entries(diff.tiers).flatMap(([a, row]) => Object.entries(row).filter(([b, n]) => a !== b && n > 0))).toHaveLength(2)
  })

  it('formats text and a self-contained HTML page', async () => {
    const diff = await backtest()
    const text = formatBacktestText(diff)
    expect(text).toContain('线索 80 条，两边均评分 80 条；变化 10 条')
    expect(text).toContain('L-016 主体16（sweep.json 第 17 行）：蓝色预警 10分，持续监测 → 未达预警 0分，持续监测')
    expect(text).toContain('不再触发 scale-30「涉及人数达到30人」（涉众规模 +40）')
    expect(text).toMatch(/\* scale-30\s+65 → 55/)
    const html = formatBacktestHtml(diff)
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true)
    expect(html).not.toMatch(/<script|<link|src=|url\(/i)
    expect(html).toContain('不再触发 scale-30「涉及人数达到30人」（涉众规模 +40）')
  })

  it('reports nothing when the packs agree', async () => {
    const a = createScorer(base)
    const pairs = await Promise.all(leads.map(async (lead) => ({ base: await a.score(lead), head: await a.score(lead) })))
    const diff = diffBacktest(pairs, base, base)
    expect(diff.moved).toEqual([])
    expect(diff.dispositions).toEqual([])
  })
})
