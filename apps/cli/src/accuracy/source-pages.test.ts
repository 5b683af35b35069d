import { describe, expect, it } from 'vitest'
import { parseCaseSet, type CaseSetName } from './case-expectations'
import { findSeenBefore, listSourceAddresses, subjectKey } from './source-pages'

const md = [
  '| 编号 | 发布者 | 日期 | 标题 | 地址 | 备注 |',
  '| S001 | 报 | 2016-07-05 | 题 | http://a.example/1.htm | 开发集 |',
  '| S002 | 报 | 2016-07-05 | 题 | http://a.example/1.htm/ | 保留集 |',
  '| S003 | 报 | 2020-01-01 | 题 | https://b.example/x?id=2（转载）另见 http://c.example/3 | 保留集 |',
  '| S004 | 报 | 2021-01-01 | 题 | http://c.example/3 | 开发集（后加） |',
  '| M001 | 正常线索原型 | 条例第二条 |',
  '| M002 | 正常线索原型 | 条例第二条 |',
].join('\n')

const set = (name: CaseSetName, cases: [string, string][]) =>
  parseCaseSet(
    {
      set: name,
      cases: cases.map(([id, source]) =>
        source.startsWith('M')
          ? { id, source, kind: 'clean', mustFire: [], mustNotFire: [], tiers: ['none'], dispositions: ['monitor'], basis: '条例第二条', classes: [6] }
          : { id, source, kind: 'published', mustFire: ['rebate'], mustNotFire: [], tiers: ['red'], dispositions: ['prosecute'], basis: '法释〔2022〕5号第三条', classes: [7] },
      ),
    },
    'x.json',
  )

describe('listSourceAddresses', () => {
  it('reads every address of a source row, ending each at the first non-ASCII character', () => {
    const addresses = listSourceAddresses(md)
    expect(addresses.get('S002')).toEqual(['http://a.example/1.htm'])
    expect(addresses.get('S003')).toEqual(['https://b.example/x?id=2', 'http://c.example/3'])
    expect(addresses.get('M001')).toEqual([])
  })
})

describe('findSeenBefore', () => {
  const addresses = listSourceAddresses(md)

  it('names a case on a page an earlier source of another set cites, with that case', () => {
    const heldOut = set('held-out-25', [['H25-001', 'S002'], ['H25-002', 'S003']])
    expect(findSeenBefore(heldOut, [set('dev', [['D-001', 'S001'], ['D-002', 'S004']])], addresses)).toEqual([
      { id: 'H25-001', source: 'S002', page: 'http://a.example/1.htm', earlier: { set: 'dev', id: 'D-001', source: 'S001' } },
    ])
  })

  it('does not count a later case on the same page (added to development after the set was collected)', () => {
    const heldOut = set('held-out-24', [['H24-001', 'S003']])
    expect(findSeenBefore(heldOut, [set('dev', [['D-002', 'S004']])], addresses)).toEqual([])
  })

  it('compares clean-lead prototypes only with clean-lead prototypes, and a set not with itself', () => {
    const heldOut = set('held-out-24', [['H24-001', 'M002'], ['H24-002', 'S002'], ['H24-003', 'S001']])
    expect(findSeenBefore(heldOut, [heldOut, set('dev', [['D-001', 'M001']])], addresses)).toEqual([])
  })
})

describe('seen before by subject', () => {
  const addresses = listSourceAddresses(md)

  it('keys a subject by its name without notes and placeholders, and not at all when too little is left', () => {
    expect(subjectKey('灌南仁慈医院（院长温某东）')).toBe('灌南仁慈医院')
    expect(subjectKey('某某农业专业合作社')).toBe('农业专业合作社')
    expect(subjectKey('某某公司')).toBeUndefined()
  })

  it('names a published case about a subject an earlier published case named, reported on another page', () => {
    const heldOut = set('held-out-25', [['H25-001', 'S003'], ['H25-002', 'M002']])
    const subjects = new Map([
      ['held-out-25/H25-001', '灌南仁慈医院'],
      ['dev/D-001', '灌南仁慈医院（院长温某东）'],
      ['held-out-25/H25-002', '某某便民超市'],
      ['dev/D-002', '某某便民超市'],
    ])
    expect(findSeenBefore(heldOut, [set('dev', [['D-001', 'S001'], ['D-002', 'M001']])], addresses, subjects)).toEqual([
      { id: 'H25-001', source: 'S003', page: '主体：灌南仁慈医院', earlier: { set: 'dev', id: 'D-001', source: 'S001' } },
    ])
  })
})
