import type { FactType } from '../facts'
import {
  PRIOR_SANCTION_IDS,
  REGION_KIND_IDS,
  REPAYMENT_ABILITY_IDS,
  REPAYMENT_WILLINGNESS_IDS,
  SECTOR_IDS,
  SOURCE_IDS,
  SUBJECT_KIND_IDS,
} from '../vocabulary'
import { VALUE_KINDS, type ValueKind } from './value-kinds'

/*
 * The field table (字段表): every field of a lead (线索, docs/spec.md §1), once. Derived from it: the lead's zod
 * schema and the fast validator (lead.ts, fast-lead.ts), the facts rules read (facts.ts), the sheet
 * header map and cell readers (@chufei/sheets), and the ledger columns that show lead fields
 * (@chufei/ledger, the CLI's score ledger). Adding a field is one entry here plus its tests; see
 * docs/architecture.md. The order is the lead's key order (a group where its first field is).
 */

/** A ledger column (台账列) that shows a lead field. */
export interface LeadLedgerColumn {
  /** The ledger record's key for it (`village`). */
  readonly key: string
  readonly zh: string
  readonly en: string
  /** Column width in characters for XLSX (a CJK character counts about 2). */
  readonly width: number
  /** Other headers accepted when reading a ledger. */
  readonly aliases?: readonly string[]
  /**
   * `head`: beside the lead's id and name, before the assessment; `tail`: after 备注, with the facts
   * stats, report and track count on (new fields go here, at the end).
   */
  readonly place: 'head' | 'tail'
}

/** One field of the table. */
export interface LeadFieldSpec {
  /** The value kind: schema, limits, how cells are read. */
  readonly value: ValueKind
  /** The type of the fact rules see (decides operators). */
  readonly type: FactType
  /** Chinese label (analysts, messages, ledger problems). */
  readonly zh: string
  readonly en: string
  /** Unit of a numeric fact, for messages (`元`, `人`). */
  readonly unit?: string
  /** Required: only `id` and `subject.name` (a missing field is unknown, never zero). */
  readonly required?: true
  /** Sheet headers (表头): the canonical one first, then aliases village sheets use. Empty: not read from sheets. */
  readonly headers: readonly string[]
  /** The ledger column that shows it, if any. */
  readonly ledger?: LeadLedgerColumn
}

const { name, text, oneOf, count, amount, boolean, date, creditCode } = VALUE_KINDS
const shortText = text(500)
const longText = text(20_000)

