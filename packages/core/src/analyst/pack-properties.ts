import fc from 'fast-check'
import { createScorer } from '../create-scorer'
import type { Reason, ScoredResult } from '../result'
import type { RulePack } from '../rule-pack'
import {
  DIMENSION_IDS,
  PRIOR_SANCTION_IDS,
  REGION_KIND_IDS,
  REPAYMENT_ABILITY_IDS,
  REPAYMENT_WILLINGNESS_IDS,
  SECTOR_IDS,
  SOURCE_IDS,
  SUBJECT_KIND_IDS,
  tierRank,
} from '../vocabulary'
import type { Disposition } from '../vocabulary'
import { diffBacktest } from './backtest-diff'
import type { RuleMove } from './backtest-diff'
import { checkFloorOverCap } from './floor-over-cap'
import { collectPackKeywords, collectPackThresholds } from './pack-inventory'

/*
 * Properties of a pack (规则包性质检查), checked with fast-check on generated leads: a lead with more
 * people, more money, more complaints or more gatherings never scores lower on any dimension, on the total
 * or on the tier; scores stay in 0–100; the tier thresholds are ordered and red can be reached; tier and
 * disposition are coherent (prosecution is never below orange, a total of 0 or a lead with no sign of
 * fundraising is never recommended for a penalty or prosecution; no rule example fires a cap and an
 * escalation above it, floor-over-cap.ts). A failure
 * comes with the smallest counterexample fast-check finds, so an analyst sees which edit broke what.
 *
 * "More" keeps the shares fixed or raises them: the whole crowd grows by a whole factor (elderly and
 * vulnerable with it), or more of it is elderly; money raised and outstanding grow together, or more is
 * outstanding. Growing one count while its share silently falls is a different lead, not a bigger one.
 */

/** A generated lead, with its people and money consistent (sub-counts ≤ total, outstanding ≤ raised). */
export type GeneratedLead = {
  id: string
  subject: { name: string; kind?: string; registeredIn?: string; operatesIn?: string; addressChanges?: number }
  sector?: string
  region?: { kind?: string }
  source?: string
  people?: { total?: number; elderly?: number; vulnerable?: number }
  money?: { raised?: number; outstanding?: number; promisedReturn?: number }
  attention?: { complaints?: number; mediaReports?: number; onlinePosts?: number }
  stability?: { gatherings?: number; overdue?: boolean; controllerMissing?: boolean }
  history?: { priorSanction?: string }
  repayment?: { ability?: string; willingness?: string }
  text?: { description?: string; promotion?: string }
}

/** One way to make a lead "more" of something. */
export interface Growth {
  readonly id: 'people.total' | 'people.elderly' | 'people.vulnerable' | 'money.raised' | 'money.outstanding' | 'attention.complaints' | 'stability.gatherings'
  readonly zh: string
  readonly en: string
  readonly apply: (lead: GeneratedLead, amount: number) => GeneratedLead
}

const clone = (lead: GeneratedLead): GeneratedLead => structuredClone(lead)

const times = (n: number | undefined, k: number) => (n === undefined ? undefined : n * k)

