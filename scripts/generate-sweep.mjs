#!/usr/bin/env node
/*
 * A seeded generator of realistic sweeps (排查表) for benchmarks: most rows are clean (a shop, a
 * cooperative, "经排查未发现非法集资行为"), some carry early signs (advertised returns, no money yet),
 * and a long tail are large cases (hundreds of people, tens of millions of yuan, overdue, gatherings),
 * with the many ways village staff write numbers (约300人, 1.2亿, 月息2分) and negated phrases.
 *
 *   node scripts/generate-sweep.mjs --rows 1000000 --format csv-gb18030 --out /tmp/sweep.csv [--seed 7]
 *   formats: csv-gb18030 | csv-utf8 | xlsx | jsonl
 *
 * As a module: `createSweep(seed)` gives `{ lead(i), row(i) }` — a lead object (docs/spec.md §1) or a sheet row
 * (Chinese headers → typed text) for row i; `HEADERS` are the canonical Chinese headers.
 * Deterministic: the same seed and row index always give the same row.
 */
import { createWriteStream } from 'node:fs'
import { once } from 'node:events'
import { pathToFileURL } from 'node:url'

/** mulberry32: small, fast, good enough for data generation. */
const rng = (seed) => {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

export const HEADERS = [
  '线索编号', '主体名称', '主体类型', '统一社会信用代码', '所属行业', '所属村（社区）', '区域类型', '注册地', '实际经营地',
  '近一年注册地址变更次数', '近一年高管变更次数', '线索来源', '涉及人数', '其中60岁以上人数', '其中残疾人、低收入人数',
  '集资金额（万元）', '未兑付金额（万元）', '承诺收益', '举报投诉次数', '媒体报道次数', '网络舆情条数', '聚集上访次数',
  '是否逾期兑付', '实际控制人是否失联', '既往处罚', '还款能力', '还款意愿', '线索描述', '宣传用语', '排查人', '排查日期', '备注',
]

const VILLAGES = ['双桥村', '东岗村', '河口村', '新集社区', '王墩村', '高庙村', '柳树村', '幸福社区', '周圩村', '长丰村']
const PLACES = ['寿县双桥镇', '寿县', '淮南市田家庵区', '合肥市蜀山区', '六安市', '上海市浦东新区']
const REPORTERS = ['张伟', '王芳', '李娜', '刘洋', '陈静', '杨磊', '赵敏', '黄勇']
const SHOP = ['便民超市', '农资经营部', '养殖专业合作社', '种植专业合作社', '家庭农场', '建材店', '电商服务站', '养老服务中心', '旅行社', '教育培训学校', '医疗器械店', '农业科技有限公司']
const RISKY = ['财富管理有限公司', '投资咨询有限公司', '养殖专业合作社', '农业发展有限公司', '健康科技有限公司', '资金互助社', '电子商务有限公司', '养老服务中心', '文化旅游发展有限公司']
const SURNAMES = ['惠民', '金穗', '鑫源', '富民', '长青', '顺达', '兴农', '康寿', '恒通', '聚福', '祥和', '德润']

const CLEAN_TEXT = [
  '经排查，未发现非法集资行为。',
  '正常经营，未发现吸收资金行为。',
  '经核实不存在代养、托管业务。',
  '主要从事农资销售，无返利宣传。',
  '网格员走访，未发现异常。',
  '',
  '',
  '合作社为社员统购化肥，未发现吸收资金行为。',
  '经营正常，并未开展理财业务。',
]
const SIGN_TEXT = [
  '微信群发布广告，宣称保本保息，年化18%，暂未收取资金。',
  '店内张贴“消费全返”宣传单，经核实尚未吸收资金。',
  '以健康讲座名义向老年人推销保健品，承诺免费旅游。',
  '宣传“区块链数字资产”项目，称稳赚不赔。',
  '以乡村振兴项目为名宣传入股分红，未发现实际出资。',
]
const CASE_TEXT = [
  '以托管养牛为名吸收村民资金，承诺每年返还本金的15%，现已逾期兑付。',
  '以消费返利为名发展会员，消费全返，拉人头有奖励，资金去向不明。',
  '以资金互助社名义吸收存款、发放借款，月息2分。',
  '以认养果树为名向群众集资，承诺到期还本付息，实控人已失联。',
  '以养老服务为名向老年人吸收“会员费”，承诺高额回报，多次聚集上访。',
  '推销虚拟货币挖矿矿机，发展下线，承诺静态收益和动态收益。',
  '以一带一路、扶贫项目名义募集资金，承诺保本付息。',
]
const PROMOTION = ['保本保息，年化18%', '稳赚不赔，月月分红', '消费全返，购物等于存钱', '投资一头牛，年收益20%', '加盟即送积分，积分可提现', '']

const pick = (r, list) => list[Math.floor(r() * list.length)]
const chance = (r, p) => r() < p
/** Log-uniform between lo and hi: many small values, a long tail of large ones. */
const logUniform = (r, lo, hi) => Math.round(Math.exp(Math.log(lo) + r() * (Math.log(hi) - Math.log(lo))))

const KINDS = { enterprise: '企业', cooperative: '农民专业合作社', 'individual-business': '个体工商户', person: '自然人', 'online-platform': '网络平台', 'social-organization': '社会组织' }
const SECTORS = { agriculture: '涉农领域', 'wholesale-retail': '批发和零售', 'e-commerce': '电子商务', 'elderly-care': '养老', tourism: '旅游', education: '教育', healthcare: '医疗', 'private-finance-intermediary': '民间投融资中介', 'real-estate': '房地产', other: '其他' }
const REGIONS = { rural: '农村', 'urban-rural-fringe': '城乡结合部', 'industrial-park': '工业园区', urban: '城区' }
const SOURCES = { 'grid-inspection': '网格员排查', 'sector-inspection': '行业排查', 'public-sweep': '社会面清查', 'public-report': '群众举报', 'big-data': '大数据监测', media: '媒体曝光', 'ad-monitoring': '广告资讯监测' }
const ABILITY = { strong: '强', moderate: '一般', weak: '弱', none: '无' }
const WILLINGNESS = { active: '积极', moderate: '一般', passive: '消极', refuses: '拒绝' }
const SANCTIONS = { none: '无', administrative: '行政处罚', criminal: '刑事追究' }
const keysOf = (o) => Object.keys(o)

/** One row's facts in lead form, with `kind` saying which part of the distribution it came from. */
const generate = (seed, i) => {
  const r = rng(seed * 1_000_003 + i * 7919 + 1)
  const roll = r()
  const kind = roll < 0.82 ? 'clean' : roll < 0.95 ? 'sign' : 'case'
  const lead = { id: `SQ-${String(i + 1).padStart(7, '0')}` }
  const name = kind === 'clean' ? `${pick(r, SURNAMES)}${pick(r, SHOP)}` : `${pick(r, SURNAMES)}${pick(r, RISKY)}`
  lead.subject = { name, kind: pick(r, keysOf(KINDS)) }
  if (chance(r, 0.3)) lead.subject.registeredIn = pick(r, PLACES)
  if (chance(r, 0.3)) lead.subject.operatesIn = pick(r, PLACES)
  if (kind !== 'clean' && chance(r, 0.3)) lead.subject.addressChanges = Math.floor(r() * 4)
  if (kind !== 'clean' && chance(r, 0.3)) lead.subject.executiveChanges = Math.floor(r() * 4)
  lead.sector = pick(r, keysOf(SECTORS))
  lead.region = { name: pick(r, VILLAGES), kind: pick(r, keysOf(REGIONS)) }
  lead.source = kind === 'case' ? pick(r, ['public-report', 'media', 'big-data', 'grid-inspection']) : pick(r, keysOf(SOURCES))
  // Free text is typed per row: a visit note with who, where and when around a stock phrase, so that
  // (as in real sweeps) almost no two descriptions are the same.
  const visit = () => `${1 + Math.floor(r() * 12)}月${1 + Math.floor(r() * 28)}日${pick(r, REPORTERS)}到${lead.region.name}${pick(r, ['走访', '核查', '回访', '排查'])}`
  if (kind === 'clean') {
    if (chance(r, 0.1)) lead.people = { total: 0 }
    const phrase = pick(r, CLEAN_TEXT)
    lead.text = { description: chance(r, 0.7) ? `${visit()}，${phrase || '情况正常。'}` : phrase }
  } else if (kind === 'sign') {
    lead.text = { description: `${visit()}。${pick(r, SIGN_TEXT)}`, promotion: pick(r, PROMOTION) }
    if (chance(r, 0.5)) lead.money = { promisedReturn: pick(r, [0.06, 0.08, 0.12, 0.18, 0.24, 0.36]) }
    if (chance(r, 0.3)) lead.attention = { complaints: Math.floor(r() * 3) }
  } else {
    const total = logUniform(r, 5, 6000)
    lead.people = { total, elderly: Math.floor(total * r() * 0.8), ...(chance(r, 0.3) ? { vulnerable: Math.floor(total * r() * 0.2) } : {}) }
    const raised = logUniform(r, 20_000, 80_000_000)
    lead.money = { raised, outstanding: Math.round(raised * r()), ...(chance(r, 0.7) ? { promisedReturn: pick(r, [0.1, 0.15, 0.18, 0.24, 0.36, 1.095]) } : {}) }
    lead.attention = { complaints: logUniform(r, 1, 200) - 1, mediaReports: Math.floor(r() * r() * 10), onlinePosts: logUniform(r, 1, 2000) - 1 }
    lead.stability = { gatherings: Math.floor(r() * r() * 12), overdue: chance(r, 0.6), controllerMissing: chance(r, 0.1) }
    if (chance(r, 0.2)) lead.history = { priorSanction: pick(r, keysOf(SANCTIONS)) }
    lead.repayment = { ability: pick(r, keysOf(ABILITY)), willingness: pick(r, keysOf(WILLINGNESS)) }
    lead.text = { description: `${visit()}。${pick(r, CASE_TEXT)}据群众反映涉及约${total}人，金额约${Math.round(raised / 10_000)}万元。`, promotion: pick(r, PROMOTION) }
  }
  lead.reporter = pick(r, REPORTERS)
  lead.reportedAt = `2024-0${1 + Math.floor(r() * 9)}-${String(1 + Math.floor(r() * 28)).padStart(2, '0')}`
  return { lead, r }
}

/** A number the way people type it into a count column. */
const countText = (r, n) => {
  if (n === undefined) return chance(r, 0.05) ? '不详' : ''
  const x = r()
  return x < 0.7 ? String(n) : x < 0.8 ? `约${n}人` : x < 0.9 ? `${n}人` : `${n}余人`
}
/** An amount in a 万元 column: mostly plain 万, sometimes with its own unit. */
const amountText = (r, yuan) => {
  if (yuan === undefined) return ''
  const x = r()
  if (x < 0.6) return String(Math.round(yuan / 100) / 100)
  if (x < 0.75) return `${Math.round(yuan / 10_000)}万`
  if (x < 0.85 && yuan >= 100_000_000) return `${Math.round(yuan / 10_000_000) / 10}亿`
  if (x < 0.95) return `${yuan}元`
  return (Math.round(yuan / 100) / 100).toLocaleString('en-US')
}
const returnText = (r, rate) => {
  if (rate === undefined) return ''
  const x = r()
  if (x < 0.5) return `年化${Math.round(rate * 1000) / 10}%`
  if (x < 0.7 && rate === 0.24) return '月息2分'
  if (x < 0.8) return String(rate)
  return `${Math.round(rate * 1000) / 10}%`
}
const bool = (r, b) => (b === undefined ? '' : b ? pick(r, ['是', '是', '有', 'Y']) : pick(r, ['否', '否', '无', 'N']))
const dateText = (r, iso) => {
  const [y, m, d] = iso.split('-')
  const x = r()
  return x < 0.6 ? iso : x < 0.8 ? `${y}/${Number(m)}/${Number(d)}` : `${y}年${Number(m)}月${Number(d)}日`
}

/** Creates the sweep for a seed. */
export const createSweep = (seed = 7) => ({
  lead: (i) => generate(seed, i).lead,
  row: (i) => {
    const { lead: l, r } = generate(seed, i)
    return [
      l.id, l.subject.name, KINDS[l.subject.kind], '', SECTORS[l.sector], l.region.name, REGIONS[l.region.kind],
      l.subject.registeredIn ?? '', l.subject.operatesIn ?? '', countText(r, l.subject.addressChanges), countText(r, l.subject.executiveChanges),
      SOURCES[l.source], countText(r, l.people?.total), countText(r, l.people?.elderly), countText(r, l.people?.vulnerable),
      amountText(r, l.money?.raised), amountText(r, l.money?.outstanding), returnText(r, l.money?.promisedReturn),
      countText(r, l.attention?.complaints), countText(r, l.attention?.mediaReports), countText(r, l.attention?.onlinePosts),
      countText(r, l.stability?.gatherings), bool(r, l.stability?.overdue), bool(r, l.stability?.controllerMissing),
      l.history ? SANCTIONS[l.history.priorSanction] : '', l.repayment ? ABILITY[l.repayment.ability] : '', l.repayment ? WILLINGNESS[l.repayment.willingness] : '',
      l.text?.description ?? '', l.text?.promotion ?? '', l.reporter, dateText(r, l.reportedAt), '',
    ]
  },
})

// ---- GB18030 encoding (Node has a GB18030 decoder but no encoder): the GBK two-byte table, reversed ----
let gbkTable
const gbkEncoder = () => {
  if (gbkTable) return gbkTable
  gbkTable = new Map()
  const decoder = new TextDecoder('gbk')
  for (let lead = 0x81; lead <= 0xfe; lead++) {
    for (let trail = 0x40; trail <= 0xfe; trail++) {
      if (trail === 0x7f) continue
      const ch = decoder.decode(Uint8Array.of(lead, trail))
      if (ch.length === 1 && ch !== '\ufffd' && !gbkTable.has(ch)) gbkTable.set(ch, (lead << 8) | trail)
    }
  }
  return gbkTable
}
/** Encodes text as GB18030 (ASCII and the GBK two-byte range, which covers everything generated here). */
export const encodeGb18030 = (text) => {
  const table = gbkEncoder()
  const out = Buffer.allocUnsafe(text.length * 2)
  let n = 0
  for (const ch of text) {
    const c = ch.codePointAt(0)
    if (c < 0x80) out[n++] = c
    else {
      const code = table.get(ch)
      if (code === undefined) throw new Error(`not in GBK: ${ch}`)
      out[n++] = code >> 8
      out[n++] = code & 0xff
    }
  }
  return out.subarray(0, n)
}

const csvField = (v) => (/[",\r\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v)

/** Writes a sweep file; resolves when it is on disk. */
export const writeSweep = async ({ rows, format, out, seed = 7 }) => {
  const sweep = createSweep(seed)
  if (format === 'xlsx') {
    const { default: ExcelJS } = await import('exceljs')
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: out, useSharedStrings: false, useStyles: false })
    const sheet = workbook.addWorksheet('排查表')
    sheet.addRow(['双桥镇非法集资风险排查表']).commit()
    sheet.addRow(HEADERS).commit()
    for (let i = 0; i < rows; i++) {
      // Numbers typed as numbers where a clerk would; everything else as text.
      sheet.addRow(sweep.row(i).map((v) => (/^\d+(?:\.\d+)?$/.test(v) && v.length < 12 ? Number(v) : v))).commit()
    }
    sheet.addRow(['填表人：张伟  审核人：王芳']).commit()
    await workbook.commit()
    return
  }
  const stream = createWriteStream(out)
  const gb = format === 'csv-gb18030'
  const encode = (s) => (gb ? encodeGb18030(s) : Buffer.from(s, 'utf8'))
  const write = async (chunk) => {
    if (!stream.write(chunk)) await once(stream, 'drain')
  }
  if (format === 'jsonl') {
    let buf = ''
    for (let i = 0; i < rows; i++) {
      buf += `${JSON.stringify(sweep.lead(i))}\n`
      if (buf.length > 1 << 20) {
        await write(buf)
        buf = ''
      }
    }
    await write(buf)
  } else {
    if (!gb) await write('\ufeff')
    let buf = `${HEADERS.join(',')}\r\n`
    for (let i = 0; i < rows; i++) {
      buf += `${sweep.row(i).map(csvField).join(',')}\r\n`
      if (buf.length > 1 << 20) {
        await write(encode(buf))
        buf = ''
      }
    }
    await write(encode(buf))
  }
  stream.end()
  await once(stream, 'finish')
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const args = Object.fromEntries(process.argv.slice(2).join(' ').split('--').filter(Boolean).map((a) => a.trim().split(/\s+/)))
  if (!args.out || !args.format) {
    console.error('usage: node scripts/generate-sweep.mjs --rows N --format csv-gb18030|csv-utf8|xlsx|jsonl --out FILE [--seed S]')
    process.exit(2)
  }
  await writeSweep({ rows: Number(args.rows ?? 1000), format: args.format, out: args.out, seed: Number(args.seed ?? 7) })
}
