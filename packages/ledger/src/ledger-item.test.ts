import { createScorer, scoreRows, type Lead } from '@chufei/core'
import { loadRulePack } from '@chufei/core/node'
import type { SheetEvent } from '@chufei/sheets'
import { describe, expect, it } from 'vitest'
import { repoPath } from '../test/_fixtures'
import { ledgerItem } from './ledger-item'

const pack = await loadRulePack(repoPath('rules'))
const scorer = createScorer(pack)

describe('ledgerItem', () => {
  it('keeps the lead fields the ledger shows (every ledger column of the field table) beside each result of the scoring stream, none for a reader-rejected row', async () => {
    const lead: Lead = {
      id: 'A',
      subject: { name: '某合作社', creditCode: '91350100M000100Y43', controller: '张某' },
      region: { name: '双桥村', kind: 'rural' },
      sector: 'agriculture',
      source: 'grid-inspection',
      people: { total: 300 },
      money: { raised: 1_200_000, outstanding: 300_000 },
      reportedAt: '2024-03-05',
      notes: '回访',
    }
    const events: SheetEvent[] = [
      { kind: 'header', line: 1, format: 'csv', columns: [], unknownColumns: [] },
      { kind: 'lead', line: 2, lead, warnings: [] },
      { kind: 'rejected', line: 3, id: null, errors: [{ code: 'missing-id', message: '缺少线索编号' }], warnings: [] },
    ]
    const items = []
    for await (const item of scoreRows(events, scorer)) if (item.kind === 'result') items.push(ledgerItem(item))
    expect(items[0]).toStrictEqual({
      result: await scorer.score(lead, { line: 2 }),
      lead: { name: '某合作社', village: '双桥村', sector: 'agriculture', reportedAt: '2024-03-05', creditCode: '91350100M000100Y43', controller: '张某', regionKind: 'rural', source: 'grid-inspection', people: 300, raised: 1_200_000, outstanding: 300_000, notes: '回访' },
    })
    expect(items[1]).toMatchObject({ lead: null, result: { status: 'rejected', line: 3 } })
  })
})
