import type { Lead } from './lead'
import { ENUM_FIELDS } from './vocabulary'

/*
 * Facts (事实) are what rule conditions look at. Each lead field is a fact under its dotted path
 * (`people.total`), and a few derived facts save analysts from arithmetic in JSON. An unknown field
 * is an absent fact: every operator answers false on it (unknown stays unknown).
 */

/** The type of a fact, which decides the operators and values a condition may use on it. */
export type FactType = 'integer' | 'number' | 'boolean' | 'string' | 'text' | 'enum' | 'date'

/** What the pack validator and the editor schema know about one fact. */
export interface FactDefinition {
  readonly type: FactType
  /** Chinese description shown to analysts. */
  readonly zh: string
  readonly en: string
  /** Allowed values of an `enum` fact. */
  readonly values?: readonly string[]
  /** Unit of a numeric fact, for messages (`元`, `人`). */
  readonly unit?: string
  /** True for facts computed from other fields rather than read from the lead. */
  readonly derived?: boolean
}

const enumFact = (path: keyof typeof ENUM_FIELDS, zh: string, en: string): FactDefinition => ({
  type: 'enum',
  zh,
  en,
  values: Object.keys(ENUM_FIELDS[path]),
})

/** Every fact a rule may use, by name. */
export const FACTS = {
  id: { type: 'string', zh: '线索编号', en: 'Lead id' },
  'subject.name': { type: 'text', zh: '主体名称', en: 'Subject name' },
  'subject.kind': enumFact('subject.kind', '主体类型', 'Subject kind'),
  'subject.creditCode': { type: 'string', zh: '统一社会信用代码', en: 'Unified social credit code' },
  'subject.registeredIn': { type: 'string', zh: '注册地', en: 'Registered in' },
  'subject.operatesIn': { type: 'string', zh: '实际经营地', en: 'Operates in' },
  'subject.addressChanges': { type: 'integer', zh: '近一年注册地址变更次数', en: 'Address changes (12 months)', unit: '次' },
  'subject.executiveChanges': { type: 'integer', zh: '近一年高管变更次数', en: 'Executive changes (12 months)', unit: '次' },
  sector: enumFact('sector', '所属行业', 'Sector'),
  'region.name': { type: 'string', zh: '所属村（社区）', en: 'Village (community)' },
  'region.kind': enumFact('region.kind', '区域类型', 'Region kind'),
  source: enumFact('source', '线索来源', 'Source'),
  'people.total': { type: 'integer', zh: '涉及人数', en: 'People involved', unit: '人' },
  'people.elderly': { type: 'integer', zh: '其中60岁以上人数', en: 'Of whom aged 60+', unit: '人' },
  'people.vulnerable': { type: 'integer', zh: '其中残疾人、低收入人数', en: 'Of whom disabled or low-income', unit: '人' },
  'money.raised': { type: 'number', zh: '集资金额', en: 'Money raised', unit: '元' },
  'money.outstanding': { type: 'number', zh: '未兑付金额', en: 'Money outstanding', unit: '元' },
  'money.promisedReturn': { type: 'number', zh: '承诺收益（年化）', en: 'Promised annual return' },
  'attention.complaints': { type: 'integer', zh: '举报投诉次数', en: 'Complaints', unit: '次' },
  'attention.mediaReports': { type: 'integer', zh: '媒体报道次数', en: 'Media reports', unit: '次' },
  'attention.onlinePosts': { type: 'integer', zh: '网络舆情条数', en: 'Online posts', unit: '条' },
  'stability.gatherings': { type: 'integer', zh: '聚集上访次数', en: 'Gatherings and petitions', unit: '次' },
  'stability.overdue': { type: 'boolean', zh: '是否逾期兑付', en: 'Payments overdue' },
  'stability.controllerMissing': { type: 'boolean', zh: '实际控制人是否失联', en: 'Controller missing' },
  'history.priorSanction': enumFact('history.priorSanction', '既往处罚', 'Prior sanction'),
  'repayment.ability': enumFact('repayment.ability', '还款能力', 'Ability to repay'),
  'repayment.willingness': enumFact('repayment.willingness', '还款意愿', 'Willingness to repay'),
  'text.description': { type: 'text', zh: '线索描述', en: 'Description' },
  'text.promotion': { type: 'text', zh: '宣传用语', en: 'Promotion text' },
  reporter: { type: 'string', zh: '排查人', en: 'Reporter' },
  reportedAt: { type: 'date', zh: '排查日期', en: 'Reported at' },
  notes: { type: 'text', zh: '备注', en: 'Notes' },
  'text.all': {
    type: 'text',
    zh: '全部文字（主体名称、线索描述、宣传用语）',
    en: 'All text (subject name, description, promotion)',
    derived: true,
  },
  'derived.elderlyShare': { type: 'number', zh: '60岁以上人员占比（0–1）', en: 'Share aged 60+ (0–1)', derived: true },
  'derived.vulnerableShare': { type: 'number', zh: '残疾人、低收入人员占比（0–1）', en: 'Share disabled or low-income (0–1)', derived: true },
  'derived.outstandingShare': { type: 'number', zh: '未兑付金额占集资金额比例（0–1）', en: 'Outstanding share of money raised (0–1)', derived: true },
  'derived.registryChanges': { type: 'integer', zh: '近一年注册地址与高管变更合计次数', en: 'Address and executive changes (12 months)', unit: '次', derived: true },
  'derived.crossRegion': { type: 'boolean', zh: '注册地与实际经营地不一致', en: 'Registered and operating places differ', derived: true },
  'derived.moneyTaken': { type: 'boolean', zh: '已吸收资金（集资或未兑付金额大于0）', en: 'Money already taken', derived: true },
} as const satisfies Record<string, FactDefinition>

