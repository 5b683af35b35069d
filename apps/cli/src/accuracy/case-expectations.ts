import { DISPOSITION_IDS, TIER_IDS } from '@chufei/core'
import { z } from 'zod'
import { readJsonFile, validateJson, type FileKind } from './_json-file'

/*
 * The expectations of a case set (案例集预期): for each published case or clean lead of fixtures/cases/,
 * what an experienced 处非办 analyst accepts — patterns that must and must not fire, and the sets of
 * acceptable tiers and dispositions — with the legal basis in one line. Written from the published facts
 * and 法释〔2022〕5号 / 防范和处置非法集资条例, never from what a rule pack outputs.
 */

const slug = z.string().regex(/^[a-z][a-z0-9-]{0,63}$/, { message: 'expected a pattern id such as rebate or mutual-aid' })

/** The classes of issue 10 (1–11) a case exercises; used to group misses in the report. */
export const ISSUE_CLASSES = {
  1: '未知金额被当作没有收钱',
  2: '数额巨大/诈骗迹象不升级',
  3: '已进入司法程序',
  4: '约数被读丢',
  5: '核实后否定',
  6: '过宽的词（预付卡、亲属借款）',
  7: '词汇缺口',
  8: '跨区域（多地经营地）',
  9: '利率红线随日期',
  10: '等级与处置矛盾',
  11: '诈骗数额按未兑付计',
} as const

const issueClass = z
  .number()
  .int()
  .min(1)
  .max(11)

export const CaseExpectationSchema = z
  .object({
    /** The 线索编号 of the case's row in the set's sheet. */
    id: z.string().min(1).max(200),
    /** `S…` a published case in fixtures/cases/SOURCES.md; `M…` the model a clean lead is written after. */
    source: z.string().regex(/^[SM]\d{3,4}$/, { message: 'expected S001 or S1000 (published case) or M001 (model of a clean lead)' }),
    /** A published case (illegal fundraising) or a clean / negated lead. */
    kind: z.enum(['published', 'clean']),
    mustFire: z.array(slug),
    mustNotFire: z.array(slug),
    tiers: z.array(z.enum(TIER_IDS)).min(1),
    dispositions: z.array(z.enum(DISPOSITION_IDS)).min(1),
    /** Legal basis of the judgement, one line. */
    basis: z.string().min(4).max(300),
    /** Issue-10 classes the case exercises. */
    classes: z.array(issueClass).default([]),
  })
  .superRefine((c, ctx) => {
    const both = c.mustFire.filter((p) => c.mustNotFire.includes(p))
    if (both.length > 0) ctx.addIssue({ code: 'custom', message: `pattern both required and forbidden: ${both.join(', ')}`, path: ['mustNotFire'] })
    if (c.kind === 'clean' && c.mustFire.length > 0) ctx.addIssue({ code: 'custom', message: 'a clean lead cannot require a pattern', path: ['mustFire'] })
    if (c.kind === 'published' && c.mustFire.length === 0) ctx.addIssue({ code: 'custom', message: 'a published case names at least one pattern', path: ['mustFire'] })
    // Issue 10 class 10: an expectation must itself be coherent — prosecution is never below orange, and a
    // clean lead is at most blue and monitored (the false-flag definition of measure-accuracy.ts).
    if (c.dispositions.every((d) => d === 'prosecute') && c.tiers.some((t) => t !== 'orange' && t !== 'red')) {
      ctx.addIssue({ code: 'custom', message: 'a case accepted only for prosecution cannot accept a tier below orange', path: ['tiers'] })
    }
    if (c.kind === 'clean' && (c.tiers.some((t) => t !== 'none' && t !== 'blue') || c.dispositions.some((d) => d !== 'monitor'))) {
      ctx.addIssue({ code: 'custom', message: 'a clean lead accepts only none/blue and monitor', path: ['tiers'] })
    }
  })

/** The case sets of fixtures/cases/, in the order reports list them; a new set is added here and nowhere else. */
export const CASE_SETS = ['dev', 'held-out', 'held-out-2', 'held-out-3', 'held-out-4', 'held-out-5', 'held-out-6', 'held-out-7', 'held-out-8', 'held-out-9', 'held-out-10', 'held-out-11', 'held-out-12', 'held-out-13', 'held-out-14', 'held-out-15', 'held-out-16', 'held-out-17', 'held-out-18', 'held-out-19', 'held-out-20', 'held-out-21', 'held-out-22', 'held-out-23', 'held-out-24', 'held-out-25', 'held-out-26'] as const
export type CaseSetName = (typeof CASE_SETS)[number]

export const CaseSetSchema = z
  .object({
    set: z.enum(CASE_SETS),
    cases: z.array(CaseExpectationSchema).min(1),
  })
  .superRefine((s, ctx) => {
    const seen = new Set<string>()
    s.cases.forEach((c, i) => {
      if (seen.has(c.id)) ctx.addIssue({ code: 'custom', message: `repeated case id ${c.id}`, path: ['cases', i, 'id'] })
      seen.add(c.id)
    })
  })

export type CaseExpectation = z.infer<typeof CaseExpectationSchema>
export type CaseSet = z.infer<typeof CaseSetSchema>

const EXPECTATIONS_FILE: FileKind = { zh: '预期文件', en: 'expectations file' }

/** Validates a parsed expectations file; throws an Error naming the file and the JSON pointer of each problem. */
export const parseCaseSet = (value: unknown, file: string): CaseSet => validateJson(CaseSetSchema, value, file, EXPECTATIONS_FILE)

/** Reads and validates an expectations file (UTF-8 JSON). */
export const readCaseSet = (file: string): Promise<CaseSet> => readJsonFile(CaseSetSchema, file, EXPECTATIONS_FILE)