/** The growths checked, each with its Chinese description. */
export const GROWTHS: readonly Growth[] = [
  {
    id: 'people.total',
    zh: '涉及人数按倍数增加（其中老年人、困难群体同比增加）',
    en: 'people involved multiplied (elderly and vulnerable alike)',
    apply: (lead, k) => {
      const out = clone(lead)
      const p = out.people
      if (p) out.people = strip({ total: times(p.total, k), elderly: times(p.elderly, k), vulnerable: times(p.vulnerable, k) })
      return out
    },
  },
  ...(['elderly', 'vulnerable'] as const).map(
    (key): Growth => ({
      id: `people.${key}`,
      zh: key === 'elderly' ? '其中60岁以上人数增加（不超过涉及人数）' : '其中残疾人、低收入人数增加（不超过涉及人数）',
      en: `${key} people increased (up to the total)`,
      apply: (lead, d) => {
        const out = clone(lead)
        const p = out.people ?? {}
        const now = p[key]
        if (now === undefined) return out
        out.people = { ...p, [key]: p.total === undefined ? now + d : Math.min(p.total, now + d) }
        return out
      },
    }),
  ),
  {
    id: 'money.raised',
    zh: '集资金额按倍数增加（未兑付金额同比增加）',
    en: 'money raised multiplied (outstanding alike)',
    apply: (lead, k) => {
      const out = clone(lead)
      const m = out.money
      if (m) out.money = strip({ ...m, raised: times(m.raised, k), outstanding: times(m.outstanding, k) })
      return out
    },
  },
  {
    id: 'money.outstanding',
    zh: '未兑付金额增加（不超过集资金额）',
    en: 'money outstanding increased (up to the money raised)',
    apply: (lead, d) => {
      const out = clone(lead)
      const m = out.money ?? {}
      if (m.outstanding === undefined) return out
      const step = d * 10_000
      out.money = { ...m, outstanding: m.raised === undefined ? m.outstanding + step : Math.min(m.raised, m.outstanding + step) }
      return out
    },
  },
  ...(['attention.complaints', 'stability.gatherings'] as const).map(
    (id): Growth => ({
      id,
      zh: id === 'attention.complaints' ? '举报投诉次数增加' : '聚集上访次数增加',
      en: id === 'attention.complaints' ? 'more complaints' : 'more gatherings',
      apply: (lead, d) => {
        const out = clone(lead)
        const [group, key] = id.split('.') as ['attention' | 'stability', string]
        const section = (out[group] ?? {}) as Record<string, unknown>
        if (typeof section[key] !== 'number') return out
        out[group] = { ...section, [key]: (section[key] as number) + d } as never
        return out
      },
    }),
  ),
]

const strip = <T extends Record<string, unknown>>(o: T): T => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T

/** Whole numbers that exercise a pack: its own thresholds and their neighbours, or anything up to `max`. */
const around = (thresholds: readonly number[], max: number): fc.Arbitrary<number> => {
  const near = [...new Set(thresholds.flatMap((t) => [Math.ceil(t) - 1, Math.ceil(t), Math.floor(t) + 1]))].filter((n) => n >= 0 && n <= max)
  const any = fc.integer({ min: 0, max })
  // Cross-shrinking lets a counterexample drawn near a threshold (31 complaints, past a rule's 30) shrink as an
  // integer (to 1) instead of only to the first constant near the thresholds: the analyst reads the smallest lead.
  return near.length > 0 ? fc.oneof({ withCrossShrink: true }, any, fc.constantFrom(...near)) : any
}

const opt = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined })

/** Arbitrary leads for a pack: its own keywords and thresholds make its rules fire often. */
export const leadArbitrary = (pack: RulePack): fc.Arbitrary<GeneratedLead> => {
  const thresholds = collectPackThresholds(pack)
  const keywords = collectPackKeywords(pack)
  const count = (fact: string, max: number) => opt(around(thresholds.get(fact) ?? [], max))
  const phrase = keywords.length > 0 ? fc.tuple(fc.constantFrom('', '未发现', '经核实不存在'), fc.constantFrom(...keywords)).map(([neg, k]) => `${neg}${k}`) : fc.constant('')
  const text = opt(fc.array(phrase, { maxLength: 3 }).map((parts) => parts.join('，')))
  const people = fc
    .record({ total: count('people.total', 20_000), elderlyShare: opt(fc.integer({ min: 0, max: 100 })), vulnerableShare: opt(fc.integer({ min: 0, max: 100 })) })
    .map(({ total, elderlyShare, vulnerableShare }) =>
      strip({
        total,
        elderly: elderlyShare === undefined ? undefined : total === undefined ? elderlyShare : Math.floor((total * elderlyShare) / 100),
        vulnerable: vulnerableShare === undefined ? undefined : total === undefined ? vulnerableShare : Math.floor((total * vulnerableShare) / 100),
      }),
    )
  const money = fc
    .record({ raised: opt(around(thresholds.get('money.raised') ?? [], 200_000_000)), outstandingShare: opt(fc.integer({ min: 0, max: 100 })), promisedReturn: opt(fc.constantFrom(0, 0.06, 0.08, 0.1, 0.18, 0.36, 1.2)) })
    .map(({ raised, outstandingShare, promisedReturn }) =>
      strip({
        raised,
        outstanding: outstandingShare === undefined ? undefined : raised === undefined ? outstandingShare * 10_000 : Math.floor((raised * outstandingShare) / 100),
        promisedReturn,
      }),
    )
  return fc.record(
    {
      id: fc.constant('反例'),
      subject: fc.record({ name: fc.constantFrom('某某农业专业合作社', '某某财富管理有限公司', '某某养老服务中心'), kind: opt(fc.constantFrom(...SUBJECT_KIND_IDS)), registeredIn: opt(fc.constantFrom('寿县', '合肥市')), operatesIn: opt(fc.constantFrom('寿县', '合肥市')), addressChanges: opt(fc.integer({ min: 0, max: 5 })) }, { requiredKeys: ['name'] }).map(strip),
      sector: opt(fc.constantFrom(...SECTOR_IDS)),
      region: fc.record({ kind: opt(fc.constantFrom(...REGION_KIND_IDS)) }).map(strip),
      source: opt(fc.constantFrom(...SOURCE_IDS)),
      people,
      money,
      attention: fc.record({ complaints: count('attention.complaints', 200), mediaReports: count('attention.mediaReports', 50), onlinePosts: count('attention.onlinePosts', 2000) }).map(strip),
      stability: fc.record({ gatherings: count('stability.gatherings', 50), overdue: opt(fc.boolean()), controllerMissing: opt(fc.boolean()) }).map(strip),
      history: fc.record({ priorSanction: opt(fc.constantFrom(...PRIOR_SANCTION_IDS)) }).map(strip),
      repayment: fc.record({ ability: opt(fc.constantFrom(...REPAYMENT_ABILITY_IDS)), willingness: opt(fc.constantFrom(...REPAYMENT_WILLINGNESS_IDS)) }).map(strip),
      text: fc.record({ description: text, promotion: text }).map(strip),
    },
    { requiredKeys: ['id', 'subject'] },
  ) as fc.Arbitrary<GeneratedLead>
}

