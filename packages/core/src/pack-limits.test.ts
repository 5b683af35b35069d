import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { leadArbitrary } from './analyst/pack-properties'
import { createScorer } from './create-scorer'
import { MAX_JSON_DEPTH } from './json-source'
import { parseRulePack, safeParseRulePack, validateRulePack } from './rule-pack'
import { MAX_CONDITION_DEPTH } from './validate-conditions'
import { PACK_JSON, RULES_JSON, unitPackFiles } from '../test/_pack'

/*
 * Hostile pack structure and numbers (issue 12, items 3, 4 and 5): nesting that would overflow the stack
 * of a recursive walk, keys given twice, numbers that make scores non-finite. Each is refused with file,
 * line and JSON pointer, never a crash or a NaN.
 */

const leaf = '{ "fact": "people.total", "operator": "greaterThan", "value": 1 }'
const event = '"event": { "type": "score", "params": { "dimension": "scale", "points": 1 } }'

/** A rules.json whose one rule nests `levels` groups of `kind` around a leaf, as text (no recursion builds it). */
const nestedRules = (levels: number, kind: 'all' | 'not'): string => {
  const open = kind === 'all' ? '{ "all": [' : '{ "not": '
  const close = kind === 'all' ? '] }' : ' }'
  return `{ "rules": [ { "id": "deep", "name": "深层嵌套",\n"conditions": { "all": [${open.repeat(levels)}${leaf}${close.repeat(levels)}] },\n${event} } ] }`
}

const errorsOf = (files: Record<string, string>) => validateRulePack(files).issues.filter((i) => i.severity === 'error')

