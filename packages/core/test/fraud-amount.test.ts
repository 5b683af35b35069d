import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { createScorer } from '@chufei/core'
import type { Scorer } from '@chufei/core'
import { loadRulePack } from '@chufei/core/node'

/*
 * Issue 10 class 11: the amount of 集资诈骗 is what was not repaid — 法释〔2022〕5号第八条第三款 deducts what was
 * repaid before the case. Where 未兑付金额 is known the default pack's fraud lines (exposure-fraud-10w/100w, the
 * fraud branches of prosecution-lines-met and large-lines-met) use it; only when it is blank do they read the
 * amount raised (unknown is not zero). The lines of 非法吸收公众存款 (第三条、第五条) still read the amount raised.
 */

let reference: Scorer
let compiled: Scorer
beforeAll(async () => {
  const pack = await loadRulePack(join(__dirname, '../../../rules'))
  reference = createScorer(pack, { engine: 'reference' })
  compiled = createScorer(pack)
})

/** A lead whose controller absconded (a sign of 非法占有, 第七条) after raising money from villagers. */
const absconded = (raised: number, outstanding?: number) => ({
  id: 'FRAUD-1',
  subject: { name: '某某生态农业有限公司' },
  money: { raised, ...(outstanding !== undefined ? { outstanding } : {}) },
  stability: { controllerMissing: true },
  text: { description: '以入股分红为名向村民吸收资金' },
})

const fired = async (lead: unknown): Promise<string[]> => {
  const a = await reference.score(lead)
  const b = compiled.scoreSync(lead)
  expect(b).toStrictEqual(a)
  return a.reasons.map((r) => r.rule)
}

describe('fraud amounts count what was not repaid (法释〔2022〕5号第八条)', () => {
  it('reads the amount raised while 未兑付金额 is blank, and the outstanding amount once it is known', async () => {
    // 50万元 raised: below the 100万元 line of 第三条, so only the fraud line (10万元, 第八条第一款) can be met —
    // by exposure-fraud-10w and by the fraud branch of prosecution-lines-met (disposition-prosecute-lines).
    expect(await fired(absconded(500_000))).toEqual(expect.arrayContaining(['exposure-fraud-10w', 'disposition-prosecute-lines']))
    const repaid = await fired(absconded(500_000, 50_000))
    expect(repaid).not.toContain('exposure-fraud-10w')
    expect(repaid).not.toContain('disposition-prosecute-lines')
    expect(await fired(absconded(500_000, 120_000))).toContain('exposure-fraud-10w')
  })

  it('makes 数额巨大 (100万元, 第八条第二款) of what was not repaid, so a mostly repaid scheme is not red', async () => {
    const unpaid = await reference.score(absconded(3_000_000, 1_500_000))
    expect(unpaid.reasons.map((r) => r.rule)).toEqual(expect.arrayContaining(['exposure-fraud-100w', 'escalate-large-crisis-red']))
    expect(unpaid.tier).toBe('red')
    const mostlyRepaid = await reference.score(absconded(3_000_000, 500_000))
    expect(mostlyRepaid.reasons.map((r) => r.rule)).not.toContain('exposure-fraud-100w')
    expect(mostlyRepaid.reasons.map((r) => r.rule)).not.toContain('escalate-large-crisis-red')
    expect(mostlyRepaid.tier).not.toBe('red')
    // Blank 未兑付金额 is not "repaid": the amount raised counts.
    expect((await reference.score(absconded(3_000_000))).tier).toBe('red')
  })

  it('prosecutes a fraud only while money is unpaid: nothing outstanding, no fraud prosecution', async () => {
    expect((await reference.score(absconded(80_000, 80_000))).disposition).toBe('prosecute')
    const allRepaid = await reference.score(absconded(80_000, 0))
    expect(allRepaid.reasons.map((r) => r.rule)).not.toContain('disposition-prosecute-fraud')
    expect(allRepaid.disposition).not.toBe('prosecute')
  })
})
