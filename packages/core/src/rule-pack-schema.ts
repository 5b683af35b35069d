import * as z from 'zod'
import { DIMENSION_IDS, DISPOSITION_IDS, SECTOR_IDS, TIER_IDS } from './vocabulary'

/*
 * The on-disk format of a rule pack (规则包): a folder of JSON files.
 *
 * - `pack.json`: the pack's name, version and every tunable number and text that is not a rule
 *   (weights, tier thresholds, disposition ladder, pattern vocabulary, negation cues, ledger settings).
 * - every other `*.json` (except `schema.json` and files under `tests/`): a rule file, `{ "rules": [...] }`.
 *
 * Rules are json-rules-engine rules with chufei's metadata (`id`, Chinese `name`, `description`) and an
 * event that does exactly one thing. Descriptions in `.meta()` are shown to analysts in their editor.
 */

const RULE_ID = /^[a-z0-9]+(?:[-.][a-z0-9]+)*$/

export const RuleIdSchema = z
  .string()
  .regex(RULE_ID, { message: 'rule-id' })
  .max(100)
  .meta({ description: '规则编号：小写字母、数字和连字符，如 scale-150；全包唯一，发布后不要改' })

/** A leaf condition: a fact compared with a value by an operator. */
export const FactConditionSchema = z
  .strictObject({
    fact: z.string().min(1).meta({ description: '事实名称，如 people.total（涉及人数）' }),
    operator: z.string().min(1).meta({ description: '运算符，如 greaterThanInclusive、mentionsAny' }),
    value: z.unknown().meta({ description: '比较值：数字、文字、列表，或 { "fact": "…" } 引用另一事实' }),
    path: z.string().optional().meta({ description: '事实内部路径（简单点号路径，一般不需要）' }),
    priority: z.number().int().min(1).optional(),
    name: z.string().optional(),
  })
  .meta({ description: '单个条件：事实 + 运算符 + 比较值' })

export interface FactCondition {
  fact: string
  operator: string
  value?: unknown
  path?: string | undefined
  priority?: number | undefined
  name?: string | undefined
}

export type Condition =
  | { all: Condition[]; priority?: number | undefined; name?: string | undefined }
  | { any: Condition[]; priority?: number | undefined; name?: string | undefined }
  | { not: Condition; priority?: number | undefined; name?: string | undefined }
  | { condition: string; priority?: number | undefined; name?: string | undefined }
  | FactCondition

export type TopLevelCondition = Exclude<Condition, FactCondition>

const nestedMeta = { priority: z.number().int().min(1).optional(), name: z.string().optional() }

export const ConditionSchema: z.ZodType<Condition> = z.lazy(() =>
  z.union([
    z.strictObject({ all: z.array(ConditionSchema).meta({ description: '全部满足' }), ...nestedMeta }),
    z.strictObject({ any: z.array(ConditionSchema).meta({ description: '任一满足' }), ...nestedMeta }),
    z.strictObject({ not: ConditionSchema.meta({ description: '不满足（注意：未知值取反后为真）' }), ...nestedMeta }),
    z.strictObject({ condition: z.string().min(1).meta({ description: '引用共享条件的名称' }), ...nestedMeta }),
    FactConditionSchema,
  ]),
)

export const TopLevelConditionSchema: z.ZodType<TopLevelCondition> = z.union([
  z.strictObject({ all: z.array(ConditionSchema), ...nestedMeta }),
  z.strictObject({ any: z.array(ConditionSchema), ...nestedMeta }),
  z.strictObject({ not: ConditionSchema, ...nestedMeta }),
  z.strictObject({ condition: z.string().min(1), ...nestedMeta }),
])

/** Add points to one dimension (计分). */
export const ScoreEventSchema = z.strictObject({
  type: z.literal('score'),
  params: z.strictObject({
    dimension: z.enum(DIMENSION_IDS).meta({ description: '维度：scale 涉众规模、exposure 风险敞口、attention 舆论热度、stability 涉稳隐患' }),
    points: z.number().int().min(-100).max(100).meta({ description: '加分（可为负，维度得分封顶100、保底0）' }),
  }),
})

/** Raise a key-pattern flag (重点行为). */
export const PatternEventSchema = z.strictObject({
  type: z.literal('pattern'),
  params: z.strictObject({
    pattern: z.string().regex(RULE_ID, { message: 'pattern-id' }).meta({ description: '重点行为编号，如 rebate（消费返利）' }),
  }),
})

/** Raise the tier to at least this level (升级预警). */
export const EscalateEventSchema = z.strictObject({
  type: z.literal('escalate'),
  params: z.strictObject({
    tier: z.enum(TIER_IDS).exclude(['none']).meta({ description: '预警等级至少为：red 红、orange 橙、yellow 黄、blue 蓝' }),
  }),
})

/**
 * Cap the tier at this level (预警封顶): the tier reached by the total may not exceed it. Only the threshold
 * is capped: an escalation (a floor) that fires on the same lead still raises the tier — a criminal stage,
 * a fraud sign or a repayment crisis is never hidden by a cap. Several caps: the lowest applies. A cap at red
 * would cap nothing, so red is refused.
 */
