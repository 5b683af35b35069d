import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { createScorer } from '../src/create-scorer'
import type { Scorer } from '../src/create-scorer'
import { FACTS, FACT_NAMES } from '../src/facts'
import type { FactName, FactType } from '../src/facts'
import { OPERATORS, OPERATOR_NAMES } from '../src/operators'
import type { OperatorName } from '../src/operators'
import { loadRulePack } from '../src/node/load-rule-pack'
import { safeParseRulePack } from '../src/rule-pack'
import type { RulePack } from '../src/rule-pack'
import { PATTERNS } from '../src/vocabulary'
import {
  DIMENSION_IDS,
  DISPOSITION_IDS,
  PATTERN_IDS,
  PRIOR_SANCTION_IDS,
  REGION_KIND_IDS,
  REPAYMENT_ABILITY_IDS,
  REPAYMENT_WILLINGNESS_IDS,
  SECTOR_IDS,
  SOURCE_IDS,
  SUBJECT_KIND_IDS,
} from '../src/vocabulary'

/*
 * The differential test (差分测试): random rule packs and random leads must give identical results —
 * scores, total, tier, patterns, disposition, reasons, assignment — and identical condition traces from
 * the compiled engine and from json-rules-engine. Value domains are small on purpose, so thresholds often
 * equal the lead's value and a flipped bound (`>` for `>=`) or a wrong operator shows up quickly.
 *
 * More runs: DIFFERENTIAL_RUNS=2000 npx vitest run test/differential.property.test.ts
 */

const RUNS = Number(process.env.DIFFERENTIAL_RUNS ?? 300)

// ---- value domains shared by leads and rule thresholds ----------------------------------------------
const SMALL = fc.nat(12)
const COUNT = fc.oneof({ weight: 4, arbitrary: SMALL }, { weight: 1, arbitrary: fc.nat(2_000) })
const YUAN_POINTS = [0, 1, 100_000, 250_000, 500_000, 1_000_000, 1_500_000, 5_000_000]
const YUAN = fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...YUAN_POINTS) }, { weight: 1, arbitrary: fc.nat(10_000_000) })
// 0.031 and 0.124 are a dated rate and four times it (DATED_FIGURES), so comparisons land on the line.
const RETURN = fc.constantFrom(0, 0.031, 0.06, 0.08, 0.1, 0.124, 0.138, 0.18, 0.36, 3.65)
const SHARE = fc.constantFrom(0, 0.25, 0.5, 0.75, 1)
const PLACES = ['寿县双桥镇', '寿县', '合肥市蜀山区', '双桥镇东村', '上海市']
const NAMES = ['双桥养殖专业合作社', '某某理财中心', '惠民财富管理有限公司', '张三', '绿源农资店']
const FRAGMENTS = [
  '消费返利', '未发现返利行为', '承诺保本保息，年化18%', '经核实不存在代养业务', '以托管养牛为名吸收资金',
  '无代养业务', '涉嫌非法吸收公众存款', '月息2分', '养殖合作社', '发展下线拉人头', '区块链数字资产',
  '承诺不低于年化8%', '但有返利', '没有发现保本承诺；有ＡＢＣ返现', '免费旅游送保健品', '并未 托管',
]
const KEYWORDS = ['返利', '保本', '托管', '代养', '理财', '区块链', '养老', '年化', '下线', '返现', 'abc', 'ＡＢＣ', '非法', '合作社']
// With capturing groups too: negation is looked for from the first group (pack-regex.ts).
const REGEXES = ['返利|返现', '月息\\d+分', '(?:养殖|托管)合作社', '年化\\d+(?:\\.\\d+)?%', '(?:^|[^全])(返利)', '(托管|代养)[^。]{0,6}牛']
const DATES = ['2024-03-05', '2024-03-06', '2023-12-31', '2023-12-30']
const SHARE_FACTS = new Set(['derived.elderlyShare', 'derived.vulnerableShare', 'derived.outstandingShare'])

const opt = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined, freq: 3 })
const textArb = fc.array(fc.constantFrom(...FRAGMENTS), { maxLength: 3 }).chain((parts) =>
  fc.constantFrom('。', '，', '', ' ').map((sep) => parts.join(sep)),
)

const strip = (o: Record<string, unknown>): Record<string, unknown> | undefined => {
  const entries = Object.entries(o).filter(([, v]) => v !== undefined)
  return entries.length > 0 ? Object.fromEntries(entries) : undefined
}

