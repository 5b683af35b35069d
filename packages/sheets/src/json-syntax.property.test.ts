import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { lineColumnAt, locateJsonError } from './json-syntax'

const parses = (text: string): boolean => {
  try {
    JSON.parse(text)
    return true
  } catch {
    return false
  }
}

describe('locateJsonError', () => {
  it('agrees with JSON.parse on what is valid (property)', () => {
    fc.assert(
      fc.property(fc.json(), (text) => {
        expect(locateJsonError(text)).toBeNull()
      }),
    )
    // Damage valid JSON at a random place: the locator finds an error exactly when JSON.parse does.
    fc.assert(
      fc.property(fc.json(), fc.nat(), fc.constantFrom('', '}', ']', ',', ':', '"', 'x', ' ', '\n'), (text, at, insert) => {
        const cut = at % (text.length + 1)
        const damaged = text.slice(0, cut) + insert + text.slice(cut + 1)
        const error = locateJsonError(damaged)
        expect(error === null).toBe(parses(damaged))
        if (error) expect(error.offset).toBeLessThanOrEqual(damaged.length)
      }),
      { numRuns: 500 },
    )
  })

  it('points at the offending character', () => {
    expect(locateJsonError('{"a":}')).toMatchObject({ offset: 5 })
    expect(locateJsonError('{"a": tru}')).toMatchObject({ offset: 9 })
    expect(locateJsonError('{"a":1,}')).toMatchObject({ offset: 7 })
    expect(locateJsonError('{"a":1} x')?.message).toContain('多余内容')
    expect(lineColumnAt('ab\ncd\r\nef', 8)).toEqual({ line: 3, column: 2 })
  })
})
