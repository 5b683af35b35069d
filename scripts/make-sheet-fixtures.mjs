#!/usr/bin/env node
/*
 * Writes the bundled investigation-sheet fixtures (排查表样例) in fixtures/sheets/:
 *
 *   sweep-2024q1.csv        the Shuangqiao town Q1 2024 sweep: UTF-8 with BOM, canonical headers
 *   sweep-2024q1-gbk.csv    the same sweep as Chinese Excel saves it: GB18030, a title row, alias headers,
 *                           numbers typed as 300人 / 1.2万 / 120万, dates as 2024年3月5日
 *   sweep-2024q1.xlsx       the same sweep as a workbook: merged title rows, footer 填表人/审核人, dates as
 *                           serial numbers and Date cells, numbers stored as text, rich text, a formula, a hyperlink
 *   sweep-2024q1-utf16.txt  the same sweep saved as Excel "Unicode text": UTF-16LE with BOM, tab-separated
 *   sweep-2024q1.jsonl      the leads the four sheets must read as (docs/spec.md §1), one per line: the ground truth
 *   messy.csv               every value form of docs/spec.md §2 and every bad-row case
 *
 * Deterministic: a seeded PRNG, fixed workbook dates, no clock. Run from the repo root:
 *   node scripts/make-sheet-fixtures.mjs
 * The sweep's data lives in this file only (SWEEP and the generated clean rows below).
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { stringify } from 'csv-stringify/sync'
import ExcelJS from 'exceljs'

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..')
const OUT = join(ROOT, 'fixtures', 'sheets')

// ---------------------------------------------------------------------------------------------------
// Seeded PRNG (mulberry32): the same fixtures on every run and every machine.

const createRandom = (seed) => {
  let a = seed >>> 0
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  return {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    pick: (list) => list[Math.floor(next() * list.length)],
    chance: (p) => next() < p,
  }
}
const random = createRandom(20240331)

// ---------------------------------------------------------------------------------------------------
// 统一社会信用代码 (GB 32100-2015) with a valid organisation-code (GB 11714) and final check character.

const CREDIT_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY'
const CREDIT_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
const ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2]
/** 寿县 (Shou county, Lu'an, Anhui) administrative division code. */
const SHOU_COUNTY = '340422'

const creditCode = (prefix, regionCode = SHOU_COUNTY) => {
  const org = Array.from({ length: 8 }, () => String(random.int(0, 9))).join('')
  const orgSum = [...org].reduce((s, c, i) => s + Number(c) * ORG_WEIGHTS[i], 0)
  const orgCheck = 11 - (orgSum % 11)
  const body = `${prefix}${regionCode}${org}${orgCheck === 10 ? 'X' : orgCheck === 11 ? '0' : orgCheck}`
  const sum = [...body].reduce((s, c, i) => s + CREDIT_CHARS.indexOf(c) * CREDIT_WEIGHTS[i], 0)
  return body + CREDIT_CHARS[(31 - (sum % 31)) % 31]
}

// ---------------------------------------------------------------------------------------------------
// The sweep. Money in 万元 (wan), returns as annual fractions, dates ISO. Undefined = not filled in.

const VILLAGES = [
  { name: '双桥村', kind: '农村' },
  { name: '双桥社区', kind: '城乡结合部' },
  { name: '郑岗村', kind: '农村' },
  { name: '芮集村', kind: '农村' },
  { name: '王岗村', kind: '农村' },
  { name: '陶店村', kind: '农村' },
  { name: '桂花村', kind: '农村' },
  { name: '新集村', kind: '农村' },
  { name: '双桥工业集中区', kind: '工业园区' },
]
const REPORTERS = ['张敏', '李建国', '王秀英', '陈家宝', '刘红梅', '赵德胜', '孙立华', '周海燕']

const date = (month, day) => `2024-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`

