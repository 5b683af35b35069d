import { describe, expect, it } from 'vitest'
import { readJsonArray } from './json-array'
import { chufeiErrorOf, collect } from '../test/_helpers'

async function* chunks(body: string, size: number) {
  for (let i = 0; i < body.length; i += size) yield body.slice(i, i + size)
}

const leads = [
  { id: 'A', subject: { name: '甲, "合作社" ]' }, text: { description: '含[括号]和{花括号}的描述\n第二行' } },
  { id: 'B', subject: { name: '乙' }, people: { total: 3 } },
  { id: 'C', subject: { name: '丙' } },
]

describe('readJsonArray', () => {
  it('streams elements whatever the chunking, with their 1-based index as line', async () => {
    const body = '\ufeff  ' + JSON.stringify(leads, null, 2) + '\n'
    for (const size of [1, 2, 5, 1000]) {
      const events = await collect(readJsonArray(chunks(body, size), 'a.json'))
      expect(events.map((e) => [e.kind, e.line])).toEqual([
        ['lead', 1],
        ['lead', 2],
        ['lead', 3],
      ])
      expect(events[0]).toMatchObject({ lead: leads[0] })
    }
  })

  it('reads an empty array as no events', async () => {
    expect(await collect(readJsonArray(chunks('[ \n ]', 1), 'a.json'))).toEqual([])
  })

  it.each([
    ['{"id":"A"}', 'not-json-array', 1, 1],
    ['[{"id":"A","subject":{"name":"x"}},\n  {"id": "B", "subject": }]', 'invalid-json', 2, 26],
    ['[{"id":"A","subject":{"name":"x"}},]', 'empty-element', 1, 36],
    ['[{"id":"A","subject":{"name":"x"}}', 'unterminated-array', 1, 34],
    ['[{"id":"A","subject":{"name":"x"}}] x', 'trailing-content', 1, 37],
    ['', 'empty-file', 1, 0],
  ])('makes %j UNREADABLE_INPUT (%s) at line %i, column %i', async (body, code, line, column) => {
    const error = await chufeiErrorOf(collect(readJsonArray(chunks(body, 3), 'a.json')))
    expect(error.code).toBe('UNREADABLE_INPUT')
    expect(error.issues[0]).toMatchObject({ code, file: 'a.json', line, column })
  })
})
