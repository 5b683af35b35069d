import type { Result } from '@chufei/core'
import { describe, expect, it } from 'vitest'
import { parseCaseSet } from './case-expectations'
import type { FirstContact } from './first-contact'
import { formatAccuracyMarkdown, formatMisses } from './format-accuracy'
import { measureAccuracy } from './measure-accuracy'
import { listSourceIds } from './run-case-set'

/* What docs/accuracy.md shows, and what it must not show (the held-out cases stay unseen). */

const pack = { name: 'default', version: '1.0.0', hash: `sha256:${'a'.repeat(64)}` }
const miss = (set: 'dev' | 'held-out' | 'held-out-2' | 'held-out-3' | 'held-out-4' | 'held-out-5' | 'held-out-6' | 'held-out-7' | 'held-out-8' | 'held-out-9' | 'held-out-10' | 'held-out-11' | 'held-out-12' | 'held-out-13' | 'held-out-14' | 'held-out-15' | 'held-out-16' | 'held-out-17' | 'held-out-18' | 'held-out-19' | 'held-out-20' | 'held-out-21' | 'held-out-22' | 'held-out-23' | 'held-out-24', id: string) => {
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

  // held-out-4 and held-out-5 as they were before they were folded in after scoring (round 9), held-out-6 as it was
  // before round 10, held-out-7 and held-out-8 as they were before they were folded in (round 11), held-out-9 as it
  // was before round 12, held-out-10 as it was before it was folded in later in round 12, held-out-11 as it was before
  // round 13, held-out-12 and held-out-13 as they were before they were folded in later in round 13, held-out-14 as it
  // held-out-15 and held-out-16 as they were before they were folded in (round 14), held-out-17, held-out-18 and
  // held-out-19 as they were before they were folded in (round 15), held-out-20, held-out-21, held-out-22 and
  // held-out-23 as they were before they were folded in (round 16), held-out-24 as it was before it was folded in
  // (round 17); none is held out now (the default);
  // every held-out set is counted by class and none of its cases is listed.
  it.each([
    { set: 'held-out-4', id: 'H4-SECRET', heldOut: ['held-out-4'] },
    { set: 'held-out-5', id: 'H5-SECRET', heldOut: ['held-out-5'] },
    { set: 'held-out-6', id: 'H6-SECRET', heldOut: ['held-out-6'] },
    { set: 'held-out-7', id: 'H7-SECRET', heldOut: ['held-out-7'] },
    { set: 'held-out-8', id: 'H8-SECRET', heldOut: ['held-out-8'] },
    { set: 'held-out-9', id: 'H9-SECRET', heldOut: ['held-out-9'] },
    { set: 'held-out-10', id: 'H10-SECRET', heldOut: ['held-out-10'] },
    { set: 'held-out-11', id: 'H11-SECRET', heldOut: ['held-out-11'] },
    { set: 'held-out-12', id: 'H12-SECRET', heldOut: ['held-out-12'] },
    { set: 'held-out-13', id: 'H13-SECRET', heldOut: ['held-out-13'] },
    { set: 'held-out-14', id: 'H14-SECRET', heldOut: ['held-out-14'] },
    { set: 'held-out-15', id: 'H15-SECRET', heldOut: ['held-out-15'] },
    { set: 'held-out-16', id: 'H16-SECRET', heldOut: ['held-out-16'] },
    { set: 'held-out-17', id: 'H17-SECRET', heldOut: ['held-out-17'] },
    { set: 'held-out-18', id: 'H18-SECRET', heldOut: ['held-out-18'] },
    { set: 'held-out-19', id: 'H19-SECRET', heldOut: ['held-out-19'] },
    { set: 'held-out-20', id: 'H20-SECRET', heldOut: ['held-out-20'] },
    { set: 'held-out-21', id: 'H21-SECRET', heldOut: ['held-out-21'] },
    { set: 'held-out-22', id: 'H22-SECRET', heldOut: ['held-out-22'] },
    { set: 'held-out-23', id: 'H23-SECRET', heldOut: ['held-out-23'] },
    { set: 'held-out-24', id: 'H24-SECRET', heldOut: ['held-out-24'] },
  ] as const)('keeps $set blind when it is held out: counted by class, no case listed', ({ set, id, heldOut }) => {
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

  it('lists the misses of the twenty-four held-out sets, folded into development in rounds 8, 9, 10, 11, 12, 13, 14, 15, 16 and 17, like the dev set', () => {
    const md = formatAccuracyMarkdown({
      reports: [
        miss('dev', 'D-9'),
        miss('held-out', 'H-1'),
        miss('held-out-2', 'H2-1'),
        miss('held-out-3', 'H3-1'),
        miss('held-out-4', 'H4-1'),
        miss('held-out-5', 'H5-1'),
        miss('held-out-6', 'H6-1'),
        miss('held-out-7', 'H7-1'),
        miss('held-out-8', 'H8-1'),
        miss('held-out-9', 'H9-1'),
        miss('held-out-10', 'H10-1'),
        miss('held-out-11', 'H11-1'),
        miss('held-out-12', 'H12-1'),
        miss('held-out-13', 'H13-1'),
        miss('held-out-14', 'H14-1'),
        miss('held-out-15', 'H15-1'),
        miss('held-out-16', 'H16-1'),
        miss('held-out-17', 'H17-1'),
        miss('held-out-18', 'H18-1'),
        miss('held-out-19', 'H19-1'),
        miss('held-out-20', 'H20-1'),
        miss('held-out-21', 'H21-1'),
        miss('held-out-22', 'H22-1'),
        miss('held-out-23', 'H23-1'),
        miss('held-out-24', 'H24-1'),
      ],
      pack,
    })
    expect(md).toContain('| H-1 | S001 | 7 | pattern rebate did not fire')
    expect(md).toContain('| H2-1 | S001 | 7 | pattern rebate did not fire')
    expect(md).toContain('| H3-1 | S001 | 7 | pattern rebate did not fire')
    expect(md).toContain('| H4-1 | S001 | 7 | pattern rebate did not fire')
    expect(md).toContain('| held-out（开发（第8轮并入）） | 1 + 0 |')
    expect(md).toContain('### held-out-2（开发（第8轮并入），1 个案例有问题）')
    expect(md).toContain('### held-out-3（开发（第8轮并入），1 个案例有问题）')
    expect(md).toContain('| held-out-4（开发（第9轮并入）） | 1 + 0 |')
    expect(md).toContain('### held-out-4（开发（第9轮并入），1 个案例有问题）')
    expect(md).toContain('| H5-1 | S001 | 7 | pattern rebate did not fire')
    expect(md).toContain('| held-out-5（开发（第9轮并入）） | 1 + 0 |')
    expect(md).toContain('### held-out-5（开发（第9轮并入），1 个案例有问题）')
    expect(md).toContain('| H6-1 | S001 | 7 | pattern rebate did not fire')
    expect(md).toContain('| held-out-6（开发（第10轮并入）） | 1 + 0 |')
    expect(md).toContain('### held-out-6（开发（第10轮并入），1 个案例有问题）')
    expect(md).toContain('| H7-1 | S001 | 7 | pattern rebate did not fire')
    expect(md).toContain('| held-out-7（开发（第11轮并入）） | 1 + 0 |')
    expect(md).toContain('### held-out-7（开发（第11轮并入），1 个案例有问题）')
    expect(md).toContain('| H8-1 | S001 | 7 | pattern rebate did not fire')
    expect(md).toContain('| held-out-8（开发（第11轮并入）） | 1 + 0 |')
    expect(md).toContain('### held-out-8（开发（第11轮并入），1 个案例有问题）')
    expect(md).toContain('| H9-1 | S001 | 7 | pattern rebate did not fire')
    expect(md).toContain('| held-out-9（开发（第12轮并入）） | 1 + 0 |')
    expect(md).toContain('### held-out-9（开发（第12轮并入），1 个案例有问题）')
    expect(md).toContain('| H10-1 | S001 | 7 | pattern rebate did not fire')
    expect(md).toContain('| held-out-10（开发（第12轮并入）） | 1 + 0 |')
    expect(md).toContain('### held-out-10（开发（第12轮并入），1 个案例有问题）')
    expect(md).toContain('| H11-1 | S001 | 7 | pattern rebate did not fire')
    expect(md).toContain('| held-out-11（开发（第13轮并入）） | 1 + 0 |')
    expect(md).toContain('### held-out-11（开发（第13轮并入），1 个案例有问题）')
    expect(md).toContain('| H12-1 | S001 | 7 | pattern rebate did not fire')
    expect(md).toContain('| held-out-12（开发（第13轮并入）） | 1 + 0 |')
    expect(md).toContain('### held-out-12（开发（第13轮并入），1 个案例有问题）')
    expect(md).toContain('| H13-1 | S001 | 7 | pattern rebate did not fire')
    expect(md).toContain('| held-out-13（开发（第13轮并入）） | 1 + 0 |')
    expect(md).toContain('### held-out-13（开发（第13轮并入），1 个案例有问题）')
    expect(md).toContain('| H14-1 | S001 | 7 | pattern rebate did not fire')
    expect(md).toContain('| held-out-14（开发（第14轮并入）） | 1 + 0 |')
    expect(md).toContain('### held-out-14（开发（第14轮并入），1 个案例有问题）')
    expect(md).toContain('| H15-1 | S001 | 7 | pattern rebate did not fire')
    expect(md).toContain('| held-out-15（开发（第14轮并入）） | 1 + 0 |')
    expect(md).toContain('### held-out-15（开发（第14轮并入），1 个案例有问题）')
    expect(md).toContain('| H16-1 | S001 | 7 | pattern rebate did not fire')
    expect(md).toContain('| held-out-16（开发（第14轮并入）） | 1 + 0 |')
    expect(md).toContain('### held-out-16（开发（第14轮并入），1 个案例有问题）')
    expect(md).toContain('| H17-1 | S001 | 7 | pattern rebate did not fire')
    expect(md).toContain('| held-out-17（开发（第15轮并入）） | 1 + 0 |')
    expect(md).toContain('### held-out-17（开发（第15轮并入），1 个案例有问题）')
    expect(md).toContain('| H18-1 | S001 | 7 | pattern rebate did not fire')
    expect(md).toContain('| held-out-18（开发（第15轮并入）） | 1 + 0 |')
    expect(md).toContain('### held-out-18（开发（第15轮并入），1 个案例有问题）')
    expect(md).toContain('| H19-1 | S001 | 7 | pattern rebate did not fire')
    expect(md).toContain('| held-out-19（开发（第15轮并入）） | 1 + 0 |')
    expect(md).toContain('### held-out-19（开发（第15轮并入），1 个案例有问题）')
    expect(md).toContain('| H20-1 | S001 | 7 | pattern rebate did not fire')
    expect(md).toContain('| held-out-20（开发（第16轮并入）） | 1 + 0 |')
    expect(md).toContain('### held-out-20（开发（第16轮并入），1 个案例有问题）')
    for (const [set, id] of [['held-out-21', 'H21-1'], ['held-out-22', 'H22-1'], ['held-out-23', 'H23-1']] as const) {
      expect(md).toContain(`| ${id} | S001 | 7 | pattern rebate did not fire`)
      expect(md).toContain(`| ${set}（开发（第16轮并入）） | 1 + 0 |`)
      expect(md).toContain(`### ${set}（开发（第16轮并入），1 个案例有问题）`)
    }
    expect(md).toContain('| H24-1 | S001 | 7 | pattern rebate did not fire')
    expect(md).toContain('| held-out-24（开发（第17轮并入）） | 1 + 0 |')
    expect(md).toContain('### held-out-24（开发（第17轮并入），1 个案例有问题）')
    expect(md).not.toContain('保留集的具体案例不在此列出')
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
