import { describe, expect, it } from 'vitest'
import { createOperators } from '../operators'
import { parseRulePack } from '../rule-pack'
import { unitPackFiles } from '../../test/_pack'
import { createPlanner } from './plan'
import { requiredFacts, skippingFact } from './required-facts'

const pack = parseRulePack(unitPackFiles())
const { matcher: _m, ...operators } = createOperators(pack.config.text)
const planner = createPlanner(pack, operators)
const required = (conditions: unknown) => {
  const facts = requiredFacts(planner.plan(conditions as never))
  return facts === null ? null : [...facts].sort()
}
const leaf = (fact: string, operator: string, value: unknown) => ({ fact, operator, value })

describe('requiredFacts', () => {
  it('a rule needs every fact its `all` compares, and what every member of an `any` needs', () => {
    expect(required({ all: [leaf('people.total', 'greaterThanInclusive', 150), leaf('money.raised', 'greaterThan', 0)] })).toEqual(['money.raised', 'people.total'])
    expect(required({ any: [{ all: [leaf('people.total', 'greaterThan', 1), leaf('money.raised', 'greaterThan', 0)] }, leaf('money.raised', 'lessThan', 5)] })).toEqual(['money.raised'])
    expect(required({ any: [leaf('people.total', 'greaterThan', 1), leaf('money.raised', 'greaterThan', 0)] })).toEqual([])
  })

  it('needs nothing from what holds on an unknown fact: isKnown false, not, an empty group', () => {
    expect(required({ all: [leaf('people.total', 'isKnown', false)] })).toEqual([])
    expect(required({ all: [leaf('people.total', 'isKnown', true)] })).toEqual(['people.total'])
    expect(required({ not: leaf('people.total', 'greaterThan', 1) })).toEqual([])
    expect(required({ any: [] })).toEqual([])
    expect(required({ all: [{ any: [] }, leaf('stability.overdue', 'equal', true)] })).toEqual(['stability.overdue'])
  })

  it('knows an `equal` to null never holds, and skips on no fact every lead has', () => {
    expect(required({ all: [leaf('people.total', 'equal', null)] })).toBeNull()
    expect(required({ any: [leaf('people.total', 'equal', null), leaf('sector', 'equal', 'agriculture')] })).toEqual(['sector'])
    expect(skippingFact(planner.plan({ all: [leaf('text.all', 'mentionsAny', ['返利']), leaf('money.raised', 'greaterThan', 0)] } as never))).toBe('money.raised')
    expect(skippingFact(planner.plan({ all: [leaf('text.all', 'mentionsAny', ['返利'])] } as never))).toBeUndefined()
  })
})
