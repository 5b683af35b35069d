import * as z from 'zod'
import { FACTS, FACT_NAMES } from '../facts'
import { LeadSchema } from '../lead'
import { OPERATORS, OPERATOR_NAMES } from '../operators'
import {
  FactConditionSchema,
  PackConfigSchema,
  RuleExampleSchema,
  RuleFileSchema,
  RuleSchema,
} from '../rule-pack-schema'
import {
  DIMENSIONS,
  DISPOSITIONS,
  PATTERNS,
  PRIOR_SANCTIONS,
  REGION_KINDS,
  REPAYMENT_ABILITIES,
  REPAYMENT_WILLINGNESS,
  SECTORS,
  SOURCES,
  SUBJECT_KINDS,
  TIERS,
} from '../vocabulary'
import type { Label } from '../vocabulary'
import { PackTestFileSchema } from './pack-tests-schema'

/*
 * The editor schema (编辑器提示), `rules/schema.json`: one JSON Schema for pack.json, rule files and test
 * files, generated from the zod schemas so it never drifts from what the loader accepts. VS Code reads it
 * through each file's `"$schema": "./schema.json"` and then completes fact names, operators, dimensions,
 * pattern ids, tiers and dispositions, and shows the Chinese descriptions on hover.
 *
 * Conditions are recursive and their zod schema is lazy, so the condition part is assembled here from
 * the fact and operator tables (which is also where the completions come from); everything else is
 * `z.toJSONSchema` output, decorated with `markdownDescription` and enum descriptions for VS Code.
 */

type Json = Record<string, unknown>

const DRAFT = 'http://json-schema.org/draft-07/schema#'

const toJson = (schema: z.ZodType): Json => {
  const json = z.toJSONSchema(schema, { target: 'draft-07', io: 'input', unrepresentable: 'any' }) as Json
  delete json.$schema
  return json
}

// Vocabularies whose slugs an enum may list, most specific first (several share `none`, `moderate`, `other`).
const VOCABULARIES: readonly Record<string, Label>[] = [
  DIMENSIONS,
  TIERS,
  DISPOSITIONS,
  SECTORS,
  SUBJECT_KINDS,
  REGION_KINDS,
  SOURCES,
  PRIOR_SANCTIONS,
  REPAYMENT_ABILITIES,
  REPAYMENT_WILLINGNESS,
  PATTERNS,
]

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v)

/** Adds VS Code's `markdownDescription` and `markdownEnumDescriptions` everywhere a description or a known enum is. */
const decorate = (node: unknown): void => {
  if (Array.isArray(node)) return node.forEach(decorate)
  if (!isObject(node)) return
  if (typeof node.description === 'string' && node.markdownDescription === undefined) node.markdownDescription = node.description
  if (Array.isArray(node.enum) && node.markdownEnumDescriptions === undefined) {
    const values = node.enum as unknown[]
    const vocabulary = VOCABULARIES.find((v) => values.every((x) => typeof x === 'string' && Object.hasOwn(v, x)))
    if (vocabulary) node.markdownEnumDescriptions = values.map((x) => vocabulary[x as string]!.zh)
  }
  for (const value of Object.values(node)) decorate(value)
}

const fact = (name: string) => FACTS[name as keyof typeof FACTS]

const factUnit = (name: string): string => {
  const def = fact(name)
  return 'unit' in def && def.unit ? `，单位：${def.unit}` : ''
}

const FACT_TYPE_ZH = { integer: '整数', number: '数值', boolean: '是/否', string: '文字', text: '文本', enum: '枚举', date: '日期' }

const factSchema = (): Json => ({
  description: '事实名称：线索的字段（如 people.total 涉及人数）、派生事实（derived.*），或 pack.json datedFigures 中按日期取值的口径（dated.编号，如 dated.usury-line）',
  anyOf: [
    {
      type: 'string',
      enum: [...FACT_NAMES],
      markdownEnumDescriptions: FACT_NAMES.map((n) => {
        const def = fact(n)
        const values = 'values' in def && def.values ? `：${def.values.join('、')}` : ''
        return `${def.zh}（${FACT_TYPE_ZH[def.type]}${factUnit(n)}${values}）`
      }),
    },
    { type: 'string', pattern: '^dated\\.[a-z0-9]+(?:-[a-z0-9]+)*$', description: '按日期取值的口径：pack.json datedFigures 中的编号，取线索排查日期（未填为当天）施行的值' },
  ],
})

