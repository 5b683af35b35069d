import { join } from 'node:path'
import fc from 'fast-check'
import { beforeAll, expect } from 'vitest'
import { createScorer } from '../src/create-scorer'
import type { Scorer } from '../src/create-scorer'
import { loadRulePack } from '../src/node/load-rule-pack'
import {
  PRIOR_SANCTION_IDS,
  REGION_KIND_IDS,
  REPAYMENT_ABILITY_IDS,
  REPAYMENT_WILLINGNESS_IDS,
  SECTOR_IDS,
  SOURCE_IDS,
  SUBJECT_KIND_IDS,
} from '../src/vocabulary'

/*
 * What the differential tests (差分测试) share: the value domains, the lead generator and the comparison of the
 * compiled engine with json-rules-engine (the reference). Random packs are in differential.property.test.ts,
 * the default pack in differential-default-*.test.ts.
 *
 * More runs: DIFFERENTIAL_RUNS=2000 npx vitest run test/differential (in packages/core)
 */

export const RUNS = Number(process.env.DIFFERENTIAL_RUNS ?? 300)

// ---- value domains shared by leads and rule thresholds ----------------------------------------------
export const SMALL = fc.nat(12)
const COUNT = fc.oneof({ weight: 4, arbitrary: SMALL }, { weight: 1, arbitrary: fc.nat(2_000) })
const YUAN_POINTS = [0, 1, 100_000, 250_000, 500_000, 1_000_000, 1_500_000, 5_000_000]
export const YUAN = fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...YUAN_POINTS) }, { weight: 1, arbitrary: fc.nat(10_000_000) })
// 0.031 and 0.124 are a dated rate and four times it (DATED_FIGURES), so comparisons land on the line.
export const RETURN = fc.constantFrom(0, 0.031, 0.06, 0.08, 0.1, 0.124, 0.138, 0.18, 0.36, 3.65)
export const SHARE = fc.constantFrom(0, 0.25, 0.5, 0.75, 1)
export const PLACES = ['寿县双桥镇', '寿县', '合肥市蜀山区', '双桥镇东村', '上海市']
export const NAMES = ['双桥养殖专业合作社', '某某理财中心', '惠民财富管理有限公司', '张三', '绿源农资店']
const FRAGMENTS = [
  '消费返利', '未发现返利行为', '承诺保本保息，年化18%', '经核实不存在代养业务', '以托管养牛为名吸收资金',
  '无代养业务', '涉嫌非法吸收公众存款', '月息2分', '养殖合作社', '发展下线拉人头', '区块链数字资产',
  '承诺不低于年化8%', '但有返利', '没有发现保本承诺；有ＡＢＣ返现', '免费旅游送保健品', '并未 托管',
]
export const KEYWORDS = ['返利', '保本', '托管', '代养', '理财', '区块链', '养老', '年化', '下线', '返现', 'abc', 'ＡＢＣ', '非法', '合作社']
// With capturing groups too: negation is looked for from the first group (pack-regex.ts).
export const REGEXES = ['返利|返现', '月息\\d+分', '(?:养殖|托管)合作社', '年化\\d+(?:\\.\\d+)?%', '(?:^|[^全])(返利)', '(托管|代养)[^。]{0,6}牛']
export const DATES = ['2024-03-05', '2024-03-06', '2023-12-31', '2023-12-30']
export const SHARE_FACTS = new Set(['derived.elderlyShare', 'derived.vulnerableShare', 'derived.outstandingShare'])

export const opt = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined, freq: 3 })
const textArb = fc.array(fc.constantFrom(...FRAGMENTS), { maxLength: 3 }).chain((parts) =>
  fc.constantFrom('。', '，', '', ' ').map((sep) => parts.join(sep)),
)

export const strip = (o: Record<string, unknown>): Record<string, unknown> | undefined => {
  const entries = Object.entries(o).filter(([, v]) => v !== undefined)
  return entries.length > 0 ? Object.fromEntries(entries) : undefined
}