/** Every field of a lead, by dotted path. */
export const LEAD_FIELDS = {
  id: { value: name(200), type: 'string', zh: '线索编号', en: 'Lead id', required: true, headers: ['线索编号', '线索号', '线索序号'] },
  'subject.name': {
    value: name(500), type: 'text', zh: '主体名称', en: 'Subject name', required: true,
    headers: ['主体名称', '名称', '企业名称', '单位名称', '主体', '涉事主体', '涉嫌主体', '企业（个人）名称', '主体名称（姓名）', '当事人', '经营主体', '企业名称（姓名）'],
    ledger: { key: 'name', zh: '主体名称', en: 'Subject', width: 30, place: 'head' },
  },
  'subject.kind': { value: oneOf(SUBJECT_KIND_IDS), type: 'enum', zh: '主体类型', en: 'Subject kind', headers: ['主体类型', '主体性质', '主体类别', '类型'] },
  'subject.creditCode': {
    value: creditCode, type: 'string', zh: '统一社会信用代码', en: 'Unified social credit code',
    headers: ['统一社会信用代码', '信用代码', '统一信用代码', '社会信用代码', '统一代码'],
    ledger: { key: 'creditCode', zh: '统一社会信用代码', en: 'Credit code', width: 22, aliases: ['信用代码'], place: 'tail' },
  },
  'subject.registeredIn': { value: shortText, type: 'string', zh: '注册地', en: 'Registered in', headers: ['注册地', '注册地址', '注册地点'] },
  'subject.operatesIn': { value: shortText, type: 'string', zh: '实际经营地', en: 'Operates in', headers: ['实际经营地', '经营地', '实际经营地址', '经营地址', '经营场所'] },
  'subject.addressChanges': {
    value: count, type: 'integer', zh: '近一年注册地址变更次数', en: 'Address changes (12 months)', unit: '次',
    headers: ['近一年注册地址变更次数', '地址变更次数', '注册地址变更次数', '近一年地址变更次数'],
  },
  'subject.executiveChanges': {
    value: count, type: 'integer', zh: '近一年高管变更次数', en: 'Executive changes (12 months)', unit: '次',
    headers: ['近一年高管变更次数', '高管变更次数'],
  },
  // 实际控制人 (公司法 2023 第265条: who actually controls the company through investment, agreements or
  // otherwise) — not 法定代表人, the registered signatory, often a front (挂名) in fundraising cases, so that
  // header is not an alias. 法释〔2022〕5号 第5条 and 条例 第25条 hold the 实际控制人 liable; issue 14 links
  // leads by it.
  'subject.controller': {
    value: shortText, type: 'string', zh: '实际控制人', en: 'Actual controller',
    headers: ['实际控制人', '实控人', '实际控制人姓名', '控制人'],
    ledger: { key: 'controller', zh: '实际控制人', en: 'Controller', width: 14, aliases: ['实控人'], place: 'tail' },
  },
  sector: {
    value: oneOf(SECTOR_IDS), type: 'enum', zh: '所属行业', en: 'Sector',
    headers: ['所属行业', '行业', '行业领域', '所属领域', '领域', '行业类别'],
    ledger: { key: 'sector', zh: '行业', en: 'Sector', width: 16, aliases: ['所属行业'], place: 'head' },
  },
  'region.name': {
    value: shortText, type: 'string', zh: '所属村（社区）', en: 'Village (community)',
    headers: ['所属村（社区）', '所属村', '村（社区）', '村居', '所在村', '所在村（社区）', '村名', '所属社区', '村（居）', '所属村居'],
    ledger: { key: 'village', zh: '所属村', en: 'Village', width: 14, aliases: ['所属村（社区）'], place: 'head' },
  },
  'region.kind': {
    value: oneOf(REGION_KIND_IDS), type: 'enum', zh: '区域类型', en: 'Region kind', headers: ['区域类型', '区域类别', '区域'],
    ledger: { key: 'regionKind', zh: '区域类型', en: 'Region kind', width: 12, place: 'tail' },
  },
  source: {
    value: oneOf(SOURCE_IDS), type: 'enum', zh: '线索来源', en: 'Source', headers: ['线索来源', '来源', '线索渠道', '发现渠道', '来源渠道'],
    ledger: { key: 'source', zh: '线索来源', en: 'Source', width: 14, aliases: ['来源'], place: 'tail' },
  },
  'people.total': {
    value: count, type: 'integer', zh: '涉及人数', en: 'People involved', unit: '人',
    headers: ['涉及人数', '涉众人数', '参与人数', '集资人数', '投资人数', '涉及群众人数', '人数'],
    ledger: { key: 'people', zh: '涉及人数', en: 'People', width: 10, place: 'tail' },
  },
  'people.elderly': {
    value: count, type: 'integer', zh: '其中60岁以上人数', en: 'Of whom aged 60+', unit: '人',
    headers: ['其中60岁以上人数', '老年人数', '其中60岁以上', '60岁以上人数', '其中老年人数', '老年人'],
  },
  'people.vulnerable': {
    value: count, type: 'integer', zh: '其中残疾人、低收入人数', en: 'Of whom disabled or low-income', unit: '人',
    headers: ['其中残疾人、低收入人数', '其中残疾人低收入人数', '残疾人、低收入人数', '残疾人低收入人数', '弱势群体人数'],
  },
  'money.raised': {
    value: amount, type: 'number', zh: '集资金额', en: 'Money raised', unit: '元',
    headers: ['集资金额（万元）', '集资金额', '涉案金额', '涉及金额', '集资总额', '吸收资金'],
    ledger: { key: 'raised', zh: '集资金额（万元）', en: 'Raised (10k yuan)', width: 14, aliases: ['集资金额'], place: 'tail' },
  },
  'money.outstanding': {
    value: amount, type: 'number', zh: '未兑付金额', en: 'Money outstanding', unit: '元',
    headers: ['未兑付金额（万元）', '未兑付金额', '损失金额', '待兑付金额', '未兑付'],
    ledger: { key: 'outstanding', zh: '未兑付金额（万元）', en: 'Outstanding (10k yuan)', width: 14, aliases: ['未兑付金额'], place: 'tail' },
  },
  'money.promisedReturn': {
    value: VALUE_KINDS.return, type: 'number', zh: '承诺收益（年化）', en: 'Promised annual return',
    headers: ['承诺收益', '承诺收益率', '承诺回报', '收益率', '承诺利率', '回报率', '年化收益率'],
  },
  'attention.complaints': { value: count, type: 'integer', zh: '举报投诉次数', en: 'Complaints', unit: '次', headers: ['举报投诉次数', '投诉举报次数', '举报次数', '投诉次数'] },
  'attention.mediaReports': { value: count, type: 'integer', zh: '媒体报道次数', en: 'Media reports', unit: '次', headers: ['媒体报道次数', '媒体报道'] },
  'attention.onlinePosts': { value: count, type: 'integer', zh: '网络舆情条数', en: 'Online posts', unit: '条', headers: ['网络舆情条数', '网络舆情', '舆情条数'] },
  'stability.gatherings': { value: count, type: 'integer', zh: '聚集上访次数', en: 'Gatherings and petitions', unit: '次', headers: ['聚集上访次数', '聚集次数', '上访次数', '聚集上访'] },
  'stability.overdue': { value: boolean, type: 'boolean', zh: '是否逾期兑付', en: 'Payments overdue', headers: ['是否逾期兑付', '逾期兑付', '是否逾期'] },
  'stability.controllerMissing': {
    value: boolean, type: 'boolean', zh: '实际控制人是否失联', en: 'Controller missing',
    headers: ['实际控制人是否失联', '实控人失联', '实控人是否失联', '实际控制人失联', '是否失联'],
  },
  'history.priorSanction': { value: oneOf(PRIOR_SANCTION_IDS), type: 'enum', zh: '既往处罚', en: 'Prior sanction', headers: ['既往处罚', '既往处罚情况', '处罚情况', '既往受处罚情况'] },
  'repayment.ability': { value: oneOf(REPAYMENT_ABILITY_IDS), type: 'enum', zh: '还款能力', en: 'Ability to repay', headers: ['还款能力', '兑付能力'] },
  'repayment.willingness': { value: oneOf(REPAYMENT_WILLINGNESS_IDS), type: 'enum', zh: '还款意愿', en: 'Willingness to repay', headers: ['还款意愿', '兑付意愿'] },
  'text.description': { value: longText, type: 'text', zh: '线索描述', en: 'Description', headers: ['线索描述', '情况描述', '基本情况', '问题描述', '主要问题', '线索内容', '简要情况'] },
  'text.promotion': { value: longText, type: 'text', zh: '宣传用语', en: 'Promotion text', headers: ['宣传用语', '宣传内容', '宣传语', '宣传口号'] },
  reporter: { value: shortText, type: 'string', zh: '排查人', en: 'Reporter', headers: ['排查人', '排查人员', '排查责任人'] },
  reportedAt: {
    value: date, type: 'date', zh: '排查日期', en: 'Reported at', headers: ['排查日期', '排查时间'],
    ledger: { key: 'reportedAt', zh: '排查日期', en: 'Reported on', width: 12, place: 'tail' },
  },
  notes: { value: longText, type: 'text', zh: '备注', en: 'Notes', headers: ['备注', '说明'] },
} as const satisfies Record<string, LeadFieldSpec>

/** The table's type. */
export type LeadFields = typeof LEAD_FIELDS

/** A lead field's dotted path (`money.outstanding`). */
export type LeadFieldPath = keyof LeadFields

/** The spec of a field path, or undefined for a path that is not a field. */
export const leadFieldSpec = (path: string): LeadFieldSpec | undefined =>
  Object.hasOwn(LEAD_FIELDS, path) ? (LEAD_FIELDS[path as LeadFieldPath] as LeadFieldSpec) : undefined