/** The notable rows: the leads the sweep exists to find, and the clean look-alikes that must stay clean. */
const SWEEP = [
  {
    name: '寿县郑岗牛羊养殖农民专业合作社', kind: '农民专业合作社', code: '93', sector: '涉农领域', village: '郑岗村',
    source: '群众举报', people: 420, elderly: 186, vulnerable: 23, raised: 1800, outstanding: 950, returnText: ['月息2分', 0.24],
    complaints: 12, mediaReports: 1, onlinePosts: 35, gatherings: 3, overdue: true, missing: false,
    sanction: '无', ability: '弱', willingness: '消极', reportedAt: date(3, 5),
    description: '以“托管一头牛、年底分红”为名，向本村及周边村民吸收资金，每头牛托管费1万元。\n2024年1月起返利逾期，多名村民到村委会反映。',
    promotion: '托管一头牛，每月返200元，保本保息，随时可退',
  },
  {
    name: '双桥镇康乐养老服务中心', kind: '社会组织', code: '52', sector: '养老', village: '双桥社区',
    source: '网格员排查', people: 160, elderly: 151, raised: 85, outstanding: 42.5,
    complaints: 4, onlinePosts: 6, overdue: false, missing: false, ability: '一般', willingness: '一般', reportedAt: date(2, 27),
    description: '以免费旅游、免费体检为诱饵组织老年人听健康讲座，推销保健品，并以“预存货款、年底返利”名义收取会员费。',
    promotion: '免费旅游、免费体检，预存5000元送保健品，年底返利10%',
    returnText: ['10%', 0.1],
  },
  {
    name: '安徽惠民优购商贸有限公司', kind: '企业', code: '91', regionCode: '340100', sector: '批发和零售', village: '双桥社区',
    registeredIn: '合肥市蜀山区', operatesIn: '寿县双桥镇', addressChanges: 3, executiveChanges: 2,
    source: '可疑资金监测', people: 230, elderly: 64, raised: 320, outstanding: 120, returnText: ['每月返3%', 0.36],
    complaints: 7, onlinePosts: 18, gatherings: 1, overdue: true, missing: false, ability: '弱', willingness: '一般', reportedAt: date(3, 12),
    description: '门店开展“消费满1000元返1200元购物积分”活动，积分可按月提现，资金流水显示大量个人账户向公司转账。',
    promotion: '消费全返，积分每月提现3%，越早加入越划算',
  },
  {
    name: '王岗村民间资金互助社', kind: '其他', sector: '民间投融资中介', village: '王岗村',
    source: '行业排查', people: 96, elderly: 41, raised: 260, outstanding: 35, returnText: ['年息1分', 0.1],
    complaints: 2, overdue: false, missing: false, ability: '一般', willingness: '积极', reportedAt: date(2, 21),
    description: '未经批准以“资金互助”名义向本村及外村村民吸收存款并对外放贷，目前仍在正常付息。',
    promotion: '入股互助社，年息1分，比存银行划算',
  },
  {
    name: '“链上矿工”区块链挖矿APP', kind: '网络平台', sector: '其他', village: '新集村', region: '城乡结合部',
    source: '大数据监测', people: 75, elderly: 9, raised: 60, outstanding: 58, returnText: ['每天返1%', 3.65],
    complaints: 9, onlinePosts: 12000, gatherings: 2, overdue: true, missing: true, sanction: '无', ability: '无', willingness: '拒绝',
    reportedAt: date(3, 18),
    description: '群众在微信群推广“链上矿工”APP，称购买矿机即可挖矿产出数字资产，2月底APP无法提现，推广人失联。',
    promotion: '一台矿机800元，每天返1%，躺赚数字资产',
    notes: 'APP下载页面截图已留存',
  },
  {
    name: '寿县众享优品电子商务有限公司', kind: '企业', code: '91', sector: '电子商务', village: '双桥村',
    source: '广告资讯监测', people: 138, elderly: 22, raised: 95, outstanding: 12, complaints: 3, onlinePosts: 27,
    overdue: false, missing: false, ability: '一般', willingness: '一般', reportedAt: date(3, 1),
    description: '以加盟电商平台为名，缴纳3980元成为“店主”，发展下线可获推荐奖和团队积分，积分可兑换现金。',
    promotion: '零门槛当店主，拉3人回本，团队积分天天分红',
  },
  {
    name: '寿县双桥置业有限公司', kind: '企业', code: '91', sector: '房地产', village: '双桥社区',
    source: '群众举报', people: 45, elderly: 8, raised: 1500, outstanding: 600, returnText: ['年化12%', 0.12],
    complaints: 5, mediaReports: 2, onlinePosts: 12, gatherings: 1, overdue: true, missing: false, sanction: '无',
    ability: '一般', willingness: '积极', reportedAt: date(3, 20),
    description: '在建商铺以“售后返租”方式销售，承诺每年按购房款12%返还租金，现项目停工，部分返租款逾期。',
    promotion: '买商铺包租十年，年回报12%，到期原价回购',
  },
  {
    name: '陶某某（微信群“陶店理财交流”群主）', kind: '自然人', sector: '民间投融资中介', village: '陶店村',
    source: '广告资讯监测', people: 0, returnText: ['年化18%', 0.18], onlinePosts: 3, reportedAt: date(1, 23),
    description: '在本村微信群发布理财广告，经核查尚未收取任何资金，已对其进行提醒。',
    promotion: '保本保息，年化18%，名额有限',
  },
  {
    name: '寿县芮集绿源农资农民专业合作社', kind: '农民专业合作社', code: '93', sector: '涉农领域', village: '芮集村',
    source: '网格员排查', people: 58, reportedAt: date(2, 2),
    description: '主要为社员统一采购化肥、种子，按成本价结算，未发现吸收资金行为。',
  },
  {
    name: '芮集村李记家庭农场', kind: '个体工商户', code: '92', sector: '涉农领域', village: '芮集村',
    source: '网格员排查', reportedAt: date(2, 6),
    description: '养殖肉牛30余头，有群众反映其代人养牛，经核实不存在代养业务，均为自有牛只。',
  },
  {
    name: '安徽乡兴农业科技发展有限公司', kind: '企业', code: '91', regionCode: '320100', sector: '涉农领域', village: '桂花村',
    registeredIn: '南京市江宁区', operatesIn: '寿县双桥镇桂花村', addressChanges: 2, executiveChanges: 3,
    source: '社会面清查', people: 67, elderly: 30, raised: 210, outstanding: 0, returnText: ['15%', 0.15],
    complaints: 1, overdue: false, missing: false, ability: '一般', willingness: '一般', reportedAt: date(3, 8),
    description: '以“乡村振兴产业扶贫项目”名义吸收村民入股，承诺每年15%分红，项目实际仅流转土地50亩。',
    promotion: '响应乡村振兴号召，入股扶贫产业，年分红15%',
  },
  {
    name: '寿县安康惠民服务部', kind: '个体工商户', code: '92', sector: '其他', village: '王岗村',
    source: '群众举报', people: 33, elderly: 12, vulnerable: 19, raised: 18, outstanding: 6, returnText: ['20%', 0.2],
    complaints: 3, overdue: true, missing: false, ability: '弱', willingness: '一般', reportedAt: date(3, 26),
    description: '上门向低保户、残疾人推销“扶贫理财”产品，称每投1000元年底可领1200元。',
    promotion: '政府扶贫理财，投一千领一千二',
  },
  {
    name: '寿县金穗财富管理咨询有限公司', kind: '企业', code: '91', sector: '民间投融资中介', village: '双桥社区',
    source: '行业排查', people: 52, elderly: 17, raised: 68, outstanding: 30, returnText: ['月息1.5分', 0.18],
    complaints: 2, overdue: false, missing: false, sanction: '行政处罚', ability: '一般', willingness: '一般', reportedAt: date(3, 14),
    description: '2023年曾因非法吸收公众存款受到行政处罚，近期又以“财富管理”名义向熟人借款，承诺月息1分5。',
  },
  {
    name: '双桥镇博学教育培训学校', kind: '社会组织', code: '52', sector: '教育', village: '双桥社区',
    source: '行业排查', people: 210, raised: 42, complaints: 2, ability: '强', willingness: '积极', reportedAt: date(2, 29),
    description: '发售预付费课时卡，办卡满一年可退还全部学费，预收费用已纳入资金监管账户。',
  },
  {
    name: '寿县双桥桃源旅行社有限公司', kind: '企业', code: '91', sector: '旅游', village: '双桥村',
    source: '网格员排查', people: 40, elderly: 35, reportedAt: date(1, 30),
    description: '组织老年人“一日游”，经核查收费正常，未发现推销保健品或吸收资金行为。',
  },
]

