import { readFile, readdir } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { FACT_NAMES } from '../facts'
import { OPERATOR_NAMES } from '../operators'
import { FIXTURE_PACK, FIXTURE_RULES } from './_fixture-pack'
import { checkJsonSchema } from './_json-schema-check'
import { createRulePackJsonSchema, renderRulePackJsonSchema } from './editor-schema'

const RULES_DIR = fileURLToPath(new URL('../../../../rules/', import.meta.url))
const schema = createRulePackJsonSchema()
const defs = schema.definitions as Record<string, Record<string, unknown>>

describe('rules/schema.json', () => {
  it('is in sync with the zod schemas (regenerate: npx tsx scripts/generate-rule-schema.mts)', async () => {
    const onDisk = await readFile(`${RULES_DIR}schema.json`, 'utf8')
    expect(onDisk === renderRulePackJsonSchema(), 'rules/schema.json is out of date: run npx tsx scripts/generate-rule-schema.mts').toBe(true)
  })

  it('completes facts and operators with Chinese descriptions', () => {
    // The built-in facts, then the dated figures a pack defines (dated.<id>).
    const [builtIn, dated] = defs.fact!.anyOf as Record<string, unknown>[]
    expect(builtIn!.enum).toEqual(FACT_NAMES)
    expect(dated!.pattern).toBe('^dated\\.[a-z0-9]+(?:-[a-z0-9]+)*$')
    const factDescriptions = builtIn!.markdownEnumDescriptions as string[]
    expect(factDescriptions[FACT_NAMES.indexOf('people.total')]).toBe('涉及人数（整数，单位：人）')
    expect(factDescriptions[FACT_NAMES.indexOf('sector')]).toContain('枚举：private-finance-intermediary')
    expect(defs.operator!.enum).toEqual(OPERATOR_NAMES)
    expect((defs.operator!.markdownEnumDescriptions as string[])[OPERATOR_NAMES.indexOf('greaterThanInclusive')]).toBe('大于等于（达到）')
    const text = JSON.stringify(schema)
    expect(text).toContain('"markdownEnumDescriptions":["涉众规模","风险敞口","舆论热度","涉稳隐患"]')
    expect(text).toContain('"markdownEnumDescriptions":["红色预警","橙色预警","黄色预警","蓝色预警"]')
    expect(text).toContain('"markdownDescription":"规则编号：小写字母、数字和连字符，如 scale-150；全包唯一，发布后不要改"')
  })

  it('accepts pack.json, rule files and test files as written', () => {
    expect(checkJsonSchema(schema, FIXTURE_PACK)).toEqual([])
    expect(checkJsonSchema(schema, FIXTURE_RULES)).toEqual([])
    expect(checkJsonSchema(schema, { cases: [{ name: 'x', lead: { people: { total: 3 } }, expect: { tier: 'none', patterns: [] } }] })).toEqual([])
  })

  it('underlines the mistakes editors should catch', () => {
    const rule = (conditions: unknown, event: unknown = { type: 'score', params: { dimension: 'scale', points: 5 } }) => ({ rules: [{ id: 'x', name: 'x', conditions, event }] })
    expect(checkJsonSchema(schema, rule({ all: [{ fact: 'people.totl', operator: 'greaterThan', value: 1 }] }))).not.toEqual([])
    expect(checkJsonSchema(schema, rule({ all: [{ fact: 'people.total', operator: 'atLeast', value: 1 }] }))).not.toEqual([])
    expect(checkJsonSchema(schema, rule({ all: [{ fact: 'text.all', operator: 'mentionsAny', value: '返利' }] }))).not.toEqual([])
    expect(checkJsonSchema(schema, rule({ all: [] }, { type: 'score', params: { dimension: 'size', points: 5 } }))).not.toEqual([])
    expect(checkJsonSchema(schema, { cases: [{ name: 'x', lead: { people: { totl: 3 } }, expect: {} }] })).not.toEqual([])
    expect(checkJsonSchema(schema, { ...FIXTURE_PACK, tiers: { red: 'high' } })).not.toEqual([])
  })

  it('accepts every file of the default pack', async () => {
    const files = (await readdir(RULES_DIR, { recursive: true })).filter((f) => f.endsWith('.json') && f !== 'schema.json')
    expect(files).toContain('pack.json')
    for (const file of files) {
      const value = JSON.parse(await readFile(`${RULES_DIR}${file}`, 'utf8')) as unknown
      expect(checkJsonSchema(schema, value), file).toEqual([])
    }
  })
})
