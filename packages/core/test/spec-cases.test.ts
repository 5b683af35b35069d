import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { createScorer } from '@chufei/core'
import type { Scorer } from '@chufei/core'
import { loadRulePack } from '@chufei/core/node'

/*
 * docs/spec.md §6 "Cases to keep in mind", scored with the default rule pack exactly as docs/spec.md states them:
 * only the facts docs/spec.md gives, everything else unknown.
 */

let scorer: Scorer

beforeAll(async () => {
  scorer = createScorer(await loadRulePack(join(__dirname, '../../../rules')))
})

describe('docs/spec.md §6 cases with the default pack', () => {
  it('livestock custody in a village: 420 people, 1800万 raised, payments overdue → red, livestock-custody, prosecute', async () => {
    const result = await scorer.score({
      id: 'SPEC-6-1',
      subject: { name: '某村肉牛养殖专业合作社' },
      sector: 'agriculture',
      region: { name: '芮集村', kind: 'rural' },
      people: { total: 420 },
      money: { raised: 18_000_000 },
      stability: { overdue: true },
      text: { description: '以牲畜托管为名，动员村民出资认购肉牛交由合作社托管代养，承诺每年分红，现已逾期兑付。' },
    })
    expect(result.tier).toBe('red')
    expect(result.patterns).toContain('livestock-custody')
    expect(result.disposition).toBe('prosecute')
    // The ledger's 主要依据 names the legal line that was crossed.
    expect(result.reasons.map((r) => r.rule)).toEqual(expect.arrayContaining(['exposure-raised-500w', 'scale-people-150', 'stability-overdue']))
  })

  it('a WeChat-group ad promising 保本保息，年化18%, no money taken yet → guaranteed-return, interview', async () => {
    const result = await scorer.score({
      id: 'SPEC-6-2',
      subject: { name: '微信群广告发布人' },
      source: 'ad-monitoring',
      money: { raised: 0, promisedReturn: 0.18 },
      text: { promotion: '保本保息，年化18%' },
    })
    expect(result.patterns).toEqual(['guaranteed-return'])
    expect(result.disposition).toBe('interview')
    expect(result.tier).not.toBe('none')
  })

  it('the same ad with no amounts filled in at all is still early signs only → interview', async () => {
    const result = await scorer.score({ id: 'SPEC-6-2b', subject: { name: '微信群广告发布人' }, text: { promotion: '保本保息，年化18%' } })
    expect(result.patterns).toEqual(['guaranteed-return'])
    expect(result.disposition).toBe('interview')
  })

  it('a cooperative buying fertiliser for its members, 未发现吸收资金行为 → none, monitor, no pattern', async () => {
    const result = await scorer.score({
      id: 'SPEC-6-3',
      subject: { name: '某农资专业合作社', kind: 'cooperative' },
      sector: 'agriculture',
      text: { description: '合作社为社员统一采购化肥，未发现吸收资金行为' },
    })
    expect(result.tier).toBe('none')
    expect(result.disposition).toBe('monitor')
    expect(result.patterns).toEqual([])
    expect(result.total).toBe(0)
  })
})