/** Clean rows: the bulk of any real sweep. Each template gives a name pattern, a sector and a finding. */
const CLEAN_TEMPLATES = [
  { suffix: '便民超市', kind: '个体工商户', code: '92', sector: '批发和零售', findings: ['正常经营，未发现非法集资行为。', '经走访，未发现返利、集资宣传。'] },
  { suffix: '农资经营部', kind: '个体工商户', code: '92', sector: '批发和零售', findings: ['主要销售化肥农药，无返利宣传。', '正常经营，未发现向群众借款。'] },
  { suffix: '水稻种植农民专业合作社', kind: '农民专业合作社', code: '93', sector: '涉农领域', findings: ['仅向社员提供农资统购和代耕服务，未吸收社员资金。', '经查账目，未发现向社员以外人员吸收资金行为。'] },
  { suffix: '小龙虾养殖家庭农场', kind: '个体工商户', code: '92', sector: '涉农领域', findings: ['自有资金经营，无代养业务。', '未发现认养、托管等宣传。'] },
  { suffix: '肉羊养殖场', kind: '个体工商户', code: '92', sector: '涉农领域', findings: ['自繁自养，经核实不存在代养业务。', '未发现“托管羊”宣传，无群众投资。'] },
  { suffix: '农家乐', kind: '个体工商户', code: '92', sector: '旅游', findings: ['正常餐饮经营，未发现集资行为。'] },
  { suffix: '建材商行', kind: '个体工商户', code: '92', sector: '批发和零售', findings: ['正常经营，资金往来均为货款。'] },
  { suffix: '家政服务有限公司', kind: '企业', code: '91', sector: '其他', findings: ['正常经营，未发现吸收资金行为。'] },
  { suffix: '日间照料中心', kind: '社会组织', code: '52', sector: '养老', findings: ['政府购买服务运营，未发现推销保健品、收取会员费行为。'] },
  { suffix: '卫生室', kind: '个体工商户', code: '92', sector: '医疗', findings: ['正常诊疗，未发现销售理财、保健品返利。'] },
]
const CLEAN_COUNT = 48

const cleanRows = () =>
  Array.from({ length: CLEAN_COUNT }, (_, i) => {
    const template = CLEAN_TEMPLATES[i % CLEAN_TEMPLATES.length]
    const village = random.pick(VILLAGES.filter((v) => v.kind !== '工业园区'))
    const row = {
      name: `寿县${village.name.replace(/村|社区/, '')}${random.pick(['兴旺', '丰收', '惠民', '顺达', '鑫源', '德福', '康宁', '众和'])}${template.suffix}`,
      kind: template.kind,
      code: template.code,
      sector: template.sector,
      village: village.name,
      source: random.pick(['网格员排查', '网格员排查', '社会面清查', '行业排查']),
      reportedAt: date(random.int(1, 3), random.int(1, 28)),
      description: random.pick(template.findings),
    }
    if (random.chance(0.5)) row.people = random.int(3, 60)
    if (random.chance(0.15)) row.complaints = 0
    return row
  })

