import type { RulePack } from '../rule-pack'

/*
 * What a pack compares against (规则包清点): the numeric thresholds per fact and the keywords of its text
 * rules, so generated leads land on the pack's own boundaries and mention its own words.
 */

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)

const walk = (node: unknown, visit: (leaf: Record<string, unknown>) => void): void => {
  if (!isObject(node)) return
  if (typeof node.fact === 'string') return visit(node)
  for (const key of ['all', 'any'] as const) if (Array.isArray(node[key])) for (const c of node[key] as unknown[]) walk(c, visit)
  if (node.not !== undefined) walk(node.not, visit)
}

const trees = (pack: RulePack): unknown[] => [...pack.rules.map((r) => r.conditions), ...Object.values(pack.conditions)]

/** Every number a condition compares a fact with, by fact. */
export const collectPackThresholds = (pack: RulePack): Map<string, number[]> => {
  const out = new Map<string, number[]>()
  for (const tree of trees(pack)) {
    walk(tree, (leaf) => {
      const values = Array.isArray(leaf.value) ? leaf.value : [leaf.value]
      for (const v of values) if (typeof v === 'number' && Number.isFinite(v)) out.set(leaf.fact as string, [...(out.get(leaf.fact as string) ?? []), v])
    })
  }
  for (const [fact, values] of out) out.set(fact, [...new Set(values)].sort((a, b) => a - b))
  return out
}

/** Every keyword of the pack's `mentionsAny` conditions, sorted, at most `limit`. */
export const collectPackKeywords = (pack: RulePack, limit = 400): string[] => {
  const out = new Set<string>()
  for (const tree of trees(pack)) {
    walk(tree, (leaf) => {
      if (leaf.operator === 'mentionsAny' && Array.isArray(leaf.value)) for (const k of leaf.value) if (typeof k === 'string') out.add(k)
    })
  }
  return [...out].sort().slice(0, limit)
}