const leadArb = fc
  .record({
    id: fc.constantFrom('L-1', 'L-2', ' L-3 '),
    name: fc.constantFrom(...NAMES),
    kind: opt(fc.constantFrom(...SUBJECT_KIND_IDS)),
    creditCode: opt(fc.constantFrom('91340422MA2N0X1234', '91110108551385082Q')),
    registeredIn: opt(fc.constantFrom(...PLACES)),
    operatesIn: opt(fc.constantFrom(...PLACES)),
    addressChanges: opt(SMALL),
    executiveChanges: opt(SMALL),
    sector: opt(fc.constantFrom(...SECTOR_IDS)),
    regionName: opt(fc.constantFrom(...PLACES)),
    regionKind: opt(fc.constantFrom(...REGION_KIND_IDS)),
    source: opt(fc.constantFrom(...SOURCE_IDS)),
    total: opt(COUNT),
    elderly: opt(COUNT),
    vulnerable: opt(COUNT),
    raised: opt(YUAN),
    outstanding: opt(YUAN),
    promisedReturn: opt(RETURN),
    complaints: opt(COUNT),
    mediaReports: opt(SMALL),
    onlinePosts: opt(COUNT),
    gatherings: opt(SMALL),
    overdue: opt(fc.boolean()),
    controllerMissing: opt(fc.boolean()),
    priorSanction: opt(fc.constantFrom(...PRIOR_SANCTION_IDS)),
    ability: opt(fc.constantFrom(...REPAYMENT_ABILITY_IDS)),
    willingness: opt(fc.constantFrom(...REPAYMENT_WILLINGNESS_IDS)),
    description: opt(textArb),
    promotion: opt(textArb),
    reporter: opt(fc.constantFrom('李四', '王五')),
    reportedAt: opt(fc.constantFrom(...DATES)),
    notes: opt(textArb),
    unknown: fc.option(fc.constantFrom({ foo: 1 }, { 备注二: 'x' }), { nil: undefined }),
    unknownPeople: fc.boolean(),
  })
  .map((l) => ({
    id: l.id,
    subject: strip({ name: l.name, kind: l.kind, creditCode: l.creditCode, registeredIn: l.registeredIn, operatesIn: l.operatesIn, addressChanges: l.addressChanges, executiveChanges: l.executiveChanges }),
    sector: l.sector,
    region: strip({ name: l.regionName, kind: l.regionKind }),
    source: l.source,
    people: strip({ total: l.total, elderly: l.elderly, vulnerable: l.vulnerable, ...(l.unknownPeople ? { totl: 3 } : {}) }),
    money: strip({ raised: l.raised, outstanding: l.outstanding, promisedReturn: l.promisedReturn }),
    attention: strip({ complaints: l.complaints, mediaReports: l.mediaReports, onlinePosts: l.onlinePosts }),
    stability: strip({ gatherings: l.gatherings, overdue: l.overdue, controllerMissing: l.controllerMissing }),
    history: strip({ priorSanction: l.priorSanction }),
    repayment: strip({ ability: l.ability, willingness: l.willingness }),
    text: strip({ description: l.description, promotion: l.promotion }),
    reporter: l.reporter,
    reportedAt: l.reportedAt,
    notes: l.notes,
    ...l.unknown,
  }))
  .map((l) => strip(l as Record<string, unknown>)!)

// ---- rule packs -------------------------------------------------------------------------------------
const factType = (fact: FactName): FactType => FACTS[fact].type

/** A value of the fact's own kind, from the same domains the leads use. */
const scalarFor = (fact: FactName): fc.Arbitrary<unknown> => {
  const def = FACTS[fact] as { type: FactType; values?: readonly string[] }
  switch (def.type) {
    case 'integer':
      return SMALL
    case 'number':
      if (SHARE_FACTS.has(fact)) return SHARE
      return fact === 'money.promisedReturn' ? RETURN : YUAN
    case 'boolean':
      return fc.boolean()
    case 'enum':
      return fc.constantFrom(...def.values!)
    case 'date':
      return fc.constantFrom(...DATES)
    default:
      return fc.constantFrom(...PLACES, ...NAMES, '李四', 'L-1')
  }
}

const operatorsFor = (fact: FactName): OperatorName[] =>
  OPERATOR_NAMES.filter((op) => (OPERATORS[op].factTypes as readonly string[]).includes(factType(fact)))

const factRefArb = fc.constantFrom(...FACT_NAMES).map((fact) => ({ fact }))

