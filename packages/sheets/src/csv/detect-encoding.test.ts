import { describe, expect, it } from 'vitest'
import {
  chooseAsciiCompatibleEncoding,
  detectBom,
  detectBomlessUtf16,
  incompleteUtf8Tail,
  isValidUtf8,
  normaliseEncoding,
} from './detect-encoding'
import { gb18030, utf16be, utf16le } from '../../test/_helpers'

const utf8 = (s: string) => new TextEncoder().encode(s)

describe('detectBom', () => {
  it('recognises the UTF-8, UTF-16LE and UTF-16BE marks', () => {
    expect(detectBom(new Uint8Array([0xef, 0xbb, 0xbf, 0x41]))).toEqual({ encoding: 'utf-8', length: 3 })
    expect(detectBom(utf16le('线索'))).toEqual({ encoding: 'utf-16le', length: 2 })
    expect(detectBom(utf16be('线索'))).toEqual({ encoding: 'utf-16be', length: 2 })
    expect(detectBom(utf8('线索编号'))).toBeNull()
    expect(detectBom(gb18030('线索编号'))).toBeNull()
  })
})

describe('detectBomlessUtf16', () => {
  it('finds UTF-16 by its zero bytes in tab-separated text, and nothing in UTF-8 or GBK', () => {
    const text = '线索编号\t主体名称\t涉及人数\r\nSQ-001\t某合作社\t420\r\n'
    expect(detectBomlessUtf16(utf16le(text).subarray(2))).toBe('utf-16le')
    expect(detectBomlessUtf16(utf16be(text).subarray(2))).toBe('utf-16be')
    expect(detectBomlessUtf16(utf8(text))).toBeNull()
    expect(detectBomlessUtf16(gb18030(text))).toBeNull()
  })
})

describe('strict UTF-8 on a sample', () => {
  it('does not hold a character cut at the end of the sample against the file', () => {
    const bytes = utf8('线索编号，主体名称𠀀')
    for (let cut = 1; cut <= 4; cut++) {
      const sample = bytes.subarray(0, bytes.length - cut)
      expect(isValidUtf8(sample, false)).toBe(true)
      // …but when the sample is the whole file, a cut character is invalid.
      expect(isValidUtf8(sample, true)).toBe(cut === 4)
    }
  })

  it('counts the bytes of an incomplete trailing sequence', () => {
    expect(incompleteUtf8Tail(utf8('abc'))).toBe(0)
    expect(incompleteUtf8Tail(utf8('线'))).toBe(0)
    expect(incompleteUtf8Tail(utf8('线').subarray(0, 2))).toBe(2)
    expect(incompleteUtf8Tail(utf8('𠀀').subarray(0, 3))).toBe(3)
    expect(incompleteUtf8Tail(utf8('𠀀').subarray(0, 1))).toBe(1)
  })

  it('chooses GB18030 for GBK text and UTF-8 for UTF-8 text', () => {
    const text = '双桥镇非法集资风险排查表，郑岗村牛羊托管，约300人'
    expect(chooseAsciiCompatibleEncoding(utf8(text), true)).toBe('utf-8')
    expect(chooseAsciiCompatibleEncoding(gb18030(text), true)).toBe('gb18030')
    // A cut UTF-8 character at the end of a prefix sample does not flip the decision.
    const cut = utf8(text).subarray(0, utf8(text).length - 1)
    expect(chooseAsciiCompatibleEncoding(cut, false)).toBe('utf-8')
  })
})

describe('normaliseEncoding', () => {
  it('maps Chinese and Unicode names, passes other TextDecoder labels, refuses unknown ones', () => {
    expect(normaliseEncoding('GBK')).toBe('gb18030')
    expect(normaliseEncoding('gb2312')).toBe('gb18030')
    expect(normaliseEncoding(' UTF8 ')).toBe('utf-8')
    expect(normaliseEncoding('utf-16')).toBe('utf-16le')
    expect(normaliseEncoding('big5')).toBe('big5')
    expect(normaliseEncoding('klingon')).toBeNull()
  })
})
