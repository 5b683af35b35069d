import { operatorOrigin } from '../operators'
import type { PlanNode } from './plan'

/*
 * The facts a condition cannot hold without (必需事实): every built-in operator but `isKnown false`
 * answers false on an unknown fact (unknown stays unknown), so a rule that compares `money.raised` or
 * `people.total` on every path to firing cannot fire on a lead that has neither, and the compiled engine
 * skips it there without evaluating it. Most leads of a sweep are clean and leave the money, people and
 * stability fields empty, which rules out most of a pack at the cost of a look or two at the fact vector.
 *
 * What a condition needs is a list of clauses, each a set of facts of which at least one is known when
 * the condition holds: `all` needs the clauses of all its members; `any` needs, of each member that can
 * hold, one of its clauses — so one clause, their union. Conservative: custom operators, `isKnown`
 * (unless `true`), anything under `not`, and facts every lead has (which rule nothing out) need nothing.
 */

/** Facts every lead has (the lead's id and subject name are required fields; `text.all` is always a string). */
const ALWAYS_KNOWN: ReadonlySet<string> = new Set(['id', 'subject.name', 'text.all'])

/** A set of facts of which at least one is known whenever a condition holds. */
export type Clause = readonly string[]

/**
 * Clauses that hold whenever `node` holds (none: it needs nothing that helps); `null` when the node can
 * never hold.
 */
export const requiredClauses = (node: PlanNode): readonly Clause[] | null => {
  switch (node.kind) {
    case 'fact': {
      const origin = operatorOrigin(node.op)
      if (!origin) return []
      // `equal` to an unknown value never holds; otherwise the compared fact must be known. With a path
      // the value read is inside the fact, which therefore is known too.
      if (origin.name === 'equal' && node.valueFact === undefined && (node.value === undefined || node.value === null)) return null
      if (origin.name === 'isKnown' && !(node.valueFact === undefined && node.value === true)) return []
      return ALWAYS_KNOWN.has(node.fact.fact) ? [] : [[node.fact.fact]]
    }
    case 'all': {
      const clauses: Clause[] = []
      for (const child of node.children) {
        const required = requiredClauses(child)
        if (required === null) return null
        clauses.push(...required)
      }
      return clauses
    }
    case 'any': {
      // An empty `any` holds (as in json-rules-engine).
      if (node.children.length === 0) return []
      const union = new Set<string>()
      let holds = false
      for (const child of node.children) {
        const required = requiredClauses(child)
        if (required === null) continue
        holds = true
        const clause = narrowest(required)
        if (clause === undefined) return []
        for (const fact of clause) union.add(fact)
      }
      return holds ? [[...union]] : null
    }
    case 'not':
      return []
    case 'reference':
      return requiredClauses(node.target)
  }
}

const narrowest = (clauses: readonly Clause[]): Clause | undefined =>
  clauses.reduce<Clause | undefined>((best, c) => (best === undefined || c.length < best.length ? c : best), undefined)

/** The clause the compiled engine checks before evaluating a rule (its narrowest), or undefined. */
export const skippingClause = (node: PlanNode): Clause | undefined => {
  const required = requiredClauses(node)
  return required === null ? undefined : narrowest(required)
}
