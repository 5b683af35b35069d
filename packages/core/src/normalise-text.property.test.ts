import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { SIMPLE_UNITS, SIMPLE_UNIT_RANGES, simpleTarget } from './normalise-text'
import { normaliseText } from './text'

/*
 * normaliseText skips NFKC and lower-casing for texts made only of units those leave alone. The
 * definition is the full pipeline; the shortcut must agree with it on any text, including texts that
 * mix safe units with full-width forms, capitals, combining marks, compatibility ideographs and spaces.
 */
const definition = (text: string): string =>
  text.normalize('NFKC').toLowerCase().replace(/\r\n?/gu, '\n').replace(/[^\S\n]+/gu, '')

const tricky = [
  'Ａ', 'ａ', 'A', 'Z', 'é', 'e\u0301', '\u0301', '\u3099', 'か', '\u302a', '…', '\u3000', ' ', '\t', '\r\n', '\r', '\n',
  '\u2028', '\u00a0', '\ufeff', '㈱', '①', '¹', 'ﬁ', '\uf900', '\ufa0e', 'Σ', 'İ', '〃', '〜', '‥', '·', '・', '¥', '￥', '%', '％',
  '经核实不存在代养', '保本保息，年化18%', '。', '；', '“', '”', '—', '\ud83d\ude00', '\ud800', '가', '\u1100\u1161',
]
const mixed = fc.array(fc.oneof(fc.constantFrom(...tricky), fc.string({ unit: 'binary', maxLength: 3 }), fc.string({ unit: 'grapheme', maxLength: 3 })), { maxLength: 12 }).map((parts) => parts.join(''))

describe('normaliseText', () => {
  it("its table of units that normalise alone is the unit-by-unit rule, the ideographs set as themselves included", () => {
    for (let c = 0; c < 0x10000; c++) {
      const covered = SIMPLE_UNIT_RANGES.some(([from, to]) => c >= from && c <= to)
      if (SIMPLE_UNITS[c] !== (covered ? simpleTarget(c) : 0)) expect.fail(`unit ${c.toString(16)}: ${SIMPLE_UNITS[c]} in the table`)
    }
  })

  it('equals NFKC + lower case + white space removal on any text', () => {
    fc.assert(fc.property(mixed, (text) => {
      expect(normaliseText(text)).toBe(definition(text))
    }), { numRuns: 3000 })
  })

  it('on every single UTF-16 unit, alone and after a letter', () => {
    for (let c = 0; c < 0x10000; c++) {
      const ch = String.fromCharCode(c)
      if (normaliseText(ch) !== definition(ch) || normaliseText(`a${ch}`) !== definition(`a${ch}`) || normaliseText(`${ch}\u0301`) !== definition(`${ch}\u0301`)) {
        throw new Error(`differs at U+${c.toString(16)}`)
      }
    }
  })
})
