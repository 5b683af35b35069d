import { describe, expect, it } from 'vitest'
import { validateRulePack } from '../rule-pack'
import { fixtureFiles } from './_fixture-pack'

const rule = (id: string, conditions: unknown) => ({ id, name: id, conditions, event: { type: 'score', params: { dimension: 'scale', points: 1 } } })
const issuesOf = (...rules: unknown[]) => validateRulePack(fixtureFiles({ 'extra.json': { rules } })).issues.filter((i) => i.file === 'extra.json')

describe('thresholds that can never be reached', () => {
  it('flags a share compared above 1 and suggests the fraction', () => {
    const [issue, ...rest] = issuesOf(rule('x', { all: [{ fact: 'derived.elderlyShare', operator: 'greaterThanInclusive', value: 60 }] }))
    expect(rest).toEqual([])
    expect(issue).toMatchObject({ code: 'unreachable-threshold', severity: 'error', pointer: '/rules/0/conditions/all/0/value' })
    expect(issue!.message).toContain('0.6')
    expect(issue!.line).toBeGreaterThan(1)
  })

  it('flags counts below 0, lessThan 0 on amounts, fractional equality on counts', () => {
    const found = issuesOf(
      rule('a', { all: [{ fact: 'people.total', operator: 'lessThan', value: 0 }] }),
      rule('b', { any: [{ fact: 'money.raised', operator: 'lessThanInclusive', value: -1 }] }),
      rule('c', { all: [{ fact: 'attention.complaints', operator: 'equal', value: 2.5 }] }),
      rule('d', { all: [{ fact: 'derived.outstandingShare', operator: 'greaterThan', value: 1 }] }),
    )
    expect(found.map((i) => [i.code, i.pointer])).toEqual([
      ['unreachable-threshold', '/rules/0/conditions/all/0/value'],
      ['unreachable-threshold', '/rules/1/conditions/any/0/value'],
      ['unreachable-threshold', '/rules/2/conditions/all/0/value'],
      ['unreachable-threshold', '/rules/3/conditions/all/0/value'],
    ])
  })

  it('accepts thresholds at the edges of a range', () => {
    expect(issuesOf(
      rule('a', { all: [{ fact: 'derived.elderlyShare', operator: 'greaterThanInclusive', value: 1 }] }),
      rule('b', { all: [{ fact: 'people.total', operator: 'lessThanInclusive', value: 0 }] }),
      rule('c', { all: [{ fact: 'money.raised', operator: 'greaterThan', value: 0 }] }),
    )).toEqual([])
  })
})

describe('rules that can never fire', () => {
  it('flags contradictory bounds on one fact inside an all, naming both conditions', () => {
    const [issue] = issuesOf(rule('x', { all: [{ fact: 'people.total', operator: 'greaterThanInclusive', value: 100 }, { fact: 'money.raised', operator: 'greaterThan', value: 0 }, { fact: 'people.total', operator: 'lessThan', value: 50 }] }))
    expect(issue).toMatchObject({ code: 'never-fires', pointer: '/rules/0/conditions/all' })
    expect(issue!.message).toContain('/rules/0/conditions/all/0')
    expect(issue!.message).toContain('/rules/0/conditions/all/2')
  })

  it('flags equal to two values, equal with notEqual, isKnown false with a comparison, and nested all groups', () => {
    const found = issuesOf(
      rule('a', { all: [{ fact: 'sector', operator: 'equal', value: 'agriculture' }, { fact: 'sector', operator: 'equal', value: 'education' }] }),
      rule('b', { all: [{ fact: 'stability.overdue', operator: 'equal', value: true }, { fact: 'stability.overdue', operator: 'notEqual', value: true }] }),
      rule('c', { all: [{ fact: 'people.total', operator: 'isKnown', value: false }, { fact: 'people.total', operator: 'greaterThan', value: 5 }] }),
      rule('d', { any: [{ all: [{ fact: 'people.total', operator: 'greaterThan', value: 10 }, { all: [{ fact: 'people.total', operator: 'lessThanInclusive', value: 10 }] }] }] }),
      rule('e', { all: [{ fact: 'people.total', operator: 'greaterThan', value: 10 }, { fact: 'people.total', operator: 'lessThan', value: 11 }] }),
    )
    expect(found.map((i) => [i.code, i.pointer])).toEqual([
      ['never-fires', '/rules/0/conditions/all'],
      ['never-fires', '/rules/1/conditions/all'],
      ['never-fires', '/rules/2/conditions/all'],
      ['contradictory-group', '/rules/3/conditions/any/0/all'],
      ['never-fires', '/rules/4/conditions/all'],
    ])
  })

  it('leaves satisfiable groups and any-groups alone', () => {
    expect(issuesOf(
      rule('a', { all: [{ fact: 'people.total', operator: 'greaterThanInclusive', value: 50 }, { fact: 'people.total', operator: 'lessThan', value: 150 }] }),
      rule('b', { any: [{ fact: 'sector', operator: 'equal', value: 'agriculture' }, { fact: 'sector', operator: 'equal', value: 'education' }] }),
      rule('c', { all: [{ fact: 'sector', operator: 'in', value: ['agriculture', 'education'] }, { fact: 'sector', operator: 'notEqual', value: 'education' }] }),
      rule('d', { all: [{ fact: 'people.total', operator: 'isKnown', value: true }, { fact: 'people.total', operator: 'greaterThan', value: 5 }] }),
    )).toEqual([])
  })
})
