import { SIMPLE_UNITS } from './normalise-text'

/*
 * The word index (词表索引) shared by the text matcher (text.ts) and the compiled engine's keyword scanner
 * (keyword-scan.ts): every word either looks for — clause breaks, negation cues, their exceptions,
 * keywords, regex literals — registered once, and ONE pass over a normalised text that finds every
 * occurrence of every word.
 *
 * At each position the first UTF-16 unit is looked up in a dense table (most units start no word); the
 * words starting with a unit that does are contiguous in one flat list, and each is tested on its second
 * unit before the whole word. (A hash of the first two units, which avoids walking the 31 words that
 * start with 不, measured no faster on generated sweeps.) Most text people type normalises unit by unit
 * (`findRaw`): it is then searched as typed, mapping each unit on the way, with no normalised copy
 * made. Linear in the text; no regexes.
 */

/** In `rawFirst`: the unit is not its own normal form (or starts too many words to say). */
const NOT_AS_IS = 0xffff

/** An index of words, growing as words are added; lookups see every word added before them. */
export interface WordIndex {
  /** The id of a word (non-empty, already normalised), adding it when new. Ids count up from 0. Callers bound how many. */
  add(word: string): number
  /** The id of a word added before, or undefined. */
  idOf(word: string): number | undefined
  /** The word of an id. */
  word(id: number): string
  /** How many words were added. */
  readonly size: number
  /**
   * Finds every occurrence of every word in `text`, by start position, then id (ascending), as (id, start) pairs
   * in {@link WordIndex.found}: `found[2k]` is a word id, `found[2k + 1]` where it starts. Returns the
   * number of entries written (twice the occurrences). `found` is reused by the next call.
   */
  find(text: string): number
  /**
   * {@link WordIndex.find} on `normaliseText(raw)` without making it, when that normalises unit by unit
   * (each unit has a `SIMPLE_UNITS` form: most text people type), so positions are the same in both.
   * Returns -1 for any other text: normalise it and use `find`.
   */
  findRaw(raw: string): number
  /** The occurrences of the last {@link WordIndex.find} (a buffer that grows when needed). */
  readonly found: Int32Array
}

/** Creates an empty word index. */
export const createWordIndex = (): WordIndex => {
  const words: string[] = []
  const ids = new Map<string, number>()
  /** Per UTF-16 unit: 1 + its index among the first units of words (0: no word starts with it). */
  const firstOf = new Int32Array(0x10000)
  let firstCount = 0

  // Flat tables for the search loop, rebuilt on the first search after words were added: the ids of
  // the words of each first unit, contiguous, and each word's second unit (-1 for one-unit words).
  let built = 0
  let bucketStart = new Int32Array(1)
  let bucketIds = new Int32Array(0)
  let second = new Int32Array(0)
  let length = new Int32Array(0)
  const build = () => {
    const n = words.length
    const sizes = new Int32Array(firstCount + 2)
    for (const w of words) sizes[firstOf[w.charCodeAt(0)]! + 1]!++
    bucketStart = new Int32Array(firstCount + 2)
    for (let f = 1; f <= firstCount + 1; f++) bucketStart[f] = bucketStart[f - 1]! + sizes[f]!
    const next = bucketStart.slice()
    bucketIds = new Int32Array(n)
    for (let id = 0; id < n; id++) bucketIds[next[firstOf[words[id]!.charCodeAt(0)]!]!++] = id
    second = Int32Array.from(words, (w) => (w.length > 1 ? w.charCodeAt(1) : -1))
    length = Int32Array.from(words, (w) => w.length)
    for (let c = 0; c < 0x10000; c++) rawFirst[c] = SIMPLE_UNITS[c] === c && c !== 0 && firstOf[c]! < NOT_AS_IS ? firstOf[c]! : NOT_AS_IS
    built = n
  }

  /**
   * For `findRaw`, one lookup per unit in half the memory of `firstOf`: a unit's `firstOf` when it is its
   * own normal form, else NOT_AS_IS (then mapped through SIMPLE_UNITS first). Most units are as is.
   */
  const rawFirst = new Uint16Array(0x10000)

  let found: Int32Array = new Int32Array(256)

  /**
   * Finds in `text`, or (`raw`) in what it normalises to unit by unit, giving up (-1) at a unit without
   * such a form. Both loops are written out: this is the hot path of the compiled engine.
   */
  const search = (text: string, raw: boolean): number => {
    if (built !== words.length) build()
    // Tables in locals: the loop calls startsWith, across which closure variables would be reloaded.
    const starts = bucketStart
    const candidates = bucketIds
    const seconds = second
    const lengths = length
    const simple = SIMPLE_UNITS
    let out = found
    const n = text.length
    let count = 0
    for (let i = 0; i < n; i++) {
      let f: number
      if (raw) {
        const c = text.charCodeAt(i)
        f = rawFirst[c]!
        if (f === NOT_AS_IS) {
          const u = simple[c]!
          if (u === 0) return -1
          f = firstOf[u]!
        }
      } else f = firstOf[text.charCodeAt(i)]!
      if (f === 0) continue
      let next = i + 1 < n ? text.charCodeAt(i + 1) : -2
      if (raw && next >= 0) next = simple[next]!
      for (let b = starts[f]!, to = starts[f + 1]!; b < to; b++) {
        const id = candidates[b]!
        const s2 = seconds[id]!
        // Most candidates already differ in their second unit; test that before the whole word.
        if (s2 >= 0 && (s2 !== next || (lengths[id]! > 2 && !(raw ? startsMapped(text, words[id]!, i) : text.startsWith(words[id]!, i))))) continue
        if (count + 2 > out.length) found = out = grow(out)
        out[count++] = id
        out[count++] = i
      }
    }
    return count
  }

  return {
    add(word) {
      let id = ids.get(word)
      if (id !== undefined) return id
      if (word.length === 0) throw new RangeError('empty word')
      id = words.length
      words.push(word)
      ids.set(word, id)
      const c = word.charCodeAt(0)
      if (firstOf[c] === 0) firstOf[c] = ++firstCount
      return id
    },
    idOf: (word) => ids.get(word),
    word: (id) => words[id]!,
    get size() {
      return words.length
    },
    find: (text) => search(text, false),
    findRaw: (raw) => search(raw, true),
    get found() {
      return found
    },
  }
}

/** Whether `word` occurs at `at` in what `text` normalises to unit by unit (from its third unit on). */
const startsMapped = (text: string, word: string, at: number): boolean => {
  if (at + word.length > text.length) return false
  for (let k = 2; k < word.length; k++) if (SIMPLE_UNITS[text.charCodeAt(at + k)] !== word.charCodeAt(k)) return false
  return true
}

const grow = (a: Int32Array): Int32Array => {
  const grown = new Int32Array(a.length * 2)
  grown.set(a)
  return grown
}
