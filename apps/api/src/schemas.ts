import { ERROR_CODES, RuleEventSchema, RulePackRefSchema, ScoredResultSchema } from '@chufei/core'
import { z } from 'zod'
import { HTTP_ERROR_CODES } from './errors'

/*
 * zod schemas of the API's own bodies (the lead and result schemas come from @chufei/core). They
 * generate the OpenAPI document, and the tests parse real responses with them, so the document
 * cannot drift from what the API sends.
 */

/** One located problem in `details` (an invalid lead's field, a pack's file and pointer). */
export const IssueDetailSchema = z.object({
  field: z.string().meta({ description: '字段路径，如 people.total；空串表示整体' }),
  pointer: z.string().meta({ description: 'JSON pointer, e.g. /people/total' }),
  code: z.string(),
  message: z.string().meta({ description: '中文说明' }),
  messageEn: z.string(),
  severity: z.enum(['error', 'warning']),
  file: z.string().optional(),
  line: z.number().int().optional(),
  column: z.number().int().optional(),
})

export const ErrorBodySchema = z.object({
  error: z.object({
    code: z.enum([...ERROR_CODES, ...HTTP_ERROR_CODES]),
    message: z.string().meta({ description: '中文说明' }),
    messageEn: z.string(),
    details: z.unknown().meta({ description: 'INVALID_LEAD: IssueDetail[] naming each field by path; otherwise code-specific or null' }),
    requestId: z.string().optional().meta({ description: 'Only on 5xx and on a batch stream’s error line' }),
  }),
})

export const HealthSchema = z.object({ status: z.literal('ok') })

export const ReadySchema = z.object({ status: z.literal('ready'), rulePack: RulePackRefSchema })

export const RuleSummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string().optional(),
  file: z.string(),
  type: z.enum(['score', 'pattern', 'escalate', 'cap', 'disposition']),
  dimension: z.string().optional(),
  points: z.number().int().optional(),
  pattern: z.string().optional(),
  /** The floor of an escalation, the ceiling of a cap. */
  tier: z.string().optional(),
  disposition: z.string().optional(),
})

export const RulesSchema = z.object({
  name: z.string(),
  version: z.string(),
  hash: z.string(),
  description: z.string().optional(),
  patterns: z.array(z.object({ id: z.string(), zh: z.string(), en: z.string().optional() })),
  rules: z.array(RuleSummarySchema),
})

export const ValidateRequestSchema = z.object({
  files: z
    .record(z.string(), z.union([z.string(), z.record(z.string(), z.unknown())]))
    .meta({ description: '规则包文件：相对路径 → JSON 文本（或已解析的 JSON 对象），须含 pack.json' }),
})

export const ValidationReportSchema = z.object({
  valid: z.boolean(),
  issues: z.array(IssueDetailSchema),
  rulePack: z
    .object({ name: z.string(), version: z.string(), hash: z.string(), rules: z.number().int() })
    .optional()
    .meta({ description: 'Only when valid' }),
})

const ConditionTraceSchema = z
  .object({
    type: z.enum(['all', 'any', 'not', 'reference', 'fact']).meta({ description: 'reference: a shared condition, its tree in `shared[name]`' }),
    name: z.string().optional(),
    result: z.boolean().nullable().meta({ description: 'null: json-rules-engine did not need to evaluate it' }),
    fact: z.string().optional(),
    operator: z.string().optional(),
    value: z.unknown().optional().meta({ description: 'The value as written in the rule' }),
    valueResult: z.unknown().optional(),
    factValue: z.unknown().optional().meta({ description: 'The lead’s value of the fact; absent when unknown' }),
    conditions: z.array(z.unknown()).optional().meta({ description: 'all / any: child traces (same shape)' }),
    condition: z.unknown().optional().meta({ description: 'not: the child trace (same shape)' }),
  })
  .meta({ description: '条件级解释：一个条件节点（递归）' })

/** `POST /v1/explain`: the result and every rule's condition-level trace, in pack order. */
export const ExplanationSchema = z.object({
  result: ScoredResultSchema,
  rules: z.array(
    z.object({
      rule: z.string(),
      name: z.string(),
      file: z.string(),
      fired: z.boolean(),
      event: RuleEventSchema,
      conditions: ConditionTraceSchema,
    }),
  ),
  shared: z
    .record(z.string(), ConditionTraceSchema)
    .meta({ description: '共享条件：每个被求值的共享条件的条件树，每个只列一次；规则条件树中以 type "reference" 节点引用' }),
})
