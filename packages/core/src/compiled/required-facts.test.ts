import { describe, expect, it } from 'vitest'
import { createOperators } from '../operators'
import { parseRulePack } from '../rule-pack'
import { unitPackFiles } from '../../test/_pack'
import { createPlanner } from './plan'
import type { FactNode } from './plan'
import { requiredClauses, skippingClause } from './required-facts'
import type { Atom } from './required-facts'

const pack = parseRulePack(unitPackFiles())
const { matcher: _m, ...operators } = createOperators(pack.config.text)
const planner = createPlanner(pack, operators)
const atomName = (a: Atom) => (a.kind === 'known' ? a.fact : `scan of ${a.node.fact.fact}`)
/** Text conditions count as evidence of their scan, as the compiled engine registers them. */
const evidenceKey = (node: FactNode) => (node.operator === 'mentionsAny' ? node.fact.fact : undefined)
const required = (conditions: unknown) => {
  const clauses = requiredClauses(planner.plan(conditions as never), evidenceKey)
  return clauses === null ? null : clauses.map((c) => c.map(atomName).sort())
}
const leaf = (fact: string, operator: string, value: unknown) => ({ fact, operator, value })

describe('requiredClauses', () => {
  it('an `all` needs what each member needs; an `any` one of what its members need', () => {
    expect(required({ all: [leaf('people.total', 'greaterThanInclusive', 150), leaf('money.raised', 'greaterThan', 0)] })).toEqual([['people.total'], ['money.raised']])
    expect(required({ any: [leaf('people.total', 'greaterThan', 1), leaf('money.raised', 'greaterThan', 0)] })).toEqual([['money.raised', 'people.total']])
    expect(required({ any: [{ all: [leaf('people.total', 'greaterThan', 1), leaf('money.raised', 'greaterThan', 0)] }, leaf('money.outstanding', 'lessThan', 5)] })).toEqual([
      ['money.outstanding', 'people.total'],
    ])
  })

  it('needs nothing from what holds on an unknown fact (isKnown false, not, an empty group) or from facts every lead has', () => {
    expect(required({ all: [leaf('people.total', 'isKnown', false)] })).toEqual([])
    expect(required({ all: [leaf('people.total', 'isKnown', true)] })).toEqual([['people.total']])
    expect(required({ not: leaf('people.total', 'greaterThan', 1) })).toEqual([])
    expect(required({ any: [] })).toEqual([])
    expect(required({ any: [leaf('people.total', 'greaterThan', 1), leaf('text.all', 'matchesRegex', '返利')] })).toEqual([])
    expect(required({ any: [leaf('people.total', 'greaterThan', 1), leaf('text.all', 'mentionsAny', ['返利'])] })).toEqual([['people.total', 'scan of text.all']])
    expect(required({ all: [{ any: [] }, leaf('stability.overdue', 'equal', true)] })).toEqual([['stability.overdue']])
  })

  it('knows an `equal` to null never holds, and checks the narrowest clause', () => {
    expect(required({ all: [leaf('people.total', 'equal', null)] })).toBeNull()
    expect(required({ any: [leaf('people.total', 'equal', null), leaf('sector', 'equal', 'agriculture')] })).toEqual([['sector']])
    const plan = planner.plan({ all: [{ any: [leaf('people.total', 'greaterThan', 1), leaf('money.raised', 'greaterThan', 0)] }, leaf('text.all', 'mentionsAny', ['返利']), leaf('sector', 'equal', 'agriculture')] } as never)
    expect(skippingClause(plan)?.map(atomName)).toEqual(['sector'])
    expect(skippingClause(planner.plan({ all: [leaf('text.all', 'mentionsAny', ['返利'])] } as never))).toBeUndefined()
    expect(skippingClause(planner.plan({ all: [leaf('text.all', 'mentionsAny', ['返利'])] } as never), evidenceKey)?.map(atomName)).toEqual(['scan of text.all'])
  })
})
