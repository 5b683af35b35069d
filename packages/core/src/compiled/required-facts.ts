import { operatorOrigin } from '../operators'
import type { PlanNode } from './plan'

/*
 * The facts a condition cannot hold without (必需事实): every built-in operator but `isKnown false`
 * answers false on an unknown fact (unknown stays unknown), so a rule whose every firing path compares
 * `money.raised` cannot fire on a lead without it, and the compiled engine skips the rule there without
 * evaluating it. Most leads of a sweep are clean and leave the money, people and stability fields empty,
 * which rules out most of a pack at the cost of one look at the fact vector per rule.
 *
 * Conservative: custom operators, `isKnown` (unless `true`) and anything under `not` require nothing.
 */

/** Facts (by name) that must be known for `node` to hold; `null` when the node can never hold. */
export const requiredFacts = (node: PlanNode): ReadonlySet<string> | null => {
  switch (node.kind) {
    case 'fact': {
      const origin = operatorOrigin(node.op)
      if (!origin) return new Set()
      if (origin.name === 'isKnown') return node.valueFact === undefined && node.value === true ? new Set([node.fact.fact]) : new Set()
      // `equal` to an unknown value never holds; otherwise the compared fact must be known. With a path
      // the value read is inside the fact, which therefore is known too.
      if (origin.name === 'equal' && node.valueFact === undefined && (node.value === undefined || node.value === null)) return null
      return new Set([node.fact.fact])
    }
    case 'all': {
      const union = new Set<string>()
      for (const child of node.children) {
        const required = requiredFacts(child)
        if (required === null) return null
        for (const fact of required) union.add(fact)
      }
      return union
    }
    case 'any': {
      // An empty `any` holds (as in json-rules-engine); otherwise what every holding member needs.
      const holding: ReadonlySet<string>[] = []
      for (const child of node.children) {
        const required = requiredFacts(child)
        if (required !== null) holding.push(required)
      }
      if (node.children.length === 0) return new Set()
      if (holding.length === 0) return null
      return new Set([...holding[0]!].filter((fact) => holding.every((r) => r.has(fact))))
    }
    case 'not':
      return new Set()
    case 'reference':
      return requiredFacts(node.target)
  }
}

/** Facts every lead has (the lead's id and subject name are required fields; `text.all` is always a string). */
const ALWAYS_KNOWN: ReadonlySet<string> = new Set(['id', 'subject.name', 'text.all'])

/** A fact that must be known for `node` to hold and that a lead may lack, or undefined. */
export const skippingFact = (node: PlanNode): string | undefined => {
  const required = requiredFacts(node)
  if (required === null) return undefined
  for (const fact of required) if (!ALWAYS_KNOWN.has(fact)) return fact
  return undefined
}
