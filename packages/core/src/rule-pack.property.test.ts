import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { createScorer } from './create-scorer'
import { createReferenceEngine } from './reference-engine'
import { safeParseRulePack, validateRulePack } from './rule-pack'
import type { RulePackFiles } from './rule-pack'

/*
 * Rule packs are written by hand and may come from anyone: whatever JSON a pack holds, loading it either
 * succeeds or fails with INVALID_RULE_PACK and located Chinese issues — never a raw ZodError, TypeError or
 * RangeError from inside the loader — and a pack that loads builds both engines.
 */

const RULES = join(__dirname, '../../../rules')
const bundled: Record<string, unknown> = Object.fromEntries(
  readdirSync(RULES)
    .filter((f) => f.endsWith('.json'))
    .map((f) => [f, JSON.parse(readFileSync(join(RULES, f), 'utf8')) as unknown]),
)
const bundledNames = Object.keys(bundled).sort()

const HAN = /[\u4e00-\u9fff]/

/** Loads `files` and checks the law; returns whether the pack loaded. */
const loadsOrRefusesCleanly = (files: RulePackFiles): boolean => {
  // safeParseRulePack rethrows anything that is not a ChufeiError, which fails the property.
  const result = safeParseRulePack(files)
  const report = validateRulePack(files)
  expect(report.valid).toBe(result.success)
  if (result.success) {
    createScorer(result.data)
    createReferenceEngine(result.data)
    return true
  }
  expect(result.error.code).toBe('INVALID_RULE_PACK')
  const errors = result.error.issues.filter((i) => i.severity === 'error')
  expect(errors.length).toBeGreaterThan(0)
  for (const issue of errors) {
    expect(issue.message).toMatch(HAN)
    if (issue.code !== 'no-rule-files') expect(typeof issue.file).toBe('string')
  }
  return false
}

const json = fc.jsonValue({ maxDepth: 4 })

/** JSON shaped like conditions (the keys the loader branches on), so mutations reach past the first check. */
const conditionLike: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    json,
    fc.dictionary(
      fc.constantFrom('all', 'any', 'not', 'condition', 'fact', 'operator', 'value', 'path', 'priority', 'name'),
      fc.oneof(json, fc.constantFrom('people.total', 'text.all', 'equal', 'mentionsAny', 'money-taken'), fc.array(tie('node'), { maxLength: 3 }), tie('node')),
      { maxKeys: 4 },
    ),
  ),
})).node

const replacement = fc.oneof(json, conditionLike)

/** A copy of `root` with the sub-tree at the path chosen by `steps` replaced by `value` (the root itself when `steps` is empty). */
const replaceAt = (root: unknown, steps: readonly number[], value: unknown): unknown => {
  if (steps.length === 0 || typeof root !== 'object' || root === null) return value
  const [step, ...rest] = steps as [number, ...number[]]
  if (Array.isArray(root)) {
    if (root.length === 0) return value
    const i = step % root.length
    return root.map((child, j) => (j === i ? replaceAt(child, rest, value) : child))
  }
  const keys = Object.keys(root)
  if (keys.length === 0) return value
  const key = keys[step % keys.length]!
  return { ...root, [key]: replaceAt((root as Record<string, unknown>)[key], rest, value) }
}

describe('parseRulePack on hostile JSON', () => {
  it('bundled pack loads (the mutations start from a valid pack)', () => {
    expect(loadsOrRefusesCleanly(bundled)).toBe(true)
  })

  it('random JSON as pack.json and as a rule file, parsed or as text: loads or refuses with INVALID_RULE_PACK', () => {
    fc.assert(
      fc.property(json, conditionLike, fc.boolean(), (pack, rules, asText) => {
        const files = { 'pack.json': pack, 'rules.json': rules }
        loadsOrRefusesCleanly(asText ? { 'pack.json': JSON.stringify(pack), 'rules.json': JSON.stringify(rules) } : files)
        loadsOrRefusesCleanly({ ...bundled, [bundledNames[0]!]: rules })
      }),
      { numRuns: 300 },
    )
  })

  it('the bundled pack with one random sub-tree replaced by random JSON: loads or refuses with INVALID_RULE_PACK', () => {
    fc.assert(
      fc.property(
        fc.nat({ max: bundledNames.length - 1 }),
        fc.array(fc.nat(), { maxLength: 10 }),
        replacement,
        (fileIndex, steps, value) => {
          const name = bundledNames[fileIndex]!
          loadsOrRefusesCleanly({ ...bundled, [name]: replaceAt(bundled[name], steps, value) })
        },
      ),
      { numRuns: 300 },
    )
  })
})