/** Options of {@link checkPackProperties}. */
export interface PackCheckOptions {
  /** fast-check seed; the same seed gives the same leads. Default 20240101. */
  readonly seed?: number
  /** Generated leads per property. Default 100. */
  readonly numRuns?: number
}

/** A property that failed, with its counterexample. */
export interface PackViolation {
  readonly property: string
  readonly zh: string
  readonly en: string
  /** The counterexample (before the growth, for monotonicity), or the rule example that shows the problem. */
  readonly lead?: GeneratedLead | Readonly<Record<string, unknown>>
  readonly grown?: GeneratedLead
  readonly before?: ScoredResult
  readonly after?: ScoredResult
  /** What fell: `scale 60 → 40`, … */
  readonly drops?: readonly { readonly what: string; readonly before: number | string; readonly after: number | string }[]
  readonly rules?: readonly RuleMove[]
  /** For static checks: why. */
  readonly detail?: { readonly zh: string; readonly en: string }
  /** For coherence: the reasons of the result that make the contradiction (the rules involved). */
  readonly involved?: readonly Reason[]
}

/** The outcome of every property. */
export interface PackCheckReport {
  readonly checks: readonly { readonly property: string; readonly zh: string; readonly en: string; readonly passed: boolean; readonly runs: number }[]
  readonly violations: readonly PackViolation[]
  readonly seed: number
}

const drops = (a: ScoredResult, b: ScoredResult): NonNullable<PackViolation['drops']> => [
  ...DIMENSION_IDS.filter((d) => b.scores[d] < a.scores[d]).map((d) => ({ what: d, before: a.scores[d], after: b.scores[d] })),
  ...(b.total < a.total ? [{ what: 'total', before: a.total, after: b.total }] : []),
  ...(tierRank(b.tier) < tierRank(a.tier) ? [{ what: 'tier', before: a.tier, after: b.tier }] : []),
]