export const CapEventSchema = z.strictObject({
  type: z.literal('cap'),
  params: z.strictObject({
    tier: z.enum(TIER_IDS).exclude(['red']).meta({ description: '预警等级至多为：orange 橙、yellow 黄、blue 蓝、none 无（升级规则同时触发时，以升级规则为准）' }),
  }),
})

/** Recommend a disposition (处置建议); the most severe one recommended wins. */
export const DispositionEventSchema = z.strictObject({
  type: z.literal('disposition'),
  params: z.strictObject({
    disposition: z.enum(DISPOSITION_IDS).meta({ description: 'prosecute 刑事打击、penalty 行政处罚、rectify 规范整改、interview 警示约谈、monitor 持续监测' }),
  }),
})

export const RuleEventSchema = z.discriminatedUnion('type', [
  ScoreEventSchema,
  PatternEventSchema,
  EscalateEventSchema,
  CapEventSchema,
  DispositionEventSchema,
])

/** An example a rule must (or must not) fire on: a fragment of a lead in docs/spec.md §1 form. */
export const RuleExampleSchema = z.strictObject({
  description: z.string().optional().meta({ description: '示例说明' }),
  lead: z.record(z.string(), z.unknown()).meta({ description: '线索片段（SPEC §1 格式，编号和主体名称可省略）' }),
  fires: z.boolean().meta({ description: '该规则是否应当触发' }),
})

export const RuleSchema = z.strictObject({
  id: RuleIdSchema,
  name: z.string().min(1).max(200).meta({ description: '规则名称（中文，出现在“主要依据”中）' }),
  description: z.string().max(4000).optional().meta({ description: '规则说明：依据、口径' }),
  priority: z.number().int().min(1).max(100).optional().meta({ description: '优先级（json-rules-engine），默认1' }),
  enabled: z.boolean().optional().meta({ description: '设为 false 可停用而不删除' }),
  conditions: TopLevelConditionSchema,
  event: RuleEventSchema,
  examples: z.array(RuleExampleSchema).optional().meta({ description: '示例：线索片段及是否应触发，供 chufei rules test 检验' }),
})

export const RuleFileSchema = z.strictObject({
  $schema: z.string().optional(),
  description: z.string().optional().meta({ description: '本文件说明' }),
  conditions: z
    .record(z.string().min(1), TopLevelConditionSchema)
    .optional()
    .meta({ description: '共享条件：名称 → 条件，规则中以 { "condition": "名称" } 引用' }),
  rules: z.array(RuleSchema),
})

/**
 * A dimension's weight: 0–1000. Bounded so the weighted total is always finite (four weights of 1e308 sum
 * to Infinity, and every total would be NaN); with points bounded to ±100 and dimension scores clamped to
 * 0–100, every score of a valid pack is a finite integer in 0–100.
 */
const weight = z.number().min(0).max(1000).meta({ description: '权重：0–1000 的数' })

const DIMENSION_WEIGHTS = z.strictObject({ scale: weight, exposure: weight, attention: weight, stability: weight })

const units = z.array(z.string().min(1))

export const PatternDefinitionSchema = z.strictObject({
  id: z.string().regex(RULE_ID, { message: 'pattern-id' }),
  zh: z.string().min(1).meta({ description: '中文名称' }),
  en: z.string().optional(),
  description: z.string().optional(),
})

/** A calendar date `YYYY-MM-DD` that exists (checked again, with the order of dates, by the loader). */
const DATE = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'date' })
  .meta({ description: '日期，YYYY-MM-DD（如 2025-05-20）' })

/** One row of a dated table: the value in force from a date on. */
export const DatedValueSchema = z.strictObject({
  from: DATE.meta({ description: '起始日期（含当日）：从这一天起施行的取值，直到下一行的日期' }),
  value: z.number().min(0).max(1e12).meta({ description: '取值：利率写小数（3.45% 写 0.0345）' }),
  source: z.string().min(1).max(500).optional().meta({ description: '出处：公告名称、文号或网址' }),
})

/**
 * A dated figure (按日期取值的法律口径): a table of values by the date they took effect (the one-year LPR),
 * or a multiple of another table (four times the LPR). Rules compare with it as the fact `dated.<id>`: the
 * value in force on the lead's 排查日期 (today when it is blank).
 */
export const DatedFigureSchema = z.strictObject({
  zh: z.string().min(1).max(100).meta({ description: '中文名称，如 一年期贷款市场报价利率（LPR）' }),
  en: z.string().max(200).optional(),
  unit: z.enum(['rate', 'yuan']).optional().meta({ description: '单位：rate 年化利率（小数，0–1，默认）、yuan 元' }),
  source: z.string().min(1).max(500).optional().meta({ description: '取值表的数据来源（发布机构、网址）' }),
  values: z.array(DatedValueSchema).min(1).max(500).optional().meta({ description: '取值表：按起始日期从早到晚排列，日期不重复（与 of、times 二选一）' }),
  basis: z.string().min(1).max(500).optional().meta({ description: '依据（法律条文）' }),
  of: z.string().regex(RULE_ID, { message: 'figure-id' }).optional().meta({ description: '倍数口径：以哪一个取值表为基数（datedFigures 中有 values 的编号）' }),
  times: z.number().gt(0).max(1000).optional().meta({ description: '倍数口径：倍数，如 4' }),
})

