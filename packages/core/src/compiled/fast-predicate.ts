import { safePathResolver } from '../safe-path'
import type { FactRef, PlanNode } from './plan'

/*
 * The hot path: a plan turned into nested synchronous closures that answer only "does the rule fire".
 *
 * Operators are pure, so a group's result does not depend on the order its members are evaluated in or
 * on json-rules-engine's priority groups — those decide only which members the trace shows as evaluated.
 * The fast path therefore tries cheap members first and stops at the first decisive one. It allocates
 * nothing per condition, and reads facts from a vector filled once per lead (one slot per fact the pack
 * uses) rather than looking each one up by name.
 */

/** The values of the facts a pack uses, one slot per fact name (undefined when unknown). */
export type FactVector = readonly unknown[]

/** Whether a condition holds for one lead's fact vector. */
export type Predicate = (facts: FactVector) => boolean

/** Gives the vector slot of a fact name (assigning one on first use). */
export type SlotOf = (fact: string) => number

type Reader = (facts: FactVector) => unknown

const readerFor = (ref: FactRef, slotOf: SlotOf): Reader => {
  const slot = slotOf(ref.fact)
  const { path } = ref
  if (path === undefined) return (v) => v[slot]
  // As the almanac does: a path applies only to an object value.
  return (v) => {
    const value = v[slot]
    return value !== null && typeof value === 'object' ? safePathResolver(value, path) : value
  }
}

const TRUE: Predicate = () => true

const byCost = (children: readonly PlanNode[]): PlanNode[] =>
  children.map((c, i) => ({ c, i })).sort((a, b) => a.c.cost - b.c.cost || a.i - b.i).map((x) => x.c)

const allOf = (preds: readonly Predicate[]): Predicate => {
  switch (preds.length) {
    case 0:
      return TRUE
    case 1:
      return preds[0]!
    case 2: {
      const [a, b] = preds as [Predicate, Predicate]
      return (f) => a(f) && b(f)
    }
    case 3: {
      const [a, b, c] = preds as [Predicate, Predicate, Predicate]
      return (f) => a(f) && b(f) && c(f)
    }
    default:
      return (f) => {
        for (let i = 0; i < preds.length; i++) if (!preds[i]!(f)) return false
        return true
      }
  }
}

const anyOf = (preds: readonly Predicate[]): Predicate => {
  switch (preds.length) {
    case 0:
      // json-rules-engine answers true for an empty group, `any` included.
      return TRUE
    case 1:
      return preds[0]!
    case 2: {
      const [a, b] = preds as [Predicate, Predicate]
      return (f) => a(f) || b(f)
    }
    case 3: {
      const [a, b, c] = preds as [Predicate, Predicate, Predicate]
      return (f) => a(f) || b(f) || c(f)
    }
    default:
      return (f) => {
        for (let i = 0; i < preds.length; i++) if (preds[i]!(f)) return true
        return false
      }
  }
}

/** Compiles a plan node into a predicate. */
export const compilePredicate = (node: PlanNode, slotOf: SlotOf): Predicate => {
  switch (node.kind) {
    case 'all':
      return allOf(byCost(node.children).map((c) => compilePredicate(c, slotOf)))
    case 'any':
      return anyOf(byCost(node.children).map((c) => compilePredicate(c, slotOf)))
    case 'not': {
      const inner = compilePredicate(node.child, slotOf)
      return (f) => !inner(f)
    }
    case 'reference':
      return compilePredicate(node.target, slotOf)
    case 'fact': {
      const { op, value } = node
      if (node.valueFact) {
        const read = readerFor(node.fact, slotOf)
        const readValue = readerFor(node.valueFact, slotOf)
        return (f) => op(read(f), readValue(f)) === true
      }
      const slot = slotOf(node.fact.fact)
      if (node.fact.path === undefined) return (f) => op(f[slot], value) === true
      const read = readerFor(node.fact, slotOf)
      return (f) => op(read(f), value) === true
    }
  }
}
