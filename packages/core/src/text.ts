/*
 * Matching Chinese text written by people (排查表里的文字).
 *
 * Village staff often write what was NOT found (`未发现返利行为`, `经核实不存在代养业务`), so a keyword
 * counts only when it is not negated in its own clause. The cues, their exceptions and the clause breaks
 * are data in the rule pack (`pack.json` → `text`), so analysts can tune them without code.
 *
 * Everything here is linear in the length of the text: plain substring search, no regexes built from data.
 */

import { normaliseList, normaliseText } from './normalise-text'
import { createWordIndex } from './word-index'
import type { PackRegex } from './pack-regex'

export { normaliseText } from './normalise-text'

/** Negation settings of a rule pack (pack.json → `text`). */
export interface TextSettings {
  /** Cues that negate a later mention anywhere in the same clause (未发现, 不存在…), or one they run into (不承诺回报). */
  readonly negations: readonly string[]
  /** Cues that negate only a mention right after them, at most one character between (未, 不, 非…). */
  readonly weakNegations: readonly string[]
  /** Words that contain a cue but do not negate (非法, 不低于, 无风险…), or a retraction but do not retract (核实：情况属实). */
  readonly negationExceptions: readonly string[]
  /** Punctuation and turning words that end a clause (。；但…). */
  readonly clauseBreaks: readonly string[]
  /**
   * Cues that govern their verb across a few words (未、无、没: `未曾对本社以外任何人借款`, `未向群众集资`):
   * they negate a mention that starts at most `governingReach` characters after them, in the same clause.
   */
  readonly governingNegations?: readonly string[]
  /** How far a governing cue reaches (characters between it and the mention). Default 4. */
  readonly governingReach?: number
  /**
   * Later verification (经核实不存在、系谣言、情况不属实): a cue that cancels every mention before it in the
   * same sentence, across commas (`群众反映该店承诺月返10%，经核实不存在`).
   */
  readonly retractions?: readonly string[]
  /**
   * Retractions of a whole report (情况不属实、系谣言、反映不属实), as opposed to one thing (经核实不存在代养业务):
   * besides their own sentence they cancel back to the latest report marker before them, across sentences
   * (`网传合作社老板卷款跑路。经核实，情况不属实`). They are retractions too (no need to list them twice).
   */
  readonly reportRetractions?: readonly string[]
  /** Words that introduce a report or rumour (网传、据传、群众反映), for {@link TextSettings.reportRetractions}. */
  readonly reportMarkers?: readonly string[]
  /**
   * Words that start the verification after a report (核实、核查、经查): a whole-report retraction cancels the
   * report back to its marker but stops here, so what the verification found is not cancelled with the rumour
   * (`有人反映某某借钱给利息。核实：向4户亲属借款。反映的情况不属实` keeps 亲属).
   */
  readonly verificationMarkers?: readonly string[]
}

/** Where a sentence ends, for retractions (clause breaks such as ，and 但 do not end one); normalised forms. */
export const SENTENCE_BREAKS: readonly string[] = ['。', '!', '?', ';', '\n']

/** How far a governing negation reaches when the pack does not say. */
export const DEFAULT_GOVERNING_REACH = 4

/** Where a keyword or pattern was found, and whether that mention was negated. */
export interface Mention {
  readonly keyword: string
  readonly index: number
  readonly negated: boolean
}

interface Span {
  readonly start: number
  readonly end: number
}

/** A weak cue: it negates a mention at most `reach` characters after its end (1 for 未, more for a governing cue). */
interface WeakSpan extends Span {
  readonly reach: number
}

/** A text prepared once for many keyword checks: clause starts and negation cues located. */
export interface AnalysedText {
  readonly text: string
  /** For each index, where its clause starts. */
  readonly clauseStart: Int32Array
  readonly strongCues: readonly Span[]
  readonly weakCues: readonly WeakSpan[]
  /** Retraction cues (经核实不存在…), each cancelling the mentions before it in its sentence. */
  readonly retractions: readonly Span[]
  /** For each index, where its sentence starts. */
  readonly sentenceStart: Int32Array
}

/** For each position, where its clause (or sentence) starts, given where the breaks end. */
const startsOf = (breakEnds: Uint8Array, n: number): Int32Array => {
  const starts = new Int32Array(n + 1)
  let start = 0
  for (let i = 0; i <= n; i++) {
    if (breakEnds[i]) start = i
    starts[i] = start
  }
  return starts
}

/**
 * The retraction cues not inside an exception word: as an exception keeps a negation cue from negating (非法), it
 * keeps a retraction from retracting (`核实：情况属实` holds the retraction `核实：` but confirms the report).
 */
