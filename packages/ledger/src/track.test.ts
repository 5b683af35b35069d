import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { scored } from './_test-records'
import { emptyRecord, type LedgerRecord } from './record'
import { carryNotes, formatRows, trackLeads } from './track'

const PACK = 'default@1.0.0 (aaaaaaaaaaaa)'
const options = { today: '2024-06-30', rulePack: PACK, previousFile: 'q1.xlsx' }
const byId = (t: ReturnType<typeof trackLeads>, id: string) => t.leads.find((l) => (l.current ?? l.previous)?.id === id)!

describe('trackLeads', () => {
  const previous: LedgerRecord[] = [
    scored({ row: 2, id: 'Q1-1', tier: 'yellow', creditCode: '91340422MA2N0PQ35X', status: 'in-progress', notes: '已立案调查', deadline: '2024-04-10' }),
    scored({ row: 3, id: 'Q1-2', tier: 'orange', name: '寿县康乐养老服务中心', status: 'pending', deadline: '2024-09-30' }),
    scored({ row: 4, id: 'Q1-3', tier: 'yellow', status: 'resolved', notes: '已清退' }),
    scored({ row: 5, id: 'Q1-4', tier: 'red', status: 'pending', deadline: '2024-03-01' }),
    scored({ row: 6, id: 'Q1-5', tier: 'none', status: 'monitor' }),
    scored({ row: 7, id: 'Q1-6', tier: 'blue', status: 'resolved', notes: '已约谈' }),
  ]
  const current: LedgerRecord[] = [
    // Renumbered, same credit code (lower case, spaced): escalated.
    scored({ row: 2, id: 'Q2-9', tier: 'red', creditCode: '91340422ma2n0pq35x', status: 'pending', deadline: '2024-07-01' }),
    // Renumbered, no code, name typed with half-width brackets and spaces: de-escalated.
    scored({ row: 3, id: 'Q2-8', tier: 'yellow', name: ' 寿县 康乐养老服务中心 ', status: 'pending', deadline: '2024-07-20' }),
    scored({ row: 4, id: 'Q1-3', tier: 'yellow', status: 'pending' }),
    scored({ row: 5, id: 'Q1-4', tier: 'red', status: 'pending', deadline: '2024-07-05' }),
    scored({ row: 6, id: 'Q1-6', tier: 'red', status: 'pending' }),
    scored({ row: 7, id: 'NEW', tier: 'orange', status: 'pending', deadline: '2024-06-01' }),
  ]
  const t = trackLeads(previous, current, options)

  it('matches by id, then credit code, then normalised name', () => {
    expect(byId(t, 'Q2-9')).toMatchObject({ matchedBy: 'credit-code', change: 'escalated' })
    expect(byId(t, 'Q2-8')).toMatchObject({ matchedBy: 'name', change: 'de-escalated' })
    expect(byId(t, 'Q1-4')).toMatchObject({ matchedBy: 'id', change: 'unchanged' })
    expect(byId(t, 'NEW')).toMatchObject({ matchedBy: null, change: 'new' })
  })

  it('resolves leads marked 已化解 by staff, and leads gone from the sweep', () => {
    expect(byId(t, 'Q1-3')).toMatchObject({ change: 'resolved', resolvedBy: 'staff' })
    expect(byId(t, 'Q1-5')).toMatchObject({ change: 'resolved', resolvedBy: 'gone', current: null })
    expect(t.gone.map((r) => r.id)).toEqual(['Q1-5'])
  })

  it('does not call an escalated lead resolved because it was marked 已化解, and says so', () => {
    const l = byId(t, 'Q1-6')
    expect(l.change).toBe('escalated')
    expect(l.notes.join()).toContain('已化解')
    expect(l.current!.status).toBe('resolved')
  })

  it('carries 状态, 备注 and 整改时限 forward from the previous ledger', () => {
    const l = byId(t, 'Q2-9')
    expect(l.current).toMatchObject({ status: 'in-progress', notes: '已立案调查', deadline: '2024-04-10' })
    expect(byId(t, 'Q1-3').current).toMatchObject({ status: 'resolved', notes: '已清退' })
  })

  it('flags overdue leads: deadline passed and not 已化解', () => {
    expect(t.leads.filter((l) => l.overdue).map((l) => (l.current ?? l.previous)!.id).sort()).toEqual(['NEW', 'Q1-4', 'Q2-9'])
    expect(t.counts).toEqual({ new: 1, escalated: 2, 'de-escalated': 1, unchanged: 1, resolved: 2, overdue: 3 })
  })

  it('keeps every previous lead: matched or listed as gone', () => {
    const seen = new Set(t.leads.map((l) => l.previous).filter((p) => p !== null))
    expect(seen.size).toBe(previous.length)
  })

  it('reports rows scored with another pack version, by row; an edit without a version bump is a warning', () => {
    const other = trackLeads(
      [{ ...previous[0]!, rulePack: 'default@0.9.0 (bbbbbbbbbbbb)' }, { ...previous[1]!, rulePack: null }, { ...previous[2]!, rulePack: 'default@1.0.0 (cccccccccccc)' }],
      [],
      options,
    )
    expect(other.packMismatches.map((i) => [i.line, i.file, i.severity])).toEqual([[2, 'q1.xlsx', 'error'], [3, 'q1.xlsx', 'error'], [4, 'q1.xlsx', 'warning']])
    expect(other.packMismatches[0]!.message).toContain('default@0.9.0')
  })

  it('reports rows that cannot be matched, and still lists them', () => {
    const blank = { ...emptyRecord(), row: 12, kind: 'rejected' as const }
    const r = trackLeads([blank], [], options)
    expect(r.unmatchable[0]).toMatchObject({ line: 12, file: 'q1.xlsx' })
    expect(r.leads[0]).toMatchObject({ change: 'resolved', resolvedBy: 'gone' })
  })

  it('never overwrites what staff typed (property)', () => {
    const arb = fc.array(
      fc.record({
        id: fc.constantFrom('A', 'B', 'C', 'D'),
        tier: fc.constantFrom('red' as const, 'yellow' as const, 'none' as const),
        status: fc.constantFrom('pending' as const, 'in-progress' as const, 'resolved' as const),
        notes: fc.string({ maxLength: 8 }),
        deadline: fc.option(fc.constantFrom('2024-01-01', '2024-12-31'), { nil: null }),
      }),
      { maxLength: 6 },
    )
    fc.assert(
      fc.property(arb, arb, (prev, cur) => {
        const p = prev.map((r, i) => scored({ ...r, row: i + 2 }))
        const c = cur.map((r, i) => scored({ ...r, row: i + 2, notes: '', status: 'pending', deadline: '2024-08-01' }))
        const r = trackLeads(p, c, options)
        for (const l of r.leads) {
          if (l.previous === null || l.current === null) continue
          expect(l.current.notes).toBe(l.previous.notes)
          expect(l.current.status).toBe(l.previous.status)
          expect(l.current.deadline).toBe(l.previous.deadline ?? '2024-08-01')
        }
        expect(r.leads.filter((l) => l.previous !== null).length).toBe(p.length)
        expect(r.records.length).toBe(c.length)
      }),
    )
  })
})

