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

describe('derived.crossRegion', () => {
  const cross = (registeredIn: string, operatesIn: string) => leadToFacts({ id: '1', subject: { name: '某公司', registeredIn, operatesIn } })['derived.crossRegion']
  it('is false when one place contains the other', () => {
    expect(cross('寿县', '寿县双桥镇')).toBe(false)
    expect(cross('合肥市蜀山区', '合肥')).toBe(false)
  })
  it('splits a list of operating places before comparing (issue 10 class 8)', () => {
    // One place of the list is the registered one, the others are not: a plain containment test said "same".
    expect(cross('合肥', '合肥、六安、淮南')).toBe(true)
    expect(cross('寿县', '寿县双桥镇，六安市')).toBe(true)
    expect(cross('寿县', '寿县双桥镇、寿县堰口镇')).toBe(false)
    expect(cross('寿县', '双桥镇; 寿县')).toBe(true)
  })
  it('is false when a side names no place', () => {
    expect(cross('、', '合肥')).toBe(false)
  })
})
