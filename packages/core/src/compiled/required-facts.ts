import { operatorOrigin } from '../operators'
import type { FactNode, PlanNode } from './plan'

/*
 * What a condition cannot hold without (必需事实): every built-in operator but `isKnown false` answers
 * false on an unknown fact (unknown stays unknown), so a rule that compares `money.raised` or
 * `people.total` on every path to firing cannot fire on a lead that has neither, and the compiled engine
 * skips it there without evaluating it. Likewise a text condition answered from the keyword scan holds
 * only when the scan of its text set that condition's flag (its list mentioned and not negated, a literal
 * its regex needs present). Most leads of a sweep are clean — no money, people or stability fields, and
 * text that mentions nothing a pack looks for, or only a few of its lists — which rules out most of a
 * pack at the cost of a look or two per rule.
 *
 * What a condition needs is a list of clauses, each a set of atoms of which at least one holds when the
 * condition holds: `all` needs the clauses of all its members; `any` needs, of each member that can
 * hold, one of its clauses — so one clause, their union. Conservative: custom operators, `isKnown`
 * (unless `true`), anything under `not`, and facts every lead has (which rule nothing out) need nothing.
 */

/** Facts every lead has (the lead's id and subject name are required fields; `text.all` is always a string). */
const ALWAYS_KNOWN: ReadonlySet<string> = new Set(['id', 'subject.name', 'text.all'])

/** Something that holds whenever a condition needing it holds: a fact is known, or a text scan set a condition's flag. */
export type Atom =
  | { readonly kind: 'known'; readonly fact: string }
  /** `key` names the scan flag (the same key, the same evidence); `node` is one condition answered from it. */
  | { readonly kind: 'evidence'; readonly key: string; readonly node: FactNode }

/** A set of atoms of which at least one holds whenever a condition holds. */
export type Clause = readonly Atom[]

/**
 * Names the scan flag a text condition is answered from, for conditions that hold only when that scan
 * set it; undefined for any other condition.
 */
export type EvidenceKey = (node: FactNode) => string | undefined

const atomKey = (a: Atom): string => (a.kind === 'known' ? `k${a.fact}` : `e${a.key}`)
/** The same key for the same set of atoms, whatever their order. */
const clauseKey = (c: Clause): string => c.map(atomKey).sort().join('\u0001')

/** Clauses already worked out, per plan node; pass one to calls that share an {@link EvidenceKey}. */
export type ClauseMemo = Map<PlanNode, readonly Clause[] | null>

/**
 * Clauses that hold whenever `node` holds (none: it needs nothing that helps); `null` when the node can
 * never hold. Each node is worked out once per `memo`: a shared condition is one node however many rules
 * refer to it, and on the default pack references expand the rules' trees some 5,000-fold.
 */
export const requiredClauses = (
  node: PlanNode,
  evidenceKey: EvidenceKey = () => undefined,
  memo: ClauseMemo = new Map(),
): readonly Clause[] | null => {
  const clauses = (n: PlanNode): readonly Clause[] | null => {
    if (memo.has(n)) return memo.get(n)!
    const found = clausesOf(n)
    memo.set(n, found)
    return found
  }
  const clausesOf = (n: PlanNode): readonly Clause[] | null => {
    switch (n.kind) {
      case 'fact': {
        const origin = operatorOrigin(n.op)
        if (!origin) return []
        // `equal` to an unknown value never holds; otherwise the compared fact must be known. With a path
        // the value read is inside the fact, which therefore is known too.
        if (origin.name === 'equal' && n.valueFact === undefined && (n.value === undefined || n.value === null)) return null
        if (origin.name === 'isKnown' && !(n.valueFact === undefined && n.value === true)) return []
        const key = evidenceKey(n)
        if (key !== undefined) return [[{ kind: 'evidence', key, node: n }]]
        return ALWAYS_KNOWN.has(n.fact.fact) ? [] : [[{ kind: 'known', fact: n.fact.fact }]]
      }
      case 'all': {
        // Each clause once: a shared condition referred to twice needs nothing more than once, and a pack
        // whose conditions each refer to the next twice would otherwise double the list at every level.
        const all = new Map<string, Clause>()
        for (const child of n.children) {
          const required = clauses(child)
          if (required === null) return null
          for (const clause of required) {
            const key = clauseKey(clause)
            if (!all.has(key)) all.set(key, clause)
          }
        }
        return [...all.values()]
      }
      case 'any': {
        // An empty `any` holds (as in json-rules-engine).
        if (n.children.length === 0) return []
        const union = new Map<string, Atom>()
        let holds = false
        for (const child of n.children) {
          const required = clauses(child)
          if (required === null) continue
          holds = true
          const clause = narrowest(required)
          if (clause === undefined) return []
          for (const atom of clause) union.set(atomKey(atom), atom)
        }
        return holds ? [[...union.values()]] : null
      }
      case 'not':
        return []
      case 'reference':
        return clauses(n.target)
    }
  }
  return clauses(node)
}

const narrowest = (clauses: readonly Clause[]): Clause | undefined =>
  clauses.reduce<Clause | undefined>((best, c) => (best === undefined || c.length < best.length ? c : best), undefined)

/** The clause the compiled engine checks before evaluating a rule (its narrowest), or undefined. */
export const skippingClause = (node: PlanNode, evidenceKey?: EvidenceKey, memo?: ClauseMemo): Clause | undefined => {
  const required = requiredClauses(node, evidenceKey, memo)
  return required === null ? undefined : narrowest(required)
}
