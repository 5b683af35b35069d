import type { Reason } from '@chufei/core'
import { describe, expect, it } from 'vitest'
import { groupReasons, reasonEffect } from './reason-groups'

const r = (rule: string, extra: Partial<Reason>): Reason => ({ rule, label: rule, ...extra })

describe('a result’s reasons grouped for staff', () => {
  const reasons = [
    r('pattern-x', { pattern: 'livestock-custody' }),
    r('scale-150', { dimension: 'scale', points: 60 }),
    r('exposure-100w', { dimension: 'exposure', points: 40 }),
    r('scale-100', { dimension: 'scale', points: 30 }),
    r('scale-30', { dimension: 'scale', points: 20 }),
    r('to-red', { tier: 'red' }),
    r('cap-yellow', { cap: 'yellow' }),
    r('stability-neg', { dimension: 'stability', points: -10 }),
    r('prosecute', { disposition: 'prosecute' }),
  ]
  const groups = groupReasons({ reasons, scores: { scale: 100, exposure: 40, attention: 0, stability: 0 } })

  it('lists dimensions first, then patterns, escalations, caps and dispositions, keeping the pack’s order inside a group', () => {
    expect(groups.map((g) => g.group)).toEqual(['scale', 'exposure', 'stability', 'pattern', 'escalate', 'cap', 'disposition'])
    expect(groups[0]!.reasons.map((x) => x.rule)).toEqual(['scale-150', 'scale-100', 'scale-30'])
  })

  it('adds up each dimension’s points beside the score shown, so a capped or floored score is visible', () => {
    expect(groups[0]).toMatchObject({ sum: 110, score: 100 })
    expect(groups[1]).toMatchObject({ sum: 40, score: 40 })
    expect(groups[2]).toMatchObject({ sum: -10, score: 0 })
    expect(groups[3]!.sum).toBeUndefined()
  })

  it('loses no reason and invents none', () => {
    expect(groups.flatMap((g) => g.reasons).map((x) => x.rule).sort()).toEqual(reasons.map((x) => x.rule).sort())
  })

  it('reads what each reason did', () => {
    expect(reasonEffect(reasons[1]!)).toEqual({ type: 'score', dimension: 'scale', points: 60 })
    expect(reasonEffect(reasons[0]!)).toEqual({ type: 'pattern', pattern: 'livestock-custody' })
    expect(reasonEffect(reasons[5]!)).toEqual({ type: 'escalate', tier: 'red' })
    expect(reasonEffect(reasons[6]!)).toEqual({ type: 'cap', tier: 'yellow' })
    expect(reasonEffect(reasons[8]!)).toEqual({ type: 'disposition', disposition: 'prosecute' })
  })
})
