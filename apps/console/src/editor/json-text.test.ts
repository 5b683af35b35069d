import { describe, expect, it } from 'vitest'
import { offsetOf, rangeOfPointer, spliceValue, valueEnd } from './json-text'

const FILE = `{
  "description": "x",
  "rules": [
    { "id": "a", "value": [1, "]", {"b": 2}] },
    {
      "id": "b",
      "points": 20
    }
  ]
}
`

describe('JSON text positions', () => {
  it('finds offsets of lines and columns', () => {
    expect(offsetOf('ab\ncd', 2, 2)).toBe(4)
    expect(offsetOf('ab', 9, 1)).toBe(2)
  })

  it('finds where a value ends: strings with escapes, nested brackets, numbers', () => {
    expect(valueEnd('"a\\"b", 1', 0)).toBe(6)
    expect(valueEnd('[1, "]", {"b": [2]}] ,', 0)).toBe(20)
    expect(valueEnd('123, 4', 0)).toBe(3)
  })

  it('gives the range of the value at a pointer', () => {
    const range = rangeOfPointer(FILE, '/rules/1/points')!
    expect(FILE.slice(range.from, range.to)).toBe('20')
    expect(FILE.slice(rangeOfPointer(FILE, '/rules/0/value')!.from, rangeOfPointer(FILE, '/rules/0/value')!.to)).toBe('[1, "]", {"b": 2}]')
    expect(rangeOfPointer('{', '/a')).toBeUndefined()
  })

  it('puts a new value in place, indented, leaving the rest of the file as it was', () => {
    const out = spliceValue(FILE, '/rules/1', '{\n  "id": "b",\n  "points": 30\n}')
    expect(out).toBe(FILE.replace('{\n      "id": "b",\n      "points": 20\n    }', '{\n      "id": "b",\n      "points": 30\n    }'))
    expect(JSON.parse(out).rules[1].points).toBe(30)
    expect(() => spliceValue(FILE, '/rules/5', '1')).toThrow(/no value/)
  })
})
