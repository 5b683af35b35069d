import { LEAD_FIELD_PATHS } from '@chufei/core'

/*
 * How each field of a lead is read from a cell. Field paths come from this fixed table (never from
 * header text), so building a lead cannot create unexpected keys.
 */

export type FieldKind =
  | { readonly kind: 'text'; readonly max: number }
  | { readonly kind: 'count' }
  | { readonly kind: 'amount' }
  | { readonly kind: 'return' }
  | { readonly kind: 'boolean' }
  | { readonly kind: 'date' }
  | { readonly kind: 'enum' }
  | { readonly kind: 'credit-code' }

const text = (max: number): FieldKind => ({ kind: 'text', max })
const COUNT: FieldKind = { kind: 'count' }
const AMOUNT: FieldKind = { kind: 'amount' }
const ENUM: FieldKind = { kind: 'enum' }
const BOOLEAN: FieldKind = { kind: 'boolean' }

/** Every leaf field of a lead and how to read it. Limits match LeadSchema. */
export const FIELD_KINDS: ReadonlyMap<string, FieldKind> = new Map<string, FieldKind>([
  ['id', text(200)],
  ['subject.name', text(500)],
  ['subject.kind', ENUM],
  ['subject.creditCode', { kind: 'credit-code' }],
  ['subject.registeredIn', text(500)],
  ['subject.operatesIn', text(500)],
  ['subject.addressChanges', COUNT],
  ['subject.executiveChanges', COUNT],
  ['sector', ENUM],
  ['region.name', text(500)],
  ['region.kind', ENUM],
  ['source', ENUM],
  ['people.total', COUNT],
  ['people.elderly', COUNT],
  ['people.vulnerable', COUNT],
  ['money.raised', AMOUNT],
  ['money.outstanding', AMOUNT],
  ['money.promisedReturn', { kind: 'return' }],
  ['attention.complaints', COUNT],
  ['attention.mediaReports', COUNT],
  ['attention.onlinePosts', COUNT],
  ['stability.gatherings', COUNT],
  ['stability.overdue', BOOLEAN],
  ['stability.controllerMissing', BOOLEAN],
  ['history.priorSanction', ENUM],
  ['repayment.ability', ENUM],
  ['repayment.willingness', ENUM],
  ['text.description', text(20_000)],
  ['text.promotion', text(20_000)],
  ['reporter', text(500)],
  ['reportedAt', { kind: 'date' }],
  ['notes', text(20_000)],
])

/** Field paths a `columns` mapping may name: every leaf of the lead. */
export const MAPPABLE_FIELDS: ReadonlySet<string> = new Set(LEAD_FIELD_PATHS)