describe('formatRows', () => {
  it('writes runs as ranges', () => {
    expect(formatRows([7, 2, 3, 4, 9, 10])).toBe('2–4、7、9–10')
  })
})

describe('carryNotes (备注 across sweeps)', () => {
  it('keeps staff notes, takes the sheet notes when staff wrote none, and adds new sheet notes after them once', () => {
    expect(carryNotes('已立案调查', '')).toBe('已立案调查')
    expect(carryNotes('', 'APP下载页面截图已留存')).toBe('APP下载页面截图已留存')
    expect(carryNotes('APP下载页面截图已留存；已约谈', 'APP下载页面截图已留存')).toBe('APP下载页面截图已留存；已约谈')
    expect(carryNotes('已约谈', '已停业')).toBe('已约谈；已停业')
  })

  it('never loses what staff wrote and is idempotent over repeated sweeps', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (previous, current) => {
        const once = carryNotes(previous, current)
        expect(once.startsWith(previous)).toBe(true)
        expect(once.includes(current)).toBe(true)
        expect(carryNotes(once, current)).toBe(once)
      }),
    )
  })

  it('is what trackLeads carries into the new ledger', () => {
    const t = trackLeads(
      [scored({ row: 2, id: 'A', tier: 'yellow', notes: '已约谈' }), scored({ row: 3, id: 'B', tier: 'blue' })],
      [scored({ row: 2, id: 'A', tier: 'yellow', notes: '已停业' }), scored({ row: 3, id: 'B', tier: 'blue', notes: '群众反映已退款' })],
      options,
    )
    expect(t.records.map((r) => r.notes)).toEqual(['已约谈；已停业', '群众反映已退款'])
  })
})
