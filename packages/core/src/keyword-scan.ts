import { normaliseList, normaliseText } from './normalise-text'
import { DEFAULT_GOVERNING_REACH, SENTENCE_BREAKS, markRetracted, withoutExcepted } from './text'
import type { RetractionSpan } from './text'
import type { TextSettings } from './text'
import { createWordIndex } from './word-index'
import type { PackRegex } from './pack-regex'

/*
 * The keyword scanner (关键词扫描) of the compiled engine: the keyword lists of a pack's `mentionsAny`
 * conditions, and the literal strings that regex conditions cannot match without, are registered once;
 * then ONE pass over a text finds every keyword, negation cue, exception, clause break and literal, and
 * answers each registered list with a flag — "some keyword of it is mentioned and not negated" — so that
 * every `mentionsAny` condition on that text is a single lookup.
 *
 * The meaning is exactly that of the text matcher (text.ts: `mentionsAny` = `findMention(…)?.negated ===
 * false`); `keyword-scan.property.test.ts` checks the two against each other. Words are found by the
 * word index both share (word-index.ts): linear in the text, no regexes.
 */

/**
 * What a scan found: one entry per registered list or literal set, by the id it was given; an entry is
 * set when it equals the `mark` the scan was given (so one array serves scan after scan, never cleared).
 */
export type ScanFlags = Int32Array

/** A scanner for one pack's text settings. */
export interface KeywordScanner {
  /** Registers a `mentionsAny` keyword list; its flag is set when some keyword is mentioned, not negated. */
  addList(keywords: readonly string[]): number
  /** Registers literal strings (not normalised); the flag is set when any occurs, negated or not. */
  addLiterals(literals: readonly string[]): number
  /**
   * Normalises a text and scans it once, setting `into[flag] = mark` for each list and literal set found.
   * Use a new mark (never 0) for each scan into the same array. Returns the normalised text when the
   * scan made it; undefined when it did not need to (`normaliseText(raw)` gives it).
   */
  scan(raw: string, into: ScanFlags, mark: number): string | undefined
  /** An array for {@link KeywordScanner.scan} with room for every flag registered so far. */
  createFlags(): ScanFlags
  /** Whether the last scan set any flag: when not, no `mentionsAny` list is mentioned and no literal occurs. */
  setAny(): boolean
  /**
   * `TextMatcher.matchesRegex` on the text of the last scan (`text` is that text normalised): whether a match
   * of `regex` is not negated, answered from the cues the scan located instead of a second analysis.
   */
  matchesRegex(regex: PackRegex, text: string): boolean
}