const staticChecks = (pack: RulePack): { checks: PackCheckReport['checks'][number][]; violations: PackViolation[] } => {
  const checks: PackCheckReport['checks'][number][] = []
  const violations: PackViolation[] = []
  const t = pack.config.tiers
  const ordered = t.red > t.orange && t.orange > t.yellow && t.yellow > t.blue && t.blue > 0
  const order = { property: 'tier-order', zh: '预警阈值从红到蓝依次降低且大于0', en: 'tier thresholds fall from red to blue and are above 0' }
  checks.push({ ...order, passed: ordered, runs: 1 })
  if (!ordered) violations.push({ ...order, detail: { zh: `红 ${t.red}、橙 ${t.orange}、黄 ${t.yellow}、蓝 ${t.blue}`, en: `red ${t.red}, orange ${t.orange}, yellow ${t.yellow}, blue ${t.blue}` } })
  const max: Record<string, number> = { scale: 0, exposure: 0, attention: 0, stability: 0 }
  let escalatesToRed = false
  for (const r of pack.rules) {
    if (r.event.type === 'score' && r.event.params.points > 0) max[r.event.params.dimension]! += r.event.params.points
    if (r.event.type === 'escalate' && r.event.params.tier === 'red') escalatesToRed = true
  }
  const w = pack.config.weights
  const weightSum = w.scale + w.exposure + w.attention + w.stability
  const best = Math.round(DIMENSION_IDS.reduce((a, d) => a + w[d] * Math.min(100, max[d]!), 0) / weightSum)
  const reach = { property: 'red-reachable', zh: '红色预警可以达到（各维度满分时的综合得分达到红色阈值，或有升级为红色的规则）', en: 'red can be reached (by the best possible total or an escalation to red)' }
  const reachable = best >= t.red || escalatesToRed
  checks.push({ ...reach, passed: reachable, runs: 1 })
  if (!reachable) violations.push({ ...reach, detail: { zh: `综合得分最高只能到 ${best}，低于红色阈值 ${t.red}`, en: `the best possible total is ${best}, below the red threshold ${t.red}` } })
  return { checks, violations }
}

/** The groups of a generated lead that {@link sparse} may drop, one bit each. */
const SPARSE_GROUPS = ['sector', 'region', 'source', 'people', 'money', 'attention', 'stability', 'history', 'repayment', 'text'] as const
const SPARSE_MASK = (1 << SPARSE_GROUPS.length) - 1

/** The lead with only the groups whose bit is set in `keep`. */
const sparse = (lead: GeneratedLead, keep: number): GeneratedLead => {
  const out = clone(lead)
  SPARSE_GROUPS.forEach((group, bit) => {
    if ((keep & (1 << bit)) === 0) delete out[group]
  })
  return out
}

/** Dispositions that punish (行政处罚, 刑事打击): staff read them as "there is a case". */
const PUNISHING: ReadonlySet<Disposition> = new Set(['penalty', 'prosecute'])

/**
 * A lead with no sign of fundraising: no text, no money raised or outstanding (0 or blank), no promised
 * return, no overdue payments. Its people, complaints, gatherings, history and the rest stay as generated:
 * a crowd or complaints alone are a reason to watch, not to punish.
 */
const withoutSigns = (lead: GeneratedLead): GeneratedLead => {
  const out = clone(lead)
  delete out.text
  if (out.money) out.money = strip({ raised: out.money.raised === undefined ? undefined : 0, outstanding: out.money.outstanding === undefined ? undefined : 0 })
  if (out.stability?.overdue === true) out.stability = { ...out.stability, overdue: false }
  return out
}

/** A coherence property (等级与处置一致): a result whose tier, total and disposition do not contradict each other. */
interface Coherence {
  readonly property: string
  readonly zh: string
  readonly en: string
  /** Which leads it is checked on. */
  readonly leads: (lead: GeneratedLead) => GeneratedLead
  readonly holds: (r: ScoredResult) => boolean
  /** The reasons that make the contradiction. */
  readonly involved: (r: ScoredResult) => Reason[]
}

const disposing = (r: ScoredResult): Reason[] => r.reasons.filter((x) => x.disposition === r.disposition)

/** The coherence properties: tier and disposition as staff read them together (issue 10 class 10). */
export const COHERENCE: readonly Coherence[] = [
  {
    property: 'coherent:prosecute-tier',
    zh: '处置建议为刑事打击（移送公安）的线索，预警等级不低于橙色',
    en: 'a lead recommended for prosecution is at least orange',
    leads: (lead) => lead,
    holds: (r) => r.disposition !== 'prosecute' || tierRank(r.tier) >= tierRank('orange'),
    involved: (r) => [...disposing(r), ...r.reasons.filter((x) => x.tier !== undefined)],
  },
  {
    property: 'coherent:zero-score',
    zh: '综合得分为0的线索，处置建议不是行政处罚或刑事打击',
    en: 'a lead with a total of 0 is not recommended for a penalty or prosecution',
    leads: (lead) => lead,
    holds: (r) => r.total > 0 || !PUNISHING.has(r.disposition),
    involved: disposing,
  },
  {
    property: 'coherent:no-signs',
    zh: '没有集资迹象（无文字、金额为0或未填、未承诺收益、未逾期）的线索，处置建议不是行政处罚或刑事打击',
    en: 'a lead with no sign of fundraising (no text, no money, no promised return, not overdue) is not recommended for a penalty or prosecution',
    leads: withoutSigns,
    holds: (r) => !PUNISHING.has(r.disposition),
    involved: disposing,
  },
]