/** The name of a fact rules may use. */
export type FactName = keyof typeof FACTS

/** Facts of one lead: absent keys are unknown. */
export type Facts = Partial<Record<FactName, string | number | boolean>>

/** All fact names, for suggestions and the editor schema. */
export const FACT_NAMES = Object.keys(FACTS) as FactName[]

/** True when `name` is a fact rules may use. */
export const isFactName = (name: string): name is FactName => Object.hasOwn(FACTS, name)

const normalisePlace = (place: string): string => place.normalize('NFKC').replace(/\s+/g, '')

/** Two places differ when neither contains the other (`寿县双桥镇` and `寿县` are the same place). */
const placesDiffer = (a: string, b: string): boolean => {
  const x = normalisePlace(a)
  const y = normalisePlace(b)
  return x.length > 0 && y.length > 0 && !x.includes(y) && !y.includes(x)
}

const share = (part: number | undefined, whole: number | undefined): number | undefined =>
  part === undefined || whole === undefined || whole <= 0 ? undefined : Math.min(1, part / whole)

/**
 * The facts of a lead: its fields flattened to dotted names, plus the derived facts.
 * A field that is absent stays absent (unknown), including in every derived fact built from it.
 */
export const leadToFacts = (lead: Lead): Facts => {
  const facts: Facts = {}
  const set = (name: FactName, value: string | number | boolean | undefined) => {
    if (value !== undefined) facts[name] = value
  }
  const { subject, people, money } = lead
  set('id', lead.id)
  set('subject.name', subject.name)
  set('subject.kind', subject.kind)
  set('subject.creditCode', subject.creditCode)
  set('subject.registeredIn', subject.registeredIn)
  set('subject.operatesIn', subject.operatesIn)
  set('subject.addressChanges', subject.addressChanges)
  set('subject.executiveChanges', subject.executiveChanges)
  set('sector', lead.sector)
  set('region.name', lead.region?.name)
  set('region.kind', lead.region?.kind)
  set('source', lead.source)
  set('people.total', people?.total)
  set('people.elderly', people?.elderly)
  set('people.vulnerable', people?.vulnerable)
  set('money.raised', money?.raised)
  set('money.outstanding', money?.outstanding)
  set('money.promisedReturn', money?.promisedReturn)
  set('attention.complaints', lead.attention?.complaints)
  set('attention.mediaReports', lead.attention?.mediaReports)
  set('attention.onlinePosts', lead.attention?.onlinePosts)
  set('stability.gatherings', lead.stability?.gatherings)
  set('stability.overdue', lead.stability?.overdue)
  set('stability.controllerMissing', lead.stability?.controllerMissing)
  set('history.priorSanction', lead.history?.priorSanction)
  set('repayment.ability', lead.repayment?.ability)
  set('repayment.willingness', lead.repayment?.willingness)
  set('text.description', lead.text?.description)
  set('text.promotion', lead.text?.promotion)
  set('reporter', lead.reporter)
  set('reportedAt', lead.reportedAt)
  set('notes', lead.notes)

  // Clauses are joined with a full stop so a negation in one part never reaches into the next.
  set('text.all', [subject.name, lead.text?.description, lead.text?.promotion].filter(Boolean).join('。'))
  set('derived.elderlyShare', share(people?.elderly, people?.total))
  set('derived.vulnerableShare', share(people?.vulnerable, people?.total))
  set('derived.outstandingShare', share(money?.outstanding, money?.raised))
  const changes = [subject.addressChanges, subject.executiveChanges].filter((n): n is number => n !== undefined)
  set('derived.registryChanges', changes.length > 0 ? changes.reduce((a, b) => a + b, 0) : undefined)
  if (subject.registeredIn !== undefined && subject.operatesIn !== undefined) {
    set('derived.crossRegion', placesDiffer(subject.registeredIn, subject.operatesIn))
  }
  const amounts = [money?.raised, money?.outstanding].filter((n): n is number => n !== undefined)
  set('derived.moneyTaken', amounts.length > 0 ? amounts.some((n) => n > 0) : undefined)
  return facts
}
