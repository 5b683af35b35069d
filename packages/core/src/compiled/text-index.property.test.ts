import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { createTextMatcher, normaliseText } from '../text'
import type { TextSettings } from '../text'

/*
 * The text matcher finds every cue and keyword in one indexed pass (for speed). This checks it against
 * the plain definition — one substring search per word, exactly as the matcher was first written — on
 * random texts built from the very words that matter: cues, exceptions, breaks and keywords, overlapping.
 */

interface Span {
  start: number
  end: number
}

const findAll = (text: string, needle: string): number[] => {
  const found: number[] = []
  if (needle.length === 0) return found
  for (let i = text.indexOf(needle); i !== -1; i = text.indexOf(needle, i + 1)) found.push(i)
  return found
}
const normaliseList = (words: readonly string[]): string[] =>
  [...new Set(words.map(normaliseText).filter((w) => w.length > 0))].sort((a, b) => b.length - a.length)

/** The definition: analyse and mention, one `indexOf` loop per word. */
const plainMatcher = (settings: TextSettings) => {
  const strong = normaliseList(settings.negations)
  const governing = normaliseList(settings.governingNegations ?? [])
  const reach = Math.max(1, settings.governingReach ?? 4)
  const weak = normaliseList([...settings.weakNegations, ...governing])
  const retractionWords = normaliseList(settings.retractions ?? [])
  const reportWords = normaliseList(settings.reportMarkers ?? [])
  const wholeWords = normaliseList(settings.reportRetractions ?? [])
  const verificationWords = normaliseList(settings.verificationMarkers ?? [])
  const exceptions = normaliseList(settings.negationExceptions)
  const breaks = normaliseList(settings.clauseBreaks)
  const cueSpans = (text: string, cues: readonly string[], excluded: readonly Span[]): Span[] => {
    const spans: Span[] = []
    for (const cue of cues) {
      for (const start of findAll(text, cue)) {
        const end = start + cue.length
        if (excluded.some((x) => x.start <= start && end <= x.end)) continue
        if (spans.some((x) => x.start <= start && end <= x.end)) continue
        spans.push({ start, end })
      }
    }
    return spans
  }
  const analyse = (raw: string) => {
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
    const weakCues = cueSpans(text, weak, [...exceptionSpans, ...strongCues]).map((c) => ({
      ...c,
      reach: governing.includes(text.slice(c.start, c.end)) ? reach : 1,
    }))
    // A retraction cancels what comes before it in its sentence (no sentence break between), and back to the
    // latest report marker before it when that is after the retraction before it (by start).
    const retractions = [...new Set([...retractionWords, ...wholeWords])]
      .flatMap((w) => findAll(text, w).map((s) => ({ start: s, end: s + w.length, whole: wholeWords.includes(w) })))
      .sort((a, b) => a.start - b.start)
    const reports = reportWords.flatMap((w) => findAll(text, w))
    const verifications = verificationWords.flatMap((w) => findAll(text, w))
    const sentenceEnds = ['。', '!', '?', ';', '\n'].flatMap((b) => findAll(text, b).map((i) => i + b.length))
    const retractedAt = (index: number) =>
      retractions.some((r) => {
        if (index >= r.start) return false
        if (!sentenceEnds.some((e) => e > index && e <= r.start)) return true
        if (!r.whole) return false
        const latest = Math.max(-1, ...reports.filter((m) => m < r.start))
        const previousEnd = Math.max(0, ...retractions.filter((x) => x.start < r.start).map((x) => x.end))
        if (!(latest >= previousEnd && latest <= index)) return false
        // Only the report itself: up to the first verification marker after the report marker.
        return !verifications.some((v) => v > latest && v <= index)
      })
    return { text, clauseStart, strongCues, weakCues, retractedAt }
  }
  type Analysed = ReturnType<typeof analyse>
  const isNegated = (t: Analysed, index: number): boolean => {
    const clause = t.clauseStart[index] ?? 0
    for (const cue of t.strongCues) if (cue.start >= clause && cue.start < index) return true
    for (const cue of t.weakCues) if (cue.start >= clause && cue.end <= index && index - cue.end <= cue.reach) return true
    return t.retractedAt(index)
  }
  const mentionsAny = (t: Analysed, keywords: readonly string[]): boolean =>
    keywords.some((k) => findAll(t.text, normaliseText(k)).some((i) => !isNegated(t, i)))
  return { analyse, mentionsAny }
}

