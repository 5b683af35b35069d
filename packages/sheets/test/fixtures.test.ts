import { readFileSync } from 'node:fs'
import { LeadSchema } from '@chufei/core'
import type { Lead } from '@chufei/core'
import { describe, expect, it } from 'vitest'
import { readRawRows } from '../src/read-sheet-raw'
import type { SheetEvent } from '../src/types'
import { collect, fixture, prune, readAll } from './_helpers'

/*
 * The bundled fixtures (fixtures/sheets, made by scripts/make-sheet-fixtures.mjs): one sweep of
 * Shuangqiao town in four encodings must read as exactly the leads of sweep-2024q1.jsonl.
 */

const leadsOf = (events: SheetEvent[]) => events.flatMap((e) => (e.kind === 'lead' ? [e] : []))
const truth = readFileSync(fixture('sweep-2024q1.jsonl'), 'utf8')
  .trim()
  .split('\n')
  .map((line) => LeadSchema.parse(JSON.parse(line)))

const SWEEPS = [
  ['sweep-2024q1.csv', { format: 'csv', encoding: 'utf-8', line: 1 }],
  ['sweep-2024q1-gbk.csv', { format: 'csv', encoding: 'gb18030', line: 2 }],
  ['sweep-2024q1.xlsx', { format: 'xlsx', sheet: '2024年一季度排查', line: 3 }],
  ['sweep-2024q1-utf16.txt', { format: 'csv', encoding: 'utf-16le', line: 1 }],
] as const

describe('the Shuangqiao 2024 Q1 sweep', () => {
  it('is a realistic sweep: 60+ rows over several villages, mostly clean, some high-risk', () => {
    expect(truth.length).toBeGreaterThanOrEqual(60)
    expect(new Set(truth.map((l) => l.region?.name)).size).toBeGreaterThanOrEqual(6)
    const big = truth.filter((l) => (l.money?.raised ?? 0) >= 1_000_000)
    expect(big.length).toBeGreaterThanOrEqual(4)
    expect(big.length).toBeLessThan(truth.length / 5)
    expect(truth.some((l) => l.text?.description?.includes('未发现吸收资金行为'))).toBe(true)
  })

  it.each(SWEEPS)('%s: detected right and read as exactly the ground-truth leads', async (name, expected) => {
    const events = await readAll(fixture(name))
    const header = events[0]!
    expect(header).toMatchObject({ kind: 'header', ...expected })
    if (header.kind !== 'header') throw new Error('unreachable')
    expect(header.columns.filter((c) => c.field !== null)).toHaveLength(32)
    expect(header.unknownColumns).toEqual([])
    expect(events.filter((e) => e.kind === 'rejected')).toEqual([])
    const leads = leadsOf(events).map((e) => prune(e.lead) as Lead)
    expect(leads).toEqual(truth)
  })

  it('the four encodings differ only in line numbers and in warnings about how values were typed', async () => {
    const lines = await Promise.all(SWEEPS.map(async ([name]) => leadsOf(await readAll(fixture(name))).map((e) => e.line)))
    // CSV: a record starts below the header plus every line break inside earlier quoted cells.
    const breaks = (l: Lead) => JSON.stringify(l).split('\\n').length - 1
    let next = 2
    const csvLines = truth.map((l) => {
      const at = next
      next += 1 + breaks(l)
      return at
    })
    expect(lines[0]).toEqual(csvLines)
    expect(lines[1]).toEqual(csvLines.map((n) => n + 1)) // one title row above the header
    expect(lines[2]).toEqual(truth.map((_, i) => i + 4)) // XLSX: two merged title rows, one row per record
    expect(lines[3]).toEqual(lines[0])
  })

  it('keeps a GB18030 four-byte character (𪚥) through every encoding', async () => {
    for (const [name] of SWEEPS) {
      const leads = leadsOf(await readAll(fixture(name)))
      expect(leads.some((e) => e.lead.notes?.includes('𪚥'))).toBe(true)
    }
  })

  it('skips the title rows silently and counts the blank and footer rows', async () => {
    const gbk = await readAll(fixture('sweep-2024q1-gbk.csv'))
    expect(gbk.filter((e) => e.kind === 'skipped').map((e) => e.kind === 'skipped' && e.reason)).toEqual(['blank', 'footer'])
    const xlsx = await readAll(fixture('sweep-2024q1.xlsx'))
    // The empty row above the footer is not stored in the workbook, so only the footer is an event.
    expect(xlsx.filter((e) => e.kind === 'skipped').map((e) => e.kind === 'skipped' && e.reason)).toEqual(['footer'])
    expect(gbk[0]!.kind).toBe('header')
    expect(xlsx[0]!.kind).toBe('header')
  })
})

