/*
 * Normalising text written by people before matching (文本规范化): full-width forms to half-width, lower
 * case, no white space. Shared by the text matcher, the keyword scanner and the word index.
 */

/**
 * Normalises text for matching: NFKC (full-width → half-width), lower case, no white space — except line
 * breaks, which become one `\n` each so that a pack can treat a new line as the end of a clause.
 *
 * @example normaliseText('ＡＢＣ 保 本') === 'abc保本'
 */
export const normaliseText = (text: string): string => {
  let firstChange = -1
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    const m = SIMPLE[c]!
    if (m === 0) return normaliseFully(text)
    if (m !== c && firstChange < 0) firstChange = i
  }
  if (firstChange < 0) return text
  if (text.length > 4096) return normaliseFully(text)
  const units = new Array<number>(text.length - firstChange)
  for (let i = firstChange; i < text.length; i++) units[i - firstChange] = SIMPLE[text.charCodeAt(i)]!
  return text.slice(0, firstChange) + String.fromCharCode(...units)
}

const normaliseFully = (text: string): string =>
  text.normalize('NFKC').toLowerCase().replace(/\r\n?/gu, '\n').replace(/[^\S\n]+/gu, '')

/**
 * For UTF-16 units whose normalisation does not depend on their neighbours, the unit they become (0 for
 * all others): printable ASCII (capitals lower-cased), full-width ASCII forms (ＡＢＣ，１８％ → abc,18%),
 * CJK ideographs and the common CJK and general punctuation. Each is a single unit after NFKC and lower
 * case, not white space and not a combining mark — so nothing composes or reorders across them, and a
 * text made only of these normalises unit by unit, without the NFKC pass (ICU, the larger cost). Most of
 * what village staff type is made only of these.
 */
/** The ranges whose units may normalise alone; every other unit is 0 in `SIMPLE`. */
const SIMPLE_RANGES: readonly (readonly [number, number])[] = [[0x21, 0x7e], [0x2010, 0x2027], [0x3001, 0x303f], [0x3400, 0x4dbf], [0x4e00, 0x9fff], [0xff01, 0xff5e]]

/**
 * CJK unified ideographs (0x3400–0x4DBF, 0x4E00–0x9FFF) have no decomposition and no case: each is its own
 * NFKC form. They are most of the table, so they are set as themselves rather than normalised one by one
 * (that took ≈ 50 ms of every process's start); `normalise-text.property.test.ts` checks the table against
 * the unit-by-unit rule over every range.
 */
const IDENTITY_RANGES: readonly (readonly [number, number])[] = [[0x3400, 0x4dbf], [0x4e00, 0x9fff]]

/** What `c` normalises to alone under {@link SIMPLE}'s rule, or 0. */
export const simpleTarget = (c: number): number => {
  const ch = String.fromCharCode(c)
  const target = ch.normalize('NFKC').toLowerCase()
  if (target.length !== 1 || /[\s\p{M}]/u.test(ch) || /[\s\p{M}]/u.test(target)) return 0
  const t = target.charCodeAt(0)
  // The target must itself be stable, so that normalising twice changes nothing more.
  return target.normalize('NFKC').toLowerCase() === target && t > 0x20 ? t : 0
}

const SIMPLE = (() => {
  const table = new Uint16Array(0x10000)
  for (const [from, to] of IDENTITY_RANGES) for (let c = from; c <= to; c++) table[c] = c
  for (const [from, to] of SIMPLE_RANGES) {
    if (IDENTITY_RANGES.some(([a, b]) => a === from && b === to)) continue
    for (let c = from; c <= to; c++) table[c] = simpleTarget(c)
  }
  return table
})()

/** The ranges `SIMPLE` covers (for its test). */
export const SIMPLE_UNIT_RANGES = SIMPLE_RANGES

/**
 * For each UTF-16 unit, the unit it normalises to whatever its neighbours, or 0 (see `SIMPLE`): a text
 * whose units all have one normalises unit by unit, to the same length. Read only.
 */
export const SIMPLE_UNITS: Readonly<Uint16Array> = SIMPLE

/** A list of words (cues, breaks) normalised, without empties and repeats, longest first. */
export const normaliseList = (words: readonly string[]): string[] =>
  [...new Set(words.map(normaliseText).filter((w) => w.length > 0))].sort((a, b) => b.length - a.length)
