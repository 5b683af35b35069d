import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { createTextMatcher, normaliseText } from './text'
import { compilePackRegex } from './pack-regex'

const matcher = createTextMatcher({
  negations: ['未发现', '不存在', '没有', '并未', '未见', '否认'],
  weakNegations: ['未', '无', '不', '非'],
  negationExceptions: ['非法', '非常', '不低于', '不少于', '无风险', '稳赚不赔'],
  clauseBreaks: ['。', '；', '，', ',', '!', '？', '但'],
})
const hits = (text: string, keywords: string[]) => matcher.findMention(matcher.analyse(text), keywords)?.negated === false

describe('negation-aware mentions', () => {
  it.each([
    ['未发现返利行为', ['返利'], false],
    ['经核实不存在以养牛托管名义吸收资金的情况', ['托管'], false],
    ['无代养业务', ['代养'], false],
    ['没有发现任何返利行为', ['返利'], false],
    ['该公司承诺消费返利', ['返利'], true],
    ['未发现异常，但存在返利宣传', ['返利'], true],
    ['未发现吸收资金行为。该店开展消费返利', ['返利'], true],
    ['涉嫌非法集资', ['集资'], true],
    ['以不低于20%的高额回报吸引群众', ['高额回报'], true],
    ['保本无风险，高额回报', ['高额回报'], true],
    ['宣称稳赚不赔', ['稳赚不赔'], true],
    ['不保本', ['保本'], false],
    ['ＡＢＣ 消费 返利', ['消费返利'], true],
  ] as const)('%s / %j → %s', (text, keywords, expected) => {
    expect(hits(text, [...keywords])).toBe(expected)
  })

  // Issue 10 class 5: later verification cancels an earlier claim in its sentence; 未/无/没 govern their verb.
  describe('retractions and governing negations', () => {
    const m = createTextMatcher({
      negations: ['未发现', '不存在', '未曾'],
      weakNegations: ['未', '无', '不'],
      negationExceptions: ['未经'],
      clauseBreaks: ['。', '，', '；'],
      governingNegations: ['未', '无', '没'],
      governingReach: 4,
      retractions: ['经核实不存在', '系谣言', '情况不属实'],
    })
    const hit = (text: string, keyword: string) => m.mentionsAny(m.analyse(text), [keyword])
    it.each([
      ['群众反映该店承诺月返10%，经核实不存在', '月返', false],
      ['网传该社高息揽储，系谣言', '高息', false],
      ['有人举报其吸收资金，经走访情况不属实', '吸收资金', false],
      ['群众反映该店承诺月返10%。经核实不存在代养业务', '月返', true],
      ['经核实不存在，该店仍承诺月返10%', '月返', true],
      ['未曾对本社以外任何人借款', '借款', false],
      ['未向群众集资', '集资', false],
      ['没对外吸收资金', '吸收资金', false],
      ['未经批准向群众集资', '集资', true],
      ['未按约定时间，向群众集资', '集资', true],
      ['无资金往来，对外大量集资', '集资', true],
    ] as const)('%s / %s → %s', (text, keyword, expected) => {
      expect(hit(text, keyword)).toBe(expected)
    })
    it('a whole-report retraction cancels a rumour told in an earlier sentence, back to its report marker only', () => {
      const r = createTextMatcher({
        negations: ['不承诺', '没有'],
        weakNegations: ['不'],
        negationExceptions: [],
        clauseBreaks: ['。', '，'],
        retractions: ['经核实不存在'],
        reportRetractions: ['情况不属实', '系谣言'],
        reportMarkers: ['网传', '群众反映'],
      })
      const said = (text: string, keyword: string) => r.mentionsAny(r.analyse(text), [keyword])
      expect(said('网传合作社老板卷款跑路、社员存款拿不回来。经镇处非办核实，情况不属实：合作社正常经营', '卷款')).toBe(false)
      expect(said('网传合作社老板卷款跑路、社员存款拿不回来。经镇处非办核实，情况不属实：合作社正常经营', '正常经营')).toBe(true)
      // What came before the report is not part of it.
      expect(said('该社吸收存款200万元。网传老板卷款跑路。经核实，情况不属实', '吸收存款')).toBe(true)
      expect(said('该社吸收存款200万元。网传老板卷款跑路。经核实，情况不属实', '卷款')).toBe(false)
      // A retraction of one thing (经核实不存在代养业务) stays in its sentence.
      expect(said('群众反映该店承诺月返10%。经核实不存在代养业务', '月返')).toBe(true)
      // A report already retracted does not reach past its retraction.
      expect(said('网传高息揽储，系谣言。该社另向群众借款。情况不属实', '借款')).toBe(true)
      expect(said('网传高息揽储，系谣言。该社另向群众借款。经核实，情况不属实', '高息')).toBe(false)
    })

    it('a whole-report retraction stops where the verification starts: what was found is not cancelled with the rumour', () => {
      const r = createTextMatcher({
        negations: ['没有'],
        weakNegations: [],
        negationExceptions: [],
        clauseBreaks: ['。', '，', ','],
        reportRetractions: ['情况不属实', '听错了'],
        reportMarkers: ['有人反映', '群里传'],
        verificationMarkers: ['核实', '核查'],
      })
      const said = (text: string, keyword: string) => r.mentionsAny(r.analyse(text), [keyword])
      const loan = '有人反映李某在村里借钱给利息。网格员和村委核实：李某向4户亲属借了28万元。反映的情况不属实。'
      expect(said(loan, '借钱给利息')).toBe(false)
      expect(said(loan, '亲属')).toBe(true)
      const rumour = '微信群里传养老院老板要跑路。派出所核查：院长在岗，正常运营。发帖人说是听错了'
      expect(said(rumour, '跑路')).toBe(false)
      expect(said(rumour, '正常运营')).toBe(true)
      // Without a verification marker the whole report is cancelled, as before.
      expect(said('有人反映李某借钱给利息。李某向亲属借款。情况不属实', '亲属')).toBe(false)
      // A verification marker before the report does not stop it.
      expect(said('核实前有人反映李某借钱给利息。李某向亲属借款。情况不属实', '借钱给利息')).toBe(false)
    })

    it('a retraction inside an exception word does not retract: a verification that confirms keeps the report', () => {
      const r = createTextMatcher({
        negations: [],
        weakNegations: [],
        negationExceptions: ['核实:情况属实'],
        clauseBreaks: ['。', '，'],
        reportRetractions: ['核实:', '情况不属实'],
        reportMarkers: ['有人反映'],
        verificationMarkers: ['核实'],
      })
      const said = (text: string) => r.mentionsAny(r.analyse(text), ['收钱给利息'])
      // Confirmed (the bug of pack 2024.10.0: 核实：情况属实 cancelled the report it confirmed).
      expect(said('有人反映农资店收钱给利息。核实：情况属实。')).toBe(true)
      // The verification tells what it found instead: the report is superseded.
      expect(said('有人反映农资店收钱给利息。核实：是化肥订金，多退少补。')).toBe(false)
      expect(said('有人反映农资店收钱给利息。核实：情况不属实。')).toBe(false)
    })

    it('a strong cue that runs into a keyword negates it (不承诺回报)', () => {
      const r = createTextMatcher({ negations: ['不承诺'], weakNegations: ['不'], negationExceptions: [], clauseBreaks: ['，'] })
      expect(r.mentionsAny(r.analyse('总部不承诺回报'), ['承诺回报'])).toBe(false)
      expect(r.mentionsAny(r.analyse('总部不承诺，但承诺回报'), ['承诺回报'])).toBe(true)
    })

    it('a governing cue reaches only as far as the pack says', () => {
      expect(hit('未向本村以外群众集资', '集资')).toBe(true)
      const far = createTextMatcher({ negations: [], weakNegations: [], negationExceptions: [], clauseBreaks: [], governingNegations: ['未'], governingReach: 8 })
      expect(far.mentionsAny(far.analyse('未向本村以外群众集资'), ['集资'])).toBe(false)
    })
  })

  it('a line break ends a clause when the pack lists it (a negation does not reach the next line)', () => {
    const withBreak = createTextMatcher({ negations: ['未发现'], weakNegations: [], negationExceptions: [], clauseBreaks: ['\n'] })
    const hit = (t: string) => withBreak.findMention(withBreak.analyse(t), ['消费全返'])?.negated === false
    expect(hit('未发现返利行为\n宣传消费全返')).toBe(true)
    expect(hit('未发现返利行为\r\n宣传消费全返')).toBe(true)
    expect(hit('未发现返利行为 宣传消费全返')).toBe(false)
  })

  it('stays right on a 20,000-character text dense with cues (negation is looked up per position, not by scanning every cue)', () => {
    const dense = '不返利'.repeat(6666)
    expect(hits(dense, ['返利'])).toBe(false)
    expect(hits(`${dense}。返利`, ['返利'])).toBe(true)
    expect(hits(`${'未发现，'.repeat(5000)}返利`, ['返利'])).toBe(true)
    expect(hits(`${'未发现'.repeat(5000)}返利`, ['返利'])).toBe(false)
  })

  it('prefers a non-negated mention when the same keyword appears twice', () => {
    expect(hits('未发现返利。现场发现返利传单', ['返利'])).toBe(true)
  })

  it('a keyword right after a clause break is a hit whatever came before', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 30 }), fc.constantFrom('返利', '保本', '托管'), (before, keyword) => {
        expect(hits(`${before}。${keyword}`, [keyword])).toBe(true)
      }),
    )
  })

  it('a keyword after a strong negation in the same clause is never a hit', () => {
    fc.assert(
      // The middle may not contain a clause break (但): after one, a keyword is rightly a hit.
      fc.property(fc.stringMatching(/^[一-龥]{0,8}$/).filter((m) => !m.includes('但')), fc.constantFrom('返利', '保本', '托管'), (middle, keyword) => {
        expect(hits(`未发现${middle}${keyword}`, [keyword])).toBe(false)
      }),
    )
  })

  it('normalisation is idempotent', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        expect(normaliseText(normaliseText(s))).toBe(normaliseText(s))
      }),
    )
  })

  it('regex matches are negation-aware too', () => {
    const t = (s: string) => matcher.matchesRegex(matcher.analyse(s), compilePackRegex('月息\\d+分'))
    expect(t('承诺月息2分')).toBe(true)
    expect(t('并未承诺月息2分')).toBe(false)
  })

  it('regex matches are retracted like keyword mentions, also when the text holds no negation cue', () => {
    // A verified report (网传…核实：情况不属实) cancels what it reported for keyword lists; a regex over the same
    // words must not still see it (held-out-12 M182: 收了村里人的钱 matched a money pattern after 核实：).
    const m = createTextMatcher({
      negations: ['未发现'],
      weakNegations: ['未'],
      negationExceptions: [],
      clauseBreaks: ['。', '，'],
      retractions: ['经核实不存在'],
      reportRetractions: ['情况不属实'],
      reportMarkers: ['网传'],
      verificationMarkers: ['核实'],
    })
    const money = compilePackRegex('收了.{0,4}的钱')
    const regex = (s: string) => m.matchesRegex(m.analyse(s), money)
    const words = (s: string) => m.findMention(m.analyse(s), ['收了'])?.negated === false
    for (const [text, held] of [
      ['网传老板收了村里人的钱。经核实，情况不属实', false],
      ['老板收了村里人的钱的情况经核实不存在', false],
      ['老板收了村里人的钱', true],
      ['网传老板收了村里人的钱。经核实，情况属实', true],
    ] as const) {
      expect(regex(text), text).toBe(held)
      expect(words(text), text).toBe(held)
    }
  })
})

