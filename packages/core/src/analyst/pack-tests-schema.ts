import { z } from 'zod'
import { DISPOSITION_IDS, TIER_IDS } from '../vocabulary'

/*
 * The format of a pack's test cases (规则包测试案例), `rules/tests/*.json`: realistic leads and what the
 * pack must make of them. `chufei rules test` runs them with every rule's own `examples`.
 */

const score = z.number().int().min(0).max(100)

/** What a case expects; every field is optional and only the given ones are checked. */
export const PackTestExpectationSchema = z
  .strictObject({
    tier: z.enum(TIER_IDS).optional().meta({ description: '预警等级：red 红色、orange 橙色、yellow 黄色、blue 蓝色、none 未达预警' }),
    minTier: z.enum(TIER_IDS).optional().meta({ description: '预警等级至少为（如升级规则“不低于橙色”）' }),
    patterns: z
      .array(z.string().min(1))
      .optional()
      .meta({ description: '重点行为编号，须与结果完全一致（顺序不限）；[] 表示不应有任何重点行为' }),
    disposition: z
      .enum(DISPOSITION_IDS)
      .optional()
      .meta({ description: '处置建议：prosecute 刑事打击、penalty 行政处罚、rectify 规范整改、interview 警示约谈、monitor 持续监测' }),
    minTotal: score.optional().meta({ description: '综合得分不低于' }),
    maxTotal: score.optional().meta({ description: '综合得分不高于' }),
  })
  .meta({ description: '预期结果：只检查写出的项' })

/** One case: a lead and what the pack must make of it. */
export const PackTestCaseSchema = z.strictObject({
  name: z.string().min(1).max(200).meta({ description: '案例名称（中文），失败时显示' }),
  description: z.string().max(4000).optional().meta({ description: '案例说明：出处、口径' }),
  lead: z
    .record(z.string(), z.unknown())
    .meta({ description: '线索（SPEC §1 格式）；id 省略时用案例名称，subject.name 省略时用“（测试主体）”' }),
  expect: PackTestExpectationSchema,
})

/** A file of cases under `tests/`. */
export const PackTestFileSchema = z.strictObject({
  $schema: z.string().optional(),
  description: z.string().optional().meta({ description: '本文件说明' }),
  cases: z.array(PackTestCaseSchema).meta({ description: '测试案例' }),
})

export type PackTestExpectation = z.infer<typeof PackTestExpectationSchema>
export type PackTestCase = z.infer<typeof PackTestCaseSchema>
export type PackTestFile = z.infer<typeof PackTestFileSchema>

/** Whether a file of a pack folder holds test cases. */
export const isPackTestFile = (path: string): boolean => path.endsWith('.json') && /(^|\/)tests\//.test(path)
