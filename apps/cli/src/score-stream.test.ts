import { createScorer, parseRulePack, type Lead } from '@chufei/core'
import type { SheetEvent } from '@chufei/sheets'
import { describe, expect, it } from 'vitest'
import { TEST_PACK, TEST_RULES } from './_test-pack'
import { scoreStream, type ScoreStreamItem } from './score-stream'

const scorer = createScorer(parseRulePack({ 'pack.json': JSON.stringify(TEST_PACK), 'rules.json': JSON.stringify(TEST_RULES) }))

async function* events(list: SheetEvent[]): AsyncGenerator<SheetEvent> {
  for (const e of list) yield e
}

const collect = async (list: SheetEvent[]) => {
  const out: ScoreStreamItem[] = []
  for await (const item of scoreStream(events(list), scorer)) out.push(item)
  return out
}

const lead = (over: Partial<Lead> & { id: string }): Lead => ({ subject: { name: '某合作社' }, ...over })

describe('scoreStream', () => {
  it('yields one item per data row, in input order, keeping the ledger fields of the lead', async () => {
    const items = await collect([
      { kind: 'header', line: 2, format: 'csv', columns: [], unknownColumns: [] },
      { kind: 'lead', line: 3, lead: lead({ id: 'A', region: { name: '双桥村' }, sector: 'agriculture', people: { total: 300 } }), warnings: [] },
      { kind: 'skipped', line: 4, reason: 'blank' },
      { kind: 'rejected', line: 5, id: null, errors: [{ code: 'missing-id', message: '缺少线索编号' }], warnings: [] },
      { kind: 'lead', line: 6, lead: lead({ id: 'B', reportedAt: '2024-03-05' }), warnings: [{ field: 'people.total', code: 'approximate-number', message: '约数' }] },
    ])
    expect(items.map((i) => i.kind)).toEqual(['header', 'result', 'skipped', 'result', 'result'])
    const [, a, , rejected, b] = items
    expect(a).toMatchObject({ lead: { name: '某合作社', village: '双桥村', sector: 'agriculture', reportedAt: null }, result: { id: 'A', line: 3, status: 'scored' } })
    expect(rejected).toMatchObject({ lead: null, result: { status: 'rejected', line: 5, id: null, errors: [{ code: 'missing-id' }] } })
    expect(b).toMatchObject({ lead: { reportedAt: '2024-03-05' }, result: { id: 'B', line: 6, warnings: [{ code: 'approximate-number' }] } })
  })

  it('turns a lead the scorer rejects into a rejected row and goes on', async () => {
    const invalid = { id: 'C', subject: { name: '' } } as unknown as Lead
    const items = await collect([
      { kind: 'lead', line: 2, lead: invalid, warnings: [] },
      { kind: 'lead', line: 3, lead: lead({ id: 'D' }), warnings: [] },
    ])
    expect(items).toHaveLength(2)
    expect(items[0]).toMatchObject({ kind: 'result', result: { status: 'rejected', line: 2, id: 'C' } })
    expect(items[1]).toMatchObject({ kind: 'result', result: { status: 'scored', id: 'D' } })
  })

  it('stops on an error that is not an invalid lead', async () => {
    const broken = { score: () => Promise.reject(new Error('bug')) }
    const run = async () => {
      for await (const _ of scoreStream(events([{ kind: 'lead', line: 2, lead: lead({ id: 'E' }), warnings: [] }]), broken)) void _
    }
    await expect(run()).rejects.toThrow('bug')
  })
})
