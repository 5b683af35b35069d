import { fc, test } from '@fast-check/vitest'
import { describe, expect, it } from 'vitest'
import { parseRulePack } from './rule-pack'
import { createScorer } from './create-scorer'
import { createStreamSummary, scoreRows, type StreamRow } from './score-stream'
import { unitPackFiles } from '../test/_pack'

const pack = parseRulePack(unitPackFiles())
const compiled = createScorer(pack)
const reference = createScorer(pack, { engine: 'reference' })

const LEADS = [
  { id: 'A', subject: { name: '甲' } },
  { id: 'B', subject: { name: '乙养殖合作社' }, people: { total: 150 }, money: { raised: 1_000_000, outstanding: 10 } },
  { id: 'C', subject: { name: '丙' }, people: { total: 149 }, text: { description: '未发现返利行为，但有消费全返' } },
  { id: 'D', subject: { name: '丁' }, people: { total: 600 }, money: { promisedReturn: 0.18 } },
]

type Row =
  | { kind: 'header'; line: number }
  | { kind: 'lead'; line: number; lead: unknown; warnings: { field: string; code: string; message: string }[] }
  | { kind: 'rejected'; line: number; id: string | null; errors: { code: string; message: string }[]; warnings: [] }
  | { kind: 'skipped'; line: number; reason: 'blank' | 'footer' }

const collect = async <R extends StreamRow>(rows: R[], scorer = compiled) => {
  const summary = createStreamSummary()
  const items = []
  for await (const item of scoreRows(rows, scorer, summary)) items.push(item)
  return { items, summary }
}

describe('scoreRows', () => {
  it('yields one result per candidate or rejected row, in input order, and passes other rows through', async () => {
    const rows: Row[] = [
      { kind: 'header', line: 1 },
      { kind: 'lead', line: 2, lead: LEADS[1], warnings: [] },
      { kind: 'skipped', line: 3, reason: 'blank' },
      { kind: 'rejected', line: 4, id: null, errors: [{ code: 'missing-id', message: '缺少线索编号' }], warnings: [] },
      { kind: 'lead', line: 5, lead: LEADS[2], warnings: [{ field: 'people.total', code: 'approximate-number', message: '约数' }] },
    ]
    const { items, summary } = await collect(rows)
    expect(items.map((i) => i.kind)).toEqual(['header', 'result', 'skipped', 'result', 'result'])
    expect(items[0]).toBe(rows[0])
    expect(items[1]).toStrictEqual({ kind: 'result', lead: LEADS[1], result: await compiled.score(LEADS[1], { line: 2 }) })
    expect(items[3]).toMatchObject({ lead: null, result: { status: 'rejected', line: 4, id: null, errors: [{ code: 'missing-id' }] } })
    expect(items[4]).toMatchObject({ lead: LEADS[2], result: { id: 'C', line: 5, warnings: [{ code: 'approximate-number' }] } })
    expect(summary).toMatchObject({ read: 4, scored: 2, rejected: 1, skipped: 1 })
  })

  it('turns a candidate the scorer finds invalid into a rejected result in its place and goes on', async () => {
    const rows: Row[] = [
      { kind: 'lead', line: 2, lead: { id: 'bad' }, warnings: [{ field: 'people.total', code: 'approximate-number', message: '约数' }] },
      { kind: 'lead', line: 3, lead: LEADS[0], warnings: [] },
      { kind: 'lead', line: 4, lead: 42, warnings: [] },
    ]
    const { items, summary } = await collect(rows)
    expect(items.map((i) => (i.kind === 'result' ? [i.result.status, i.result.line, i.result.id] : i.kind))).toEqual([
      ['rejected', 2, 'bad'],
      ['scored', 3, 'A'],
      ['rejected', 4, null],
    ])
    expect(items[0]).toMatchObject({ lead: { id: 'bad' }, result: { warnings: [{ code: 'approximate-number' }] } })
    expect(summary).toMatchObject({ read: 3, scored: 1, rejected: 2, skipped: 0 })
  })

  it('stops on an error that is not an invalid lead', async () => {
    const broken = { ...compiled, engineInfo: { ...compiled.engineInfo, synchronous: false }, score: () => Promise.reject(new Error('bug')) }
    await expect(collect([{ kind: 'lead', line: 2, lead: LEADS[0], warnings: [] }], broken)).rejects.toThrow('bug')
  })

  // The law: the stream is the scorer applied row by row — same results from either engine, same order,
  // summary counts that add up — whatever mix of rows comes in.
  test.prop([fc.array(fc.oneof(fc.constantFrom(...LEADS, { id: 'x' }, null), fc.constantFrom('skipped', 'rejected')), { maxLength: 30 })])(
    'equals scoring row by row, with either engine',
    async (mix) => {
      const rows: Row[] = mix.map((m, i) =>
        m === 'skipped'
          ? { kind: 'skipped', line: i + 2, reason: 'blank' }
          : m === 'rejected'
            ? { kind: 'rejected', line: i + 2, id: `R${i}`, errors: [{ code: 'bad-row', message: '坏行' }], warnings: [] }
            : { kind: 'lead', line: i + 2, lead: m, warnings: [] },
      )
      const fast = await collect(rows)
      const slow = await collect(rows, reference)
      expect(fast.items).toStrictEqual(slow.items)
      expect(fast.summary).toStrictEqual(slow.summary)
      const results = fast.items.flatMap((i) => (i.kind === 'result' ? [i.result] : []))
      expect(results.map((r) => r.line)).toEqual(rows.filter((r) => r.kind !== 'skipped').map((r) => r.line))
      for (const [k, r] of results.entries()) {
        const row = rows.filter((x) => x.kind !== 'skipped')[k]!
        if (row.kind === 'lead' && r.status === 'scored') expect(r).toStrictEqual(await compiled.score(row.lead, { line: row.line }))
      }
      const { read, scored, rejected, skipped, byTier } = fast.summary
      expect(read).toBe(rows.length)
      expect(scored + rejected + skipped).toBe(read)
      expect(Object.values(byTier).reduce((a, b) => a + b, 0)).toBe(scored)
    },
  )
})