describe('messy.csv', () => {
  const events = readAll(fixture('messy.csv'))
  const byId = async (id: string) => {
    const found = (await events).find((e) => e.kind === 'lead' && e.lead.id === id)
    if (!found || found.kind !== 'lead') throw new Error(`no lead ${id}`)
    return found
  }

  it('loses nothing: every row under the header is a lead, a rejection or a skip', async () => {
    const all = await events
    const header = all[0]!
    const raw = await collect(readRawRows(fixture('messy.csv')))
    const dataRows = raw.filter((r) => r.line > header.line)
    const rest = all.slice(1)
    expect(rest).toHaveLength(dataRows.length)
    expect(rest.map((e) => e.line)).toEqual(dataRows.map((r) => r.line))
    const count = (kind: string) => rest.filter((e) => e.kind === kind).length
    expect(count('lead') + count('rejected') + count('skipped')).toBe(dataRows.length)
    expect(count('rejected')).toBe(3)
    expect(count('skipped')).toBe(3)
  })

  it('reports the unknown column once, and rejects each bad row with its reason and line', async () => {
    const all = await events
    expect(all[0]).toMatchObject({ kind: 'header', line: 3, unknownColumns: ['联系电话'] })
    const rejected = all.flatMap((e) => (e.kind === 'rejected' ? [[e.line, e.id, e.errors.map((x) => x.code)]] : []))
    expect(rejected).toEqual([
      [47, null, ['missing-id']],
      [48, 'M-043', ['missing-name']],
      [49, 'M-001', ['duplicate-id']],
    ])
  })

  it('reads every value form of docs/spec.md §2', async () => {
    const value = async (id: string) => (await byId(id)).lead
    expect((await value('M-001')).people?.total).toBe(1200)
    expect((await value('M-002')).people?.total).toBe(1200)
    expect((await value('M-007')).people).toEqual({ total: 1200, elderly: 300 })
    expect((await value('M-006')).attention?.onlinePosts).toBe(12000)
    expect((await value('M-008')).money?.raised).toBe(1_200_000)
    expect((await value('M-011')).money).toEqual({ raised: 1_200_000, outstanding: 1_200_000 })
    expect((await value('M-012')).money).toEqual({ raised: 120_000_000, outstanding: 3_000_000 })
    const returns = { 'M-013': 0.18, 'M-014': 0.18, 'M-015': 0.18, 'M-016': 0.24, 'M-017': 0.18, 'M-018': 0.18, 'M-019': 0.1, 'M-020': 0.096, 'M-021': 1.095, 'M-022': 0.36, 'M-023': 3.65 }
    for (const [id, r] of Object.entries(returns)) expect((await value(id)).money?.promisedReturn, id).toBeCloseTo(r, 10)
    for (const id of ['M-024', 'M-025', 'M-026', 'M-027', 'M-028', 'M-029', 'M-030'])
      expect((await value(id)).stability, id).toEqual({ overdue: true, controllerMissing: false })
    for (const id of ['M-031', 'M-032', 'M-033', 'M-034', 'M-035']) expect((await value(id)).reportedAt, id).toBe('2024-03-05')
    const range = await byId('M-009')
    expect(range.lead.people?.total).toBe(100)
    expect(range.warnings.map((w) => w.code)).toEqual(['range-lower-bound', 'range-lower-bound'])
    const unknown = await byId('M-010')
    expect(unknown.lead.people).toBeUndefined()
    expect(unknown.warnings).toEqual([])
    const unreadable = await byId('M-039')
    expect(unreadable.warnings.map((w) => w.field).sort()).toEqual(['money.promisedReturn', 'people.total', 'reportedAt', 'subject.kind'])
    expect((await byId('M-038')).warnings.map((w) => w.code)).toEqual(['invalid-credit-code'])
    expect((await byId('M-040')).line).toBe(43)
    expect((await byId('M-041')).line).toBe(46) // after the three-line description
    expect((await value('M-047')).subject.name).toBe('生僻字𪚥（四字节字符）')
  })
})
