import { describe, expect, it } from 'vitest'
import { createOperators } from '../operators'
import { parseRulePack } from '../rule-pack'
import { unitPackFiles } from '../../test/_pack'
import { compilePredicate, createPredicateContext } from './fast-predicate'
import type { FactNode, PlanNode, ReferenceNode } from './plan'

const { matcher: _matcher, ...operators } = createOperators(parseRulePack(unitPackFiles()).config.text)

const leaf: FactNode = {
  kind: 'fact',
  fact: { fact: 'text.all', path: undefined },
  operator: 'mentionsAny',
  op: operators.mentionsAny!,
  value: ['返利', '保本'],
  valueFact: undefined,
  priority: 1,
  name: undefined,
  cost: 10,
}
const reference = (target: PlanNode): ReferenceNode => ({ kind: 'reference', reference: 'shared', target, priority: 1, name: undefined, cost: target.cost })

describe('compilePredicate', () => {
  it('compiles a shared condition once, however many rules refer to it', () => {
    const slots: string[] = []
    const context = createPredicateContext((fact) => (slots.includes(fact) ? slots.indexOf(fact) : slots.push(fact) - 1))
    const first = compilePredicate(reference(leaf), context.slotOf, context)
    const second = compilePredicate({ kind: 'all', children: [reference(leaf)], priority: 1, name: undefined, cost: leaf.cost }, context.slotOf, context)
    // The group of one member is that member: the very predicate compiled for the first reference.
    expect(second).toBe(first)
    context.nextLead()
    expect(first(['承诺保本付息'])).toBe(true)
    context.nextLead()
    expect(first(['未发现返利'])).toBe(false)
    context.nextLead()
    expect(first(['种植合作社'])).toBe(false)
  })
})
