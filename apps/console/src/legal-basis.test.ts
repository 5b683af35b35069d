import { describe, expect, it } from 'vitest'
import { legalBasis } from './legal-basis'

describe('legalBasis', () => {
  it('finds the judicial interpretation with its article, paragraph and item', () => {
    expect(legalBasis('对象150人以上的，应当依法追究刑事责任（法释〔2022〕5号第三条第一款第（二）项）。')).toEqual(['法释〔2022〕5号第三条第一款第（二）项'])
  })

  it('finds titled laws, the regulation by article and the work plan, each once, in order', () => {
    const text = '《防范和处置非法集资条例》第九条：名称含“金融”。见条例第二条，又见条例第二条；实施方案三（三）。《防范和处置非法集资条例》第九条'
    expect(legalBasis(text)).toEqual(['《防范和处置非法集资条例》第九条', '条例第二条', '实施方案三（三）'])
  })

  it('leaves out a reference that a longer one found contains', () => {
    expect(legalBasis('依据法释〔2022〕5号，具体见法释〔2022〕5号第五条第一款')).toEqual(['法释〔2022〕5号第五条第一款'])
  })

  it('finds nothing in a description without references, or without a description', () => {
    expect(legalBasis('涉及人数较多')).toEqual([])
    expect(legalBasis(undefined)).toEqual([])
  })
})
