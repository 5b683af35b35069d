import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { createIdRegistry } from './id-registry'

describe('createIdRegistry', () => {
  it('answers exactly as a Map of id → first line would, for any ids', () => {
    // Short ids over a small alphabet repeat often; full Unicode (lone surrogates too) checks the packing.
    const id = fc.oneof(
      fc.string({ unit: fc.constantFrom('A', 'B', '1', '-', '双', '桥', '\u0080', '\u07ff', '\uffff'), maxLength: 4 }),
      fc.string({ unit: 'binary', maxLength: 12 }),
    )
    fc.assert(
      fc.property(fc.array(id, { maxLength: 400 }), (ids) => {
        const registry = createIdRegistry()
        const model = new Map<string, number>()
        ids.forEach((value, line) => {
          const expected = model.get(value)
          if (expected === undefined) model.set(value, line)
          expect(registry.remember(value, line)).toBe(expected)
        })
        expect(registry.size).toBe(model.size)
      }),
    )
  })

  it('keeps many distinct ids apart and finds every repeat with its first line', () => {
    const registry = createIdRegistry()
    let fresh = 0
    for (let i = 0; i < 300_000; i++) if (registry.remember(`SQ-${i}`, i + 2) === undefined) fresh++
    expect(fresh).toBe(300_000)
    for (let i = 0; i < 300_000; i += 997) expect(registry.remember(`SQ-${i}`, 0)).toBe(i + 2)
    // Strings that differ only above the ASCII range, or by a unit split across the packed bytes.
    expect(registry.remember('线索\u0100', 1)).toBeUndefined()
    expect(registry.remember('线索\u0101', 2)).toBeUndefined()
    expect(registry.remember('线索\u0100', 3)).toBe(1)
    expect(registry.size).toBe(300_002)
  })
})
