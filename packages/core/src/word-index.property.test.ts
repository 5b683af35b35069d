import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { normaliseText, SIMPLE_UNITS } from './normalise-text'
import { createWordIndex } from './word-index'

/*
 * The word index finds every occurrence of every word in one pass (a bucket per first unit, each word tested
 * on its second unit, then whole). Its definition is one `indexOf` loop per word, the occurrences ordered by
 * start and then by id — the order the scanner and the matcher read cues in. Words share first units and
 * first pairs (不, 不是, 不存在, 不赔), so buckets hold several words each.
 */

const UNITS = ['不', '未', '存', '在', '是', '赔', '无', '人', '机', 'a', 'b', '。', '，', '1', '%', 'Ａ', ' ', '😀', 'é', 'e\u0301', '\u0000']
const wordArb = fc.array(fc.constantFrom(...UNITS.filter((u) => u !== ' ' && u !== 'Ａ')), { minLength: 1, maxLength: 4 }).map((u) => u.join(''))
const textArb = fc.array(fc.constantFrom(...UNITS), { maxLength: 40 }).map((u) => u.join(''))

/** The definition: every (id, start) by `indexOf`, by start then id. */
const plainFind = (words: readonly string[], text: string): number[] => {
  const found: [number, number][] = []
  words.forEach((w, id) => {
    for (let i = text.indexOf(w); i !== -1; i = text.indexOf(w, i + 1)) found.push([id, i])
  })
  return found.sort((a, b) => a[1] - b[1] || a[0] - b[0]).flat()
}

describe('the word index', () => {
  it('finds every occurrence of every word, by start then id, as one indexOf per word would', () => {
    fc.assert(
      fc.property(fc.uniqueArray(wordArb, { minLength: 1, maxLength: 30 }), fc.array(wordArb, { maxLength: 5 }), fc.array(textArb, { minLength: 1, maxLength: 4 }), (words, later, texts) => {
        const index = createWordIndex()
        const all: string[] = []
        const add = (w: string) => {
          const id = index.add(w)
          if (id === all.length) all.push(w)
          expect(index.word(id)).toBe(w)
        }
        words.forEach(add)
        for (const text of texts) {
          expect([...index.found.subarray(0, index.find(text))]).toEqual(plainFind(all, text))
          // Raw text: the same occurrences as in its normal form when that is made unit by unit, else -1.
          const count = index.findRaw(text)
          let unitByUnit = true
          for (let i = 0; i < text.length; i++) if (SIMPLE_UNITS[text.charCodeAt(i)] === 0) unitByUnit = false
          if (!unitByUnit) expect(count).toBe(-1)
          else expect([...index.found.subarray(0, count)]).toEqual(plainFind(all, normaliseText(text)))
        }
        // Words added after a search are found by the next one (the tables are rebuilt).
        later.forEach(add)
        expect([...index.found.subarray(0, index.find(texts[0]!))]).toEqual(plainFind(all, texts[0]!))
      }),
      { numRuns: 800 },
    )
  })

  // The longer words are found through a hash of their first two units: thousands of pairs fill its table,
  // so probes wrap and pass other pairs' slots; the extreme units (U+0000, U+FFFF) make the extreme keys.
  const WIDE = [...'不未存在是赔无人机集资返利保本托管养殖理财投资收益承诺', 'a', '1', '%', '\u0000', '\uffff', '\u8000']
  it('finds every word among thousands keyed on their first pair, extreme units included', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.array(fc.constantFrom(...WIDE), { minLength: 1, maxLength: 5 }).map((u) => u.join('')), { minLength: 200, maxLength: 1500 }),
        fc.array(fc.array(fc.constantFrom(...WIDE), { maxLength: 60 }).map((u) => u.join('')), { minLength: 1, maxLength: 4 }),
        (words, texts) => {
          const index = createWordIndex()
          words.forEach((w) => index.add(w))
          for (const text of texts) expect([...index.found.subarray(0, index.find(text))]).toEqual(plainFind(words, text))
        },
      ),
      { numRuns: 60 },
    )
  })

  it('keeps words apart when many share a first unit', () => {
    const index = createWordIndex()
    const words = ['不', '不是', '不存在', '不赔', '不是吗', '未', '未是']
    words.forEach((w) => index.add(w))
    const text = '不是不存在未是不赔不'
    expect([...index.found.subarray(0, index.find(text))]).toEqual(plainFind(words, text))
  })
})
