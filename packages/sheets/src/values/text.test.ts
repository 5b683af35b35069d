import { describe, expect, it } from 'vitest'
import { parseText } from './text'

describe('parseText', () => {
  it('trims text and keeps what is inside', () => {
    expect(parseText('  双桥镇某某农民专业合作社 \n', 500)).toEqual({ value: '双桥镇某某农民专业合作社' })
  })

  it('turns XLSX numbers, booleans and dates into text', () => {
    expect(parseText(101, 200)).toEqual({ value: '101' })
    expect(parseText(true, 200)).toEqual({ value: '是' })
    expect(parseText(new Date(Date.UTC(2024, 2, 5)), 200)).toEqual({ value: '2024-03-05' })
  })

  it('reads blank and 不详 / - as unknown', () => {
    for (const raw of ['', '   ', '不详', '-', '/']) expect(parseText(raw, 500)).toEqual({ value: undefined })
    expect(parseText(null, 500)).toEqual({ value: undefined })
  })

  it('cuts overlong text with a value-too-long warning', () => {
    const r = parseText('很'.repeat(600), 500, '主体名称')
    expect(r.value).toHaveLength(500)
    expect(r.warning?.code).toBe('value-too-long')
    expect(r.warning?.message).toContain('“主体名称”列的值')
    expect(r.warning?.message).toContain('超过500字，已截断')
  })

  it('never cuts a surrogate pair in half', () => {
    const r = parseText(`${'a'.repeat(499)}😀`, 500)
    expect(r.value).toBe('a'.repeat(499))
  })
})
