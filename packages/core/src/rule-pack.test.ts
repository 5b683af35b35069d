import { describe, expect, it } from 'vitest'
import { ChufeiError } from './errors'
import { parseRulePack, safeParseRulePack, validateRulePack } from './rule-pack'
import { PACK_JSON, RULES_JSON, unitPackFiles } from '../test/_pack'

const clone = <T>(v: T): T => structuredClone(v)

describe('parseRulePack', () => {
  it('loads a valid pack with name, version and a sha256 content hash', () => {
    const pack = parseRulePack(unitPackFiles())
    expect(pack.name).toBe('unit')
    expect(pack.version).toBe('1.0.0')
    expect(pack.hash).toMatch(/^sha256:[0-9a-f]{64}$/)
    expect(pack.rules.map((r) => r.id)).toContain('scale-150')
    expect(pack.conditions['money-taken']).toBeDefined()
  })

  it('refuses a pack with five different problems and reports all five with file, pointer and line', () => {
    const rules = clone(RULES_JSON) as { rules: Record<string, unknown>[] }
    rules.rules.push(
      { id: 'typo-fact', name: '拼错事实', conditions: { all: [{ fact: 'people.totl', operator: 'greaterThan', value: 1 }] }, event: { type: 'score', params: { dimension: 'scale', points: 1 } } },
      { id: 'typo-op', name: '拼错运算符', conditions: { all: [{ fact: 'people.total', operator: 'greaterThen', value: 1 }] }, event: { type: 'score', params: { dimension: 'scale', points: 1 } } },
      { id: 'scale-150', name: '重复编号', conditions: { all: [{ fact: 'people.total', operator: 'greaterThan', value: 1 }] }, event: { type: 'score', params: { dimension: 'scale', points: 1 } } },
      { id: 'lookbehind', name: '后顾断言', conditions: { all: [{ fact: 'text.all', operator: 'matchesRegex', value: '(?<!招)标会' }] }, event: { type: 'pattern', params: { pattern: 'rebate' } } },
    )
    const files = { ...unitPackFiles(rules), 'broken.json': '{ "rules": [ { "id": "x", } ] }' }
    const result = safeParseRulePack(files)
    expect(result.success).toBe(false)
    if (result.success) return
    expect(result.error).toBeInstanceOf(ChufeiError)
    expect(result.error.code).toBe('INVALID_RULE_PACK')
    const byCode = Object.fromEntries(result.error.issues.map((i) => [i.code, i]))
    expect(byCode['json-syntax']).toMatchObject({ file: 'broken.json', line: 1 })
    expect(byCode['unknown-fact']).toMatchObject({ file: 'rules.json', pointer: '/rules/9/conditions/all/0/fact' })
    expect(byCode['unknown-fact']!.message).toContain('people.total')
    expect(byCode['unknown-operator']).toMatchObject({ file: 'rules.json', pointer: '/rules/10/conditions/all/0/operator' })
    expect(byCode['unknown-operator']!.message).toContain('greaterThan')
    expect(byCode['duplicate-rule-id']).toMatchObject({ file: 'rules.json', pointer: '/rules/11/id' })
    expect(byCode['regex-lookaround']).toMatchObject({ file: 'rules.json', pointer: '/rules/12/conditions/all/0/value' })
    for (const issue of result.error.issues) {
      expect(issue.line).toBeGreaterThan(0)
      expect(issue.message).toMatch(/[一-龥]/)
      expect(issue.messageEn).toMatch(/[a-z]/)
    }
  })

  it('reports the real line and column of a JSON syntax error', () => {
    const report = validateRulePack({ ...unitPackFiles(), 'rules.json': '{\n  "rules": [\n    { "id": "a" \n  ]\n}' })
    const issue = report.issues.find((i) => i.code === 'json-syntax')
    expect(report.valid).toBe(false)
    expect(issue).toMatchObject({ file: 'rules.json', line: 4, column: 3 })
  })

  it('locates a trailing comma, which JSON.parse gives no position for', () => {
    const report = validateRulePack({ ...unitPackFiles(), 'rules.json': '{\n  "rules": [\n    { "id": "a", }\n  ]\n}' })
    const issue = report.issues.find((i) => i.code === 'json-syntax')
    expect(issue).toMatchObject({ file: 'rules.json', line: 3, column: 18 })
    expect(issue!.messageEn).toMatch(/^JSON syntax error: expected/)
  })

  it('points zod problems at the offending value, with a Chinese reason', () => {
    const pack = { ...clone(PACK_JSON), tiers: { red: 10, orange: 55, yellow: 35, blue: 15 }, weights: { scale: 'heavy', exposure: 1, attention: 1, stability: 1 } }
    const report = validateRulePack(unitPackFiles(RULES_JSON, pack))
    expect(report.issues.map((i) => [i.code, i.pointer])).toEqual(expect.arrayContaining([['invalid-type', '/weights/scale']]))
    const fixedWeights = validateRulePack(unitPackFiles(RULES_JSON, { ...pack, weights: PACK_JSON.weights }))
    expect(fixedWeights.issues.map((i) => i.code)).toContain('tier-order')
  })

  it('rejects unsafe paths, unknown enum values and wrong operand types', () => {
    const rules = clone(RULES_JSON) as { rules: Record<string, unknown>[] }
    rules.rules = [
      { id: 'p', name: 'p', conditions: { all: [{ fact: 'people.total', operator: 'greaterThan', value: 1, path: '$..[?(@.x)]' }] }, event: { type: 'score', params: { dimension: 'scale', points: 1 } } },
      { id: 'e', name: 'e', conditions: { all: [{ fact: 'sector', operator: 'equal', value: 'agricultur' }] }, event: { type: 'score', params: { dimension: 'scale', points: 1 } } },
      { id: 'v', name: 'v', conditions: { all: [{ fact: 'people.total', operator: 'greaterThan', value: '150' }] }, event: { type: 'score', params: { dimension: 'scale', points: 1 } } },
      { id: 'm', name: 'm', conditions: { all: [{ fact: 'text.all', operator: 'greaterThan', value: 1 }] }, event: { type: 'score', params: { dimension: 'scale', points: 1 } } },
    ]
    const codes = validateRulePack(unitPackFiles(rules)).issues.map((i) => `${i.code}@${i.pointer}`)
    expect(codes).toEqual(
      expect.arrayContaining([
        'unsafe-path@/rules/0/conditions/all/0/path',
        'unknown-enum-value@/rules/1/conditions/all/0/value',
        'invalid-operand@/rules/2/conditions/all/0/value',
        'operator-fact-mismatch@/rules/3/conditions/all/0/operator',
      ]),
    )
  })

  it('refuses regex literals that normalised text can never contain (upper case, full width, spaces), not escapes', () => {
    const rules = clone(RULES_JSON) as { rules: Record<string, unknown>[] }
    const regexRule = (id: string, value: string) => ({ id, name: id, conditions: { all: [{ fact: 'text.all', operator: 'matchesRegex', value }] }, event: { type: 'pattern', params: { pattern: 'rebate' } } })
    rules.rules = [regexRule('upper', 'P2P平台'), regexRule('wide', '\\d+％'), regexRule('space', '保 本'), regexRule('fine', '\\D\\p{Lu}p2p\\s?\\u{4e00}')]
    const issues = validateRulePack(unitPackFiles(rules)).issues.filter((i) => i.code === 'regex-not-normalised')
    expect(issues.map((i) => i.pointer)).toEqual(['/rules/0/conditions/all/0/value', '/rules/1/conditions/all/0/value', '/rules/2/conditions/all/0/value'])
    expect(issues[0]!.message).toContain('“p”')
  })

  it('finds undefined and circular shared conditions', () => {
    const rules = { ...clone(RULES_JSON), conditions: { a: { all: [{ condition: 'b' }] }, b: { any: [{ condition: 'a' }] } } }
    const codes = validateRulePack(unitPackFiles(rules)).issues.map((i) => i.code)
    expect(codes).toContain('unknown-condition') // money-taken is gone
    expect(codes).toContain('circular-condition')
  })

  it('refuses a shared condition that is a bare fact condition, as json-rules-engine setCondition does, in Chinese at its pointer', () => {
    // json-rules-engine 7.3.1 Engine#setCondition throws unless the root has all, any, not or condition.
    const rules = { ...clone(RULES_JSON), conditions: { 'money-taken': { fact: 'derived.moneyTaken', operator: 'equal', value: true } } }
    const result = safeParseRulePack(unitPackFiles(rules))
    expect(result.success).toBe(false)
    if (result.success) return
    expect(result.error.code).toBe('INVALID_RULE_PACK')
    const issue = result.error.issues.find((i) => i.code === 'invalid-condition')
    expect(issue).toMatchObject({ file: 'rules.json', pointer: '/conditions/money-taken', severity: 'error' })
    expect(issue!.line).toBeGreaterThan(0)
    expect(issue!.message).toContain('共享条件')
    expect(result.error.issues.filter((i) => i.severity === 'error')).toHaveLength(1)
  })

  it('names a fact, operator, path or reference that is an object with its own toString as JSON, without throwing', () => {
    // `String({ "toString": 1 })` throws a TypeError; such a pack is valid JSON and must get an issue, not a crash.
    const hostile = { toString: 1 }
    const rules = clone(RULES_JSON) as { rules: Record<string, unknown>[] }
    rules.rules = [
      { id: 'f', name: 'f', conditions: { all: [{ fact: hostile, operator: 'equal', value: 1 }] }, event: { type: 'score', params: { dimension: 'scale', points: 1 } } },
      { id: 'o', name: 'o', conditions: { all: [{ fact: 'people.total', operator: hostile, value: 1, path: hostile }] }, event: { type: 'score', params: { dimension: 'scale', points: 1 } } },
      { id: 'r', name: 'r', conditions: { all: [{ condition: hostile }, { fact: 'people.total', operator: 'equal', value: { fact: hostile } }] }, event: { type: 'score', params: { dimension: 'scale', points: 1 } } },
    ]
    const result = safeParseRulePack(unitPackFiles(rules))
    expect(result.success).toBe(false)
    if (result.success) return
    const found = result.error.issues.map((i) => `${i.code}@${i.pointer}`)
    expect(found).toEqual(
      expect.arrayContaining([
        'unknown-fact@/rules/0/conditions/all/0/fact',
        'unknown-operator@/rules/1/conditions/all/0/operator',
        'unsafe-path@/rules/1/conditions/all/0/path',
        'unknown-condition@/rules/2/conditions/all/0/condition',
        'unknown-fact@/rules/2/conditions/all/1/value/fact',
      ]),
    )
    expect(result.error.issues.find((i) => i.code === 'unknown-fact')!.message).toContain('{"toString":1}')
  })

  it('refuses a condition name that is not text, at its pointer, instead of throwing a ZodError', () => {
    const rules = clone(RULES_JSON) as { conditions: Record<string, Record<string, unknown>>; rules: { conditions: { all: Record<string, unknown>[] } }[] }
    rules.conditions['money-taken']!.name = 5
    rules.rules[0]!.conditions.all[0]!.name = ['人数']
    const result = safeParseRulePack(unitPackFiles(rules))
    expect(result.success).toBe(false)
    if (result.success) return
    expect(result.error.issues.map((i) => `${i.code}@${i.pointer}`)).toEqual(['invalid-type@/conditions/money-taken/name', 'invalid-type@/rules/0/conditions/all/0/name'])
  })

  it('refuses a shared condition named __proto__, which a plain object would silently drop', () => {
    const text = JSON.stringify(RULES_JSON).replace('"conditions":{', '"conditions":{"__proto__":{"all":[{"fact":"people.totl","operator":"greaterThan","value":1}]},')
    const result = safeParseRulePack({ ...unitPackFiles(), 'rules.json': text })
    expect(result.success).toBe(false)
    if (result.success) return
    expect(result.error.issues.find((i) => i.code === 'reserved-condition-name')).toMatchObject({ file: 'rules.json', pointer: '/conditions/__proto__', line: 1 })
  })

  it('warns about a pattern outside the vocabulary but still loads', () => {
    const rules = clone(RULES_JSON) as { rules: Record<string, unknown>[] }
    rules.rules.push({ id: 'new-pattern', name: '新模式', conditions: { all: [{ fact: 'people.total', operator: 'greaterThan', value: 1 }] }, event: { type: 'pattern', params: { pattern: 'brand-new' } } })
    const pack = parseRulePack(unitPackFiles(rules))
    expect(pack.warnings.map((w) => w.code)).toEqual(['unknown-pattern'])
  })

  it('hash ignores formatting, key order and file order, and changes with content', () => {
    const a = parseRulePack(unitPackFiles())
    const reordered = parseRulePack({ 'rules.json': JSON.stringify(RULES_JSON), 'pack.json': JSON.stringify(PACK_JSON) })
    expect(reordered.hash).toBe(a.hash)
    const changed = clone(RULES_JSON)
    ;((changed.rules[0]!.conditions as { all: { value: number }[] }).all[0]!).value = 151
    expect(parseRulePack(unitPackFiles(changed)).hash).not.toBe(a.hash)
  })

  it('skips disabled rules', () => {
    const rules = clone(RULES_JSON) as { rules: Record<string, unknown>[] }
    rules.rules[0]!.enabled = false
    expect(parseRulePack(unitPackFiles(rules)).rules.map((r) => r.id)).not.toContain('scale-150')
  })
})
