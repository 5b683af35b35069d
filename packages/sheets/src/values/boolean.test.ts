import { describe, expect, it } from 'vitest'
import { parseBoolean } from './boolean'

describe('parseBoolean', () => {
  it.each(['是', '有', 'Y', 'y', 'Ｙ', 'yes', 'YES', 'Yes', 'true', 'TRUE', '1', '√', '✓', '✔', '是（已逾期三个月）', '有，部分逾期'])(
    'reads %s as yes',
    (raw) => expect(parseBoolean(raw)).toEqual({ value: true }),
  )

  it.each(['否', '无', 'N', 'n', 'ｎ', 'no', 'NO', 'false', 'False', '0', '×', '✗', '✘', 'X', '否（已兑付）'])('reads %s as no', (raw) =>
    expect(parseBoolean(raw)).toEqual({ value: false }),
  )

  it('reads XLSX booleans and 1/0 numbers', () => {
    expect(parseBoolean(true)).toEqual({ value: true })
    expect(parseBoolean(false)).toEqual({ value: false })
    expect(parseBoolean(1)).toEqual({ value: true })
    expect(parseBoolean(0)).toEqual({ value: false })
  })

  it.each(['', '不详', '未知', '-', '/'])('reads %j as unknown without a warning', (raw) => {
    expect(parseBoolean(raw)).toEqual({ value: undefined })
  })

  it('warns unreadable-boolean for anything else', () => {
    expect(parseBoolean('可能', '是否逾期兑付')).toEqual({
      value: undefined,
      warning: { code: 'unreadable-boolean', message: '“是否逾期兑付”列的值“可能”无法识别为“是/否”，按未知处理' },
    })
    expect(parseBoolean(2).warning?.code).toBe('unreadable-boolean')
    expect(parseBoolean('无法联系').warning?.code).toBe('unreadable-boolean')
  })
})
