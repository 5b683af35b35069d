import { join } from 'node:path'
import { z } from 'zod'
import { CASE_SETS } from './case-expectations'
import { readJsonFile } from './_json-file'
import { formatShare } from './measure-accuracy'

/*
 * First contact (首次测量): how packs did on each held-out set before anyone could tune on it — issue 10's
 * "the same classes hold on cases the project has never seen". The figures live in one place,
 * fixtures/cases/first-contact.json, as history: a later pack never rewrites them. docs/accuracy.md shows them
 * per set and pooled, so the one number that says how the pack does on unseen cases is not lost in prose.
 */

const count = z.number().int().min(0)

/** One pack's figures on a set, measured once. */
export const FirstContactFiguresSchema = z
  .object({
    /** The pack version (rules/pack.json `version`). */
    pack: z.string().regex(/^\d{4}\.\d+\.\d+$/, { message: 'expected a pack version such as 2024.12.0' }),
    /** Required patterns that fired, of required patterns. */
    recall: z.tuple([count, count]),
    /** Clean leads falsely flagged (of the set's clean leads). */
    falseFlags: count,
    /** Cases whose tier was in the accepted set (of all cases). */
    tier: count,
    /** Cases whose disposition was in the accepted set (of all cases). */
    disposition: count,
  })
  .refine((f) => f.recall[0] <= f.recall[1], { message: 'recall hits exceed the required patterns', path: ['recall'] })

/** Figures that cannot exceed the set they were measured on. */
const checkFigures = (s: { published: number; clean: number; baseline: FirstContactFigures; measuredOnce?: FirstContactFigures | undefined }, ctx: z.RefinementCtx, at: readonly (string | number)[] = []) => {
  const cases = s.published + s.clean
  for (const key of ['baseline', 'measuredOnce'] as const) {
    const f = s[key]
    if (f === undefined) continue
    if (f.falseFlags > s.clean) ctx.addIssue({ code: 'custom', message: `more false flags than clean leads (${s.clean})`, path: [...at, key, 'falseFlags'] })
    if (f.tier > cases) ctx.addIssue({ code: 'custom', message: `more tier hits than cases (${cases})`, path: [...at, key, 'tier'] })
    if (f.disposition > cases) ctx.addIssue({ code: 'custom', message: `more disposition hits than cases (${cases})`, path: [...at, key, 'disposition'] })
  }
}

/**
 * Cases found later to be on a page an earlier case of the corpus already cited (source-pages.ts), with the
 * set's figures without them, for the same packs. The recorded figures stay as they were measured.
 */
export const SeenBeforeSchema = z.object({
  /** The case ids (the tests recompute them from SOURCES.md). */
  cases: z.array(z.string()).min(1),
  /** The set's published cases and clean leads without them. */
  published: count,
  clean: count,
  baseline: FirstContactFiguresSchema,
  measuredOnce: FirstContactFiguresSchema.optional(),
})

/** A held-out set's first contact: the pack it was committed under, then the next pack, measured once. */
export const FirstContactSetSchema = z
  .object({
    set: z.enum(CASE_SETS),
    published: count,
    clean: count,
    baseline: FirstContactFiguresSchema,
    /** Absent while the set waits for the next pack. */
    measuredOnce: FirstContactFiguresSchema.optional(),
    seenBefore: SeenBeforeSchema.optional(),
  })
  .superRefine((s, ctx) => {
    checkFigures(s, ctx)
    const seen = s.seenBefore
    if (seen === undefined) return
    checkFigures(seen, ctx, ['seenBefore'])
    if (seen.published + seen.clean + seen.cases.length !== s.published + s.clean) {
      ctx.addIssue({ code: 'custom', message: `published + clean + cases must be the set's ${s.published + s.clean} cases`, path: ['seenBefore', 'cases'] })
    }
    for (const key of ['baseline', 'measuredOnce'] as const) {
      if (seen[key]?.pack !== s[key]?.pack) ctx.addIssue({ code: 'custom', message: `must be the same pack as the set's ${key}`, path: ['seenBefore', key] })
    }
  })

export const FirstContactSchema = z.object({
  $comment: z.string().optional(),
  sets: z.array(FirstContactSetSchema).superRefine((sets, ctx) => {
    const seen = new Set<string>()
    sets.forEach((s, i) => {
      if (seen.has(s.set)) ctx.addIssue({ code: 'custom', message: `set ${s.set} recorded twice`, path: [i, 'set'] })
      seen.add(s.set)
    })
  }),
})

export type FirstContactFigures = z.infer<typeof FirstContactFiguresSchema>
export type FirstContactSet = z.infer<typeof FirstContactSetSchema>
export type SeenBeforeRecord = z.infer<typeof SeenBeforeSchema>
export type FirstContact = z.infer<typeof FirstContactSchema>

/** Where the record lives. */
export const firstContactPath = (repoRoot: string): string => join(repoRoot, 'fixtures', 'cases', 'first-contact.json')

