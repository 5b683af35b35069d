import { ENUM_FIELDS, type Label } from '@chufei/core'
import type { Cell } from '../types'
import { fail, ok, unknown, type Parsed } from './_result'
import { compact, isUnknownMarker } from './_text'

/*
 * Enum cells (主体类型、所属行业、区域类型、线索来源、既往处罚、还款能力、还款意愿) to slugs. Accepted: the
 * slug, the Chinese and English labels of core's ENUM_FIELDS, and the synonyms people type below. When
 * the whole cell is no known word, keywords inside it are tried (`生猪养殖` → agriculture); a keyword that
 * is part of a longer matched keyword gives way to it (`不积极` → passive, not active), and keywords of
 * two different values make the cell ambiguous (a warning, unknown).
 */

/** A field of the lead whose value is a closed vocabulary. */
export type EnumField = keyof typeof ENUM_FIELDS

/** The enum fields, in the order of ENUM_FIELDS. */
export const ENUM_FIELD_PATHS = Object.keys(ENUM_FIELDS) as EnumField[]

/** Words people type for each value, beyond the slug and the labels in core's vocabulary. */
const SYNONYMS: { readonly [F in EnumField]: Partial<Record<keyof (typeof ENUM_FIELDS)[F], readonly string[]>> } = {
  'subject.kind': {
    enterprise: ['公司', '有限公司', '有限责任公司', '股份有限公司', '股份公司', '集团', '企业法人', '私营企业', '民营企业', '法人企业', '商贸公司'],
    cooperative: ['合作社', '农村合作社', '农民合作社', '专业合作社', '农业合作社', '农民专业合作社', '合作组织'],
    'individual-business': ['个体户', '个体', '个体工商户', '个体经营', '个体经营户', '工商户'],
    person: ['个人', '自然人', '本人', '村民', '居民'],
    'online-platform': ['平台', '网络平台', '互联网平台', '网站', 'app', '网络', '小程序', '公众号'],
    'social-organization': ['社会组织', '社团', '协会', '商会', '基金会', '民办非企业', '民办非企业单位', '民非', '研究会', '促进会'],
    other: ['其它'],
  },
  sector: {
    // 金融 as a sector of a lead is never a licensed institution's (those are not 处非 leads): a private intermediary.
    'private-finance-intermediary': ['民间投融资中介', '投融资中介', '融资中介', '民间借贷', '投资咨询', '投资管理', '理财', '财富管理', '资产管理', '担保', '融资担保', '小额贷款', '典当', '金融', '金融服务', '互联网金融', '类金融'],
    'p2p-lending': ['网络借贷', '网贷', 'p2p', 'p2p网贷', '网络借贷平台'],
    'third-party-payment': ['第三方支付', '支付', '支付平台'],
    crowdfunding: ['众筹', '股权众筹'],
    'private-equity': ['私募股权', '私募', '私募基金', '股权投资'],
    'e-commerce': ['电子商务', '电商', '网店', '直播带货', '微商'],
    'wholesale-retail': ['批发和零售', '批发零售', '批发', '零售', '商贸', '超市', '商超'],
    'real-estate': ['房地产', '房产', '地产', '楼盘', '商铺', '房地产开发'],
    agriculture: ['涉农', '涉农领域', '农业', '养殖', '种植', '养殖业', '种植业', '畜牧', '畜牧业', '林业', '渔业', '农民专业合作社', '合作社', '农村合作社', '农资', '涉农合作组织'],
    education: ['教育', '培训', '教育培训', '教培', '学校', '留学'],
    healthcare: ['医疗', '医药', '医院', '诊所', '保健', '保健品', '健康', '养生', '医疗器械', '大健康'],
    'elderly-care': ['养老', '养老服务', '养老院', '康养', '老年公寓', '以房养老'],
    tourism: ['旅游', '文旅', '旅行社', '旅居'],
    // Sectors outside the plan's key sectors that sheets name often: known, not key (no unknown-value warning).
    other: ['其它', '生物科技', '生物技术', '互联网', '网络科技', '信息技术', '社会组织', '公益慈善', '慈善'],
  },
  'region.kind': {
    'industrial-park': ['工业园区', '工业园', '园区', '开发区', '产业园', '经济开发区', '高新区'],
    'urban-rural-fringe': ['城乡结合部', '城乡结合地区', '城乡接合部', '城乡结合', '城乡接合', '城郊', '城中村', '城乡结合区'],
    rural: ['农村', '乡村', '村', '农村地区', '行政村', '乡镇'],
    urban: ['城区', '城市', '市区', '县城', '城镇', '主城区', '城区社区'],
  },
  source: {
    'big-data': ['大数据监测', '大数据', '数据监测', '监测预警平台', '大数据平台'],
    'suspicious-funds': ['可疑资金监测', '可疑资金', '资金监测', '银行', '金融机构', '银行报送'],
    'ad-monitoring': ['广告资讯监测', '广告监测', '广告', '资讯监测', '广告资讯'],
    // A lead passed on by the police, a procuratorate or a court (member units of the 处非 joint conference) comes
    // from a department like a sector inspection does; there is no separate value for it in the vocabulary.
    'sector-inspection': ['行业排查', '行业主管部门', '部门排查', '行业部门排查', '行业部门', '部门移送', '部门移交', '公安机关', '公安局', '公安分局', '公安', '派出所', '经侦', '经侦大队', '经侦支队', '警方', '检察院', '检察机关', '人民检察院', '法院', '人民法院', '审判机关'],
    'grid-inspection': ['网格员排查', '网格员', '网格', '网格化排查', '网格排查', '网格员上报'],
    'public-sweep': ['社会面清查', '社会面排查', '清查', '摸排', '社会面'],
    'public-report': ['群众举报', '举报', '投诉', '群众投诉', '信访', '来信', '来访', '来电', '12345', '热线', '举报投诉', '投诉举报', '群众报案', '报案', '受害人报案', '群众来信'],
    media: ['媒体曝光', '媒体', '新闻', '曝光', '媒体报道', '舆情', '网络舆情'],
  },
  'history.priorSanction': {
    none: ['无', '没有', '否', '未受过处罚', '无处罚', '未受处罚', '无前科', '从未', '未曾'],
    administrative: ['行政处罚', '二年内受过非法集资行政处罚', '两年内受过非法集资行政处罚', '二年内受过行政处罚', '两年内受过行政处罚', '受过行政处罚', '行政', '罚款'],
    criminal: ['刑事追究', '曾因非法集资受过刑事追究', '受过刑事追究', '刑事处罚', '刑事', '判刑', '刑罚', '判决'],
  },
  'repayment.ability': {
    strong: ['强', '较强', '很强', '充足', '有能力', '良好', '好', '较好'],
    moderate: ['一般', '中', '中等', '一般般'],
    weak: ['弱', '较弱', '很弱', '差', '较差', '不足', '困难', '有限'],
    none: ['无', '没有', '无能力', '无力偿还', '丧失', '无还款能力', '资不抵债'],
  },
  'repayment.willingness': {
    active: ['积极', '较积极', '主动', '愿意', '配合', '强', '较强'],
    moderate: ['一般', '中', '中等'],
    passive: ['消极', '被动', '拖延', '不积极', '较消极', '推诿'],
    refuses: ['拒绝', '拒不', '不愿', '不愿意', '拒绝还款', '无', '没有', '不配合', '拒绝配合', '失联'],
  },
}

