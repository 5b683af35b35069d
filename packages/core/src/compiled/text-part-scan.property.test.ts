import { join } from 'node:path'
import fc from 'fast-check'
import { beforeAll, describe, expect, it } from 'vitest'
import { factReader } from '../facts'
import type { Lead } from '../lead'
import { loadRulePack } from '../node/load-rule-pack'
import { createOperators } from '../operators'
import type { RulePack } from '../rule-pack'
import type { TextSettings } from '../text'
import { compilePredicate, createPredicateContext, scannedAlready, slotScans } from './fast-predicate'
import type { Predicate } from './fast-predicate'
import type { FactNode } from './plan'
import { createPartScan } from './text-part-scan'
import type { TextParts } from './text-part-scan'

/*
 * The part scan (text-part-scan.ts) searches each part of a lead's text once for every text fact and hands
 * each scanner the occurrences its own search would find. Held here to the scanners' own scans: two
 * contexts compile the same text conditions; one scans through the part scan, the other each text on its
 * own; every condition must answer the same and every scan must set the same flags. Texts are hostile:
 * keywords and cues cut in two across the join of two parts, retractions and report markers in different
 * parts, long cue-dense parts, lone surrogates, combining marks, full-width forms, parts ending a clause.
 */

const RULES = join(__dirname, '../../../../rules')
const TEXT_FACTS = ['text.all', 'subject.name', 'text.description', 'text.promotion'] as const

interface TextCondition {
  readonly fact: string
  readonly operator: 'mentionsAny' | 'matchesRegex'
  readonly value: unknown
}

/** Two compilations of the same conditions: `shared` scans through a part scan, `own` text by text. */
const compileTwice = (settings: TextSettings, conditions: readonly TextCondition[]) => {
  const make = () => {
    const { matcher: _matcher, ...operators } = createOperators(settings)
    const slots: string[] = []
    const context = createPredicateContext((fact) => (slots.includes(fact) ? slots.indexOf(fact) : slots.push(fact) - 1))
    const predicates: Predicate[] = conditions.map(({ fact, operator, value }) => {
      const node: FactNode = { kind: 'fact', fact: { fact, path: undefined }, operator, op: operators[operator]!, value, valueFact: undefined, priority: 1, name: undefined, cost: 20 }
      return compilePredicate(node, context.slotOf, context)
    })
    return { slots, context, predicates }
  }
  const shared = make()
  const own = make()
  const partScan = createPartScan(slotScans(shared.context)[0]!, shared.slots)
  expect(partScan).toBeDefined()
  return { shared, own, partScan: partScan! }
}

/** The fact vector of a lead's text, as the rule runner reads it. */
const vectorOf = (slots: readonly string[], parts: TextParts): unknown[] => {
  const lead = { id: 'x', subject: { name: parts.name }, text: { description: parts.description, promotion: parts.promotion } } as unknown as Lead
  return slots.map((fact) => factReader(fact)!(lead))
}

/**
 * Scores `leads` in both contexts, lead after lead (flags and marks carry over, as in a batch), and checks
 * every condition and every scan's flags. Returns how many leads the part scan handled itself.
 */
const checkBoth = (compiled: ReturnType<typeof compileTwice>, leads: readonly TextParts[]): number => {
  const { shared, own, partScan } = compiled
  const allScan = slotScans(shared.context)[0]!.find((s) => shared.slots[s.slot] === 'text.all')!
  let handled = 0
  for (const parts of leads) {
    const v = vectorOf(shared.slots, parts)
    shared.context.nextLead()
    own.context.nextLead()
    const before = scannedAlready(allScan, v[allScan.slot] as string)
    partScan.scan(v, parts)
    if (!before && scannedAlready(allScan, v[allScan.slot] as string)) handled++
    shared.predicates.forEach((p, i) => expect(p(v), `condition ${i} on ${JSON.stringify(parts)}`).toBe(own.predicates[i]!(v)))
    const theirs = slotScans(own.context)[0]!
    for (const scan of slotScans(shared.context)[0]!) {
      const other = theirs.find((s) => s.slot === scan.slot)!
      const set = (s: typeof scan) => [...(s.state.flags ?? [])].flatMap((f, i) => (f === s.state.mark ? [i] : []))
      expect(set(scan), `${shared.slots[scan.slot]} of ${JSON.stringify(parts)}`).toEqual(set(other))
    }
  }
  return handled
}

