import type { Lead } from './lead'
import { LEAD_FIELDS, type LeadFieldPath, type LeadFieldSpec } from './fields/lead-fields'

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

/** The fact of a lead field: what the field table says of it. */
const fieldFact = (spec: LeadFieldSpec): FactDefinition => ({
  type: spec.type,
  zh: spec.zh,
  en: spec.en,
  ...(spec.unit !== undefined ? { unit: spec.unit } : {}),
  ...(spec.value.kind === 'enum' ? { values: spec.value.ids } : {}),
})

/** Each lead field is a fact under its dotted path, in table order. */
const FIELD_FACTS = Object.fromEntries(
  (Object.entries(LEAD_FIELDS) as [LeadFieldPath, LeadFieldSpec][]).map(([path, spec]) => [path, fieldFact(spec)]),
) as { readonly [P in LeadFieldPath]: FactDefinition }

/** Every fact a rule may use, by name: the lead's fields, then the derived facts. */
export const FACTS = {
  ...FIELD_FACTS,
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

const normalisePlace = (place: string): string => {
  // Places repeat from row to row (a sweep covers a few townships): each is normalised once.
  let normalised = normalisedPlaces.get(place)
  if (normalised === undefined) {
    normalised = place.normalize('NFKC').replace(/\s+/g, '')
    if (normalisedPlaces.size >= 1024) normalisedPlaces.clear()
    normalisedPlaces.set(place, normalised)
  }
  return normalised
}
const normalisedPlaces = new Map<string, string>()

/** Separators of a list of places (`合肥、六安、淮南`), after normalisation (，；／ are half-width then). */
const PLACE_SEPARATORS = /[、,;/]+/

/**
 * Two places differ when neither contains the other (`寿县双桥镇` and `寿县` are the same place). A list of
 * places (`合肥、六安、淮南`, issue 10 class 8) differs from the other side when any of its places does
 * not match one of the other side's.
 */
const placesDiffer = (a: string, b: string): boolean => {
  const xs = placeList(a)
  const ys = placeList(b)
  if (xs.length === 0 || ys.length === 0) return false
  const same = (x: string, y: string) => x.includes(y) || y.includes(x)
  return xs.some((x) => !ys.some((y) => same(x, y))) || ys.some((y) => !xs.some((x) => same(x, y)))
}

const placeList = (place: string): string[] => normalisePlace(place).split(PLACE_SEPARATORS).filter((p) => p.length > 0)

const share = (part: number | undefined, whole: number | undefined): number | undefined =>
  part === undefined || whole === undefined || whole <= 0 ? undefined : Math.min(1, part / whole)

type FactValue = string | number | boolean | undefined

/** As a sum of the known ones starting from 0 (so -0 alone gives 0); undefined when neither is known. */
const sum = (a: number | undefined, b: number | undefined): number | undefined =>
  a === undefined && b === undefined ? undefined : 0 + (a ?? 0) + (b ?? 0)

/**
 * How each fact is read from a lead: its field, or what it is derived from. One definition for
 * {@link leadToFacts} and for the compiled engine, which reads the facts a pack uses straight into its
 * fact vector.
 */
/** The reader of a lead field: `l => l.reporter`, `l => l.money?.outstanding`. */
const fieldReader = (path: string): ((lead: Lead) => FactValue) => {
  const dot = path.indexOf('.')
  if (dot < 0) return (l) => (l as unknown as Record<string, FactValue>)[path]
  const group = path.slice(0, dot)
  const key = path.slice(dot + 1)
  return (l) => (l as unknown as Record<string, Record<string, FactValue> | undefined>)[group]?.[key]
}

const FIELD_READERS = Object.fromEntries(Object.keys(LEAD_FIELDS).map((path) => [path, fieldReader(path)])) as {
  readonly [P in LeadFieldPath]: (lead: Lead) => FactValue
}

const READERS: { readonly [K in FactName]: (lead: Lead) => FactValue } = {
  ...FIELD_READERS,
  // Parts are joined with a full stop so a negation in one part never reaches into the next.
  'text.all': (l) => {
    let all = l.subject.name
    const description = l.text?.description
    const promotion = l.text?.promotion
    if (all === '') all = description || ''
    else if (description) all = joinClauses(all, description)
    if (all === '') all = promotion || ''
    else if (promotion) all = joinClauses(all, promotion)
    return all
  },
  'derived.elderlyShare': (l) => share(l.people?.elderly, l.people?.total),
  'derived.vulnerableShare': (l) => share(l.people?.vulnerable, l.people?.total),
  'derived.outstandingShare': (l) => share(l.money?.outstanding, l.money?.raised),
  'derived.registryChanges': (l) => sum(l.subject.addressChanges, l.subject.executiveChanges),
  'derived.crossRegion': ({ subject: { registeredIn, operatesIn } }) =>
    registeredIn !== undefined && operatesIn !== undefined ? placesDiffer(registeredIn, operatesIn) : undefined,
  'derived.moneyTaken': (l) => {
    const raised = l.money?.raised
    const outstanding = l.money?.outstanding
    if (raised === undefined && outstanding === undefined) return undefined
    return (raised !== undefined && raised > 0) || (outstanding !== undefined && outstanding > 0)
  },
}

/** Sentence ends after which no extra full stop is needed to end a clause: 。．.！!？?；; and a new line. */
const endsClause = (code: number): boolean =>
  code === 0x3002 || code === 0xff0e || code === 0x2e || code === 0xff01 || code === 0x21 ||
  code === 0xff1f || code === 0x3f || code === 0xff1b || code === 0x3b || code === 0x0a

/** `a` and `b` as two clauses: a full stop between them, unless `a` already ends one (no `。。` in explanations). */
const joinClauses = (a: string, b: string): string => (endsClause(a.charCodeAt(a.length - 1)) ? a + b : `${a}。${b}`)

/** The reader of a fact (undefined for a name that is not a fact: such a fact is always unknown). */
export const factReader = (name: string): ((lead: Lead) => FactValue) | undefined =>
  Object.hasOwn(READERS, name) ? READERS[name as FactName] : undefined

/**
 * The facts of a lead: its fields flattened to dotted names, plus the derived facts.
 * A field that is absent stays absent (unknown), including in every derived fact built from it.
 */
export const leadToFacts = (lead: Lead): Facts => {
  const facts: Facts = {}
  for (const name of FACT_NAMES) {
    const value = READERS[name](lead)
    if (value !== undefined) facts[name] = value
  }
  return facts
}
