import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { findJsonSyntaxError, positionOf } from './json-syntax'

const parses = (text: string): boolean => {
  try {
    JSON.parse(text)
    return true
  } catch {
    return false
  }
}

describe('findJsonSyntaxError', () => {
  it('agrees with JSON.parse on what is valid (property)', () => {
    fc.assert(
      fc.property(fc.json(), (text) => {
        expect(findJsonSyntaxError(text)).toBeUndefined()
      }),
    )
    // Damage valid JSON at a random place: the locator finds an error exactly when JSON.parse does.
    fc.assert(
      fc.property(fc.json(), fc.nat(), fc.constantFrom('', '}', ']', ',', ':', '"', 'x', ' ', '\n'), (text, at, insert) => {
        const cut = at % (text.length + 1)
        const damaged = text.slice(0, cut) + insert + text.slice(cut + 1)
        const error = findJsonSyntaxError(damaged)
        expect(error === undefined).toBe(parses(damaged))
        if (error) expect(error.offset).toBeLessThanOrEqual(damaged.length)
      }),
      { numRuns: 500 },
    )
  })

  it('points at the offending character', () => {
    expect(findJsonSyntaxError('{"a":}')).toMatchObject({ offset: 5 })
    expect(findJsonSyntaxError('{"a": tru}')).toMatchObject({ offset: 9 })
    expect(findJsonSyntaxError('{"a":1,}')).toMatchObject({ offset: 7 })
    expect(findJsonSyntaxError('{"a":1} x')?.message).toContain('多余内容')
    expect(positionOf('ab\ncd\r\nef', 8)).toEqual({ line: 3, column: 2 })
  })

  it('counts a lone \\r as a line break, as editors do', () => {
    expect(positionOf('ab\rcd', 4)).toEqual({ line: 2, column: 2 })
    expect(findJsonSyntaxError('{\r  "a": 1,\r}')).toMatchObject({ line: 3, column: 1 })
  })
})