const operatorSchema = (): Json => ({
  type: 'string',
  description: '运算符',
  enum: [...OPERATOR_NAMES],
  markdownEnumDescriptions: OPERATOR_NAMES.map((n) => OPERATORS[n].zh),
})

const OPERAND: Record<string, Json> = {
  number: { type: 'number', description: '一个数字（金额以元计，比例以0–1计）' },
  'keyword-list': { type: 'array', minItems: 1, items: { type: 'string', minLength: 1 }, description: '关键词列表：任一出现且不是否定表述即成立' },
  regex: { type: 'string', minLength: 1, maxLength: 500, description: '正则表达式（RE2 语法：不能用前后断言和反向引用）' },
  boolean: { type: 'boolean', description: 'true：已填写；false：未填写' },
  'scalar-list': { type: 'array', minItems: 1, description: '取值列表' },
}

const factRef = { type: 'object', properties: { fact: { $ref: '#/definitions/fact' } }, required: ['fact'], additionalProperties: false, description: '引用另一事实的值' }

/** The fact condition: zod's output, with fact and operator completions and the value shape by operator. */
const factConditionSchema = (): Json => {
  const json = toJson(FactConditionSchema)
  const props = json.properties as Json
  props.fact = { $ref: '#/definitions/fact' }
  props.operator = { $ref: '#/definitions/operator' }
  json.allOf = OPERATOR_NAMES.filter((n) => OPERAND[OPERATORS[n].value]).map((n) => ({
    if: { properties: { operator: { const: n } }, required: ['operator'] },
    then: { properties: { value: { anyOf: [OPERAND[OPERATORS[n].value], factRef] } } },
  }))
  return json
}

const group = (key: 'all' | 'any' | 'not' | 'condition', description: string): Json => {
  const inner =
    key === 'not'
      ? { $ref: '#/definitions/condition' }
      : key === 'condition'
        ? { type: 'string', minLength: 1, description: '共享条件的名称（在本文件或其他规则文件的 conditions 中定义）' }
        : { type: 'array', items: { $ref: '#/definitions/condition' } }
  return {
    type: 'object',
    description,
    properties: { [key]: { ...inner, description }, priority: { type: 'integer', minimum: 1 }, name: { type: 'string' } },
    required: [key],
    additionalProperties: false,
  }
}

/** A lead fragment (examples, test cases): the lead schema with nothing required and Chinese field names. */
const leadFragmentSchema = (): Json => {
  const json = toJson(LeadSchema)
  const walk = (node: Json, prefix: string): void => {
    delete node.required
    const props = node.properties
    if (!isObject(props)) return
    // The scorer ignores unknown fields with a warning; in the editor a misspelt field should stand out.
    node.additionalProperties = false
    for (const [key, child] of Object.entries(props)) {
      if (!isObject(child)) continue
      const path = `${prefix}${key}`
      if (Object.hasOwn(FACTS, path)) child.description = `${fact(path).zh}${factUnit(path)}`
      walk(child, `${path}.`)
    }
  }
  walk(json, '')
  json.description = '线索片段（SPEC §1 格式）：金额以元计，收益率为年化小数（0.18 即 18%），未知的字段不要填'
  return json
}

const patternSchema = (): Json => ({
  description: '重点行为编号：内置10种，或 pack.json patterns 中自定义的编号',
  anyOf: [
    { type: 'string', enum: Object.keys(PATTERNS), markdownEnumDescriptions: Object.values(PATTERNS).map((p) => p.zh) },
    { type: 'string', pattern: '^[a-z0-9]+(?:[-.][a-z0-9]+)*$' },
  ],
})

