import type { ScoredResult } from '@chufei/core'
import { describe, expect, it } from 'vitest'
import { opensCase } from './_opens-case'
import { prepareRow } from './_sweep-rows'

// A result as the import prepares it; only its tier and disposition matter to the decision.
const lead = (tier: ScoredResult['tier'], disposition: ScoredResult['disposition']) =>
  prepareRow(
    { id: 'SQ-1', status: 'scored', total: 0, tier, scores: { scale: 0, exposure: 0, attention: 0, stability: 0 }, patterns: [], disposition, reasons: [], assignment: { units: [], measures: '', deadlineDays: null }, warnings: [], rulePack: { name: 'p', version: '1', hash: 'h' } },
    { id: 'SQ-1', subject: { name: '某公司' } },
  )

describe('opensCase', () => {
  it('opens a case for a key lead (yellow tier or above), even one the rules only ask to monitor', () => {
    for (const tier of ['yellow', 'orange', 'red'] as const) expect(opensCase(lead(tier, 'monitor'), false)).toBe(true)
  })

  it('opens a case for a lead below yellow whose rules ask for a measure (约谈、整改、处罚、打击)', () => {
    for (const disposition of ['interview', 'rectify', 'penalty', 'prosecute'] as const) {
      expect(opensCase(lead('none', disposition), false)).toBe(true)
      expect(opensCase(lead('blue', disposition), false)).toBe(true)
    }
  })

  it('opens a case for a subject coming back after its case was closed (卷土重来), whatever its score', () => {
    expect(opensCase(lead('none', 'monitor'), true)).toBe(true)
  })

  it('keeps a monitor-only lead below yellow on the total list only', () => {
    expect(opensCase(lead('none', 'monitor'), false)).toBe(false)
    expect(opensCase(lead('blue', 'monitor'), false)).toBe(false)
  })
})