/** Every row of the sweep, with ids, villages, credit codes and reporters settled. */
const buildSweep = () => {
  const clean = cleanRows()
  // Interleave the notable rows among the clean ones, as a sweep sorted by village would.
  const rows = [...clean]
  SWEEP.forEach((row, i) => rows.splice(Math.min(rows.length, 2 + i * 4 + random.int(0, 2)), 0, row))
  const seenNames = new Set()
  return rows.map((row, i) => {
    let name = row.name
    while (seenNames.has(name)) name = name.replace(/(\d*)$/, (d) => String(Number(d || 1) + 1))
    seenNames.add(name)
    const village = VILLAGES.find((v) => v.name === row.village)
    return {
      ...row,
      name,
      id: `SQ-2024Q1-${String(i + 1).padStart(3, '0')}`,
      regionKind: row.region ?? village.kind,
      creditCode: row.code ? creditCode(row.code, row.regionCode) : undefined,
      reporter: random.pick(REPORTERS),
    }
  })
}

// ---------------------------------------------------------------------------------------------------
// Columns: canonical header, GBK alias header, and how each variant writes the value.

const wanText = (wan) => (wan === undefined ? '' : String(wan))
const percentText = (fraction) => `${Math.round(fraction * 10000) / 100}%`
const yesNo = (b) => (b === undefined ? '' : b ? '是' : '否')
const chineseDate = (iso) => {
  const [y, m, d] = iso.split('-').map(Number)
  return `${y}年${m}月${d}日`
}
/** Excel 1900-system serial of an ISO date (all dates here are after 1900-03-01). */
const excelSerial = (iso) => Date.UTC(...iso.split('-').map((p, i) => Number(p) - (i === 1 ? 1 : 0))) / 86_400_000 + 25_569

const COLUMNS = [
  { header: '线索编号', alias: '线索编号', get: (r) => r.id },
  { header: '主体名称', alias: '企业名称', get: (r) => r.name },
  { header: '主体类型', alias: '主体类型', get: (r) => r.kind },
  { header: '统一社会信用代码', alias: '信用代码', get: (r) => r.creditCode ?? '' },
  { header: '所属行业', alias: '行业领域', get: (r) => r.sector },
  { header: '所属村（社区）', alias: '村居', get: (r) => r.village },
  { header: '区域类型', alias: '区域类型', get: (r) => r.regionKind },
  { header: '注册地', alias: '注册地', get: (r) => r.registeredIn ?? '' },
  { header: '实际经营地', alias: '经营地', get: (r) => r.operatesIn ?? '' },
  { header: '近一年注册地址变更次数', alias: '地址变更次数', get: (r) => r.addressChanges, type: 'count' },
  { header: '近一年高管变更次数', alias: '高管变更次数', get: (r) => r.executiveChanges, type: 'count' },
  { header: '线索来源', alias: '来源', get: (r) => r.source },
  { header: '涉及人数', alias: '涉众人数', get: (r) => r.people, type: 'people' },
  { header: '其中60岁以上人数', alias: '老年人数', get: (r) => r.elderly, type: 'people' },
  { header: '其中残疾人、低收入人数', alias: '其中残疾人、低收入人数', get: (r) => r.vulnerable, type: 'people' },
  { header: '集资金额（万元）', alias: '涉案金额', get: (r) => r.raised, type: 'wan' },
  { header: '未兑付金额（万元）', alias: '损失金额', get: (r) => r.outstanding, type: 'wan' },
  { header: '承诺收益', alias: '承诺回报', get: (r) => r.returnText, type: 'return' },
  { header: '举报投诉次数', alias: '投诉举报次数', get: (r) => r.complaints, type: 'count' },
  { header: '媒体报道次数', alias: '媒体报道次数', get: (r) => r.mediaReports, type: 'count' },
  { header: '网络舆情条数', alias: '网络舆情', get: (r) => r.onlinePosts, type: 'count' },
  { header: '聚集上访次数', alias: '聚集次数', get: (r) => r.gatherings, type: 'count' },
  { header: '是否逾期兑付', alias: '逾期兑付', get: (r) => r.overdue, type: 'bool' },
  { header: '实际控制人是否失联', alias: '实控人失联', get: (r) => r.missing, type: 'bool' },
  { header: '既往处罚', alias: '既往处罚', get: (r) => r.sanction ?? '' },
  { header: '还款能力', alias: '还款能力', get: (r) => r.ability ?? '' },
  { header: '还款意愿', alias: '还款意愿', get: (r) => r.willingness ?? '' },
  { header: '线索描述', alias: '情况描述', get: (r) => r.description ?? '' },
  { header: '宣传用语', alias: '宣传内容', get: (r) => r.promotion ?? '' },
  { header: '排查人', alias: '排查人', get: (r) => r.reporter },
  { header: '排查日期', alias: '排查日期', get: (r) => r.reportedAt, type: 'date' },
  { header: '备注', alias: '备注', get: (r) => r.notes ?? '' },
]