export const withoutExcepted = <T extends { readonly start: number; readonly end: number }>(retractions: T[], exceptions: readonly { readonly start: number; readonly end: number }[]): T[] =>
  retractions.length === 0 || exceptions.length === 0
    ? retractions
    : retractions.filter((r) => !exceptions.some((x) => x.start <= r.start && r.end <= x.end))

/** A retraction cue; `whole` for one that retracts a whole report (情况不属实). */
export interface RetractionSpan extends Span {
  readonly whole?: boolean
}

/**
 * Positions cancelled by a retraction: from the start of its sentence up to the retraction — and, for one
 * that retracts a whole report, from the latest report marker (网传、群众反映) before it, when that marker is
 * in an earlier sentence and after every retraction that starts before it, up to the first verification marker
 * (核实、核查) after that report marker, if one comes before the retraction's sentence. Each position is marked at most
 * once, so the cost stays linear.
 */
export const markRetracted = (
  retractions: readonly RetractionSpan[],
  sentenceStart: Int32Array,
  n: number,
  reports: readonly number[] = [],
  verifications: readonly number[] = [],
): Uint8Array => {
  const marked = new Uint8Array(n + 1)
  const ordered = retractions.length > 1 ? [...retractions].sort((a, b) => a.start - b.start) : retractions
  const reportStarts = reports.length > 1 ? [...reports].sort((a, b) => a - b) : reports
  const verificationStarts = verifications.length > 1 ? [...verifications].sort((a, b) => a - b) : verifications
  let v = 0
  let filled = 0
  // The furthest end of the retractions starting before the current one, and of all so far.
  let previousEnd = 0
  let furthestEnd = 0
  let lastAt = -1
  let report = -1
  let r = 0
  for (const { start: at, end, whole } of ordered) {
    if (at !== lastAt) {
      previousEnd = furthestEnd
      lastAt = at
    }
    while (r < reportStarts.length && reportStarts[r]! < at) report = reportStarts[r++]!
    let from = sentenceStart[at]!
    if (whole === true && report >= previousEnd && report < from) {
      // The report, up to where its verification starts; then the retraction's own sentence.
      while (v < verificationStarts.length && verificationStarts[v]! <= report) v++
      const stop = v < verificationStarts.length && verificationStarts[v]! < from ? verificationStarts[v]! : from
      const reportFrom = report < filled ? filled : report
      if (reportFrom < stop) marked.fill(1, reportFrom, stop)
      if (stop < from && stop > filled) filled = stop
    }
    if (from < filled) from = filled
    if (from < at) marked.fill(1, from, at)
    if (at > filled) filled = at
    if (end > furthestEnd) furthestEnd = end
  }
  return marked
}

const findAll = (text: string, needle: string): number[] => {
  const found: number[] = []
  if (needle.length === 0) return found
  for (let i = text.indexOf(needle); i !== -1; i = text.indexOf(needle, i + 1)) found.push(i)
  return found
}

/** A matcher bound to one pack's text settings. Create it once per pack; it keeps no per-text state. */
export interface TextMatcher {
  /** Prepares a text (normalises it and locates clauses and cues). */
  analyse(text: string): AnalysedText
  /** The first mention of any keyword in the text, negated or not, preferring a non-negated one. */
  findMention(text: AnalysedText, keywords: readonly string[]): Mention | undefined
  /** True when a match of `regex` (on normalised text, positioned as pack-regex.ts says) is not negated. */
  matchesRegex(text: AnalysedText, regex: PackRegex): boolean
  /** Whether a mention starting at `index` is negated. */
  isNegated(text: AnalysedText, index: number): boolean
  /**
   * True when some keyword is mentioned and not negated: `findMention(text, keywords)?.negated === false`,
   * answered from the keyword occurrences `analyse` found in its single pass over the text.
   */
  mentionsAny(text: AnalysedText, keywords: readonly string[]): boolean
  /**
   * Registers a keyword list ahead of use (as `mentionsAny` does on first sight), so every text analysed
   * afterwards finds its keywords in its single pass. Calling it changes no answer: without it a list is
   * registered when first asked, and texts analysed before that search its keywords the plain way.
   */
  registerKeywords(keywords: readonly string[]): void
}

