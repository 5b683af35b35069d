import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { createPositioner, parseJsonSource } from './json-source'

/* Positions found by binary search over line starts are the positions a scan from the start gives. */

/** The oracle: count the newlines before the offset, as the scan did before round 17. */
const scanFromStart = (text: string, offset: number) => {
  let line = 1
  let lineStart = 0
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++
      lineStart = i + 1
    }
  }
  return { line, column: offset - lineStart + 1 }
}

describe('createPositioner', () => {
  it('gives the line and column a scan from the start gives, for any offset (past the end included)', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom('a', '\n', '\r', '规', ' '), { maxLength: 60 }), fc.array(fc.nat(70), { minLength: 1, maxLength: 10 }), (chars, offsets) => {
        const text = chars.join('')
        const position = createPositioner(text)
        for (const offset of offsets) expect(position(offset)).toEqual(scanFromStart(text, offset))
      }),
      { numRuns: 500 },
    )
  })

  it('locates pointers of a parsed file by their line and column', () => {
    const parsed = parseJsonSource('{\n  "rules": [\n    { "id": "a" },\n    { "id": "b" }\n  ]\n}\n')
    expect(parsed.ok).toBe(true)
    if (!parsed.ok) return
    expect(parsed.source.locate('/rules/1/id')).toEqual({ line: 4, column: 13 })
    expect(parsed.source.locate('/rules/1/missing')).toEqual({ line: 4, column: 5 })
  })
})