/** Cells that negate everything after them, for fields where "none" is a value (`未受过刑事追究`). */
const NEGATION_PREFIXES: Partial<Record<EnumField, { readonly prefixes: readonly string[]; readonly value: string }>> = {
  'history.priorSanction': { prefixes: ['无', '未', '没有', '没', '从未', '不曾', '未曾'], value: 'none' },
}

const normalizeWord = (s: string): string => compact(s).toLowerCase()

interface Table {
  readonly exact: ReadonlyMap<string, string>
  /** Keywords for the fallback search, longest first. */
  readonly keywords: ReadonlyArray<readonly [string, string]>
  readonly choices: string
}

const buildTable = (field: EnumField): Table => {
  const vocabulary: Record<string, Label> = ENUM_FIELDS[field]
  const synonyms = SYNONYMS[field] as Record<string, readonly string[] | undefined>
  const exact = new Map<string, string>()
  const add = (word: string, slug: string): void => {
    const key = normalizeWord(word)
    const existing = exact.get(key)
    if (existing !== undefined && existing !== slug) throw new Error(`enum word ${key} maps to ${existing} and ${slug}`)
    exact.set(key, slug)
  }
  for (const [slug, label] of Object.entries(vocabulary)) {
    add(slug, slug)
    add(label.zh, slug)
    add(label.en, slug)
    for (const word of synonyms[slug] ?? []) add(word, slug)
  }
  const keywords = [...exact.entries()]
    .filter(([word]) => /[^\x00-\x7f]/.test(word)) // English words only match whole cells
    .sort((a, b) => b[0].length - a[0].length)
  const choices = Object.values(vocabulary)
    .map((l) => l.zh)
    .join('、')
  return { exact, keywords, choices }
}

const TABLES: ReadonlyMap<EnumField, Table> = new Map(ENUM_FIELD_PATHS.map((f) => [f, buildTable(f)]))

/** Longest keyword longer than two characters gets to decide; a bounded scan of a short cell. */
const searchKeywords = (s: string, table: Table): { slug?: string; ambiguous: boolean } => {
  const hits: Array<readonly [string, string]> = []
  for (const kw of table.keywords) if (s.includes(kw[0])) hits.push(kw)
  // A keyword inside a longer hit of another value gives way (企业 in 民办非企业, 积极 in 不积极).
  const kept = hits.filter(([word]) => !hits.some(([other]) => other.length > word.length && other.includes(word)))
  const slugs = new Set(kept.map(([, slug]) => slug))
  if (slugs.size === 1) return { slug: kept[0]![1], ambiguous: false }
  return { ambiguous: slugs.size > 1 }
}

/** Longest cell text the keyword search looks at; longer cells are not a label. */
const MAX_SEARCH = 60

/**
 * Reads an enum cell as the slug of `field`. Never throws.
 * @param header the column header, for warning messages
 */
export const parseEnumValue = (field: EnumField, cell: Cell, header?: string): Parsed<string> => {
  if (cell === null) return unknown()
  const table = TABLES.get(field)!
  if (typeof cell !== 'string') {
    return fail('unknown-value', cell, header, `不是可识别的取值（可填：${table.choices}），按未知处理`)
  }
  const s = normalizeWord(cell)
  // Slugs first: `none` is a value of some enums, not an unknown marker there.
  const hit = table.exact.get(s)
  if (hit !== undefined) return ok(hit)
  if (isUnknownMarker(s)) return unknown()
  if (s.length <= MAX_SEARCH) {
    const negation = NEGATION_PREFIXES[field]
    if (negation && negation.prefixes.some((p) => s.startsWith(p))) return ok(negation.value)
    const found = searchKeywords(s, table)
    if (found.slug !== undefined) return ok(found.slug)
    if (found.ambiguous) {
      return fail('ambiguous-value', cell, header, `可对应多个取值（可填：${table.choices}），按未知处理`)
    }
  }
  return fail('unknown-value', cell, header, `不是可识别的取值（可填：${table.choices}），按未知处理`)
}