/** The canonical sheet's text for a cell: plain numbers, 万元 amounts, percentages, 是/否, ISO dates. */
const canonicalText = (column, row) => {
  const v = column.get(row)
  if (v === undefined) return ''
  switch (column.type) {
    case 'wan':
      return wanText(v)
    case 'return':
      return percentText(v[1])
    case 'bool':
      return yesNo(v)
    case 'people':
    case 'count':
      return String(v)
    default:
      return v
  }
}

/** How a village clerk types the same value into Chinese Excel: units, 约, 万, Chinese dates, the original return phrase. */
const gbkText = (column, row, index) => {
  const v = column.get(row)
  if (v === undefined) return ''
  switch (column.type) {
    case 'wan':
      return v >= 10000 ? `${v / 10000}亿` : `${v}万`
    case 'return':
      return v[0]
    case 'people':
      // A unit, but no 约/余: an approximate value is read right but warned about, and this file must score
      // exactly like the others (messy.csv carries the approximate forms).
      return v > 0 && index % 3 === 0 ? `${v}人` : String(v)
    case 'count':
      return v >= 10000 ? `${v / 10000}万` : String(v)
    case 'bool':
      return yesNo(v)
    case 'date':
      return chineseDate(v)
    default:
      return v
  }
}

// ---------------------------------------------------------------------------------------------------
// The ground truth: each row as a docs/spec.md §1 lead.

const LABELS = {
  kind: { 企业: 'enterprise', 农民专业合作社: 'cooperative', 个体工商户: 'individual-business', 自然人: 'person', 网络平台: 'online-platform', 社会组织: 'social-organization', 其他: 'other' },
  sector: { 民间投融资中介: 'private-finance-intermediary', 电子商务: 'e-commerce', 批发和零售: 'wholesale-retail', 房地产: 'real-estate', 涉农领域: 'agriculture', 教育: 'education', 医疗: 'healthcare', 养老: 'elderly-care', 旅游: 'tourism', 其他: 'other' },
  region: { 工业园区: 'industrial-park', 城乡结合部: 'urban-rural-fringe', 农村: 'rural', 城区: 'urban' },
  source: { 大数据监测: 'big-data', 可疑资金监测: 'suspicious-funds', 广告资讯监测: 'ad-monitoring', 行业排查: 'sector-inspection', 网格员排查: 'grid-inspection', 社会面清查: 'public-sweep', 群众举报: 'public-report', 媒体曝光: 'media' },
  sanction: { 无: 'none', 行政处罚: 'administrative', 刑事追究: 'criminal' },
  ability: { 强: 'strong', 一般: 'moderate', 弱: 'weak', 无: 'none' },
  willingness: { 积极: 'active', 一般: 'moderate', 消极: 'passive', 拒绝: 'refuses' },
}

/** Drops undefined fields and empty objects, as a lead with unknown fields has them. */
const prune = (value) => {
  if (typeof value !== 'object' || value === null) return value
  const out = {}
  for (const [k, v] of Object.entries(value)) {
    const p = prune(v)
    if (p === undefined || (typeof p === 'object' && p !== null && Object.keys(p).length === 0)) continue
    out[k] = p
  }
  return out
}

const toLead = (r) =>
  prune({
    id: r.id,
    subject: {
      name: r.name,
      kind: LABELS.kind[r.kind],
      creditCode: r.creditCode,
      registeredIn: r.registeredIn,
      operatesIn: r.operatesIn,
      addressChanges: r.addressChanges,
      executiveChanges: r.executiveChanges,
    },
    sector: LABELS.sector[r.sector],
    region: { name: r.village, kind: LABELS.region[r.regionKind] },
    source: LABELS.source[r.source],
    people: { total: r.people, elderly: r.elderly, vulnerable: r.vulnerable },
    money: {
      raised: r.raised === undefined ? undefined : r.raised * 10000,
      outstanding: r.outstanding === undefined ? undefined : r.outstanding * 10000,
      promisedReturn: r.returnText?.[1],
    },
    attention: { complaints: r.complaints, mediaReports: r.mediaReports, onlinePosts: r.onlinePosts },
    stability: { gatherings: r.gatherings, overdue: r.overdue, controllerMissing: r.missing },
    history: { priorSanction: LABELS.sanction[r.sanction] },
    repayment: { ability: LABELS.ability[r.ability], willingness: LABELS.willingness[r.willingness] },
    text: { description: r.description, promotion: r.promotion },
    reporter: r.reporter,
    reportedAt: r.reportedAt,
    notes: r.notes,
  })

// ---------------------------------------------------------------------------------------------------
// Encoders: GB18030 from TextDecoder's own tables (Node ships no GB18030 encoder), UTF-16LE.