/**
 * Checks the properties of a pack. Seeded and bounded: the default (100 leads per property) takes a few
 * seconds on the default pack.
 *
 * @example
 * ```ts
 * const report = await checkPackProperties(await loadRulePack('rules'), { seed: 1 })
 * console.log(formatPackCheckReport(report, pack))
 * ```
 */
export const checkPackProperties = async (pack: RulePack, options: PackCheckOptions = {}): Promise<PackCheckReport> => {
  const seed = options.seed ?? 20240101
  const numRuns = options.numRuns ?? 100
  const scorer = createScorer(pack)
  const { checks, violations } = staticChecks(pack)
  const leads = leadArbitrary(pack)

  const range = { property: 'score-range', zh: '各维度得分和综合得分为0–100的整数', en: 'dimension scores and the total are integers in 0–100' }
  const inRange = (x: number) => Number.isInteger(x) && x >= 0 && x <= 100
  const rangeRun = await fc.check(
    fc.asyncProperty(leads, async (lead) => {
      const r = await scorer.score(lead)
      return inRange(r.total) && DIMENSION_IDS.every((d) => inRange(r.scores[d]))
    }),
    { seed, numRuns },
  )
  checks.push({ ...range, passed: !rangeRun.failed, runs: rangeRun.numRuns })
  if (rangeRun.failed && rangeRun.counterexample) {
    const [lead] = rangeRun.counterexample
    violations.push({ ...range, lead, after: await scorer.score(lead) })
  }

  for (const growth of GROWTHS) {
    const property = { property: `monotone:${growth.id}`, zh: `${growth.zh}时，各维度得分、综合得分和预警等级不下降`, en: `${growth.en}: no dimension, total or tier falls` }
    const amount = growth.id.startsWith('people.total') || growth.id === 'money.raised' ? fc.integer({ min: 2, max: 5 }) : fc.integer({ min: 1, max: 300 })
    const run = await fc.check(
      fc.asyncProperty(leads, amount, async (lead, k) => {
        const a = await scorer.score(lead)
        const b = await scorer.score(growth.apply(lead, k))
        return drops(a, b).length === 0
      }),
      { seed, numRuns },
    )
    checks.push({ ...property, passed: !run.failed, runs: run.numRuns })
    if (run.failed && run.counterexample) {
      const [lead, k] = run.counterexample
      const grown = growth.apply(lead, k)
      const before = await scorer.score(lead)
      const after = await scorer.score(grown)
      const moved = diffBacktest([{ base: before, head: after }], pack, pack).moved[0]
      violations.push({ ...property, lead, grown, before, after, drops: drops(before, after), rules: moved?.rules ?? [] })
    }
  }

  // Sparse leads too (a few facts only): a total of 0 with a punishing disposition hides among them.
  // Each group is kept with a chance of one in four (the and of two random masks).
  const mixed = fc.oneof(leads, fc.tuple(leads, fc.nat(SPARSE_MASK), fc.nat(SPARSE_MASK)).map(([lead, a, b]) => sparse(lead, a & b)))
  for (const c of COHERENCE) {
    const property = { property: c.property, zh: c.zh, en: c.en }
    const run = await fc.check(
      fc.asyncProperty(mixed, async (lead) => c.holds(await scorer.score(c.leads(lead)))),
      { seed, numRuns },
    )
    checks.push({ ...property, passed: !run.failed, runs: run.numRuns })
    if (run.failed && run.counterexample) {
      const lead = c.leads(run.counterexample[0])
      const after = await scorer.score(lead)
      violations.push({ ...property, lead, after, involved: c.involved(after) })
    }
  }
  const floorOverCap = await checkFloorOverCap(pack, scorer)
  if (floorOverCap) checks.push(floorOverCap.check)
  if (floorOverCap?.violation) violations.push(floorOverCap.violation)
  return { checks, violations, seed }
}
