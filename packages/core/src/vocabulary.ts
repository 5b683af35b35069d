/**
 * The closed vocabularies of docs/spec.md §1 and docs/spec.md §3 with their Chinese labels (中文标签).
 *
 * Slugs are what JSON carries; labels are what people read (ledgers, reports, messages).
 * The sheet reader maps Chinese labels back to slugs with {@link enumLabels}.
 */

/** A bilingual label. */
export interface Label {
  readonly zh: string
  readonly en: string
}

const defineVocabulary = <const T extends Record<string, Label>>(v: T) => v

/** 主体类型 — kind of subject. */
export const SUBJECT_KINDS = defineVocabulary({
  enterprise: { zh: '企业', en: 'Enterprise' },
  cooperative: { zh: '农民专业合作社', en: 'Farmers’ cooperative' },
  'individual-business': { zh: '个体工商户', en: 'Individual business' },
  person: { zh: '自然人', en: 'Natural person' },
  'online-platform': { zh: '网络平台', en: 'Online platform' },
  'social-organization': { zh: '社会组织', en: 'Social organisation' },
  other: { zh: '其他', en: 'Other' },
})

/** 所属行业 — sector. All but `other` are key sectors (重点领域) in the plan. */
export const SECTORS = defineVocabulary({
  'private-finance-intermediary': { zh: '民间投融资中介', en: 'Private finance intermediary' },
  'p2p-lending': { zh: '网络借贷', en: 'P2P lending' },
  'third-party-payment': { zh: '第三方支付', en: 'Third-party payment' },
  crowdfunding: { zh: '众筹', en: 'Crowdfunding' },
  'private-equity': { zh: '私募股权', en: 'Private equity' },
  'e-commerce': { zh: '电子商务', en: 'E-commerce' },
  'wholesale-retail': { zh: '批发和零售', en: 'Wholesale and retail' },
  'real-estate': { zh: '房地产', en: 'Real estate' },
  agriculture: { zh: '涉农领域', en: 'Agriculture' },
  education: { zh: '教育', en: 'Education' },
  healthcare: { zh: '医疗', en: 'Healthcare' },
  'elderly-care': { zh: '养老', en: 'Elderly care' },
  tourism: { zh: '旅游', en: 'Tourism' },
  other: { zh: '其他', en: 'Other' },
})

/** 区域类型 — kind of region. The first three are key regions (重点区域). */
export const REGION_KINDS = defineVocabulary({
  'industrial-park': { zh: '工业园区', en: 'Industrial park' },
  'urban-rural-fringe': { zh: '城乡结合部', en: 'Urban–rural fringe' },
  rural: { zh: '农村', en: 'Rural' },
  urban: { zh: '城区', en: 'Urban' },
})

/** 线索来源 — where the lead came from. */
export const SOURCES = defineVocabulary({
  'big-data': { zh: '大数据监测', en: 'Big-data monitoring' },
  'suspicious-funds': { zh: '可疑资金监测', en: 'Suspicious-funds monitoring' },
  'ad-monitoring': { zh: '广告资讯监测', en: 'Advertising monitoring' },
  'sector-inspection': { zh: '行业排查', en: 'Sector inspection' },
  'grid-inspection': { zh: '网格员排查', en: 'Grid-worker inspection' },
  'public-sweep': { zh: '社会面清查', en: 'Public sweep' },
  'public-report': { zh: '群众举报', en: 'Public report' },
  media: { zh: '媒体曝光', en: 'Media exposure' },
})

/** 既往处罚 — prior sanctions for illegal fundraising. */
export const PRIOR_SANCTIONS = defineVocabulary({
  none: { zh: '无', en: 'None' },
  administrative: { zh: '行政处罚', en: 'Administrative penalty within two years' },
  criminal: { zh: '刑事追究', en: 'Criminal prosecution' },
})

/** 还款能力 — ability to repay. */
export const REPAYMENT_ABILITIES = defineVocabulary({
  strong: { zh: '强', en: 'Strong' },
  moderate: { zh: '一般', en: 'Moderate' },
  weak: { zh: '弱', en: 'Weak' },
  none: { zh: '无', en: 'None' },
})

/** 还款意愿 — willingness to repay. */
export const REPAYMENT_WILLINGNESS = defineVocabulary({
  active: { zh: '积极', en: 'Active' },
  moderate: { zh: '一般', en: 'Moderate' },
  passive: { zh: '消极', en: 'Passive' },
  refuses: { zh: '拒绝', en: 'Refuses' },
})

/** The four scoring dimensions (四个维度). */
export const DIMENSIONS = defineVocabulary({
  scale: { zh: '涉众规模', en: 'Scale' },
  exposure: { zh: '风险敞口', en: 'Exposure' },
  attention: { zh: '舆论热度', en: 'Public attention' },
  stability: { zh: '涉稳隐患', en: 'Stability risk' },
})