const createGb18030Encoder = () => {
  const decoder = new TextDecoder('gb18030')
  const table = new Map()
  for (let b1 = 0x81; b1 <= 0xfe; b1++)
    for (let b2 = 0x40; b2 <= 0xfe; b2++) {
      if (b2 === 0x7f) continue
      const ch = decoder.decode(new Uint8Array([b1, b2]))
      if (ch.length === 1 && ch !== '\ufffd' && !table.has(ch)) table.set(ch, [b1, b2])
    }
  const fourByte = (linear) => [
    0x81 + Math.floor(linear / 12600),
    0x30 + (Math.floor(linear / 1260) % 10),
    0x81 + (Math.floor(linear / 10) % 126),
    0x30 + (linear % 10),
  ]
  return (text) => {
    const bytes = []
    for (const ch of text) {
      const cp = ch.codePointAt(0)
      if (cp < 0x80) bytes.push(cp)
      else if (table.has(ch)) bytes.push(...table.get(ch))
      else if (cp >= 0x10000) bytes.push(...fourByte(189_000 + cp - 0x10000))
      else throw new Error(`no GB18030 two-byte code for ${ch} (U+${cp.toString(16)}); avoid it in the fixtures`)
    }
    const out = Uint8Array.from(bytes)
    if (decoder.decode(out) !== text) throw new Error('GB18030 round trip failed')
    return out
  }
}
const encodeGb18030 = createGb18030Encoder()
const utf16le = (text) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')])
const utf8Bom = (text) => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')])

/** Excel writes CRLF between records and a bare LF inside a quoted cell. */
const csv = (records, delimiter = ',') => stringify(records, { delimiter, record_delimiter: '\r\n' })

// ---------------------------------------------------------------------------------------------------
// The files.

/**
 * Sets every zip entry's DOS modification time to 2024-03-31 08:00 (JSZip stamps the current time),
 * so the .xlsx is byte-identical on every run. Walks the central directory from the end record.
 */
const freezeZipTimes = (zip) => {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength)
  const time = (8 << 11) | (0 << 5) | 0
  const day = ((2024 - 1980) << 9) | (3 << 5) | 31
  let end = zip.length - 22
  while (end >= 0 && view.getUint32(end, true) !== 0x06054b50) end--
  if (end < 0) throw new Error('no zip end record')
  const count = view.getUint16(end + 10, true)
  let at = view.getUint32(end + 16, true)
  for (let i = 0; i < count; i++) {
    if (view.getUint32(at, true) !== 0x02014b50) throw new Error('bad central directory entry')
    view.setUint16(at + 12, time, true)
    view.setUint16(at + 14, day, true)
    const local = view.getUint32(at + 42, true)
    if (view.getUint32(local, true) !== 0x04034b50) throw new Error('bad local file header')
    view.setUint16(local + 10, time, true)
    view.setUint16(local + 12, day, true)
    at += 46 + view.getUint16(at + 28, true) + view.getUint16(at + 30, true) + view.getUint16(at + 32, true)
  }
  return zip
}

const TITLE = '双桥镇2024年第一季度非法集资风险排查表'
const FOOTER = '填表人：张敏　　审核人：李建国　　填表日期：2024年3月31日'
/** A GB18030 four-byte character (U+2A6A5 𪚥) in a real-looking place: a rare-character surname note. */
const RARE_NOTE = '联系人姓名含生僻字“𪚥”，已核对身份证'

const write = (name, data) => {
  writeFileSync(join(OUT, name), data)
  console.log(`wrote fixtures/sheets/${name} (${data.length} bytes)`)
}