const valueFor = (fact: FactName, op: OperatorName): fc.Arbitrary<unknown> => {
  switch (OPERATORS[op].value) {
    case 'number':
      return fc.oneof({ weight: 5, arbitrary: scalarFor(fact) }, { weight: 1, arbitrary: factRefArb })
    case 'scalar':
      return fc.oneof({ weight: 5, arbitrary: scalarFor(fact) }, { weight: 1, arbitrary: factRefArb })
    case 'scalar-list':
      return fc.array(scalarFor(fact), { minLength: 1, maxLength: 3 })
    case 'keyword-list':
      return fc.oneof({ weight: 6, arbitrary: fc.uniqueArray(fc.constantFrom(...KEYWORDS), { minLength: 1, maxLength: 3 }) }, { weight: 1, arbitrary: factRefArb })
    case 'regex':
      return fc.constantFrom(...REGEXES)
    case 'boolean':
      return fc.boolean()
  }
}

const meta = fc.record({ priority: opt(fc.integer({ min: 1, max: 3 })), name: fc.option(fc.constantFrom('甲', '乙'), { nil: undefined, freq: 4 }) })

/** Dated figures of every generated pack: a rate by date (around DATES) and four times it. */
const DATED_FIGURES = {
  rate: { zh: '利率', unit: 'rate', source: '测试', values: [{ from: '2023-12-31', value: 0.0345 }, { from: '2024-03-06', value: 0.031 }] },
  rate4: { zh: '四倍利率', basis: '测试', of: 'rate', times: 4 },
}
const DATED_FACTS = ['dated.rate', 'dated.rate4']
const NUMERIC_OPERATORS = ['greaterThan', 'greaterThanInclusive', 'lessThan', 'lessThanInclusive', 'equal'] as const
/** A comparison with a dated figure: a return against the line, or the figure against a number. */
const datedLeafArb = fc.oneof(
  fc.record({ fact: fc.constant('money.promisedReturn'), operator: fc.constantFrom(...NUMERIC_OPERATORS), value: fc.constantFrom(...DATED_FACTS).map((fact) => ({ fact })) }),
  fc.record({ fact: fc.constantFrom(...DATED_FACTS), operator: fc.constantFrom(...NUMERIC_OPERATORS, 'isKnown'), value: RETURN }).map((l) => (l.operator === 'isKnown' ? { ...l, value: true } : l)),
)

const builtInLeafArb = fc
  .constantFrom(...FACT_NAMES)
  .chain((fact) => fc.constantFrom(...operatorsFor(fact)).map((op) => [fact, op] as const))
  .chain(([fact, operator]) =>
    fc.record({ value: valueFor(fact, operator), meta, path: fc.option(fc.constant('$.x'), { nil: undefined, freq: 10 }) }).map(({ value, meta: m, path }) => ({
      fact,
      operator,
      value,
      ...(path ? { path } : {}),
      ...strip(m),
    })),
  )
const leafArb = fc.oneof({ weight: 8, arbitrary: builtInLeafArb }, { weight: 1, arbitrary: datedLeafArb })

/** A condition tree; `ref` nodes name a shared condition by index and are resolved when the pack is built. */
type Tree = Record<string, unknown>
const { tree: treeArb } = fc.letrec<{ tree: Tree }>((tie) => ({
  tree: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    { weight: 5, arbitrary: leafArb },
    { weight: 2, arbitrary: fc.record({ all: fc.array(tie('tree'), { maxLength: 4 }), meta }).map(({ all, meta: m }) => ({ all, ...strip(m) })) },
    { weight: 2, arbitrary: fc.record({ any: fc.array(tie('tree'), { maxLength: 4 }), meta }).map(({ any, meta: m }) => ({ any, ...strip(m) })) },
    { weight: 1, arbitrary: fc.record({ not: tie('tree'), meta }).map(({ not, meta: m }) => ({ not, ...strip(m) })) },
    { weight: 1, arbitrary: fc.record({ ref: fc.nat(5), meta }).map(({ ref, meta: m }) => ({ ref, ...strip(m) })) },
  ),
}))
const topArb = fc.oneof(
  fc.record({ all: fc.array(treeArb, { maxLength: 4 }) }),
  fc.record({ any: fc.array(treeArb, { maxLength: 4 }) }),
  fc.record({ not: treeArb }),
  fc.record({ ref: fc.nat(5) }),
)