/** Warning tiers (分级预警), most severe first. */
export const TIERS = defineVocabulary({
  red: { zh: '红色预警', en: 'Red (level I)' },
  orange: { zh: '橙色预警', en: 'Orange (level II)' },
  yellow: { zh: '黄色预警', en: 'Yellow (level III)' },
  blue: { zh: '蓝色预警', en: 'Blue (level IV)' },
  none: { zh: '未达预警', en: 'No warning' },
})

/** Dispositions (差别化处置), most severe first. */
export const DISPOSITIONS = defineVocabulary({
  prosecute: { zh: '刑事打击（移送公安）', en: 'Criminal enforcement (transfer to police)' },
  penalty: { zh: '行政处罚', en: 'Administrative penalty' },
  rectify: { zh: '规范整改', en: 'Rectification' },
  interview: { zh: '警示约谈', en: 'Warning interview' },
  monitor: { zh: '持续监测', en: 'Continued monitoring' },
})

/** Key patterns (重点行为) of docs/spec.md §3. Rule packs may add more. */
export const PATTERNS = defineVocabulary({
  rebate: { zh: '消费返利', en: 'Consumer rebates' },
  'mutual-aid': { zh: '资金互助', en: 'Mutual fund aid' },
  'franchise-points': { zh: '加盟积分', en: 'Franchise points / recruiting' },
  'virtual-assets': { zh: '虚拟资产', en: 'Virtual assets' },
  'livestock-custody': { zh: '牲畜托管', en: 'Livestock custody' },
  'policy-distortion': { zh: '歪曲国家政策', en: 'Distorting state policy' },
  'elderly-targeting': { zh: '以老年人为主要目标', en: 'Targeting the elderly' },
  'vulnerable-targeting': { zh: '以残疾人、贫困人群为目标', en: 'Targeting disabled or poor people' },
  'guaranteed-return': { zh: '承诺保本付息或给予回报', en: 'Promised principal or returns' },
  'cross-region': { zh: '跨区域经营或频繁变更', en: 'Cross-region operation or frequent changes' },
})

type Keys<T> = [keyof T & string, ...(keyof T & string)[]]
const keys = <T extends Record<string, Label>>(v: T) => Object.keys(v) as Keys<T>

export const SUBJECT_KIND_IDS = keys(SUBJECT_KINDS)
export const SECTOR_IDS = keys(SECTORS)
export const REGION_KIND_IDS = keys(REGION_KINDS)
export const SOURCE_IDS = keys(SOURCES)
export const PRIOR_SANCTION_IDS = keys(PRIOR_SANCTIONS)
export const REPAYMENT_ABILITY_IDS = keys(REPAYMENT_ABILITIES)
export const REPAYMENT_WILLINGNESS_IDS = keys(REPAYMENT_WILLINGNESS)
export const DIMENSION_IDS = keys(DIMENSIONS)
export const TIER_IDS = keys(TIERS)
export const DISPOSITION_IDS = keys(DISPOSITIONS)
export const PATTERN_IDS = keys(PATTERNS)

export type SubjectKind = keyof typeof SUBJECT_KINDS
export type Sector = keyof typeof SECTORS
export type RegionKind = keyof typeof REGION_KINDS
export type Source = keyof typeof SOURCES
export type PriorSanction = keyof typeof PRIOR_SANCTIONS
export type RepaymentAbility = keyof typeof REPAYMENT_ABILITIES
export type RepaymentWillingness = keyof typeof REPAYMENT_WILLINGNESS
export type Dimension = keyof typeof DIMENSIONS
export type Tier = keyof typeof TIERS
export type Disposition = keyof typeof DISPOSITIONS
export type BuiltinPattern = keyof typeof PATTERNS

/** Rank of a tier: 0 for `none` up to 4 for `red`. */
export const tierRank = (tier: Tier): number => TIER_IDS.length - 1 - TIER_IDS.indexOf(tier)

/** The more severe of two tiers. */
export const maxTier = (a: Tier, b: Tier): Tier => (tierRank(a) >= tierRank(b) ? a : b)

/** The less severe of two tiers. */
export const minTier = (a: Tier, b: Tier): Tier => (tierRank(a) <= tierRank(b) ? a : b)

/** Every enum of the lead, by field path, for readers that map labels to slugs. */
export const ENUM_FIELDS = {
  'subject.kind': SUBJECT_KINDS,
  sector: SECTORS,
  'region.kind': REGION_KINDS,
  source: SOURCES,
  'history.priorSanction': PRIOR_SANCTIONS,
  'repayment.ability': REPAYMENT_ABILITIES,
  'repayment.willingness': REPAYMENT_WILLINGNESS,
} as const satisfies Record<string, Record<string, Label>>

/** The Chinese (or English) label of an enum value; the slug itself when unknown. */
export const enumLabel = (vocabulary: Record<string, Label>, id: string, lang: 'zh' | 'en' = 'zh'): string =>
  Object.hasOwn(vocabulary, id) ? vocabulary[id]![lang] : id