export const leadArb = fc
  .record({
    id: fc.constantFrom('L-1', 'L-2', ' L-3 '),
    name: fc.constantFrom(...NAMES),
    kind: opt(fc.constantFrom(...SUBJECT_KIND_IDS)),
    creditCode: opt(fc.constantFrom('91340422MA2N0X1234', '91110108551385082Q')),
    registeredIn: opt(fc.constantFrom(...PLACES)),
    operatesIn: opt(fc.constantFrom(...PLACES)),
    addressChanges: opt(SMALL),
    executiveChanges: opt(SMALL),
    sector: opt(fc.constantFrom(...SECTOR_IDS)),
    regionName: opt(fc.constantFrom(...PLACES)),
    regionKind: opt(fc.constantFrom(...REGION_KIND_IDS)),
    source: opt(fc.constantFrom(...SOURCE_IDS)),
    total: opt(COUNT),
    elderly: opt(COUNT),
    vulnerable: opt(COUNT),
    raised: opt(YUAN),
    outstanding: opt(YUAN),
    promisedReturn: opt(RETURN),
    complaints: opt(COUNT),
    mediaReports: opt(SMALL),
    onlinePosts: opt(COUNT),
    gatherings: opt(SMALL),
    overdue: opt(fc.boolean()),
    controllerMissing: opt(fc.boolean()),
    priorSanction: opt(fc.constantFrom(...PRIOR_SANCTION_IDS)),
    ability: opt(fc.constantFrom(...REPAYMENT_ABILITY_IDS)),
    willingness: opt(fc.constantFrom(...REPAYMENT_WILLINGNESS_IDS)),
    description: opt(textArb),
    promotion: opt(textArb),
    reporter: opt(fc.constantFrom('李四', '王五')),
    reportedAt: opt(fc.constantFrom(...DATES)),
    notes: opt(textArb),
    unknown: fc.option(fc.constantFrom({ foo: 1 }, { 备注二: 'x' }), { nil: undefined }),
    unknownPeople: fc.boolean(),
  })
  .map((l) => ({
    id: l.id,
    subject: strip({ name: l.name, kind: l.kind, creditCode: l.creditCode, registeredIn: l.registeredIn, operatesIn: l.operatesIn, addressChanges: l.addressChanges, executiveChanges: l.executiveChanges }),
    sector: l.sector,
    region: strip({ name: l.regionName, kind: l.regionKind }),
    source: l.source,
    people: strip({ total: l.total, elderly: l.elderly, vulnerable: l.vulnerable, ...(l.unknownPeople ? { totl: 3 } : {}) }),
    money: strip({ raised: l.raised, outstanding: l.outstanding, promisedReturn: l.promisedReturn }),
    attention: strip({ complaints: l.complaints, mediaReports: l.mediaReports, onlinePosts: l.onlinePosts }),
    stability: strip({ gatherings: l.gatherings, overdue: l.overdue, controllerMissing: l.controllerMissing }),
    history: strip({ priorSanction: l.priorSanction }),
    repayment: strip({ ability: l.ability, willingness: l.willingness }),
    text: strip({ description: l.description, promotion: l.promotion }),
    reporter: l.reporter,
    reportedAt: l.reportedAt,
    notes: l.notes,
    ...l.unknown,
  }))
  .map((l) => strip(l as Record<string, unknown>)!)

/**
 * Scores and explains every lead with both engines and demands identical output. json-rules-engine runs
 * once per lead that scores (its explanation carries the result; it costs some 2 s a lead on the default
 * pack, the compiled engine about 1 ms), and once more for a lead it refuses, which costs nothing.
 */
export const expectSameOutput = async (reference: Scorer, compiled: Scorer, leads: readonly unknown[]): Promise<void> => {
  for (const lead of leads) {
    const b = await compiled.safeScore(lead, { line: 2 })
    if (!b.success) {
      expect(b).toStrictEqual(await reference.safeScore(lead, { line: 2 }))
      continue
    }
    expect(compiled.scoreSync(lead, { line: 2 })).toStrictEqual(b.data)
    const x = await reference.explain(lead, { line: 2 })
    expect(b.data).toStrictEqual(x.result)
    expect(await compiled.explain(lead, { line: 2 })).toStrictEqual(x)
  }
}

/** The repository's root: `rules/` and `fixtures/` are read from there. */
export const ROOT = join(__dirname, '../../..')

/**
 * Both engines on the default pack (`rules/`), made before the calling file's tests run; read the fields inside
 * tests. No skip when rules/ is missing: loading fails, and so does every test.
 */
export const useDefaultPackEngines = (): { readonly reference: Scorer; readonly compiled: Scorer } => {
  const engines = {} as { reference: Scorer; compiled: Scorer }
  beforeAll(async () => {
    const pack = await loadRulePack(join(ROOT, 'rules'))
    engines.reference = createScorer(pack, { engine: 'reference' })
    engines.compiled = createScorer(pack)
  })
  return engines
}