const writeSweep = async (rows) => {
  const width = COLUMNS.length
  const blankRecord = Array(width).fill('')

  write('sweep-2024q1.jsonl', Buffer.from(rows.map((r) => JSON.stringify(toLead(r))).join('\n') + '\n', 'utf8'))

  // 1. UTF-8 with BOM, canonical headers, nothing else.
  const canonical = [COLUMNS.map((c) => c.header), ...rows.map((r) => COLUMNS.map((c) => canonicalText(c, r)))]
  write('sweep-2024q1.csv', utf8Bom(csv(canonical)))

  // 2. UTF-16LE "Unicode text": tab-separated, same content.
  write('sweep-2024q1-utf16.txt', utf16le(csv(canonical, '\t')))

  // 3. GB18030 as Chinese Excel saves it: title row, alias headers, typed units, a blank row and a footer.
  const gbk = [
    [TITLE, ...Array(width - 1).fill('')],
    COLUMNS.map((c) => c.alias),
    ...rows.map((r, i) => COLUMNS.map((c) => gbkText(c, r, i))),
    blankRecord,
    [FOOTER, ...Array(width - 1).fill('')],
  ]
  write('sweep-2024q1-gbk.csv', Buffer.from(encodeGb18030(csv(gbk))))

  // 4. XLSX: merged title rows, header on row 3, values stored as text, dates as serials, a footer.
  const workbook = new ExcelJS.Workbook()
  workbook.creator = '双桥镇处非办'
  workbook.created = new Date(Date.UTC(2024, 2, 31, 8, 0, 0))
  workbook.modified = workbook.created
  const sheet = workbook.addWorksheet('2024年一季度排查')
  sheet.addRow([TITLE])
  sheet.mergeCells(1, 1, 1, width)
  sheet.getCell(1, 1).font = { bold: true, size: 16 }
  sheet.getCell(1, 1).alignment = { horizontal: 'center' }
  sheet.addRow(['填报单位：双桥镇防范和处置非法集资工作领导小组办公室（盖章）'])
  sheet.mergeCells(2, 1, 2, width)
  sheet.addRow(COLUMNS.map((c) => c.header)).font = { bold: true }
  rows.forEach((r, i) => {
    const values = COLUMNS.map((c) => {
      const v = c.get(r)
      if (v === undefined || v === '') return null
      switch (c.type) {
        case 'wan':
        case 'people':
        case 'count':
          return String(v) // numbers stored as text, the green-triangle cells of every county sheet
        case 'return':
          // A number cell (0.18) or text (18%); a bare number above 1 would read as a percentage.
          return i % 2 === 0 && v[1] < 1 ? v[1] : percentText(v[1])
        case 'bool':
          return yesNo(v)
        case 'date':
          return i % 4 === 0 ? new Date(`${v}T00:00:00Z`) : excelSerial(v) // a Date cell or a bare serial
        default:
          return v
      }
    })
    const excelRow = sheet.addRow(values)
    const dateCell = excelRow.getCell(COLUMNS.findIndex((c) => c.type === 'date') + 1)
    if (dateCell.value instanceof Date) dateCell.numFmt = 'yyyy-mm-dd'
    const nameCell = excelRow.getCell(2)
    if (r.kind === '网络平台') nameCell.value = { richText: [{ text: r.name.slice(0, 6), font: { bold: true } }, { text: r.name.slice(6) }] }
    if (r.notes) excelRow.getCell(width).value = { text: r.notes, hyperlink: 'https://example.org/evidence/' + r.id }
    const outstandingColumn = COLUMNS.findIndex((c) => c.header === '未兑付金额（万元）') + 1
    if (r.outstanding !== undefined && r.raised !== undefined && r.outstanding * 2 === r.raised) {
      const raisedColumn = outstandingColumn - 1
      excelRow.getCell(outstandingColumn).value = {
        formula: `${sheet.getColumn(raisedColumn).letter}${excelRow.number}/2`,
        result: r.outstanding,
      }
    }
  })
  sheet.addRow([])
  sheet.addRow([FOOTER])
  const notes = workbook.addWorksheet('填表说明')
  notes.addRow(['1. 金额单位为万元；2. 人数填写整数；3. 排查日期填写到日。'])
  const xlsx = freezeZipTimes(Buffer.from(await workbook.xlsx.writeBuffer()))
  write('sweep-2024q1.xlsx', xlsx)
}

/**
 * messy.csv: one row per value form of docs/spec.md §2 and per bad-row case, with the expected reading in
 * the 备注 column so a person can check the fixture by eye.
 */