/** Creates a scanner for a pack's negation settings. */
export const createKeywordScanner = (settings: TextSettings): KeywordScanner => {
  const index = createWordIndex()
  const isBreak: boolean[] = []
  const isException: boolean[] = []
  const isSentenceBreak: boolean[] = []
  const isRetraction: boolean[] = []
  const isReport: boolean[] = []
  const isVerification: boolean[] = []
  const isWholeRetraction: boolean[] = []
  const strongOrder: number[] = []
  const weakOrder: number[] = []
  /** Flags of the keyword lists a word belongs to. */
  const listsOf: number[][] = []
  /** Flags of the literal sets a word belongs to. */
  const literalsOf: number[][] = []
  const wordId = (word: string): number => {
    const id = index.add(word)
    if (id === listsOf.length) {
      isBreak.push(false)
      isException.push(false)
      isSentenceBreak.push(false)
      isRetraction.push(false)
      isReport.push(false)
      isVerification.push(false)
      isWholeRetraction.push(false)
      strongOrder.push(-1)
      weakOrder.push(-1)
      listsOf.push([])
      literalsOf.push([])
    }
    return id
  }
  for (const w of normaliseList(settings.clauseBreaks)) isBreak[wordId(w)] = true
  for (const w of normaliseList(settings.negationExceptions)) isException[wordId(w)] = true
  normaliseList(settings.negations).forEach((w, i) => (strongOrder[wordId(w)] = i))
  // Weak and governing cues are one list, as in the matcher; a governing cue (未, 无, 没) reaches further.
  const governing = normaliseList(settings.governingNegations ?? [])
  const reachOfGoverning = Math.max(1, settings.governingReach ?? DEFAULT_GOVERNING_REACH)
  const weakWords = normaliseList([...settings.weakNegations, ...governing])
  const weakReach = weakWords.map((w) => (governing.includes(w) ? reachOfGoverning : 1))
  weakWords.forEach((w, i) => (weakOrder[wordId(w)] = i))
  for (const w of SENTENCE_BREAKS) isSentenceBreak[wordId(w)] = true
  for (const w of normaliseList(settings.retractions ?? [])) isRetraction[wordId(w)] = true
  for (const w of normaliseList(settings.reportRetractions ?? [])) isRetraction[wordId(w)] = isWholeRetraction[wordId(w)] = true
  for (const w of normaliseList(settings.reportMarkers ?? [])) isReport[wordId(w)] = true
  for (const w of normaliseList(settings.verificationMarkers ?? [])) isVerification[wordId(w)] = true

  // Flags only grow, so a word's list already holds this call's flag exactly when it ends with it: a
  // check of the last element, not a scan (a scan made compiling the default pack take 0.7 s of CPU).
  let flagCount = 0
  const addList = (keywords: readonly string[]): number => {
    const flag = flagCount++
    for (const k of keywords) {
      const keyword = normaliseText(k)
      if (keyword.length === 0) continue
      const lists = listsOf[wordId(keyword)]!
      if (lists.at(-1) !== flag) lists.push(flag)
    }
    return flag
  }
  /** The flag of each literal set registered, by its sorted literals: a set registered again shares it. */
  const literalSetFlag = new Map<string, number>()
  const addLiterals = (literals: readonly string[]): number => {
    const key = JSON.stringify([...literals].sort())
    const known = literalSetFlag.get(key)
    if (known !== undefined) return known
    const flag = flagCount++
    literalSetFlag.set(key, flag)
    for (const literal of literals) {
      if (literal.length === 0) throw new RangeError('empty literal')
      const sets = literalsOf[wordId(literal)]!
      if (sets.at(-1) !== flag) sets.push(flag)
    }
    return flag
  }

  // Per word, flat for the scan loop: its length, and the flags of its lists and of its literal sets
  // (`listFlags[listFrom[id] … listFrom[id + 1])`, likewise `literalFlags`; a keyword has some lists).
  let built = -1
  let wordLength = new Int32Array(0)
  let listFrom: Int32Array = new Int32Array(1)
  let listFlags: Int32Array = new Int32Array(0)
  let literalFrom: Int32Array = new Int32Array(1)
  let literalFlags: Int32Array = new Int32Array(0)
  const flatten = (of: readonly (readonly number[])[]): [Int32Array, Int32Array] => {
    const from = new Int32Array(of.length + 1)
    of.forEach((flags, id) => (from[id + 1] = from[id]! + flags.length))
    return [from, Int32Array.from(of.flat())]
  }
  const build = () => {
    wordLength = Int32Array.from(listsOf, (_, id) => index.word(id).length)
    ;[listFrom, listFlags] = flatten(listsOf)
    ;[literalFrom, literalFlags] = flatten(literalsOf)
    built = listsOf.length
  }

  // Scratch space reused by every scan (scans are synchronous): occurrences as (word, start) pairs.
  let found: Int32Array = index.found
  let cueStart: Int32Array = new Int32Array(64)
  let cueEnd: Int32Array = new Int32Array(64)
  let cueKind: Int32Array = new Int32Array(64) // 0 strong, 1 weak
  let cueReach: Int32Array = new Int32Array(64) // how far a weak cue reaches
  let cues = 0
  let exceptionStart: Int32Array = new Int32Array(64)
  let exceptionEnd: Int32Array = new Int32Array(64)
  let exceptions = 0
  let breakEnds: Int32Array = new Int32Array(64)
  let breaks = 0
  let pending: Int32Array = new Int32Array(64)

  const grow = (a: Int32Array, size: number): Int32Array => {
    if (size <= a.length) return a
    const grown = new Int32Array(Math.max(size, a.length * 2))
    grown.set(a)
    return grown
  }

  // Per-position tables, reused by every scan, so that no question about a text costs more than a few steps
  // however many cues it holds (a text full of cues must not cost the square of their number):
  // reach[s]: the furthest end of an exception or accepted cue starting at s; clauseAt[i]: where the clause
  // holding i starts; strongBefore[i]: the latest start of a strong cue starting before i;
  // weakEndingAt[i]: the latest start of a weak cue ending exactly at i (-1: none).
  let reach: Int32Array = new Int32Array(256)
  let clauseAt: Int32Array = new Int32Array(256)
  let strongBefore: Int32Array = new Int32Array(256)
  let weakEndingAt: Int32Array = new Int32Array(256)
  let governingEndingAt: Int32Array = new Int32Array(256)
  // Retractions (经核实不存在…) of the current text: the positions they cancel, when there are any.
  let retracted: Uint8Array | undefined
  let longest = 0

  const cover = (start: number, end: number): void => {
    if (end > reach[start]!) reach[start] = end
    if (end - start > longest) longest = end - start
  }

  // A text of ordinary length holds a handful of cues: scanning them is cheapest. Past SMALL occurrences the
  // per-position tables take over, so that a text full of cues costs linear, not quadratic, time.
  const SMALL = 48
  let big = false

  /** Whether [start, end) lies inside an exception word or a cue accepted so far. */
  const covered = (start: number, end: number, anyCue: boolean): boolean => {
    if (big) {
      for (let s = start; s >= 0 && s >= start - longest; s--) if (reach[s]! >= end) return true
      return false
    }
    for (let x = 0; x < exceptions; x++) if (exceptionStart[x]! <= start && end <= exceptionEnd[x]!) return true
    for (let x = 0; x < cues; x++) {
      if ((anyCue || cueKind[x] === 0) && cueStart[x]! <= start && end <= cueEnd[x]!) return true
    }
    return false
  }

  /** Accepts cue occurrences in list order, then by position, as the matcher does (cueSpans). */
  const acceptCues = (order: readonly number[], kind: number, count: number): void => {
    let p = 0
    if (!big) {
      // Insertion by list order; occurrences arrive by position, so equal orders stay by position.
      for (let k = 0; k < count; k += 2) {
        const o = order[found[k]!]!
        if (o < 0) continue
        let j = p++
        while (j > 0 && order[found[pending[j - 1]!]!]! > o) {
          pending[j] = pending[j - 1]!
          j--
        }
        pending[j] = k
      }
    } else {
      for (let k = 0; k < count; k += 2) if (order[found[k]!]! >= 0) pending[p++] = k
      // k grows with position: sort by list order, then position.
      pending.subarray(0, p).sort((a, b) => order[found[a]!]! - order[found[b]!]! || a - b)
    }
    for (let q = 0; q < p; q++) {
      const k = pending[q]!
      const start = found[k + 1]!
      const end = start + wordLength[found[k]!]!
      // A weak cue is also excluded by a strong cue around it; a strong cue only by strong ones (strong cues
      // are all accepted before any weak one, so the position table holds exactly those).
      if (covered(start, end, kind !== 0)) continue
      if (big) cover(start, end)
      cueStart[cues] = start
      cueEnd[cues] = end
      cueKind[cues] = kind
      cueReach[cues] = kind === 0 ? 0 : weakReach[order[found[k]!]!]!
      cues++
    }
  }

  const isNegated = (index: number): boolean => {
    if (retracted !== undefined && retracted[index] === 1) return true
    if (cues === 0) return false
    if (big) {
      const clause = clauseAt[index]!
      if (strongBefore[index]! >= clause || weakEndingAt[index]! >= clause || (index > 0 && weakEndingAt[index - 1]! >= clause)) return true
      for (let e = index; e >= 0 && e >= index - reachOfGoverning; e--) if (governingEndingAt[e]! >= clause) return true
      return false
    }
    let clause = 0
    for (let b = 0; b < breaks; b++) if (breakEnds[b]! <= index && breakEnds[b]! > clause) clause = breakEnds[b]!
    for (let x = 0; x < cues; x++) {
      if (cueStart[x]! >= clause && (cueKind[x] === 0 ? cueStart[x]! < index : cueEnd[x]! <= index && index - cueEnd[x]! <= cueReach[x]!)) return true
    }
    return false
  }

  let anySet = false
  const scan = (raw: string, into: Int32Array, mark: number): string | undefined => {
    if (built !== listsOf.length) build()
    // Most texts normalise unit by unit: searched as they are, in one pass, and normalised only if asked.
    let text: string | undefined
    let count = index.findRaw(raw)
    if (count < 0) {
      text = normaliseText(raw)
      count = index.find(text)
    }
    found = index.found
    lastCount = count
    lastLength = (text ?? raw).length
    cuesLocated = false
    let keywordsFound = false
    anySet = false
    for (let k = 0; k < count; k += 2) {
      const id = found[k]!
      const to = literalFrom[id + 1]!
      for (let l = literalFrom[id]!; l < to; l++) {
        into[literalFlags[l]!] = mark
        anySet = true
      }
      if (listFrom[id] !== listFrom[id + 1]) keywordsFound = true
    }
    if (!keywordsFound) return text
    locateCues(count, lastLength)
    for (let k = 0; k < count; k += 2) {
      const id = found[k]!
      const from = listFrom[id]!
      const to = listFrom[id + 1]!
      let open = false
      for (let l = from; l < to && !open; l++) open = into[listFlags[l]!] !== mark
      if (!open || isNegated(found[k + 1]!)) continue
      for (let l = from; l < to; l++) into[listFlags[l]!] = mark
      anySet = true
    }
    return text
  }

  // What the last scan found, for locating its cues later (a text whose words name no list is not analysed
  // for negation unless a regex matches it).
  let lastCount = 0
  let lastLength = 0
  let cuesLocated = false

  /** Locates the clause breaks, exceptions, accepted cues and retractions among the last scan's `count` entries. */
  const locateCues = (count: number, textLength: number): void => {
    cuesLocated = true
    breaks = 0
    exceptions = 0
    cues = 0
    const half = count >> 1
    if (half > breakEnds.length) {
      breakEnds = grow(breakEnds, half)
      exceptionStart = grow(exceptionStart, half)
      exceptionEnd = grow(exceptionEnd, half)
      cueStart = grow(cueStart, half)
      cueEnd = grow(cueEnd, half)
      cueKind = grow(cueKind, half)
      cueReach = grow(cueReach, half)
      pending = grow(pending, half)
    }
    let strongFound = false
    let weakFound = false
    let retractionFound = false
    retracted = undefined
    for (let k = 0; k < count; k += 2) {
      const id = found[k]!
      const start = found[k + 1]!
      if (isRetraction[id]) retractionFound = true
      if (isBreak[id]) breakEnds[breaks++] = start + wordLength[id]!
      if (isException[id]) {
        exceptionStart[exceptions] = start
        exceptionEnd[exceptions++] = start + wordLength[id]!
      }
      if (strongOrder[id]! >= 0) strongFound = true
      if (weakOrder[id]! >= 0) weakFound = true
    }
    if (retractionFound) retracted = retractedPositions(count, textLength)
    big = half > SMALL
    if (!big) {
      if (strongFound) acceptCues(strongOrder, 0, count)
      if (weakFound) acceptCues(weakOrder, 1, count)
    } else if (strongFound || weakFound) {
      const n = textLength
      if (n + 1 > reach.length) {
        reach = grow(reach, n + 1)
        clauseAt = grow(clauseAt, n + 1)
        strongBefore = grow(strongBefore, n + 1)
        weakEndingAt = grow(weakEndingAt, n + 1)
        governingEndingAt = grow(governingEndingAt, n + 1)
      }
      reach.fill(0, 0, n + 1)
      longest = 0
      for (let x = 0; x < exceptions; x++) cover(exceptionStart[x]!, exceptionEnd[x]!)
      if (strongFound) acceptCues(strongOrder, 0, count)
      if (weakFound) acceptCues(weakOrder, 1, count)
      clauseAt.fill(0, 0, n + 1)
      for (let b = 0; b < breaks; b++) if (breakEnds[b]! > clauseAt[breakEnds[b]!]!) clauseAt[breakEnds[b]!] = breakEnds[b]!
      for (let i = 1; i <= n; i++) if (clauseAt[i - 1]! > clauseAt[i]!) clauseAt[i] = clauseAt[i - 1]!
      strongBefore.fill(-1, 0, n + 1)
      weakEndingAt.fill(-1, 0, n + 1)
      governingEndingAt.fill(-1, 0, n + 1)
      for (let x = 0; x < cues; x++) {
        // A strong cue counts from just after its start (it negates a mention it runs into), a weak one at its end.
        const table = cueKind[x] === 0 ? strongBefore : cueReach[x]! > 1 ? governingEndingAt : weakEndingAt
        const at = cueKind[x] === 0 ? cueStart[x]! + 1 : cueEnd[x]!
        if (cueStart[x]! > table[at]!) table[at] = cueStart[x]!
      }
      for (let i = 1; i <= n; i++) if (strongBefore[i - 1]! > strongBefore[i]!) strongBefore[i] = strongBefore[i - 1]!
    }
  }

  const notNegated = (index: number): boolean => !isNegated(index)
  // As the matcher: with no cue accepted and no retraction, a match is not negated, and RE2 need not find where.
  const matchesRegex = (regex: PackRegex, text: string): boolean => {
    if (!cuesLocated) locateCues(lastCount, lastLength)
    return cues === 0 && retracted === undefined ? regex.test(text) : regex.someMatch(text, notNegated)
  }

  /** The positions the retractions of the current scan cancel (rare: a text with a retraction pays this). */
  const retractedPositions = (count: number, n: number): Uint8Array => {
    const sentenceStart = new Int32Array(n + 1)
    const retractions: RetractionSpan[] = []
    const reports: number[] = []
    const verifications: number[] = []
    for (let k = 0; k < count; k += 2) {
      const id = found[k]!
      const start = found[k + 1]!
      if (isSentenceBreak[id]) sentenceStart[start + wordLength[id]!] = start + wordLength[id]!
      if (isRetraction[id]) retractions.push(isWholeRetraction[id] ? { start, end: start + wordLength[id]!, whole: true } : { start, end: start + wordLength[id]! })
      if (isReport[id]) reports.push(start)
      if (isVerification[id]) verifications.push(start)
    }
    for (let i = 1; i <= n; i++) if (sentenceStart[i - 1]! > sentenceStart[i]!) sentenceStart[i] = sentenceStart[i - 1]!
    // As the matcher: a retraction inside an exception word (核实：情况属实) does not retract.
    const excepted = Array.from({ length: exceptions }, (_, x) => ({ start: exceptionStart[x]!, end: exceptionEnd[x]! }))
    return markRetracted(withoutExcepted(retractions, excepted), sentenceStart, n, reports, verifications)
  }

  /** A fresh set of flags for this scanner's lists and literal sets. */
  const createFlags = (): ScanFlags => new Int32Array(flagCount)

  return { addList, addLiterals, scan, createFlags, setAny: () => anySet, matchesRegex }
}
