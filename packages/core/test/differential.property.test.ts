import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { createScorer } from '../src/create-scorer'
import { FACTS, FACT_NAMES } from '../src/facts'
import type { FactName, FactType } from '../src/facts'
import { OPERATORS, OPERATOR_NAMES } from '../src/operators'
import type { OperatorName } from '../src/operators'
import { safeParseRulePack } from '../src/rule-pack'
import type { RulePack } from '../src/rule-pack'
import { PATTERNS } from '../src/vocabulary'
import { DIMENSION_IDS, DISPOSITION_IDS, PATTERN_IDS } from '../src/vocabulary'
import { DATES, KEYWORDS, NAMES, PLACES, REGEXES, RETURN, RUNS, SHARE, SHARE_FACTS, SMALL, YUAN, expectSameOutput, leadArb, opt, strip } from './_differential'

/*
 * The differential test (差分测试): random rule packs and random leads must give identical results —
 * scores, total, tier, patterns, disposition, reasons, assignment — and identical condition traces from
 * the compiled engine and from json-rules-engine. Value domains are small on purpose, so thresholds often
 * equal the lead's value and a flipped bound (`>` for `>=`) or a wrong operator shows up quickly.
 * The default pack is compared in differential-default-*.test.ts.
 *
 * More runs: DIFFERENTIAL_RUNS=2000 npx vitest run test/differential.property.test.ts
 */

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
          fc.record({ type: fc.constant('cap'), params: fc.record({ tier: fc.constantFrom('orange', 'yellow', 'blue', 'none') }) }),
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

describe('compiled engine ≡ json-rules-engine (differential)', () => {
  it(`gives identical results and traces on random packs and leads (${RUNS} packs)`, async () => {
    let fired = 0
    let notFired = 0
    let capped = 0
    await fc.assert(
      fc.asyncProperty(packArb, fc.array(leadArb, { minLength: 1, maxLength: 8 }), async (files, leads) => {
        const pack = loadPack(files)
        const reference = createScorer(pack, { engine: 'reference' })
        const compiled = createScorer(pack)
        expect(compiled.engineInfo).toMatchObject({ engine: 'compiled', fallback: [], synchronous: true })
        await expectSameOutput(reference, compiled, leads)
        for (const lead of leads) {
          const { rules, result } = await reference.explain(lead)
          for (const r of rules) r.fired ? fired++ : notFired++
          if (result.reasons.some((x) => x.cap !== undefined)) capped++
        }
      }),
      { numRuns: RUNS },
    )
    // The generator must exercise both outcomes, or the test proves nothing.
    expect(fired).toBeGreaterThan(RUNS)
    expect(notFired).toBeGreaterThan(RUNS)
    expect(capped).toBeGreaterThan(RUNS / 10)
  })
})
