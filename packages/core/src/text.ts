/*
 * Matching Chinese text written by people (排查表里的文字).
 *
 * Village staff often write what was NOT found (`未发现返利行为`, `经核实不存在代养业务`), so a keyword
 * counts only when it is not negated in its own clause. The cues, their exceptions and the clause breaks
 * are data in the rule pack (`pack.json` → `text`), so analysts can tune them without code.
 *
 * Everything here is linear in the length of the text: plain substring search, no regexes built from data.
 */

/** Negation settings of a rule pack (pack.json → `text`). */
export interface TextSettings {
  /** Cues that negate a later mention anywhere in the same clause (未发现, 不存在…). */
  readonly negations: readonly string[]
  /** Cues that negate only a mention right after them, at most one character between (未, 不, 非…). */
  readonly weakNegations: readonly string[]
  /** Words that contain a cue but do not negate (非法, 不低于, 无风险…). */
  readonly negationExceptions: readonly string[]
  /** Punctuation and turning words that end a clause (。；但…). */
  readonly clauseBreaks: readonly string[]
}

/**
 * Normalises text for matching: NFKC (full-width → half-width), lower case, no white space — except line
 * breaks, which become one `\n` each so that a pack can treat a new line as the end of a clause.
 *
 * @example normaliseText('ＡＢＣ 保 本') === 'abc保本'
 */
export const normaliseText = (text: string): string =>
  text.normalize('NFKC').toLowerCase().replace(/\r\n?/gu, '\n').replace(/[^\S\n]+/gu, '')

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

/** A text prepared once for many keyword checks: clause starts and negation cues located. */
export interface AnalysedText {
  readonly text: string
  /** For each index, where its clause starts. */
  readonly clauseStart: Int32Array
  readonly strongCues: readonly Span[]
  readonly weakCues: readonly Span[]
}

const findAll = (text: string, needle: string): number[] => {
  const found: number[] = []
  if (needle.length === 0) return found
  for (let i = text.indexOf(needle); i !== -1; i = text.indexOf(needle, i + 1)) found.push(i)
  return found
}

const normaliseList = (words: readonly string[]): string[] =>
  [...new Set(words.map(normaliseText).filter((w) => w.length > 0))].sort((a, b) => b.length - a.length)

/** A matcher bound to one pack's text settings. Create it once per pack; it keeps no per-text state. */
export interface TextMatcher {
  /** Prepares a text (normalises it and locates clauses and cues). */
  analyse(text: string): AnalysedText
  /** The first mention of any keyword in the text, negated or not, preferring a non-negated one. */
  findMention(text: AnalysedText, keywords: readonly string[]): Mention | undefined
  /** True when a match of `regex` (global, on normalised text) is not negated. */
  matchesRegex(text: AnalysedText, regex: RegExp): boolean
  /** Whether a mention starting at `index` is negated. */
  isNegated(text: AnalysedText, index: number): boolean
}

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
  const weak = normaliseList(settings.weakNegations)
  const exceptions = normaliseList(settings.negationExceptions)
  const breaks = normaliseList(settings.clauseBreaks)

  const cueSpans = (text: string, cues: readonly string[], excluded: readonly Span[]): Span[] => {
    const spans: Span[] = []
    for (const cue of cues) {
      for (const start of findAll(text, cue)) {
        const end = start + cue.length
        // A cue inside an exception word (非 in 非法) or inside a longer cue already taken is not a cue.
        if (excluded.some((x) => x.start <= start && end <= x.end)) continue
        if (spans.some((x) => x.start <= start && end <= x.end)) continue
        spans.push({ start, end })
      }
    }
    return spans
  }

  const analyse = (raw: string): AnalysedText => {
    const text = normaliseText(raw)
    const clauseStart = new Int32Array(text.length + 1)
    const breakEnds = new Uint8Array(text.length + 1)
    for (const b of breaks) for (const i of findAll(text, b)) breakEnds[i + b.length] = 1
    let start = 0
    for (let i = 0; i <= text.length; i++) {
      if (breakEnds[i]) start = i
      clauseStart[i] = start
    }
    const exceptionSpans = exceptions.flatMap((w) => findAll(text, w).map((s) => ({ start: s, end: s + w.length })))
    const strongCues = cueSpans(text, strong, exceptionSpans)
    const weakCues = cueSpans(text, weak, [...exceptionSpans, ...strongCues])
    return { text, clauseStart, strongCues, weakCues }
  }

  const isNegated = (t: AnalysedText, index: number): boolean => {
    const clause = t.clauseStart[index] ?? 0
    for (const cue of t.strongCues) if (cue.start >= clause && cue.end <= index) return true
    for (const cue of t.weakCues) if (cue.start >= clause && cue.end <= index && index - cue.end <= 1) return true
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

  const matchesRegex = (t: AnalysedText, regex: RegExp): boolean => {
    // Matching is synchronous, so resetting a shared global regex is safe even under concurrent scoring.
    const re = regex.global ? regex : new RegExp(regex.source, `${regex.flags}g`)
    re.lastIndex = 0
    for (let m = re.exec(t.text); m !== null; m = re.exec(t.text)) {
      if (!isNegated(t, m.index)) return true
      if (m[0].length === 0) re.lastIndex++
    }
    return false
  }

  return { analyse, findMention, matchesRegex, isNegated }
}
