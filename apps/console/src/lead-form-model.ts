import { LEAD_FIELDS, SECTORS, SUBJECT_KINDS, type LeadFieldPath } from '@chufei/core'
import type { Lang } from './i18n'

/*
 * The small lead form of 试算线索: the fields a village sheet most often fills, as text the user typed,
 * turned into a lead (docs/spec.md §1) by dotted path. An empty field is left out — unknown, never zero.
 */

/** How a form field is entered. */
export type FieldInput = 'text' | 'textarea' | 'number' | 'yesno' | { choices: Readonly<Record<string, { zh: string; en: string }>> }

/** One field of the form. */
export interface FormField {
  readonly path: LeadFieldPath
  readonly input: FieldInput
}

/** The form's fields, in the order of a village sheet. */
export const LEAD_FORM_FIELDS: readonly FormField[] = [
  { path: 'id', input: 'text' },
  { path: 'subject.name', input: 'text' },
  { path: 'subject.kind', input: { choices: SUBJECT_KINDS } },
  { path: 'sector', input: { choices: SECTORS } },
  { path: 'people.total', input: 'number' },
  { path: 'people.elderly', input: 'number' },
  { path: 'money.raised', input: 'number' },
  { path: 'money.outstanding', input: 'number' },
  { path: 'money.promisedReturn', input: 'number' },
  { path: 'attention.complaints', input: 'number' },
  { path: 'stability.gatherings', input: 'number' },
  { path: 'stability.overdue', input: 'yesno' },
  { path: 'stability.controllerMissing', input: 'yesno' },
  { path: 'text.description', input: 'textarea' },
  { path: 'text.promotion', input: 'textarea' },
]

/** The label of a form field, with its unit: `涉及人数（人）`. */
export const fieldLabel = (path: LeadFieldPath, lang: Lang): string => {
  const spec = LEAD_FIELDS[path]
  const unit = 'unit' in spec ? spec.unit : undefined
  if (path === 'money.promisedReturn') return lang === 'zh' ? `${spec.zh}（小数，0.18 即 18%）` : `${spec.en} (fraction: 0.18 is 18%)`
  if (unit === undefined) return spec[lang]
  return lang === 'zh' ? `${spec.zh}（${unit}）` : spec.en
}

/** Form values: dotted path → what was typed ('' for empty). */
export type FormValues = Readonly<Partial<Record<LeadFieldPath, string>>>

/** The lead the form describes: empty fields left out, numbers as numbers (a non-number is kept as typed, for the API to name). */
export const leadFromForm = (values: FormValues): Record<string, unknown> => {
  const lead: Record<string, unknown> = {}
  for (const { path, input } of LEAD_FORM_FIELDS) {
    const raw = values[path]?.trim() ?? ''
    if (raw === '') continue
    let value: unknown = raw
    if (input === 'number') value = Number.isFinite(Number(raw)) ? Number(raw) : raw
    if (input === 'yesno') value = raw === 'yes'
    const keys = path.split('.')
    let node = lead
    for (const key of keys.slice(0, -1)) node = (node[key] ??= {}) as Record<string, unknown>
    node[keys[keys.length - 1]!] = value
  }
  return lead
}

/** The form values of a lead (the inverse of {@link leadFromForm} for the form's fields). */
export const formFromLead = (lead: unknown): Partial<Record<LeadFieldPath, string>> => {
  const values: Partial<Record<LeadFieldPath, string>> = {}
  for (const { path, input } of LEAD_FORM_FIELDS) {
    let node: unknown = lead
    for (const key of path.split('.')) node = typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[key] : undefined
    if (node === undefined || node === null) continue
    values[path] = input === 'yesno' ? (node === true ? 'yes' : 'no') : String(node)
  }
  return values
}

/** A lead to start from: livestock custody with overdue payments (docs/spec.md §6). */
export const SAMPLE_LEAD = {
  id: 'SQ-001',
  subject: { name: '某某牧业养殖合作社', kind: 'cooperative' },
  sector: 'agriculture',
  people: { total: 420, elderly: 260 },
  money: { raised: 18_000_000, outstanding: 9_000_000, promisedReturn: 0.18 },
  stability: { overdue: true },
  text: { description: '以牛羊托管代养名义吸收群众资金，承诺年化18%返利，现已逾期兑付。' },
}
