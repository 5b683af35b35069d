import type { Facts } from '../facts'
import type { PlanNode } from './plan'
import { createFactReader } from './read-fact'

/*
 * The hot path: a plan turned into nested synchronous closures that answer only "does the rule fire".
 *
 * Operators are pure, so a group's result does not depend on the order its members are evaluated in or
 * on json-rules-engine's priority groups — those decide only which members the trace shows as evaluated.
 * The fast path therefore tries cheap members first and stops at the first decisive one. It allocates
 * nothing per condition.
 */

/** Whether a condition holds for one lead's facts. */
export type Predicate = (facts: Facts) => boolean

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
export const compilePredicate = (node: PlanNode): Predicate => {
  switch (node.kind) {
    case 'all':
      return allOf(byCost(node.children).map(compilePredicate))
    case 'any':
      return anyOf(byCost(node.children).map(compilePredicate))
    case 'not': {
      const inner = compilePredicate(node.child)
      return (f) => !inner(f)
    }
    case 'reference':
      return compilePredicate(node.target)
    case 'fact': {
      const { op, value } = node
      const read = createFactReader(node.fact)
      if (node.valueFact) {
        const readValue = createFactReader(node.valueFact)
        return (f) => op(read(f), readValue(f)) === true
      }
      return (f) => op(read(f), value) === true
    }
  }
}
