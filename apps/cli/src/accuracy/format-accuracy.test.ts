import type { Result } from '@chufei/core'
import { describe, expect, it } from 'vitest'
import { CASE_SETS, parseCaseSet, type CaseSetName } from './case-expectations'
import type { FirstContact } from './first-contact'
import { formatAccuracyMarkdown, formatMisses } from './format-accuracy'
import { measureAccuracy } from './measure-accuracy'
import { FOLDED_INTO_DEVELOPMENT, HELD_OUT_SETS, listSourceIds } from './run-case-set'

/* What docs/accuracy.md shows, and what it must not show (the held-out cases stay unseen). */

const pack = { name: 'default', version: '1.0.0', hash: `sha256:${'a'.repeat(64)}` }
const miss = (set: CaseSetName, id: string) => {
  const cases = parseCaseSet(
    { set, cases: [{ id, source: 'S001', kind: 'published', mustFire: ['rebate'], mustNotFire: [], tiers: ['red'], dispositions: ['prosecute'], basis: '法释〔2022〕5号第三条', classes: [7] }] },
    'x.json',
  )
  const result = { id, status: 'scored', total: 3, tier: 'blue', disposition: 'interview', patterns: [], scores: { scale: 0, exposure: 0, attention: 0, stability: 0 }, reasons: [], warnings: [], assignment: { units: [], measures: '', deadlineDays: null }, rulePack: pack } as Result
  return measureAccuracy(cases, { exitCode: 0, results: [result], counts: { read: 1, scored: 1, rejected: 0, skipped: 0 }, stderr: '' })
}

describe('formatAccuracyMarkdown', () => {
  it('lists every dev miss with what was expected and what came out, but only counts held-out misses by class', () => {
    // Whichever sets are held out (given here as held-out-3, as it was before it was folded in) get the same treatment.
    const md = formatAccuracyMarkdown({ reports: [miss('dev', 'D-9'), miss('held-out-3', 'H3-SECRET')], pack, heldOut: ['held-out-3'] })
    expect(md).toContain('| D-9 | S001 | 7 | pattern rebate did not fire；tier blue, expected red；disposition interview, expected prosecute |')
    expect(md).not.toContain('H3-SECRET')
    expect(md).toMatch(/### held-out-3（保留集，1 个案例有问题）[\s\S]*\| 7\. 词汇缺口 \| 1 \|/)
    expect(md).toContain('| held-out-3（保留集） | 1 + 0 |')
    expect(md).toContain(pack.hash)
  })

  // Every set but dev, as it was while held out (named explicitly), and the sets held out now (the default): each
  // is counted by class and none of its cases is listed.
  it.each([
    ...CASE_SETS.filter((set) => set !== 'dev').map((set) => ({ set, heldOut: [set] as readonly string[] | undefined })),
    ...HELD_OUT_SETS.map((set) => ({ set, heldOut: undefined })),
  ])('keeps $set blind when it is held out: counted by class, no case listed', ({ set, heldOut }) => {
    const id = `${set.toUpperCase()}-SECRET`
    const md = formatAccuracyMarkdown({ reports: [miss('dev', 'D-9'), miss(set, id)], pack, heldOut })
    expect(md).not.toContain(id)
    expect(md).toMatch(new RegExp(`### ${set}（保留集，1 个案例有问题）[\\s\\S]*\\| 7\\. 词汇缺口 \\| 1 \\|`))
    expect(md).toContain(`| ${set}（保留集） | 1 + 0 |`)
  })

  it('links the class analysis of the first-contact misses right after the first-contact figures, and only with them', () => {
    const firstContact: FirstContact = { sets: [{ set: 'held-out-14', published: 1, clean: 0, baseline: { pack: '2025.2.0', recall: [1, 1], falseFlags: 0, tier: 1, disposition: 1 } }] }
    const md = formatAccuracyMarkdown({ reports: [miss('dev', 'D-9')], pack, firstContact })
    expect(md).toMatch(/## 在从未见过的案例上（首次测量）[^#]*\[docs\/first-contact-misses\.md\]\(first-contact-misses\.md\)[^#]*## 方法/)
    expect(formatAccuracyMarkdown({ reports: [miss('dev', 'D-9')], pack })).not.toContain('first-contact-misses.md')
  })

  it('lists the misses of every set folded into development like the dev set, labelled with the round it was folded in', () => {
    const folded = CASE_SETS.filter((set) => FOLDED_INTO_DEVELOPMENT[set] !== undefined)
    expect(folded.length).toBeGreaterThanOrEqual(23)
    const md = formatAccuracyMarkdown({ reports: [miss('dev', 'D-9'), ...folded.map((set) => miss(set, `${set}-MISS`))], pack })
    for (const set of folded) {
      expect(md).toContain(`| ${set}-MISS | S001 | 7 | pattern rebate did not fire`)
      expect(md).toContain(`| ${set}（开发（第${FOLDED_INTO_DEVELOPMENT[set]}轮并入）） | 1 + 0 |`)
      expect(md).toContain(`### ${set}（开发（第${FOLDED_INTO_DEVELOPMENT[set]}轮并入），1 个案例有问题）`)
    }
    // As it happened: held-out and held-out-2 in round 8, held-out-4 in round 9, held-out-23 in round 16.
    expect(md).toContain('| held-out（开发（第8轮并入）） | 1 + 0 |')
    expect(md).toContain('| held-out-4（开发（第9轮并入）） | 1 + 0 |')
    expect(md).toContain('| held-out-23（开发（第16轮并入）） | 1 + 0 |')
  })

  it('names every case set in the method, the held-out ones as not to be tuned on with their baseline pack', () => {
    const firstContact: FirstContact = {
      sets: [
        { set: 'held-out-4', published: 1, clean: 0, baseline: { pack: '2024.4.0', recall: [1, 1], falseFlags: 0, tier: 1, disposition: 1 }, measuredOnce: { pack: '2024.5.0', recall: [1, 1], falseFlags: 0, tier: 1, disposition: 1 } },
        { set: 'held-out-9', published: 1, clean: 0, baseline: { pack: '2024.9.0', recall: [1, 1], falseFlags: 0, tier: 1, disposition: 1 } },
      ],
    }
    const md = formatAccuracyMarkdown({ reports: [miss('dev', 'D-9')], pack, heldOut: ['held-out-9'], firstContact })
    const method = md.slice(md.indexOf('## 方法'))
    for (const set of CASE_SETS) expect(method).toContain(`\`fixtures/cases/${set}/\``)
    expect(method).toContain('`fixtures/cases/held-out-4/`（第9轮在规则包 2024.5.0 的首测数字公布之后并入开发）')
    expect(method).toContain('现在的保留集：`fixtures/cases/held-out-9/`（**不得用于调规则**：在规则包 2024.9.0 之后收集，在改任何规则之前提交并记下它的基线）。')
  })

  it('prints each miss on one console line', () => {
    expect(formatMisses(miss('held-out', 'H-1'))).toEqual([
      '  H-1 [S001, classes 7] pattern rebate did not fire; tier blue, expected red; disposition interview, expected prosecute — got blue/interview, total 3, patterns []',
    ])
  })
})

describe('listSourceIds', () => {
  it('reads the ids of table rows only', () => {
    expect([...listSourceIds('| S001 | a |\n| M002 | b |\n说明 S003 不在表里\n|S004| c |')]).toEqual(['S001', 'M002', 'S004'])
  })
})