/**
 * Generates the JSON Schema of a pack folder's files (pack.json, rule files, tests/*.json), for editors.
 * Deterministic: the same zod schemas and tables give byte-identical output.
 */
export const createRulePackJsonSchema = (): Json => {
  const rule = toJson(RuleSchema.omit({ conditions: true, examples: true }))
  const ruleProps = rule.properties as Json
  ruleProps.conditions = { $ref: '#/definitions/topLevelCondition' }
  const example = toJson(RuleExampleSchema)
  ;(example.properties as Json).lead = { $ref: '#/definitions/leadFragment' }
  ruleProps.examples = { type: 'array', items: example, description: RuleSchema.shape.examples.meta()?.description }
  ;(rule.required as string[]).push('conditions')
  const events = (ruleProps.event as Json).oneOf as Json[]
  for (const event of events) {
    const params = ((event.properties as Json).params as Json).properties as Json
    if (params.pattern) params.pattern = { ...patternSchema(), description: (params.pattern as Json).description }
  }

  const ruleFile = toJson(RuleFileSchema.omit({ conditions: true, rules: true }))
  const fileProps = ruleFile.properties as Json
  fileProps.conditions = { type: 'object', description: RuleFileSchema.shape.conditions.meta()?.description, additionalProperties: { $ref: '#/definitions/topLevelCondition' } }
  fileProps.rules = { type: 'array', description: '规则列表', items: { $ref: '#/definitions/rule' } }
  ruleFile.required = ['rules']
  ruleFile.description = '规则文件：{ "rules": [ … ] }'

  const packConfig = toJson(PackConfigSchema)
  packConfig.description = 'pack.json：规则包名称、版本、权重、预警阈值、处置阶梯、重点行为词表、否定词和台账设置'

  const tests = toJson(PackTestFileSchema)
  const caseProps = ((tests.properties as Json).cases as Json).items as Json
  ;(caseProps.properties as Json).lead = { $ref: '#/definitions/leadFragment' }
  const expectProps = ((caseProps.properties as Json).expect as Json).properties as Json
  expectProps.patterns = { type: 'array', items: patternSchema(), description: (expectProps.patterns as Json).description }
  tests.description = '测试案例文件（tests/*.json）：{ "cases": [ { "name", "lead", "expect" } ] }'

  const schema: Json = {
    $schema: DRAFT,
    $id: 'https://chufei.example/rules/schema.json',
    title: 'chufei 规则包',
    description: 'chufei 规则包文件：pack.json、规则文件（含 rules）或测试案例文件（含 cases）。由 scripts/generate-rule-schema.mts 生成，请勿手改。',
    definitions: {
      fact: factSchema(),
      operator: operatorSchema(),
      factCondition: factConditionSchema(),
      all: group('all', '全部满足（且）'),
      any: group('any', '任一满足（或）'),
      not: group('not', '不满足（非）；注意：事实未知时内部条件不成立，取反后为成立'),
      reference: group('condition', '引用共享条件'),
      condition: { anyOf: ['all', 'any', 'not', 'reference', 'factCondition'].map((d) => ({ $ref: `#/definitions/${d}` })) },
      topLevelCondition: { description: '规则条件：顶层必须是 all、any、not 或 condition', anyOf: ['all', 'any', 'not', 'reference'].map((d) => ({ $ref: `#/definitions/${d}` })) },
      leadFragment: leadFragmentSchema(),
      rule,
      ruleFile,
      packConfig,
      packTests: tests,
    },
    if: { type: 'object', required: ['rules'] },
    then: { $ref: '#/definitions/ruleFile' },
    else: {
      if: { type: 'object', required: ['cases'] },
      then: { $ref: '#/definitions/packTests' },
      else: { $ref: '#/definitions/packConfig' },
    },
  }
  decorate(schema)
  return schema
}

/** The schema as the text of `rules/schema.json` (two-space indent, final newline). */
export const renderRulePackJsonSchema = (): string => `${JSON.stringify(createRulePackJsonSchema(), null, 2)}\n`