/** Each word whole, and cut in two at each point (so that a part can end with its start and the next begin with the rest). */
const withHalves = (words: readonly string[]): string[] => [
  ...words,
  ...words.flatMap((w) => Array.from({ length: Math.max(0, w.length - 1) }, (_, i) => [w.slice(0, i + 1), w.slice(i + 1)]).flat()),
]

const HOSTILE = ['\uD800', '\uDC00', '😀', 'e\u0301', 'Ａ', ' ', '\r\n', '\n', '。', '！', '；', '，', '网传', '群众反映', '经核实，情况不属实', '核实：', '系谣言', '未', '不', '无']

const partsArb = (pieces: readonly string[]): fc.Arbitrary<TextParts> => {
  const text = fc.oneof(
    { weight: 4, arbitrary: fc.array(fc.constantFrom(...pieces), { maxLength: 8 }) },
    { weight: 1, arbitrary: fc.array(fc.constantFrom(...pieces), { minLength: 40, maxLength: 80 }) },
  ).map((xs) => xs.join(''))
  return fc.record({
    name: text,
    description: fc.option(text, { nil: undefined }),
    promotion: fc.option(text, { nil: undefined }),
  })
}

describe('the part scan of text.all and its parts', () => {
  let pack: RulePack
  beforeAll(async () => {
    // No skip when rules/ is missing: loading fails, and so does the suite.
    pack = await loadRulePack(RULES)
  })

  it('gives every text condition of the default pack the answer of its own scan', () => {
    const found = new Map<string, TextCondition>()
    JSON.stringify([pack.conditions, pack.rules], (_, v: unknown) => {
      const c = v as { operator?: unknown; value?: unknown; fact?: unknown } | null
      if (c && (c.operator === 'mentionsAny' || c.operator === 'matchesRegex') && TEXT_FACTS.includes(c.fact as never)) {
        found.set(JSON.stringify([c.fact, c.operator, c.value]), { fact: c.fact as string, operator: c.operator, value: c.value })
      }
      return v
    })
    const conditions = [...found.values()]
    // The pack must have text.all beside a part (else there is nothing to share and this proves nothing).
    expect(new Set(conditions.map((c) => c.fact)).size).toBeGreaterThanOrEqual(3)
    const compiled = compileTwice(pack.config.text, conditions)
    const t = pack.config.text
    const keywords = conditions.flatMap((c) => (Array.isArray(c.value) ? (c.value as string[]) : []))
    const cues = [...t.negations, ...t.weakNegations, ...t.clauseBreaks, ...t.negationExceptions, ...(t.governingNegations ?? []), ...(t.retractions ?? []), ...(t.reportRetractions ?? []), ...(t.reportMarkers ?? []), ...(t.verificationMarkers ?? [])]
    const sample = [...new Set(keywords)].filter((_, i) => i % 7 === 0)
    const pieces = [...withHalves([...sample, ...cues]), ...HOSTILE, '年化18%', '月息2分', '村民', '合作社', '公司']
    let handled = 0
    let leads = 0
    fc.assert(
      fc.property(fc.array(partsArb(pieces), { minLength: 1, maxLength: 4 }), (batch) => {
        leads += batch.length
        handled += checkBoth(compiled, batch)
      }),
      { numRuns: 1500 },
    )
    // Most leads must go through the part scan itself, not its fallback (texts that do not normalise unit by unit).
    expect(handled).toBeGreaterThan(leads / 3)
  })

  it('on random settings and lists, a retraction or report in one part and its cue in the next', () => {
    const RETRACTIONS = ['不属实', '情况不属实', '情况不', '系谣言', '系谣', '核实:']
    const REPORTS = ['网传', '群众反映', '反映']
    const VERIFICATIONS = ['核实', '核查', '经查']
    const NEGATIONS = ['未发现', '不存在', '并未', '经核实不存在', '没有']
    const WEAK = ['未', '不', '非', '无', '并非']
    const EXCEPTIONS = ['非法', '不低于', '无风险', '核实:属实']
    const BREAKS = ['。', '；', '，', '\n', '但']
    const KEYWORDS = ['返利', '保本', '托管', '代养', '理财', '集资', '非法集资', '资金', '发现', '无', 'abc', '保本保息']
    const settingsArb = fc.record({
      negations: fc.subarray(NEGATIONS),
      weakNegations: fc.subarray(WEAK),
      negationExceptions: fc.subarray(EXCEPTIONS),
      clauseBreaks: fc.subarray(BREAKS),
      governingNegations: fc.subarray(['未', '无', '没', '未曾']),
      governingReach: fc.integer({ min: 1, max: 6 }),
      retractions: fc.subarray(RETRACTIONS),
      reportRetractions: fc.subarray(RETRACTIONS),
      reportMarkers: fc.subarray(REPORTS),
      verificationMarkers: fc.subarray(VERIFICATIONS),
    })
    const conditionArb = fc.oneof(
      fc.record({ fact: fc.constantFrom(...TEXT_FACTS), operator: fc.constant('mentionsAny' as const), value: fc.subarray(KEYWORDS, { minLength: 1 }) }),
      fc.record({ fact: fc.constantFrom(...TEXT_FACTS), operator: fc.constant('matchesRegex' as const), value: fc.constantFrom('保本.{0,3}返利', '(集资|理财)', '托管', '年化\\d+%') }),
    )
    const pieces = [...withHalves([...KEYWORDS, ...RETRACTIONS, ...REPORTS, ...VERIFICATIONS, ...NEGATIONS]), ...WEAK, ...EXCEPTIONS, ...BREAKS, ...HOSTILE, '年化18%', '村民']
    let handled = 0
    let leads = 0
    fc.assert(
      fc.property(
        settingsArb,
        // text.all first, so that the part scan exists; then conditions on any text fact in any order.
        fc.array(conditionArb, { minLength: 1, maxLength: 8 }),
        fc.array(partsArb(pieces), { minLength: 1, maxLength: 5 }),
        (settings, more, batch) => {
          const conditions = [{ fact: 'text.all', operator: 'mentionsAny' as const, value: ['返利'] }, { fact: 'subject.name', operator: 'mentionsAny' as const, value: ['托管'] }, ...more]
          leads += batch.length
          handled += checkBoth(compileTwice(settings, conditions), batch)
        },
      ),
      { numRuns: 800 },
    )
    expect(handled).toBeGreaterThan(leads / 3)
  })

  it('is not made for a pack whose text.all shares no part with another scan', () => {
    const { matcher: _matcher, ...operators } = createOperators({ negations: [], weakNegations: [], negationExceptions: [], clauseBreaks: [] })
    const slots: string[] = []
    const context = createPredicateContext((fact) => (slots.includes(fact) ? slots.indexOf(fact) : slots.push(fact) - 1))
    const node: FactNode = { kind: 'fact', fact: { fact: 'text.all', path: undefined }, operator: 'mentionsAny', op: operators.mentionsAny!, value: ['返利'], valueFact: undefined, priority: 1, name: undefined, cost: 20 }
    compilePredicate(node, context.slotOf, context)
    expect(createPartScan(slotScans(context)[0]!, slots)).toBeUndefined()
  })
})