/** Reads and validates the record; throws an Error naming the file and the JSON pointer of each problem. */
export const readFirstContact = (repoRoot: string): Promise<FirstContact> =>
  readJsonFile(FirstContactSchema, firstContactPath(repoRoot), { zh: '首次测量记录', en: 'first-contact record' })

/** Sums over sets: what "unseen" means across every cycle, not one set's luck. */
export interface PooledFigures {
  readonly sets: number
  readonly recall: readonly [number, number]
  readonly falseFlags: number
  readonly clean: number
  readonly tier: readonly [number, number]
  readonly disposition: readonly [number, number]
}

/**
 * Pools the figures of `which` (the baseline or the measure-once) over the sets that have them; with
 * `unseenOnly`, each set without its cases on pages seen before (`seenBefore`).
 */
export const poolFirstContact = (record: FirstContact, which: 'baseline' | 'measuredOnce', { unseenOnly = false } = {}): PooledFigures => {
  const sets = record.sets.map((s) => (unseenOnly && s.seenBefore !== undefined ? s.seenBefore : s))
  const measured = sets.flatMap((s) => (s[which] === undefined ? [] : [{ s, f: s[which] }]))
  const sum = (value: (m: (typeof measured)[number]) => number): number => measured.reduce((n, m) => n + value(m), 0)
  const cases = sum(({ s }) => s.published + s.clean)
  return {
    sets: measured.length,
    recall: [sum(({ f }) => f.recall[0]), sum(({ f }) => f.recall[1])],
    falseFlags: sum(({ f }) => f.falseFlags),
    clean: sum(({ s }) => s.clean),
    tier: [sum(({ f }) => f.tier), cases],
    disposition: [sum(({ f }) => f.disposition), cases],
  }
}

const share = ([hit, of]: readonly [number, number]): string => (of === 0 ? '—' : formatShare({ hit, of, rate: hit / of }))

const row = (label: string, f: FirstContactFigures, cases: number, clean: number): string =>
  `| ${label} | ${share(f.recall)} | ${f.falseFlags}/${clean} | ${share([f.tier, cases])} | ${share([f.disposition, cases])} |`

const pooledRow = (label: string, p: PooledFigures): string =>
  `| ${label} | ${share(p.recall)} | ${p.falseFlags}/${p.clean} | ${share(p.tier)} | ${share(p.disposition)} |`

/** The "unseen cases" section of docs/accuracy.md. */
export const formatFirstContactSection = (record: FirstContact): string[] => {
  const lines = [
    '## 在从未见过的案例上（首次测量）',
    '',
    '每个保留集提交后立即用当时的规则包测一次（基线），下一个规则包（只按别的集合调过）冻结后再测一次（首测）；两次都在任何人',
    '可以按它调规则之前，数字记在 `fixtures/cases/first-contact.json`，以后不改。这是“没见过的案例上也成立”的证据，',
    '上表中并入开发的集合的数字是调过规则之后的，不能代替它。',
    '',
    '| 案例集 · 规则包 | 重点行为召回率 | 正常线索误报 | 等级在可接受集合内 | 处置在可接受集合内 |',
    '|---|---|---|---|---|',
  ]
  for (const s of record.sets) {
    const cases = s.published + s.clean
    lines.push(row(`${s.set} · ${s.baseline.pack}（基线）`, s.baseline, cases, s.clean))
    if (s.measuredOnce !== undefined) lines.push(row(`${s.set} · ${s.measuredOnce.pack}（首测）`, s.measuredOnce, cases, s.clean))
  }
  const baseline = poolFirstContact(record, 'baseline')
  const once = poolFirstContact(record, 'measuredOnce')
  lines.push(pooledRow(`合计：基线（${baseline.sets} 个集合）`, baseline))
  if (once.sets > 0) lines.push(pooledRow(`合计：首测（${once.sets} 个集合）`, once))
  const seen = record.sets.filter((s) => s.seenBefore !== undefined)
  if (seen.length > 0) {
    const b = poolFirstContact(record, 'baseline', { unseenOnly: true })
    const o = poolFirstContact(record, 'measuredOnce', { unseenOnly: true })
    lines.push(pooledRow(`合计：基线，只算出处和主体都未见过的案例（${b.sets} 个集合）`, b))
    if (o.sets > 0) lines.push(pooledRow(`合计：首测，只算出处和主体都未见过的案例（${o.sets} 个集合）`, o))
    const count = seen.reduce((n, s) => n + s.seenBefore!.cases.length, 0)
    lines.push(
      '',
      `其中 ${count} 个案例的出处页面或主体在它们的保留集收集时已经是语料里更早案例的出处或主体（第17轮逐一核对出处地址和主体名称时发现，` +
        '`apps/cli/src/accuracy/source-pages.ts`），不算“从未见过”：' +
        seen.map((s) => `${s.set} 的 ${s.seenBefore!.cases.join('、')}`).join('；') +
        '。上面各集合的数字照当时测的原样保留；最后两行去掉了这些案例（它们在同一规则包下的结果逐个重算后减去）。',
    )
  }
  lines.push('')
  return lines
}
