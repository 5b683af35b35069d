import { describe, expect, it } from 'vitest'
import { keywordsFromInput, numberFromInput, ruleFields, setAtPointer } from './rule-fields'

const RULE = {
  id: 'scale-people-150',
  name: '涉及人数达到150人',
  conditions: {
    all: [
      { fact: 'people.total', operator: 'greaterThanInclusive', value: 150 },
      { any: [{ fact: 'text.all', operator: 'mentionsAny', value: ['托管', '代养'] }, { not: { fact: 'money.raised', operator: 'lessThan', value: 1e6 } }] },
      { fact: 'sector', operator: 'equal', value: 'agriculture' },
    ],
  },
  event: { type: 'score', params: { dimension: 'scale', points: 20 } },
}

describe('rule form fields', () => {
  it('finds the name, the points, every numeric threshold and keyword list, with their pointers', () => {
    expect(ruleFields(RULE)).toEqual([
      { kind: 'name', pointer: '/name', value: '涉及人数达到150人' },
      { kind: 'points', pointer: '/event/params/points', value: 20 },
      { kind: 'threshold', pointer: '/conditions/all/0/value', fact: 'people.total', operator: 'greaterThanInclusive', value: 150 },
      { kind: 'keywords', pointer: '/conditions/all/1/any/0/value', fact: 'text.all', operator: 'mentionsAny', value: ['托管', '代养'] },
      { kind: 'threshold', pointer: '/conditions/all/1/any/1/not/value', fact: 'money.raised', operator: 'lessThan', value: 1e6 },
    ])
  })

  it('has no points for a rule that does not score', () => {
    expect(ruleFields({ ...RULE, event: { type: 'pattern', params: { pattern: 'rebate' } } }).map((f) => f.kind)).not.toContain('points')
  })

  it('keeps a threshold typed as text as a field, so its error can be shown there', () => {
    const typed = setAtPointer(RULE, '/conditions/all/0/value', 'abc')
    expect(ruleFields(typed).find((f) => f.pointer === '/conditions/all/0/value')?.value).toBe('abc')
  })

  it('writes a value at a pointer without changing the original', () => {
    const next = setAtPointer(RULE, '/conditions/all/1/any/0/value', ['认养']) as typeof RULE
    expect(ruleFields(next)[3]).toMatchObject({ value: ['认养'] })
    expect(RULE.conditions.all[1]).toEqual({ any: [{ fact: 'text.all', operator: 'mentionsAny', value: ['托管', '代养'] }, { not: { fact: 'money.raised', operator: 'lessThan', value: 1e6 } }] })
    expect(() => setAtPointer(RULE, '/name/x', 1)).toThrow(/no value/)
  })

  it('reads number boxes and keyword boxes', () => {
    expect(numberFromInput(' 300 ')).toBe(300)
    expect(numberFromInput('3百')).toBe('3百')
    expect(numberFromInput('')).toBe('')
    expect(keywordsFromInput('托管\n\n 代养 \n')).toEqual(['托管', '代养'])
  })
})
