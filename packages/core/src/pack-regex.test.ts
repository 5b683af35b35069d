import { describe, expect, it } from 'vitest'
import { compilePackRegex } from './pack-regex'
import { checkRegex, MAX_REGEX_PROGRAM } from './regex-safety'
import { createTextMatcher } from './text'

const matcher = createTextMatcher({ negations: ['未发现', '不存在'], weakNegations: ['未', '不'], negationExceptions: ['非法'], clauseBreaks: ['。', '，'] })
const matches = (pattern: string, text: string) => matcher.matchesRegex(matcher.analyse(text), compilePackRegex(pattern))

describe('pack regexes on RE2', () => {
  it('the default pack’s 标会 pattern keeps the meaning of its old lookbehind, negation included', () => {
    const pattern = '(?:^|[^招投开评竞])(标会)'
    expect(matches(pattern, '李某在村里组织“标会”，每月一标')).toBe(true)
    expect(matches(pattern, '标会每月一标')).toBe(true)
    expect(matches(pattern, '该公司参加县里的工程招标会')).toBe(false)
    for (const prefix of '招投开评竞') expect(matches(pattern, `参加${prefix}标会`)).toBe(false)
    // Negation is looked for from the capturing group, where the words are, not from the prefix.
    expect(matches(pattern, '经核实未发现标会')).toBe(false)
    expect(matches(pattern, '不标会')).toBe(false)
    expect(matches(pattern, '参加招标会后又组织标会')).toBe(true)
  })

  it('positions a match without a capturing group at its start', () => {
    expect(matches('月息\\d+分', '承诺月息2分')).toBe(true)
    expect(matches('月息\\d+分', '未发现月息2分')).toBe(false)
  })

  it('accepts JavaScript’s \\u escapes, as people copy them', () => {
    expect(compilePackRegex('[\\u4e00-\\u9fa5]+币').test('空气币')).toBe(true)
    expect(compilePackRegex('\\u{4e00}').test('一')).toBe(true)
    expect(compilePackRegex('\\\\u4e00').test('\\u4e00')).toBe(true)
  })

  it('refuses lookaround and back-references with what to write instead', () => {
    expect(checkRegex('(?<![招投])标会')).toEqual({ problem: 'regex-lookaround', detail: '(?<!' })
    expect(checkRegex('标会(?!员)')).toEqual({ problem: 'regex-lookaround', detail: '(?!' })
    expect(checkRegex('(ab)\\1')).toEqual({ problem: 'regex-backreference', detail: '\\1' })
    expect(checkRegex('(?<x>a)\\k<x>')).toEqual({ problem: 'regex-backreference', detail: '\\k<x>' })
    // Inside a class or escaped, these are plain characters.
    expect(checkRegex('[(?=]\\(\\?!')).toBeUndefined()
  })

  it('refuses a pattern whose expansion is too large, and RE2 syntax errors', () => {
    expect(checkRegex('(.{1,30}){1,30}y')).toEqual({ problem: 'regex-too-complex', detail: `1862 > ${MAX_REGEX_PROGRAM}` })
    expect(checkRegex('a{1001}')?.problem).toBe('regex-syntax')
    expect(checkRegex('((a{1,5}){1,5}){1,5}$')).toBeUndefined()
  })
})
