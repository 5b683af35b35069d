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

  it('keeps lines that go back or repeat, and ids longer than a storage chunk', () => {
    // Lines are stored as differences from the previous id's line; a JSON array puts several leads on one
    // line, and nothing stops a caller from passing lines out of order.
    const lines = fc.array(fc.tuple(fc.string({ unit: fc.constantFrom('7', '8', 'A', '村'), maxLength: 3 }), fc.nat(5_000_000)), {
      maxLength: 300,
    })
    fc.assert(
      fc.property(lines, (pairs) => {
        const registry = createIdRegistry()
        const model = new Map<string, number>()
        for (const [value, line] of pairs) {
          const expected = model.get(value)
          if (expected === undefined) model.set(value, line)
          expect(registry.remember(value, line)).toBe(expected)
        }
      }),
    )
    const registry = createIdRegistry()
    const long = '线'.repeat(100_000) // 300,000 bytes packed: more than one chunk
    expect(registry.remember('SQ-1', 2)).toBeUndefined()
    expect(registry.remember(long, 3)).toBeUndefined()
    expect(registry.remember(`${long}索`, 4)).toBeUndefined()
    expect(registry.remember('SQ-2', 5)).toBeUndefined()
    expect(registry.remember(long, 9)).toBe(3)
    expect(registry.remember(`${long}索`, 9)).toBe(4)
    expect(registry.remember('SQ-2', 9)).toBe(5)
    expect(registry.remember('SQ-1', 9)).toBe(2)
  })

  it('tells digit pairs from the same digits written apart', () => {
    // Two ASCII digits pack into one byte; the packing must stay exact around odd runs and other units.
    const registry = createIdRegistry()
    const ids = ['12', '1', '2', '123', '1-23', '12-3', '1\u00a02', '０１', '01', '10', '012', '0012', '']
    ids.forEach((value, line) => expect(registry.remember(value, line)).toBeUndefined())
    ids.forEach((value, line) => expect(registry.remember(value, 99)).toBe(line))
  })
})
