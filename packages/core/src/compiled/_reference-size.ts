import { ChufeiError } from '../errors'
import type { RulePack } from '../rule-pack'

/*
 * json-rules-engine realises a shared condition afresh wherever it is referred to, so it evaluates a pack's
 * rules as if every reference were written out in full. A pack whose shared conditions each refer to the next
 * twice is small and valid, and the compiled engine scores it in microseconds (it evaluates each shared
 * condition once a lead), but written out it has 2^30 conditions: json-rules-engine would run for hours and
 * use gigabytes on one lead. So before the reference engine is built, the written-out size is counted — once
 * per shared condition, so counting is linear in the pack — and a pack past the bound is refused.
 */

/**
 * The most conditions, written out, that the reference engine is given for a pack: some 5 times the default
 * pack's 2024.10 rules (846,097), on which json-rules-engine already takes seconds a rich lead.
 */
export const REFERENCE_MAX_CONDITIONS = 4_000_000

type Node = Readonly<Record<string, unknown>>

/** How many conditions `rules` hold once every reference to a shared condition is written out. */
export const expandedConditionCount = (pack: Pick<RulePack, 'rules' | 'conditions'>): number => {
  const sharedSize = new Map<string, number>()
  const size = (node: unknown): number => {
    if (node === null || typeof node !== 'object') return 1
    const n = node as Node
    if (typeof n.condition === 'string') {
      const name = n.condition
      let shared = sharedSize.get(name)
      if (shared === undefined) {
        // Cycles are refused when the pack is validated; the placeholder keeps a hand-made pack finite.
        sharedSize.set(name, 1)
        const target = Object.hasOwn(pack.conditions, name) ? pack.conditions[name] : undefined
        shared = target === undefined ? 1 : size(target)
        sharedSize.set(name, shared)
      }
      return 1 + shared
    }
    let total = 1
    for (const key of ['all', 'any'] as const) {
      const members = n[key]
      if (Array.isArray(members)) for (const m of members) total += size(m)
    }
    if (n.not !== undefined) total += size(n.not)
    return total
  }
  let total = 0
  for (const rule of pack.rules) total += size(rule.conditions)
  return total
}

/** Refuses, with a clear error, a pack json-rules-engine could not evaluate in bounded time and memory. */
export const assertReferenceSize = (pack: Pick<RulePack, 'rules' | 'conditions'>): void => {
  const count = expandedConditionCount(pack)
  if (count > REFERENCE_MAX_CONDITIONS) {
    throw new ChufeiError(
      'USAGE',
      `参考引擎（json-rules-engine）无法评估这个规则包：共享条件按引用展开后有 ${count} 个条件，超过上限 ${REFERENCE_MAX_CONDITIONS}（参考引擎在每处引用都重新计算共享条件）。请使用默认的编译引擎，或减少共享条件之间的重复引用 / the reference engine (json-rules-engine) cannot evaluate this pack: written out, its shared conditions make ${count} conditions, over the bound of ${REFERENCE_MAX_CONDITIONS} (it evaluates a shared condition again at every reference). Use the default compiled engine, or refer to shared conditions less often`,
    )
  }
}