const NEGATIONS = ['未发现', '没有发现', '没有', '不存在', '并未', '经核实不存在', '无']
const RETRACTIONS = ['系谣言', '不属实', '情况不属实', '经核实不存在']
const REPORTS = ['网传', '群众反映', '反映']
const VERIFICATIONS = ['核实', '核查', '经查']
const WEAK = ['未', '不', '非', '无', '没']
const EXCEPTIONS = ['非法', '不低于', '无风险', '未经', '稳赚不赔', '不断']
const BREAKS = ['。', '；', '，', ',', '\n', '但', '但是', '而是']
const KEYWORDS = ['返利', '保本', '托管', '代养', '理财', '不赔', '非法集资', '集资', '资金', '未经批准', 'abc', 'ＡＢＣ', '发现', '无', '是']
const FILLER = ['经核实', '村民', '吸收', '行为', '年化18%', ' ', 'Ａ', 'bc', '\r\n', '😀', '（', '）', '！', '?']
const PIECES = [...NEGATIONS, ...WEAK, ...EXCEPTIONS, ...BREAKS, ...KEYWORDS, ...FILLER, ...RETRACTIONS, ...REPORTS, ...VERIFICATIONS]

const textArb = fc.array(fc.constantFrom(...PIECES), { maxLength: 14 }).map((p) => p.join(''))
const settingsArb = fc.record({
  negations: fc.subarray(NEGATIONS),
  weakNegations: fc.subarray(WEAK),
  negationExceptions: fc.subarray(EXCEPTIONS),
  clauseBreaks: fc.subarray(BREAKS),
  governingNegations: fc.subarray(['未', '无', '没', '未曾']),
  governingReach: fc.integer({ min: 1, max: 6 }),
  retractions: fc.subarray(RETRACTIONS),
  reportRetractions: fc.subarray(RETRACTIONS),
  reportMarkers: fc.subarray(REPORTS),
  verificationMarkers: fc.subarray(VERIFICATIONS),
})
const keywordsArb = fc.array(fc.constantFrom(...KEYWORDS, ' 保 本 ', ''), { minLength: 1, maxLength: 4 })

describe('indexed text matching ≡ one search per word', () => {
  it('analyses every text the same way and agrees on every keyword list', () => {
    fc.assert(
      fc.property(settingsArb, fc.array(keywordsArb, { minLength: 1, maxLength: 4 }), fc.array(textArb, { minLength: 1, maxLength: 6 }), (settings, lists, texts) => {
        const fast = createTextMatcher(settings)
        const plain = plainMatcher(settings)
        // Half the lists are registered before the texts are analysed (the compiled path), half after.
        const early = lists.slice(0, Math.ceil(lists.length / 2))
        const probe = fast.analyse('')
        for (const list of early) fast.mentionsAny(probe, list)
        for (const raw of texts) {
          const a = fast.analyse(raw)
          const b = plain.analyse(raw)
          const { retractedAt, ...rest } = b
          expect({ text: a.text, clauseStart: a.clauseStart, strongCues: a.strongCues, weakCues: a.weakCues }).toStrictEqual(rest)
          for (let i = 0; i < a.text.length; i++) expect(fast.isNegated(a, i) || !retractedAt(i)).toBe(true)
          for (const list of lists) {
            const expected = plain.mentionsAny(b, list)
            expect(fast.mentionsAny(a, list)).toBe(expected)
            expect(fast.mentionsAny(a, [...list])).toBe(expected)
            expect(fast.findMention(a, list)?.negated === false).toBe(expected)
          }
        }
      }),
      { numRuns: 400 },
    )
  })

  it('finds keywords it has never seen before, and negations in their own clause only', () => {
    const m = createTextMatcher({ negations: ['未发现'], weakNegations: ['未'], negationExceptions: ['未经'], clauseBreaks: ['。', '，'] })
    const t = m.analyse('未发现返利，但有保本承诺。未经批准托管')
    expect(m.mentionsAny(t, ['返利'])).toBe(false)
    expect(m.mentionsAny(t, ['保本'])).toBe(true)
    expect(m.mentionsAny(t, ['托管'])).toBe(true)
    expect(m.mentionsAny(m.analyse('未托管'), ['托管'])).toBe(false)
  })
})