export const PackConfigSchema = z.strictObject({
  $schema: z.string().optional(),
  name: z.string().min(1).max(100).meta({ description: '规则包名称' }),
  version: z.string().min(1).max(50).meta({ description: '规则包版本，如 2024.1.0；每次发布修改' }),
  description: z.string().optional(),
  weights: DIMENSION_WEIGHTS.meta({ description: '综合得分中四个维度的权重（按比例，自动归一；每个 0–1000，不能全为 0）' }),
  tiers: z
    .strictObject({
      red: z.number().int().min(0).max(100),
      orange: z.number().int().min(0).max(100),
      yellow: z.number().int().min(0).max(100),
      blue: z.number().int().min(0).max(100),
    })
    .meta({ description: '预警等级的综合得分下限：红 > 橙 > 黄 > 蓝' }),
  dispositionLadder: z
    .array(z.enum(DISPOSITION_IDS))
    .min(1)
    .meta({ description: '处置建议从重到轻；多条规则建议不同处置时取最重者，无规则建议时取最后一项' }),
  patterns: z.array(PatternDefinitionSchema).meta({ description: '重点行为词表：编号与中文名称' }),
  datedFigures: z
    .record(z.string().regex(RULE_ID, { message: 'figure-id' }), DatedFigureSchema)
    .optional()
    .meta({ description: '按日期取值的法律口径（如一年期LPR及其四倍）：规则中以事实 dated.<编号> 引用，取线索排查日期（未填为当天）施行的值；规则名称中写 {编号} 显示该值、{编号.from} 显示起始日期' }),
  text: z
    .strictObject({
      negations: z.array(z.string().min(1)).meta({ description: '否定词：同一分句中出现在关键词之前即视为否定，如 未发现、不存在' }),
      weakNegations: z.array(z.string().min(1)).meta({ description: '弱否定词：仅紧挨关键词之前（最多隔1个字）才视为否定，如 未、不、非、无' }),
      negationExceptions: z.array(z.string().min(1)).meta({ description: '不是否定的词，如 非法、不低于、无风险' }),
      clauseBreaks: z.array(z.string().min(1)).meta({ description: '分句断点：标点和转折词，如 。；但' }),
      governingNegations: z.array(z.string().min(1)).optional().meta({ description: '支配否定词：否定其后几个字内的动词，如 未、无、没（未向群众集资）' }),
      governingReach: z.number().int().min(1).max(12).optional().meta({ description: '支配否定词最多隔几个字（默认4）' }),
      retractions: z.array(z.string().min(1)).optional().meta({ description: '事后核实否定：取消同一句中在它之前的说法，如 经核实不存在、系谣言、情况不属实' }),
      reportRetractions: z.array(z.string().min(1)).optional().meta({ description: '否定整条反映的核实用语，如 情况不属实、系谣言：除同一句外，还取消其前最近一个传言引语（reportMarkers）之后的说法，可跨句（网传老板跑路。经核实，情况不属实）' }),
      reportMarkers: z.array(z.string().min(1)).optional().meta({ description: '传言、反映的引语，如 网传、据传、群众反映（配合 reportRetractions）' }),
      verificationMarkers: z.array(z.string().min(1)).optional().meta({ description: '核实的引语，如 核实、核查、经查：否定整条反映的用语只取消传言引语到这里为止的说法，核实查明的情况不随之取消（配合 reportRetractions）' }),
    })
    .meta({ description: '中文文本匹配设置' }),
  ledger: z
    .strictObject({
      units: z.strictObject({
        default: units.meta({ description: '默认责任单位' }),
        byDisposition: z.partialRecord(z.enum(DISPOSITION_IDS), units).optional(),
        bySector: z.partialRecord(z.enum(SECTOR_IDS), units).optional(),
      }),
      measures: z.partialRecord(z.enum(DISPOSITION_IDS), z.string()).meta({ description: '各处置建议的整改措施文字' }),
      deadlineDays: z
        .partialRecord(z.enum(TIER_IDS), z.number().int().min(0).max(3650).nullable())
        .meta({ description: '各预警等级的整改时限（天，0–3650），null 表示不设时限' }),
    })
    .meta({ description: '台账设置：责任单位、整改措施、整改时限' }),
})

export type RuleEvent = z.infer<typeof RuleEventSchema>
export type RuleExample = z.infer<typeof RuleExampleSchema>
export type Rule = z.infer<typeof RuleSchema>
export type RuleFile = z.infer<typeof RuleFileSchema>
export type PatternDefinition = z.infer<typeof PatternDefinitionSchema>
export type PackConfig = z.infer<typeof PackConfigSchema>
export type DatedFigure = z.infer<typeof DatedFigureSchema>
export type DatedValue = z.infer<typeof DatedValueSchema>