describe('deep nesting', () => {
  it('refuses conditions nested 1,000 levels with file, line and pointer instead of overflowing the stack', () => {
    for (const kind of ['all', 'not'] as const) {
      const errors = errorsOf({ ...unitPackFiles(), 'rules.json': nestedRules(1000, kind) })
      expect(errors).toHaveLength(1)
      expect(errors[0]).toMatchObject({ code: 'json-too-deep', file: 'rules.json', line: 2 })
      expect(errors[0]!.pointer!.startsWith('/rules/0/conditions/all/0/')).toBe(true)
      expect(errors[0]!.pointer!.split('/').length - 1).toBe(MAX_JSON_DEPTH)
      expect(errors[0]!.message).toContain(`嵌套超过 ${MAX_JSON_DEPTH} 层`)
    }
  })

  it('refuses any pack file nested past the bound, pack.json included', () => {
    const pack = JSON.stringify(PACK_JSON).replace(/^\{/, `{ "extra": ${'['.repeat(100_000)}${']'.repeat(100_000)},`)
    const errors = errorsOf({ ...unitPackFiles(), 'pack.json': pack })
    expect(errors).toEqual([expect.objectContaining({ code: 'json-too-deep', file: 'pack.json', line: 1 })])
  })

  it(`refuses conditions nested past ${MAX_CONDITION_DEPTH} levels and loads them at the bound`, () => {
    // The rule's own `all` is level 1, the leaf one more than the groups around it.
    const atBound = parseRulePack({ ...unitPackFiles(), 'rules.json': nestedRules(MAX_CONDITION_DEPTH - 2, 'all') })
    expect(createScorer(atBound).scoreSync({ id: 'a', subject: { name: '甲' }, people: { total: 2 } }).scores.scale).toBe(1)
    const errors = errorsOf({ ...unitPackFiles(), 'rules.json': nestedRules(MAX_CONDITION_DEPTH - 1, 'all') })
    expect(errors).toEqual([expect.objectContaining({ code: 'condition-too-deep', file: 'rules.json', line: 2 })])
    expect(errors[0]!.pointer).toBe(`/rules/0/conditions${'/all/0'.repeat(MAX_CONDITION_DEPTH)}`)
  })

  it('counts shared conditions where they are referenced: a chain of 5,000 is refused, a cycle of 5,000 found', () => {
    const chain = (n: number, last: string) =>
      Object.fromEntries(Array.from({ length: n }, (_, i) => [`c${i}`, { all: [i === n - 1 ? JSON.parse(last) : { condition: `c${i + 1}` }] }]))
    const rule = (conditions: Record<string, unknown>) =>
      JSON.stringify({ conditions, rules: [{ id: 'chained', name: '链式引用', conditions: { all: [{ condition: 'c0' }] }, event: JSON.parse(`{${event}}`).event }] }, null, 1)
    const deep = errorsOf({ ...unitPackFiles(), 'rules.json': rule(chain(5000, leaf)) })
    // Once, where the nesting crosses the bound: c4968 holds c4969, which nests 32 levels itself.
    expect(deep).toEqual([expect.objectContaining({ code: 'condition-too-deep', file: 'rules.json', pointer: '/conditions/c4968/all/0/condition' })])
    expect(deep[0]!.line).toBeGreaterThan(1)
    expect(deep[0]!.message).toContain('经共享条件 c4969')
    const cycle = errorsOf({ ...unitPackFiles(), 'rules.json': rule(chain(5000, '{ "condition": "c0" }')) })
    expect(cycle.map((e) => e.code)).toContain('circular-condition')
  })
})

describe('shared conditions referred to more than once', () => {
  /** Shared conditions c0…c(n-1), each referring to the next twice: 2^(n-1) paths once written out. */
  const doubling = (n: number) =>
    JSON.stringify({
      conditions: Object.fromEntries(
        Array.from({ length: n }, (_, i) => [`c${i}`, i === n - 1 ? JSON.parse(`{ "all": [${leaf}] }`) : { all: [{ condition: `c${i + 1}` }, { condition: `c${i + 1}` }] }]),
      ),
      rules: [{ id: 'doubling', name: '倍增引用', conditions: { all: [{ condition: 'c0' }] }, event: JSON.parse(`{${event}}`).event }],
    })
  const lead = { id: 'a', subject: { name: '甲' }, people: { total: 2 } }

  it('a pack of 2^29 written-out paths loads, compiles, scores and explains like a small one (it crashed the compiler)', async () => {
    // Each shared condition is worked out once: the compiler's required facts and the evaluation alike.
    const pack = parseRulePack({ ...unitPackFiles(), 'rules.json': doubling(30) })
    const scorer = createScorer(pack)
    expect(scorer.scoreSync(lead).scores.scale).toBe(1)
    expect(scorer.scoreSync({ ...lead, people: { total: 1 } }).scores.scale).toBe(0)
    const { rules } = await scorer.explain(lead)
    expect(rules).toEqual([expect.objectContaining({ rule: 'doubling', fired: true })])
  })

  it('the reference engine (json-rules-engine) scores and explains such a pack as the compiled engine does, each shared condition once a lead', async () => {
    // It used to realise a reference afresh at every use: 2^31 conditions for one lead, so such packs were refused.
    const pack = parseRulePack({ ...unitPackFiles(), 'rules.json': doubling(30) })
    const reference = createScorer(pack, { engine: 'reference' })
    const compiled = createScorer(pack)
    for (const l of [lead, { ...lead, people: { total: 1 } }]) {
      expect(await reference.score(l)).toStrictEqual(compiled.scoreSync(l))
      expect(await reference.explain(l)).toStrictEqual(await compiled.explain(l))
    }
    expect(Object.keys((await reference.explain(lead)).shared)).toHaveLength(30)
  })
})

describe('duplicate keys', () => {
  it('refuses a key given twice (JSON would keep the last value silently), where the second one is', () => {
    const text = JSON.stringify(RULES_JSON, null, 2).replace('"points": 60', '"points": 1,\n            "points": 100')
    const errors = errorsOf({ ...unitPackFiles(), 'rules.json': text })
    const line = text.split('\n').findIndex((l) => l.includes('"points": 100')) + 1
    expect(errors).toEqual([expect.objectContaining({ code: 'duplicate-key', file: 'rules.json', pointer: '/rules/0/event/params/points', line })])
    expect(errors[0]!.message).toContain(`字段“points”重复（第一次出现在第 ${line - 1} 行）`)
    expect(errors[0]!.messageEn).toContain('duplicate key "points"')
  })

  it('refuses duplicate keys in pack.json and at the top of a file', () => {
    const pack = JSON.stringify(PACK_JSON).replace('"weights":{', '"weights":{"scale":5,')
    expect(errorsOf({ ...unitPackFiles(), 'pack.json': pack })).toEqual([expect.objectContaining({ code: 'duplicate-key', pointer: '/weights/scale' })])
    const rules = JSON.stringify(RULES_JSON).replace(/^\{/, '{"rules":[],')
    expect(errorsOf({ ...unitPackFiles(), 'rules.json': rules })).toEqual([expect.objectContaining({ code: 'duplicate-key', pointer: '/rules', line: 1 })])
  })
})

describe('finite scores', () => {
  it('refuses weights, points and deadlines out of their bounds, each where it is', () => {
    const pack = { ...PACK_JSON, weights: { scale: 1e308, exposure: 1e308, attention: 1e308, stability: 1e308 }, ledger: { ...PACK_JSON.ledger, deadlineDays: { red: 1e15 } } }
    const rules = structuredClone(RULES_JSON)
    ;(rules.rules[0]!.event.params as { points: number }).points = 1e308
    const errors = errorsOf(unitPackFiles(rules, pack))
    // zod reports an integer past 2^53 twice (not a safe integer, above 100): the distinct places are these.
    expect([...new Set(errors.map((e) => JSON.stringify([e.code, e.file, e.pointer])))].map((e) => JSON.parse(e) as string[])).toEqual([
      ['out-of-range', 'pack.json', '/weights/scale'],
      ['out-of-range', 'pack.json', '/weights/exposure'],
      ['out-of-range', 'pack.json', '/weights/attention'],
      ['out-of-range', 'pack.json', '/weights/stability'],
      ['out-of-range', 'pack.json', '/ledger/deadlineDays/red'],
      ['out-of-range', 'rules.json', '/rules/0/event/params/points'],
    ])
    expect(errors.every((e) => e.line! > 1)).toBe(true)
    expect(errors[0]!.message).toBe('数值超出范围：≤ 1000')
  })

  it('gives every lead finite scores in 0–100 under any weights: the pack is refused or its scores are finite', () => {
    const weight = fc.oneof(fc.constantFrom(0, 1000, 1001, Number.MIN_VALUE, 1e-300, 1e308, Number.MAX_VALUE), fc.double({ min: 0, max: 2000, noNaN: true }), fc.double({ min: 0, noNaN: true, noDefaultInfinity: true }))
    const weights = fc.record({ scale: weight, exposure: weight, attention: weight, stability: weight }).filter((w) => w.scale + w.exposure + w.attention + w.stability > 0)
    const base = parseRulePack(unitPackFiles())
    fc.assert(
      fc.property(weights, fc.array(leadArbitrary(base), { minLength: 1, maxLength: 5 }), (w, leads) => {
        const loaded = safeParseRulePack(unitPackFiles(RULES_JSON, { ...PACK_JSON, weights: w }))
        if (!loaded.success) {
          expect(loaded.error.issues.every((i) => i.code === 'out-of-range' && i.pointer!.startsWith('/weights/'))).toBe(true)
          return
        }
        const scorer = createScorer(loaded.data)
        for (const lead of leads) {
          const r = scorer.scoreSync(lead)
          for (const score of [r.total, ...Object.values(r.scores)]) {
            expect(Number.isInteger(score)).toBe(true)
            expect(score).toBeGreaterThanOrEqual(0)
            expect(score).toBeLessThanOrEqual(100)
          }
        }
      }),
      { numRuns: 150 },
    )
  })
})

describe('many issues in a large file', () => {
  it('locates every issue of a 600-rule file by reading the text a bounded number of times (it was read once per issue)', () => {
    // 600 rules, each naming an unknown fact: 600 issues, each located at its rule's line. Before round 17 each
    // location counted the newlines from the start of the file: a 1 MiB pack sent to /v1/rules/validate with
    // 4,800 such rules held the API's event loop for 14 s. The work is counted in characters read with
    // charCodeAt on the file's text (what that scan used), so the test does not depend on the machine's speed.
    const n = 600
    const rules = Array.from({ length: n }, (_, i) => `{ "id": "r-${i}", "name": "规则${i}", "conditions": { "all": [ { "fact": "people.totl", "operator": "greaterThan", "value": ${i} } ] }, ${event} }`)
    const text = `{ "rules": [\n${rules.join(',\n')}\n] }`
    const original = String.prototype.charCodeAt
    let reads = 0
    String.prototype.charCodeAt = function (this: string, index: number) {
      if (this.length === text.length) reads++
      return original.call(this, index)
    }
    let errors: ReturnType<typeof errorsOf>
    try {
      errors = errorsOf({ ...unitPackFiles(), 'rules.json': text })
    } finally {
      String.prototype.charCodeAt = original
    }
    expect(errors.filter((e) => e.code === 'unknown-fact')).toHaveLength(n)
    errors.filter((e) => e.code === 'unknown-fact').forEach((e, i) => expect(e).toMatchObject({ file: 'rules.json', line: i + 2, pointer: `/rules/${i}/conditions/all/0/fact` }))
    expect(reads).toBeLessThan(2 * text.length)
  })
})