/** Replaces `ref` placeholders with references to shared conditions `c0…c(limit-1)`, or a leaf when there are none. */
const resolveRefs = (node: Tree, limit: number): Tree => {
  if (typeof node.ref === 'number') {
    const { ref, ...rest } = node
    return limit > 0 ? { condition: `c${ref % limit}`, ...rest } : { fact: 'people.total', operator: 'isKnown', value: true, ...rest }
  }
  if (Array.isArray(node.all)) return { ...node, all: node.all.map((c: Tree) => resolveRefs(c, limit)) }
  if (Array.isArray(node.any)) return { ...node, any: node.any.map((c: Tree) => resolveRefs(c, limit)) }
  if (node.not) return { ...node, not: resolveRefs(node.not as Tree, limit) }
  return node
}
/** A top-level condition must be a group or a reference, never a bare fact condition. */
const asTopLevel = (node: Tree): Tree => (Object.hasOwn(node, 'fact') ? { all: [node] } : node)

const CUSTOM_PATTERN = 'land-sale'
const packArb = fc
  .record({
    weights: fc.record({ scale: fc.nat(5), exposure: fc.nat(5), attention: fc.nat(5), stability: fc.nat(5) }),
    tiers: fc.uniqueArray(fc.integer({ min: 1, max: 100 }), { minLength: 4, maxLength: 4 }).map((t) => t.sort((a, b) => b - a)),
    ladder: fc.shuffledSubarray([...DISPOSITION_IDS], { minLength: 1 }),
    negations: fc.subarray(['未发现', '不存在', '没有', '并未', '没有发现']),
    weakNegations: fc.subarray(['未', '无', '不', '非']),
    exceptions: fc.subarray(['非法', '不低于', '无风险']),
    breaks: fc.subarray(['。', '；', '，', '但']),
    sharedCount: fc.nat(3),
    sharedTops: fc.array(topArb, { minLength: 3, maxLength: 3 }),
    sharedNames: fc.array(fc.option(fc.constantFrom('共享甲', '共享乙'), { nil: undefined }), { minLength: 3, maxLength: 3 }),
    rules: fc.array(
      fc.record({
        conditions: topArb,
        datedName: fc.boolean(),
        priority: opt(fc.integer({ min: 1, max: 3 })),
        event: fc.oneof(
          fc.record({ type: fc.constant('score'), params: fc.record({ dimension: fc.constantFrom(...DIMENSION_IDS), points: fc.constantFrom(-20, 5, 10, 25, 40, 60, 100) }) }),
          fc.record({ type: fc.constant('pattern'), params: fc.record({ pattern: fc.constantFrom(...PATTERN_IDS, CUSTOM_PATTERN) }) }),
          fc.record({ type: fc.constant('escalate'), params: fc.record({ tier: fc.constantFrom('red', 'orange', 'yellow', 'blue') }) }),
          fc.record({ type: fc.constant('disposition'), params: fc.record({ rank: fc.nat(4) }) }),
        ),
      }),
      { minLength: 1, maxLength: 10 },
    ),
  })
  .map((p) => {
    const weights = { ...p.weights, scale: p.weights.scale + (Object.values(p.weights).every((w) => w === 0) ? 1 : 0) }
    const [red, orange, yellow, blue] = p.tiers as [number, number, number, number]
    const { sharedCount } = p
    const conditions = Object.fromEntries(
      Array.from({ length: sharedCount }, (_, i) => {
        const top = asTopLevel(resolveRefs(p.sharedTops[i]!, i))
        const name = p.sharedNames[i]
        return [`c${i}`, name ? { ...top, name } : top]
      }),
    )
    const rules = p.rules.map((r, i) => ({
      id: `r-${i}`,
      name: r.datedName ? `规则${i}（{rate4}，{rate.from}起 {rate}）` : `规则${i}`,
      ...(r.priority ? { priority: r.priority } : {}),
      conditions: asTopLevel(resolveRefs(r.conditions, sharedCount)),
      event:
        r.event.type === 'disposition'
          ? { type: 'disposition', params: { disposition: p.ladder[(r.event.params as { rank: number }).rank % p.ladder.length] } }
          : r.event,
    }))
    const packJson = {
      name: 'differential',
      version: '1.0.0',
      weights,
      tiers: { red, orange, yellow, blue },
      dispositionLadder: p.ladder,
      patterns: [{ id: CUSTOM_PATTERN, zh: '违规售地' }],
      datedFigures: DATED_FIGURES,
      text: { negations: p.negations, weakNegations: p.weakNegations, negationExceptions: p.exceptions, clauseBreaks: p.breaks },
      ledger: { units: { default: ['镇处非办'], bySector: { agriculture: ['农经站'] } }, measures: { prosecute: '移送公安' }, deadlineDays: { red: 3, none: null } },
    }
    return { 'pack.json': JSON.stringify(packJson), 'rules.json': JSON.stringify({ conditions, rules }) }
  })

