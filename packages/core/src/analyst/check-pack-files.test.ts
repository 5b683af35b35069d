import { describe, expect, it } from 'vitest'
import { FIXTURE_RULES, fixtureFiles } from './_fixture-pack'
import { checkRulePackFiles, formatPackReport } from './check-pack-files'
import { findJsonSyntaxError } from '../json-syntax'

describe('findJsonSyntaxError', () => {
  it('finds the real line and column where JSON.parse gives no position', () => {
    expect(findJsonSyntaxError('{\n  "a": [1, 2,]\n}')).toMatchObject({ line: 2, column: 14 })
    expect(findJsonSyntaxError('{\n  "a": 1,\n}')).toMatchObject({ line: 3, column: 1 })
    expect(findJsonSyntaxError('{ "a": 1 "b": 2 }')).toMatchObject({ line: 1, column: 10 })
    expect(findJsonSyntaxError('{ "a": "x\ny" }')).toMatchObject({ line: 1, column: 10 })
    expect(findJsonSyntaxError('\uFEFF{ "a": [true, false, null, -1.5e3, "\\u00e9"] }')).toBeUndefined()
    expect(findJsonSyntaxError('[1] x')!.message).toContain('多余内容')
  })
})

describe('checkRulePackFiles', () => {
  it('reports every problem at once, sorted by file and line, with a summary', () => {
    const rules = structuredClone(FIXTURE_RULES) as { rules: Record<string, unknown>[] }
    rules.rules[0] = { ...rules.rules[0], conditions: { all: [{ fact: 'people.totl', operator: 'greaterThanInclusive', value: 30 }] } }
    rules.rules[1] = { ...rules.rules[1], conditions: { all: [{ fact: 'people.total', operator: 'atLeast', value: 150 }] } }
    rules.rules[2] = { ...rules.rules[2], id: 'scale-30' }
    const files = fixtureFiles({
      'rules.json': rules,
      'broken.json': '{\n  "rules": [\n    { "id": "x", },\n  ]\n}',
      'tests/cases.json': { cases: [{ name: 'x', lead: {}, expect: { tier: 'purple' } }] },
    })
    const report = checkRulePackFiles(files)
    expect(report.valid).toBe(false)
    expect(report.issues.map((i) => [i.file, i.code, i.pointer])).toEqual([
      ['broken.json', 'json-syntax', ''],
      ['rules.json', 'unknown-fact', '/rules/0/conditions/all/0/fact'],
      ['rules.json', 'unknown-operator', '/rules/1/conditions/all/0/operator'],
      ['rules.json', 'duplicate-rule-id', '/rules/2/id'],
      ['tests/cases.json', 'invalid-value', '/cases/0/expect/tier'],
    ])
    expect(report.issues[0]).toMatchObject({ line: 3, column: 18 })
    const text = formatPackReport(report)
    expect(text).toContain('未知的事实“people.totl”，是否应为“people.total”？')
    expect(text).toMatch(/^rules\.json:\d+:\d+ {2}\/rules\/0\/conditions\/all\/0\/fact {2}错误: /m)
    expect(text.trim().split('\n').at(-1)).toBe('规则包：无效，5 个错误，0 个警告')
    expect(formatPackReport(report, 'en')).toContain('unknown fact "people.totl"; did you mean "people.total"?')
  })

  it('is valid with warnings only', () => {
    const rules = structuredClone(FIXTURE_RULES) as { rules: Record<string, unknown>[] }
    rules.rules.push({ id: 'pattern-new', name: '新模式', conditions: { any: [{ fact: 'text.all', operator: 'mentionsAny', value: ['养老公寓'] }] }, event: { type: 'pattern', params: { pattern: 'pension-apartment' } } })
    const report = checkRulePackFiles(fixtureFiles({ 'rules.json': rules }))
    expect(report.valid).toBe(true)
    expect(report.issues.map((i) => [i.code, i.severity])).toEqual([['unknown-pattern', 'warning']])
    expect(formatPackReport(report, 'zh', 'rules').trim().split('\n').at(-1)).toBe('规则包 rules：有效，0 个错误，1 个警告')
  })
})
