import { describe, expect, it } from 'vitest'
import { REPO_ROOT } from '../_golden'
import { CASE_SETS, readCaseSet } from './case-expectations'
import { FirstContactSchema, formatFirstContactSection, poolFirstContact, readFirstContact, type FirstContact } from './first-contact'
import { readFile } from 'node:fs/promises'
import { HELD_OUT_SETS, caseSetPaths, readCaseSubjects } from './run-case-set'
import { findSeenBefore, listSourceAddresses } from './source-pages'

const record = await readFirstContact(REPO_ROOT)

describe('first contact with unseen cases (fixtures/cases/first-contact.json)', () => {
  it('records a baseline for every set held out now, so a new held-out set cannot go unmeasured', () => {
    const recorded = new Map(record.sets.map((s) => [s.set, s]))
    for (const set of HELD_OUT_SETS) expect(recorded.get(set)?.baseline, `${set} has no baseline in first-contact.json`).toBeDefined()
  })

  it('states each set at its real size: published cases, clean leads, and (for sets still held out) required patterns', async () => {
    for (const s of record.sets) {
      const { cases } = await readCaseSet(caseSetPaths(REPO_ROOT, s.set).expectations)
      expect([s.published, s.clean], s.set).toEqual([cases.filter((c) => c.kind === 'published').length, cases.filter((c) => c.kind === 'clean').length])
      if (!HELD_OUT_SETS.includes(s.set)) continue
      // A held-out set's expectations cannot have been tuned since: its required patterns are those measured.
      const required = cases.reduce((n, c) => n + c.mustFire.length, 0)
      for (const f of [s.baseline, s.measuredOnce]) if (f !== undefined) expect(f.recall[1], `${s.set} ${f.pack}`).toBe(required)
    }
  })

  it('lists for each set exactly its cases on pages or subjects an earlier case already had, recomputed from SOURCES.md and the sheets', async () => {
    const sets = await Promise.all(CASE_SETS.map((set) => readCaseSet(caseSetPaths(REPO_ROOT, set).expectations)))
    const addresses = listSourceAddresses(await readFile(caseSetPaths(REPO_ROOT, 'dev').sources, 'utf8'))
    const subjects = await readCaseSubjects(REPO_ROOT)
    for (const s of record.sets) {
      const found = findSeenBefore(sets.find((x) => x.set === s.set)!, sets, addresses, subjects).map((f) => f.id)
      expect([...(s.seenBefore?.cases ?? [])].sort(), `${s.set}: seenBefore in first-contact.json`).toEqual(found.sort())
    }
  })

  it('lists sets in the order of the corpus', () => {
    const order = record.sets.map((s) => CASE_SETS.indexOf(s.set))
    expect(order).toEqual([...order].sort((a, b) => a - b))
  })
})

const sample: FirstContact = {
  sets: [
    {
      set: 'held-out-10',
      published: 3,
      clean: 2,
      baseline: { pack: '2024.1.0', recall: [2, 4], falseFlags: 1, tier: 3, disposition: 4 },
      measuredOnce: { pack: '2024.2.0', recall: [3, 4], falseFlags: 0, tier: 4, disposition: 4 },
    },
    { set: 'held-out-11', published: 4, clean: 1, baseline: { pack: '2024.2.0', recall: [5, 6], falseFlags: 1, tier: 5, disposition: 3 } },
  ],
}

describe('pooling and showing first contact', () => {
  it('pools hits and denominators over the sets that have the measurement', () => {
    expect(poolFirstContact(sample, 'baseline')).toEqual({ sets: 2, recall: [7, 10], falseFlags: 2, clean: 3, tier: [8, 10], disposition: [7, 10] })
    expect(poolFirstContact(sample, 'measuredOnce')).toEqual({ sets: 1, recall: [3, 4], falseFlags: 0, clean: 2, tier: [4, 5], disposition: [4, 5] })
  })

  it('shows a row per measurement and the pooled rows, a set waiting for its next pack with its baseline only', () => {
    const text = formatFirstContactSection(sample).join('\n')
    expect(text).toContain('| held-out-10 · 2024.1.0（基线） | 50.0% (2/4) | 1/2 | 60.0% (3/5) | 80.0% (4/5) |')
    expect(text).toContain('| held-out-10 · 2024.2.0（首测） | 75.0% (3/4) | 0/2 | 80.0% (4/5) | 80.0% (4/5) |')
    expect(text).toContain('| 合计：基线（2 个集合） | 70.0% (7/10) | 2/3 | 80.0% (8/10) | 70.0% (7/10) |')
    expect(text).toContain('| 合计：首测（1 个集合） | 75.0% (3/4) | 0/2 | 80.0% (4/5) | 80.0% (4/5) |')
    expect(text).not.toContain('held-out-11 · 2024.3')
  })

  it('refuses a record whose figures exceed the set, naming the JSON pointer', () => {
    const bad = { sets: [{ ...sample.sets[0]!, baseline: { ...sample.sets[0]!.baseline, falseFlags: 3, recall: [5, 4] } }] }
    const parsed = FirstContactSchema.safeParse(bad)
    expect(parsed.success).toBe(false)
    const paths = parsed.error!.issues.map((i) => i.path.join('/'))
    expect(paths).toEqual(expect.arrayContaining(['sets/0/baseline/recall', 'sets/0/baseline/falseFlags']))
  })

  const withSeen: FirstContact = {
    sets: [
      {
        ...sample.sets[0]!,
        seenBefore: {
          cases: ['H10-002'],
          published: 2,
          clean: 2,
          baseline: { pack: '2024.1.0', recall: [1, 3], falseFlags: 1, tier: 2, disposition: 3 },
          measuredOnce: { pack: '2024.2.0', recall: [2, 3], falseFlags: 0, tier: 3, disposition: 3 },
        },
      },
      sample.sets[1]!,
    ],
  }

  it('pools the sets without their cases seen before when asked, the recorded figures otherwise', () => {
    expect(poolFirstContact(withSeen, 'baseline')).toEqual(poolFirstContact(sample, 'baseline'))
    expect(poolFirstContact(withSeen, 'baseline', { unseenOnly: true })).toEqual({ sets: 2, recall: [6, 9], falseFlags: 2, clean: 3, tier: [7, 9], disposition: [6, 9] })
    const text = formatFirstContactSection(withSeen).join('\n')
    expect(text).toContain('| 合计：基线，只算出处和主体都未见过的案例（2 个集合） | 66.7% (6/9) | 2/3 | 77.8% (7/9) | 66.7% (6/9) |')
    expect(text).toContain('held-out-10 的 H10-002')
    expect(formatFirstContactSection(sample).join('\n')).not.toContain('只算出处页面未见过')
  })

  it('refuses a seenBefore that does not add up to the set or names another pack', () => {
    const seen = withSeen.sets[0]!.seenBefore!
    const bad = { sets: [{ ...withSeen.sets[0]!, seenBefore: { ...seen, published: 3, measuredOnce: { ...seen.measuredOnce!, pack: '2024.3.0' } } }] }
    const parsed = FirstContactSchema.safeParse(bad)
    expect(parsed.success).toBe(false)
    expect(parsed.error!.issues.map((i) => i.path.join('/'))).toEqual(expect.arrayContaining(['sets/0/seenBefore/cases', 'sets/0/seenBefore/measuredOnce']))
  })
})