/** What `analyse` also records for `mentionsAny` and `isNegated`, beyond the public fields. */
interface IndexedText extends AnalysedText {
  /** Per position: the latest start of a strong cue that starts before it, or -1. */
  readonly strongBefore?: Int32Array
  /** Per position: the latest start of a weak cue that ends exactly there, or -1. */
  readonly weakEndingAt?: Int32Array
  /** Per position: the latest start of a governing cue that ends exactly there, or -1. */
  readonly governingEndingAt?: Int32Array
  /** Per position: 1 when a retraction later in its sentence cancels a mention starting there. */
  readonly retracted?: Uint8Array
  /** Ids of the registered keywords that occur, not negated. */
  readonly keywordHits?: readonly number[]
  /** How many keywords were registered when the text was analysed; later ones are searched directly. */
  readonly keywordsKnown?: number
}

/** A keyword list as registered: its keyword ids, and keywords beyond the registry bound. */
interface KeywordSet {
  readonly ids: ReadonlySet<number>
  readonly maxId: number
  readonly unregistered: readonly string[]
}

/** Distinct keywords a matcher indexes; packs have hundreds, so this only stops unbounded growth. */
const MAX_KEYWORDS = 20_000

/**
 * Creates the negation-aware matcher for a pack's text settings.
 *
 * @example
 * ```ts
 * const m = createTextMatcher(pack.config.text)
 * m.findMention(m.analyse('未发现返利行为'), ['返利'])?.negated // true
 * ```
 */