// The reference engine registers every keyword list before any text is analysed, and json-rules-engine hands
// each run a fresh copy of a list: registered, unregistered, copied and prefix lists must all answer alike.
describe('keyword lists registered ahead, late, or as copies', () => {
  const settings = { negations: ['未发现'], weakNegations: ['未'], negationExceptions: ['未经'], clauseBreaks: ['。', '，'] }
  const words = ['返利', '保本', '托管', '代养', '高息', '返', '利']
  const textArb = fc.array(fc.constantFrom(...words, '未发现', '未', '，', '。', '未经', '甲'), { maxLength: 12 }).map((p) => p.join(''))
  const listArb = fc.array(fc.constantFrom(...words), { minLength: 1, maxLength: 4 })

  it('answers every list as a fresh matcher does, whenever the list was first seen', () => {
    fc.assert(
      fc.property(fc.array(listArb, { minLength: 1, maxLength: 5 }), fc.array(textArb, { minLength: 1, maxLength: 4 }), (lists, texts) => {
        const m = createTextMatcher(settings)
        const early = lists.slice(0, Math.ceil(lists.length / 2))
        for (const list of early) m.registerKeywords([...list])
        const analysed = texts.map((raw) => m.analyse(raw))
        for (const list of lists) m.registerKeywords(list)
        for (const [i, t] of analysed.entries()) {
          for (const list of lists) {
            // A list, its prefix (a node on the way to it in the content trie) and a copy of each.
            for (const probe of [list, [...list], list.slice(0, -1), [...list, '高息']]) {
              const fresh = createTextMatcher(settings)
              const expected = fresh.findMention(fresh.analyse(texts[i]!), probe)?.negated === false
              expect(m.mentionsAny(t, probe)).toBe(expected)
              expect(m.mentionsAny(m.analyse(texts[i]!), [...probe])).toBe(expected)
            }
          }
        }
      }),
      { numRuns: 300 },
    )
  })
})
