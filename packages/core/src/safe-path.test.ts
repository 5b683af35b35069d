import { describe, expect, it } from 'vitest'
import { parseSimplePath, safePathResolver } from './safe-path'

describe('safePathResolver', () => {
  it('resolves simple dotted paths over own properties', () => {
    expect(safePathResolver({ a: { b: 3 } }, '$.a.b')).toBe(3)
    expect(safePathResolver({ a: { b: 3 } }, 'a.b')).toBe(3)
    expect(safePathResolver({ a: [5, 6] }, '$.a.1')).toBe(6)
  })

  it('never evaluates jsonpath filter expressions', () => {
    let touched = false
    const value = { get a() { touched = true; return 1 } }
    expect(safePathResolver(value, '$..[?(@.constructor.constructor("return process")())]')).toBeUndefined()
    expect(safePathResolver(value, '$[?(@.a)]')).toBeUndefined()
    expect(touched).toBe(false)
  })

  it('never walks a prototype', () => {
    expect(safePathResolver({}, '$.constructor')).toBeUndefined()
    expect(safePathResolver({}, '__proto__.polluted')).toBeUndefined()
    expect(safePathResolver({}, 'toString')).toBeUndefined()
    expect(parseSimplePath('a.prototype')).toBeUndefined()
  })
})