/**
 * Loads a generated pack. Random trees often contain comparisons that can never hold (`< 0` on a count,
 * `>= 5` and `< 2` in one `all`); the validator rightly refuses those packs, but json-rules-engine runs
 * them, and both engines must still agree — so such a pack is assembled by hand instead.
 */
const SEMANTIC_ONLY = new Set(['unreachable-threshold', 'never-fires', 'contradictory-group'])
const loadPack = (files: Record<string, string>): RulePack => {
  const parsed = safeParseRulePack(files)
  if (parsed.success) return parsed.data
  if (!parsed.error.issues.filter((i) => i.severity === 'error').every((i) => SEMANTIC_ONLY.has(i.code))) throw parsed.error
  const config = JSON.parse(files['pack.json']!)
  const { conditions, rules } = JSON.parse(files['rules.json']!)
  const patterns = new Map(Object.entries(PATTERNS).map(([id, l]) => [id, { id, zh: l.zh, en: l.en }]))
  for (const p of config.patterns) patterns.set(p.id, p)
  return {
    name: config.name,
    version: config.version,
    hash: `sha256:${'0'.repeat(64)}`,
    config,
    rules: rules.map((r: Record<string, unknown>, i: number) => ({ ...r, file: 'rules.json', pointer: `/rules/${i}` })),
    conditions,
    patterns,
    warnings: [],
  }
}

/**
 * Scores and explains every lead with both engines and demands identical output. json-rules-engine runs
 * once per lead that scores (its explanation carries the result; it costs some 2 s a lead on the default
 * pack, the compiled engine about 1 ms), and once more for a lead it refuses, which costs nothing.
 */
const expectSameOutput = async (reference: Scorer, compiled: Scorer, leads: readonly unknown[]): Promise<void> => {
  for (const lead of leads) {
    const b = await compiled.safeScore(lead, { line: 2 })
    if (!b.success) {
      expect(b).toStrictEqual(await reference.safeScore(lead, { line: 2 }))
      continue
    }
    expect(compiled.scoreSync(lead, { line: 2 })).toStrictEqual(b.data)
    const x = await reference.explain(lead, { line: 2 })
    expect(b.data).toStrictEqual(x.result)
    expect(await compiled.explain(lead, { line: 2 })).toStrictEqual(x)
  }
}

describe('compiled engine ≡ json-rules-engine (differential)', () => {
  it(`gives identical results and traces on random packs and leads (${RUNS} packs)`, async () => {
    let fired = 0
    let notFired = 0
    await fc.assert(
      fc.asyncProperty(packArb, fc.array(leadArb, { minLength: 1, maxLength: 8 }), async (files, leads) => {
        const pack = loadPack(files)
        const reference = createScorer(pack, { engine: 'reference' })
        const compiled = createScorer(pack)
        expect(compiled.engineInfo).toMatchObject({ engine: 'compiled', fallback: [], synchronous: true })
        await expectSameOutput(reference, compiled, leads)
        for (const lead of leads) {
          const { rules } = await reference.explain(lead)
          for (const r of rules) r.fired ? fired++ : notFired++
        }
      }),
      { numRuns: RUNS },
    )
    // The generator must exercise both outcomes, or the test proves nothing.
    expect(fired).toBeGreaterThan(RUNS)
    expect(notFired).toBeGreaterThan(RUNS)
  })
})

// ---- the default pack over the fixtures -------------------------------------------------------------
const ROOT = join(__dirname, '../../..')
const RULES_DIR = join(ROOT, 'rules')
const LEADS_FILE = join(ROOT, 'fixtures/leads/leads.json')

// No skip when rules/ or the fixture leads are missing: reading them fails, and so does the test.
describe('compiled engine ≡ json-rules-engine on the default pack', () => {
  it('agrees on every fixture lead and on random leads', async () => {
    const pack = await loadRulePack(RULES_DIR)
    const reference = createScorer(pack, { engine: 'reference' })
    const compiled = createScorer(pack)
    expect(compiled.engineInfo.fallback).toEqual([])
    const fixtures: unknown[] = JSON.parse(readFileSync(LEADS_FILE, 'utf8'))
    await expectSameOutput(reference, compiled, fixtures)
    await fc.assert(
      fc.asyncProperty(leadArb, async (lead) => expectSameOutput(reference, compiled, [lead])),
      { numRuns: Math.ceil(RUNS / 3) },
    )
  })
})