export const createTextMatcher = (settings: TextSettings): TextMatcher => {
  const strong = normaliseList(settings.negations)
  const governing = normaliseList(settings.governingNegations ?? [])
  const reach = settings.governingReach ?? DEFAULT_GOVERNING_REACH
  // Weak and governing cues are one list (longest first); a governing cue reaches further.
  const weak = normaliseList([...settings.weakNegations, ...governing])
  const exceptions = normaliseList(settings.negationExceptions)
  const breaks = normaliseList(settings.clauseBreaks)
  const retractionWords = normaliseList(settings.retractions ?? [])
  const reportWords = normaliseList(settings.reportMarkers ?? [])
  const wholeRetractionWords = normaliseList(settings.reportRetractions ?? [])

  // Every word the matcher looks for — clause breaks, exceptions, cues and (as rules use them) keywords —
  // in one word index, so one pass over a text finds them all, however many there are.
  const index = createWordIndex()
  const verificationWords = normaliseList(settings.verificationMarkers ?? [])
  const roles: { brk: boolean; exc: boolean; sentence: boolean; retraction: boolean; whole: boolean; report: boolean; verify: boolean; strong: number; weak: number; keyword: number }[] = []
  const wordId = (word: string): number => {
    const id = index.add(word)
    if (id === roles.length) roles.push({ brk: false, exc: false, sentence: false, retraction: false, whole: false, report: false, verify: false, strong: -1, weak: -1, keyword: -1 })
    return id
  }
  const weakReach = weak.map((w) => (governing.includes(w) ? Math.max(1, reach) : 1))
  for (const w of breaks) roles[wordId(w)]!.brk = true
  for (const w of SENTENCE_BREAKS) roles[wordId(w)]!.sentence = true
  for (const w of retractionWords) roles[wordId(w)]!.retraction = true
  for (const w of wholeRetractionWords) {
    const role = roles[wordId(w)]!
    role.retraction = true
    role.whole = true
  }
  for (const w of reportWords) roles[wordId(w)]!.report = true
  for (const w of verificationWords) roles[wordId(w)]!.verify = true
  for (const w of exceptions) roles[wordId(w)]!.exc = true
  strong.forEach((w, i) => (roles[wordId(w)]!.strong = i))
  weak.forEach((w, i) => (roles[wordId(w)]!.weak = i))
  let keywordCount = 0

  interface Occurrence {
    readonly order: number
    readonly start: number
    readonly end: number
  }
  /**
   * Cue occurrences in the order of their cue list (longest cue first), then by position. A cue inside an
   * exception word (非 in 非法) or inside a longer cue already taken is not a cue.
   */
  const cueSpans = (occurrences: Occurrence[], excluded: readonly Span[], n: number): Occurrence[] => {
    const spans: Occurrence[] = []
    occurrences.sort((a, b) => a.order - b.order || a.start - b.start)
    // Containment is asked once per occurrence, so it must not scan every span (a text full of cues would
    // cost the square of their number): keep, per start position, the furthest end of a span starting
    // there. A span that contains [start, end) starts at most `longest` units before it.
    const reach = new Int32Array(n + 1)
    let longest = 0
    const add = (x: Span) => {
      if (x.end > reach[x.start]!) reach[x.start] = x.end
      if (x.end - x.start > longest) longest = x.end - x.start
    }
    const inside = (start: number, end: number) => {
      for (let s = start; s >= 0 && s >= start - longest; s--) if (reach[s]! >= end) return true
      return false
    }
    for (const x of excluded) add(x)
    for (const o of occurrences) {
      if (inside(o.start, o.end)) continue
      spans.push(o)
      add(o)
    }
    return spans
  }

  const analyse = (raw: string): AnalysedText => {
    const text = normaliseText(raw)
    const n = text.length
    const breakEnds = new Uint8Array(n + 1)
    const sentenceEnds = new Uint8Array(n + 1)
    const foundRetractions: RetractionSpan[] = []
    const reports: number[] = []
    const verifications: number[] = []
    const exceptionSpans: Span[] = []
    const strongFound: Occurrence[] = []
    const weakFound: Occurrence[] = []
    const keywordFound: number[] = []
    const count = index.find(text)
    const found = index.found
    for (let k = 0; k < count; k += 2) {
      const id = found[k]!
      const i = found[k + 1]!
      const role = roles[id]!
      const end = i + index.word(id).length
      if (role.brk) breakEnds[end] = 1
      if (role.sentence) sentenceEnds[end] = 1
      if (role.retraction) foundRetractions.push(role.whole ? { start: i, end, whole: true } : { start: i, end })
      if (role.report) reports.push(i)
      if (role.verify) verifications.push(i)
      if (role.exc) exceptionSpans.push({ start: i, end })
      if (role.strong >= 0) strongFound.push({ order: role.strong, start: i, end })
      if (role.weak >= 0) weakFound.push({ order: role.weak, start: i, end })
      if (role.keyword >= 0) keywordFound.push(role.keyword, i)
    }
    const retractions = withoutExcepted(foundRetractions, exceptionSpans)
    const clauseStart = startsOf(breakEnds, n)
    const sentenceStart = retractions.length > 0 ? startsOf(sentenceEnds, n) : new Int32Array(n + 1)
    const strongCues = cueSpans(strongFound, exceptionSpans, n).map(({ start, end }): Span => ({ start, end }))
    const weakCues = cueSpans(weakFound, exceptionSpans.length > 0 ? [...exceptionSpans, ...strongCues] : strongCues, n).map(
      ({ start, end, order }): WeakSpan => ({ start, end, reach: weakReach[order]! }),
    )
    // For isNegated in constant time: the latest start of a strong cue starting before each position (a cue
    // that runs into the mention negates it too: 不承诺 in 不承诺回报), and the latest start of a weak cue
    // ending exactly at each position (-1: none).
    const strongBefore = new Int32Array(n + 1).fill(-1)
    for (const c of strongCues) if (c.start > strongBefore[c.start + 1]!) strongBefore[c.start + 1] = c.start
    for (let i = 1; i <= n; i++) if (strongBefore[i - 1]! > strongBefore[i]!) strongBefore[i] = strongBefore[i - 1]!
    const weakEndingAt = new Int32Array(n + 1).fill(-1)
    const governingEndingAt = new Int32Array(n + 1).fill(-1)
    for (const c of weakCues) {
      const table = c.reach > 1 ? governingEndingAt : weakEndingAt
      if (c.start > table[c.end]!) table[c.end] = c.start
    }
    const retracted = markRetracted(retractions, sentenceStart, n, reports, verifications)
    const keywordHits: number[] = []
    const indexed: IndexedText = {
      text, clauseStart, strongCues, weakCues, retractions, sentenceStart,
      strongBefore, weakEndingAt, governingEndingAt, retracted, keywordHits, keywordsKnown: keywordCount,
    }
    for (let k = 0; k < keywordFound.length; k += 2) {
      const keyword = keywordFound[k]!
      if (!keywordHits.includes(keyword) && !isNegated(indexed, keywordFound[k + 1]!)) keywordHits.push(keyword)
    }
    return indexed
  }

  const isNegated = (t: AnalysedText, index: number): boolean => {
    const clause = t.clauseStart[index] ?? 0
    const { strongBefore, weakEndingAt, governingEndingAt, retracted } = t as IndexedText
    if (strongBefore && weakEndingAt && governingEndingAt && retracted) {
      if (strongBefore[index]! >= clause || weakEndingAt[index]! >= clause || (index > 0 && weakEndingAt[index - 1]! >= clause)) return true
      if (retracted[index] === 1) return true
      for (let e = index; e >= 0 && e >= index - reach; e--) if (governingEndingAt[e]! >= clause) return true
      return false
    }
    for (const cue of t.strongCues) if (cue.start >= clause && cue.start < index) return true
    for (const cue of t.weakCues) if (cue.start >= clause && cue.end <= index && index - cue.end <= cue.reach) return true
    for (const r of t.retractions) if (index < r.start && t.sentenceStart[r.start]! <= index) return true
    return false
  }

  // Keyword lists come from the pack and are checked against every lead: normalise each list once.
  const normalisedLists = new WeakMap<readonly string[], string[]>()
  const normalisedKeywords = (keywords: readonly string[]): string[] => {
    let list = normalisedLists.get(keywords)
    if (!list) {
      list = keywords.map(normaliseText)
      normalisedLists.set(keywords, list)
    }
    return list
  }

  const findMention = (t: AnalysedText, keywords: readonly string[]): Mention | undefined => {
    let negatedMention: Mention | undefined
    const normalised = normalisedKeywords(keywords)
    for (let k = 0; k < keywords.length; k++) {
      const raw = keywords[k]!
      const keyword = normalised[k]!
      for (const index of findAll(t.text, keyword)) {
        if (!isNegated(t, index)) return { keyword: raw, index, negated: false }
        negatedMention ??= { keyword: raw, index, negated: true }
      }
    }
    return negatedMention
  }

  // Without a negation cue or a retraction in the text no match is negated, and RE2 need not find where matches are.
  // A retraction alone (网传…核实：情况不属实) cancels a regex match as it cancels a keyword mention.
  const matchesRegex = (t: AnalysedText, regex: PackRegex): boolean =>
    t.strongCues.length === 0 && t.weakCues.length === 0 && t.retractions.length === 0
      ? regex.test(t.text)
      : regex.someMatch(t.text, (index) => !isNegated(t, index))

  const keywordSets = new WeakMap<readonly string[], KeywordSet>()
  // The reference engine hands each run a fresh copy of a rule's list (json-rules-engine clones conditions),
  // so lists are also known by content: a trie of their keywords, walked without building a key.
  interface ListNode {
    next?: Map<unknown, ListNode>
    set?: KeywordSet
  }
  const listsByContent: ListNode = {}
  let listsKnown = 0
  // The normalised word of each keyword id, for texts analysed before the keyword was registered.
  const keywordWords: string[] = []
  const keywordSetOf = (keywords: readonly string[]): KeywordSet => {
    let set = keywordSets.get(keywords)
    if (set) return set
    let node: ListNode | undefined = listsByContent
    for (let k = 0; node !== undefined && k < keywords.length; k++) node = node.next?.get(keywords[k])
    set = node?.set
    // A copy is not remembered by identity: it is used once, and a weak entry per copy (thousands a lead)
    // only burdens the garbage collector.
    if (set) return set
    const ids = new Set<number>()
    const unregistered: string[] = []
    for (const keyword of normalisedKeywords(keywords)) {
      if (keyword.length === 0) continue
      if (keywordCount >= MAX_KEYWORDS && index.idOf(keyword) === undefined) {
        unregistered.push(keyword)
        continue
      }
      const role = roles[wordId(keyword)]!
      if (role.keyword < 0) {
        role.keyword = keywordCount++
        keywordWords[role.keyword] = keyword
      }
      ids.add(role.keyword)
    }
    set = { ids, maxId: Math.max(-1, ...ids), unregistered }
    if (listsKnown < MAX_KEYWORDS) {
      listsKnown++
      let at = listsByContent
      for (const keyword of keywords) {
        const next = (at.next ??= new Map())
        let child = next.get(keyword)
        if (!child) next.set(keyword, (child = {}))
        at = child
      }
      at.set = set
    }
    keywordSets.set(keywords, set)
    return set
  }
  const mentionedDirectly = (t: AnalysedText, keyword: string): boolean => {
    for (const index of findAll(t.text, keyword)) if (!isNegated(t, index)) return true
    return false
  }

  const mentionsAny = (t: AnalysedText, keywords: readonly string[]): boolean => {
    const set = keywordSetOf(keywords)
    const { keywordHits = [], keywordsKnown = 0 } = t as IndexedText
    for (let h = 0; h < keywordHits.length; h++) if (set.ids.has(keywordHits[h]!)) return true
    // Keywords registered after this text was analysed, or past the bound, are searched the plain way.
    if (set.maxId >= keywordsKnown) for (const id of set.ids) if (id >= keywordsKnown && mentionedDirectly(t, keywordWords[id]!)) return true
    for (const keyword of set.unregistered) if (mentionedDirectly(t, keyword)) return true
    return false
  }

  const registerKeywords = (keywords: readonly string[]): void => void keywordSetOf(keywords)

  return { analyse, findMention, matchesRegex, isNegated, mentionsAny, registerKeywords }
}
