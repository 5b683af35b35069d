import { describe, expect, it } from 'vitest'
import { leadToFacts } from './facts'

const lead = (text: { description?: string; promotion?: string }) => ({ id: '1', subject: { name: '某合作社' }, text })

describe('text.all', () => {
  it('joins name, description and promotion as separate clauses', () => {
    expect(leadToFacts(lead({ description: '吸收资金', promotion: '保本' }))['text.all']).toBe('某合作社。吸收资金。保本')
  })

  it('adds no second full stop after a part that already ends a sentence', () => {
    expect(leadToFacts(lead({ description: '部分村民讨要本金。', promotion: '稳赚不赔' }))['text.all']).toBe('某合作社。部分村民讨要本金。稳赚不赔')
    expect(leadToFacts(lead({ description: '真的吗？', promotion: '保本' }))['text.all']).toBe('某合作社。真的吗？保本')
  })
})
