import { describe, expect, it } from 'vitest'
import { readJsonLines } from './json-lines'
import { collect } from '../test/_helpers'

async function* text(...chunks: string[]) {
  yield* chunks
}

const lead = (id: string, extra: Record<string, unknown> = {}) =>
  JSON.stringify({ id, subject: { name: `主体${id}` }, ...extra })

describe('readJsonLines', () => {
  it('validates each line as a lead, with the line number, across chunk boundaries', async () => {
    const body = [lead('A'), '', lead('B', { people: { total: 420 } }), '   ', lead('C')].join('\r\n') + '\n'
    const events = await collect(readJsonLines(text(body.slice(0, 7), body.slice(7, 40), body.slice(40)), 'l.jsonl'))
    expect(events.map((e) => [e.kind, e.line])).toEqual([
      ['lead', 1],
      ['skipped', 2],
      ['lead', 3],
      ['skipped', 4],
      ['lead', 5],
    ])
    expect(events[2]).toMatchObject({ kind: 'lead', lead: { id: 'B', people: { total: 420 } } })
  })

  it('rejects a line that is not JSON with its line and column, and reads on', async () => {
    const events = await collect(readJsonLines(text(`${lead('A')}\n{"id": "B", "subject": }\n${lead('C')}`), 'l.jsonl'))
    expect(events.map((e) => e.kind)).toEqual(['lead', 'rejected', 'lead'])
    const rejected = events[1]!
    expect(rejected).toMatchObject({ kind: 'rejected', line: 2, id: null })
    if (rejected.kind !== 'rejected') throw new Error('unreachable')
    expect(rejected.errors[0]!.code).toBe('invalid-json')
    expect(rejected.errors[0]!.message).toContain('l.jsonl:2:24')
    expect(rejected.errors[0]!.message).toContain('第2行第24列')
  })

  it('warns about unknown keys without merging them, and names invalid fields in Chinese', async () => {
    const events = await collect(
      readJsonLines(
        text(
          [
            lead('A', { people: { totl: 3 }, color: 'red', __proto__x: 1 }),
            lead('B', { people: { total: -1 }, sector: '养殖', reportedAt: '3月5日' }),
          ].join('\n'),
        ),
        'l.jsonl',
      ),
    )
    const [a, b] = events
    expect(a).toMatchObject({ kind: 'lead', lead: { id: 'A' } })
    if (a?.kind !== 'lead' || b?.kind !== 'rejected') throw new Error('unexpected kinds')
    expect(a.warnings.map((w) => [w.field, w.code])).toEqual([
      ['people.totl', 'unknown-field'],
      ['color', 'unknown-field'],
      ['__proto__x', 'unknown-field'],
    ])
    expect(a.lead).not.toHaveProperty('color')
    expect(a.lead.people).toEqual({})
    expect(b.errors.map((e) => e.field).sort()).toEqual(['people.total', 'reportedAt', 'sector'])
    expect(b.errors.find((e) => e.field === 'people.total')!.message).toContain('不能小于0')
    expect(b.errors.find((e) => e.field === 'sector')!.message).toContain('取值无效')
  })

  it('rejects missing ids and names, duplicates and non-objects with their own codes', async () => {
    const events = await collect(
      readJsonLines(
        text([lead('A'), JSON.stringify({ subject: { name: '无编号' } }), JSON.stringify({ id: 'X', subject: {} }), lead('A'), '[1,2]', '"x"'].join('\n')),
        'l.jsonl',
      ),
    )
    const codes = events.map((e) => (e.kind === 'rejected' ? e.errors.map((x) => x.code).join('+') : e.kind))
    expect(codes).toEqual(['lead', 'missing-id', 'missing-name', 'duplicate-id', 'not-an-object', 'not-an-object'])
    expect(events[3]).toMatchObject({ kind: 'rejected', id: 'A', line: 4 })
  })

  it('does not let a __proto__ key reach the lead or Object.prototype', async () => {
    const events = await collect(readJsonLines(text('{"id":"P","subject":{"name":"x"},"__proto__":{"polluted":true}}'), 'l.jsonl'))
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
    expect(events[0]).toMatchObject({ kind: 'lead' })
    if (events[0]!.kind === 'lead') expect(Object.getPrototypeOf(events[0]!.lead)).toBe(Object.prototype)
  })
})
