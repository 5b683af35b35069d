import { SIMPLE_UNITS } from './normalise-text'

/*
 * The word index (词表索引) shared by the text matcher (text.ts) and the compiled engine's keyword scanner
 * (keyword-scan.ts): every word either looks for — clause breaks, negation cues, their exceptions,
 * keywords, regex literals — registered once, and ONE pass over a normalised text that finds every
 * occurrence of every word.
 *
 * At each position the first UTF-16 unit is looked up in a dense table (most units start no word). The
 * one-unit words of that unit are contiguous in one flat list; the longer words are found by their first
 * PAIR of units in an open-addressed hash, and each is then tested whole. (Round 14 walked every word of the
 * first unit and tested each on its second unit; with the packs of 2025 that walk grew to about 380 words a
 * lead on the sweep — 31 words start with 不 — and keying on the pair scores the default pack in 0.94× the
 * time, docs/performance.md round 15.) Most text people type normalises unit by unit (`findRaw`): it is
 * then searched as typed, mapping each unit on the way, with no normalised copy made. Linear in the text;
 * no regexes.
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

  // Flat tables for the search loop, rebuilt on the first search after words were added:
  // - per first unit (by `firstOf`), the ids of its one-unit words, contiguous;
  // - per first PAIR of units, the ids of the longer words starting with it, contiguous, found through an
  //   open-addressed hash of the pair. A pack registers some thousands of words and many share a first unit
  //   (31 start with 不); keyed on the pair, a position is tested against only the words it can begin.
  // Ids ascend inside each run, so a position's occurrences come out by id after a merge of the two runs.
  let built = 0
  let singleStart = new Int32Array(1)
  let singleIds = new Int32Array(0)
  let pairMask = 0
  let pairBits = 0
  let pairKey = new Int32Array(0)
  let pairFrom = new Int32Array(0)
  let pairTo = new Int32Array(0)
  let pairIds = new Int32Array(0)
  let length = new Int32Array(0)
  const build = () => {
    const n = words.length
    const sizes = new Int32Array(firstCount + 2)
    for (const w of words) if (w.length === 1) sizes[firstOf[w.charCodeAt(0)]! + 1]!++
    singleStart = new Int32Array(firstCount + 2)
    for (let f = 1; f <= firstCount + 1; f++) singleStart[f] = singleStart[f - 1]! + sizes[f]!
    const next = singleStart.slice()
    singleIds = new Int32Array(singleStart[firstCount + 1]!)
    // The pairs, each with its words by ascending id.
    const byPair = new Map<number, number[]>()
    for (let id = 0; id < n; id++) {
      const w = words[id]!
      if (w.length === 1) singleIds[next[firstOf[w.charCodeAt(0)]!]!++] = id
      else {
        const key = pairOf(w.charCodeAt(0), w.charCodeAt(1))
        const list = byPair.get(key)
        if (list) list.push(id)
        else byPair.set(key, [id])
      }
    }
    pairBits = Math.max(4, Math.ceil(Math.log2(byPair.size * 2 + 1)))
    pairMask = (1 << pairBits) - 1
    pairKey = new Int32Array(pairMask + 1)
    pairFrom = new Int32Array(pairMask + 1)
    pairTo = new Int32Array(pairMask + 1)
    pairIds = new Int32Array(n - singleIds.length)
    let at = 0
    for (const [key, list] of byPair) {
      let h = hashPair(key, pairBits)
      // A used slot has a non-empty run, so pairTo > 0; an unused one pairTo = 0.
      while (pairTo[h] !== 0) h = (h + 1) & pairMask
      pairKey[h] = key
      pairFrom[h] = at
      for (const id of list) pairIds[at++] = id
      pairTo[h] = at
    }
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
    const singles = singleStart
    const single = singleIds
    const keys = pairKey
    const froms = pairFrom
    const tos = pairTo
    const inPair = pairIds
    const mask = pairMask
    const bits = pairBits
    const lengths = length
    const simple = SIMPLE_UNITS
    let out = found
    const n = text.length
    let count = 0
    for (let i = 0; i < n; i++) {
      let f: number
      let unit = text.charCodeAt(i)
      if (raw) {
        f = rawFirst[unit]!
        if (f === NOT_AS_IS) {
          unit = simple[unit]!
          if (unit === 0) return -1
          f = firstOf[unit]!
        }
      } else f = firstOf[unit]!
      if (f === 0) continue
      let s = singles[f]!
      const sTo = singles[f + 1]!
      let p = 0
      let pTo = 0
      if (i + 1 < n) {
        let second = text.charCodeAt(i + 1)
        if (raw) second = simple[second]!
        const key = pairOf(unit, second)
        let h = hashPair(key, bits)
        for (; tos[h] !== 0; h = (h + 1) & mask) {
          if (keys[h] === key) {
            p = froms[h]!
            pTo = tos[h]!
            break
          }
        }
      }
      if (count + 2 * (sTo - s + pTo - p) > out.length) found = out = grow(out, count + 2 * (sTo - s + pTo - p))
      // The one-unit words and the pair's words, merged by id.
      while (s < sTo || p < pTo) {
        let id: number
        if (p >= pTo || (s < sTo && single[s]! < inPair[p]!)) id = single[s++]!
        else {
          id = inPair[p++]!
          if (lengths[id]! > 2 && !(raw ? startsMapped(text, words[id]!, i) : text.startsWith(words[id]!, i))) continue
        }
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

/** Two UTF-16 units as one int32 (every pair a different number). */
const pairOf = (first: number, second: number): number => ((first << 16) | second) | 0
/** A slot for a pair in a table of 2^bits slots (Fibonacci hashing). */
const hashPair = (key: number, bits: number): number => Math.imul(key, 0x9e3779b1) >>> (32 - bits)

/** Whether `word` occurs at `at` in what `text` normalises to unit by unit (from its third unit on). */
const startsMapped = (text: string, word: string, at: number): boolean => {
  if (at + word.length > text.length) return false
  for (let k = 2; k < word.length; k++) if (SIMPLE_UNITS[text.charCodeAt(at + k)] !== word.charCodeAt(k)) return false
  return true
}

const grow = (a: Int32Array, size: number): Int32Array => {
  const grown = new Int32Array(Math.max(size, a.length * 2))
  grown.set(a)
  return grown
}