const writeMessy = () => {
  const headers = [
    '线索编号', ' 主体名称 ', '主体类型', '统一社会信用代码', '所属行业', '所属村(社区)', '线索来源',
    '涉及人数', '其中60岁以上人数', '集资金额(万元)', '未兑付金额（ 万元 ）', '承诺收益', '网络舆情条数',
    '是否逾期兑付', '实际控制人是否失联', '还款能力', '线索描述', '排查日期', '联系电话', '备注',
  ]
  const okRow = (id, name, fields) => {
    for (const key of Object.keys(fields)) if (!headers.includes(key)) throw new Error(`messy.csv: no column ${key}`)
    const row = { 线索编号: id, ' 主体名称 ': name, 主体类型: '企业', '所属村(社区)': '双桥村', ...fields }
    return headers.map((h) => row[h] ?? '')
  }
  const validCode = creditCode('91')
  const rows = [
    ['双桥镇非法集资风险排查表（样例：各种写法）', ...Array(headers.length - 1).fill('')],
    ['', ...Array(headers.length - 1).fill('')],
    headers,
    okRow('M-001', '千分位人数', { 涉及人数: '1,200', 备注: '涉及人数 1200' }),
    okRow('M-002', '全角数字', { 涉及人数: '１２００', 备注: '涉及人数 1200' }),
    okRow('M-003', '约数', { 涉及人数: '约300人', 备注: '涉及人数 300，约数警告' }),
    okRow('M-004', '余数', { 涉及人数: '300余人', 备注: '涉及人数 300，约数警告' }),
    okRow('M-005', '户数', { 涉及人数: '50户', 备注: '涉及人数 50' }),
    okRow('M-006', '万人', { 网络舆情条数: '1.2万', 备注: '网络舆情 12000' }),
    okRow('M-007', '中文数字', { 涉及人数: '一千二百', 其中60岁以上人数: '三百', 备注: '涉及人数 1200，老年 300' }),
    okRow('M-008', '大写金额', { '集资金额(万元)': '壹佰贰拾万元', 备注: '集资金额 1200000 元' }),
    okRow('M-009', '区间', { 涉及人数: '100-200', '集资金额(万元)': '100-200万', 备注: '取下限：人数 100，金额 1000000，区间警告' }),
    okRow('M-010', '值不详的主体', { 涉及人数: '不详', 其中60岁以上人数: '未知', '集资金额(万元)': '-', '未兑付金额（ 万元 ）': '/', 备注: '全部未知，无警告' }),
    okRow('M-011', '万元列裸数', { '集资金额(万元)': '120', '未兑付金额（ 万元 ）': '120万', 备注: '均为 1200000 元' }),
    okRow('M-012', '亿与元', { '集资金额(万元)': '1.2亿', '未兑付金额（ 万元 ）': '3000000元', 备注: '120000000 元；3000000 元' }),
    okRow('M-013', '年化', { 承诺收益: '年化18%', 备注: '0.18' }),
    okRow('M-014', '百分比', { 承诺收益: '18%', 备注: '0.18' }),
    okRow('M-015', '小数收益', { 承诺收益: '0.18', 备注: '0.18' }),
    okRow('M-016', '月息2分', { 承诺收益: '月息2分', 备注: '0.24' }),
    okRow('M-017', '月息1分5', { 承诺收益: '月息1分5', 备注: '0.18' }),
    okRow('M-018', '月息1.5分', { 承诺收益: '月息1.5分', 备注: '0.18' }),
    okRow('M-019', '年息1分', { 承诺收益: '年息1分', 备注: '0.10' }),
    okRow('M-020', '月息8厘', { 承诺收益: '月息8厘', 备注: '0.096' }),
    okRow('M-021', '日息千分之三', { 承诺收益: '日息千分之三', 备注: '1.095' }),
    okRow('M-022', '每月返3%', { 承诺收益: '每月返3%', 备注: '0.36' }),
    okRow('M-023', '每天返1%', { 承诺收益: '每天返1%', 备注: '3.65' }),
    okRow('M-024', '是否', { 是否逾期兑付: '是', 实际控制人是否失联: '否', 备注: 'true / false' }),
    okRow('M-025', '有无', { 是否逾期兑付: '有', 实际控制人是否失联: '无', 备注: 'true / false' }),
    okRow('M-026', 'YN', { 是否逾期兑付: 'Y', 实际控制人是否失联: 'N', 备注: 'true / false' }),
    okRow('M-027', 'yes/no', { 是否逾期兑付: 'yes', 实际控制人是否失联: 'no', 备注: 'true / false' }),
    okRow('M-028', 'true/false', { 是否逾期兑付: 'true', 实际控制人是否失联: 'false', 备注: 'true / false' }),
    okRow('M-029', '1/0', { 是否逾期兑付: '1', 实际控制人是否失联: '0', 备注: 'true / false' }),
    okRow('M-030', '√×', { 是否逾期兑付: '√', 实际控制人是否失联: '×', 备注: 'true / false' }),
    okRow('M-031', 'ISO日期', { 排查日期: '2024-03-05', 备注: '2024-03-05' }),
    okRow('M-032', '斜杠日期', { 排查日期: '2024/3/5', 备注: '2024-03-05' }),
    okRow('M-033', '点号日期', { 排查日期: '2024.3.5', 备注: '2024-03-05' }),
    okRow('M-034', '中文日期', { 排查日期: '2024年3月5日', 备注: '2024-03-05' }),
    okRow('M-035', '序列号日期', { 排查日期: '45356', 备注: '2024-03-05' }),
    okRow('M-036', '枚举标签', { 主体类型: '农民专业合作社', 所属行业: '涉农领域', 线索来源: '群众举报', 还款能力: '弱', 备注: 'cooperative / agriculture / public-report / weak' }),
    okRow('M-037', '有效信用代码', { 统一社会信用代码: validCode, 备注: '校验位正确，无警告' }),
    okRow('M-038', '错误信用代码', { 统一社会信用代码: validCode.slice(0, 17) + (validCode[17] === '0' ? '1' : '0'), 备注: '校验位错误：警告，代码保留' }),
    okRow('M-039', '无法识别的值', { 涉及人数: '很多', 排查日期: '上周', 主体类型: '待定', 承诺收益: '高回报', 备注: '四个字段按未知处理，各一条警告；仍然评分' }),
    okRow('M-040', '多行描述', { 线索描述: '经走访：\n1. 未发现返利宣传；\n2. 未发现代养业务。', 备注: '描述跨三行，下一行行号相应后移' }),
    okRow('M-041', '否定表述', { 线索描述: '未发现吸收资金行为，经核实不存在代养业务', 备注: '否定表述' }),
    okRow('', '缺少编号的主体', { 备注: '拒绝：missing-id' }),
    okRow('M-043', '', { 备注: '拒绝：missing-name' }),
    okRow('M-001', '重复编号的主体', { 备注: '拒绝：duplicate-id（与 M-001 重复）' }),
    Array(headers.length).fill(''),
    okRow('M-046', '空行之后', { 涉及人数: '12', 备注: '前一行为空行：skipped blank' }),
    okRow('M-047', '生僻字𪚥（四字节字符）', { 备注: '主体名称含 GB18030 四字节字符' }),
    Array(headers.length).fill(''),
    ['填表人：王秀英', '', '', '审核人：李建国', ...Array(headers.length - 4).fill('')],
  ]
  write('messy.csv', Buffer.from(csv(rows), 'utf8'))
}

mkdirSync(OUT, { recursive: true })
const sweep = buildSweep()
// The rare character lives in the sweep too, so the GB18030 copy carries a four-byte sequence.
sweep.find((r) => r.name === '芮集村李记家庭农场').notes = RARE_NOTE
await writeSweep(sweep)
writeMessy()
