import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { createKeywordScanner } from './keyword-scan'
import { compilePackRegex } from './pack-regex'
import { createTextMatcher, normaliseText } from './text'

/*
 * The keyword scanner answers every `mentionsAny` list of a pack from one pass over a text. Its
 * definition is the text matcher's per-word search: a list is found when `findMention(…)` finds a
 * mention that is not negated. Literal sets are found when the normalised text contains a literal.
 * Texts are built from the words that matter — cues, exceptions, breaks, keywords — so they overlap.
 */

const NEGATIONS = ['未发现', '没有发现', '没有', '不存在', '并未', '经核实不存在', '无', '暂无', '但未', '，无']
const RETRACTIONS = ['系谣言', '不属实', '情况不属实', '经核实不存在', '谣言', '核实:']
const REPORTS = ['网传', '群众反映', '反映']
const VERIFICATIONS = ['核实', '核查', '经查']
const WEAK = ['未', '不', '非', '无', '没', '并非', '但不']
// 核实:属实 holds the retraction 核实: and does not retract (an exception covers retractions too).
const EXCEPTIONS = ['非法', '不低于', '无风险', '未经', '稳赚不赔', '不断', '无人机', '核实:属实']
const BREAKS = ['。', '；', '，', ',', '\n', '但', '但是', '而是']
const KEYWORDS = ['返利', '保本', '托管', '代养', '理财', '不赔', '非法集资', '集资', '资金', '未经批准', 'abc', 'ＡＢＣ', '发现', '无', '是', '无人']
const FILLER = ['经核实', '属实', '村民', '吸收', '行为', '年化18%', ' ', 'Ａ', 'bc', '\r\n', '😀', '（', '）', '，', 'é', 'e\u0301']
const PIECES = [...NEGATIONS, ...WEAK, ...EXCEPTIONS, ...BREAKS, ...KEYWORDS, ...FILLER, ...RETRACTIONS, ...REPORTS, ...VERIFICATIONS, '。', '！', ';']

// Some texts are long enough (over 48 occurrences) to take the scanner's per-position tables.
const textArb = fc.oneof(fc.array(fc.constantFrom(...PIECES), { maxLength: 16 }), fc.array(fc.constantFrom(...PIECES), { minLength: 60, maxLength: 90 })).map((p) => p.join(''))
const settingsArb = fc.record({
  negations: fc.subarray(NEGATIONS),
  weakNegations: fc.subarray(WEAK),
  negationExceptions: fc.subarray(EXCEPTIONS),
  clauseBreaks: fc.subarray(BREAKS),
  governingNegations: fc.subarray(['未', '无', '没', '未曾', '不']),
  governingReach: fc.integer({ min: 1, max: 6 }),
  retractions: fc.subarray(RETRACTIONS),
  reportRetractions: fc.subarray(RETRACTIONS),
  reportMarkers: fc.subarray(REPORTS),
  verificationMarkers: fc.subarray(VERIFICATIONS),
})
const keywordsArb = fc.array(fc.constantFrom(...KEYWORDS, ' 保 本 ', ''), { minLength: 1, maxLength: 5 })
const literalsArb = fc.array(fc.constantFrom('返', '托管', '集资', 'abc', '18%', ',', '😀', 'é'), { minLength: 1, maxLength: 3 })

describe('keyword scanner ≡ the text matcher', () => {
  it('flags exactly the lists with a mention that is not negated, and the literal sets present', () => {
    fc.assert(
      fc.property(settingsArb, fc.array(keywordsArb, { minLength: 1, maxLength: 5 }), fc.array(literalsArb, { maxLength: 3 }), fc.array(textArb, { minLength: 1, maxLength: 6 }), (settings, lists, literalSets, texts) => {
        const matcher = createTextMatcher(settings)
        const scanner = createKeywordScanner(settings)
        const listFlags = lists.map((l) => scanner.addList(l))
        const literalFlags = literalSets.map((l) => scanner.addLiterals(l))
        // One flags array for every text, as the compiled engine uses it: a new mark per scan.
        const flags = scanner.createFlags()
        texts.forEach((raw, t) => {
          const mark = t + 1
          const normalised = scanner.scan(raw, flags, mark)
          if (normalised !== undefined) expect(normalised).toBe(normaliseText(raw))
          const analysed = matcher.analyse(raw)
          lists.forEach((list, i) => {
            expect(flags[listFlags[i]!] === mark, `${JSON.stringify(raw)} ${JSON.stringify(list)}`).toBe(matcher.findMention(analysed, list)?.negated === false)
          })
          literalSets.forEach((set, i) => {
            expect(flags[literalFlags[i]!] === mark).toBe(set.some((l) => normaliseText(raw).includes(l)))
          })
        })
      }),
      { numRuns: 600 },
    )
  })

  // Patterns over the same pieces: a capturing group moves where a match is (pack-regex.ts), `.` reaches across cues.
  const PATTERNS = ['返利', '(集资)', '保本|托管', '(?:核实)(返利)', '集资.{0,3}资金', '(无人)', '[0-9]+%', 'e', '。', '(代养|理财).', '不赔']
  it('answers matchesRegex as the matcher does, from the cues of the scan (with or without a keyword found)', () => {
    let negatedMatches = 0
    fc.assert(
      fc.property(settingsArb, fc.array(keywordsArb, { maxLength: 3 }), fc.array(textArb, { minLength: 1, maxLength: 6 }), (settings, lists, texts) => {
        const matcher = createTextMatcher(settings)
        const scanner = createKeywordScanner(settings)
        for (const list of lists) scanner.addList(list)
        const flags = scanner.createFlags()
        texts.forEach((raw, t) => {
          const text = scanner.scan(raw, flags, t + 1) ?? normaliseText(raw)
          const analysed = matcher.analyse(raw)
          for (const source of PATTERNS) {
            const regex = compilePackRegex(source)
            const expected = matcher.matchesRegex(analysed, regex)
            if (regex.test(text) && !expected) negatedMatches++
            expect(scanner.matchesRegex(regex, text), `${JSON.stringify(raw)} ${source}`).toBe(expected)
          }
        })
      }),
      { numRuns: 400 },
    )
    // The texts must reach negated matches, not only plain ones.
    expect(negatedMatches).toBeGreaterThan(100)
  })

  it('reads negations in their own clause only', () => {
    const scanner = createKeywordScanner({ negations: ['未发现'], weakNegations: ['未'], negationExceptions: ['未经'], clauseBreaks: ['。', '，'] })
    const refund = scanner.addList(['返利'])
    const principal = scanner.addList(['保本'])
    const custody = scanner.addList(['托管'])
    const flags = scanner.createFlags()
    scanner.scan('未发现返利，但有保本承诺。未经批准托管', flags, 1)
    expect([flags[refund], flags[principal], flags[custody]]).toEqual([0, 1, 1])
    scanner.scan('未托管', flags, 2)
    expect(flags[custody]).toBe(1)
  })
})
