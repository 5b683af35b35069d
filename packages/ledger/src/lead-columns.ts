import {
  ENUM_FIELDS,
  LEAD_FIELDS,
  enumLabel,
  type Label,
  type Lead,
  type LeadFieldPath,
  type LeadFieldSpec,
  type LeadFields,
  type LeadLedgerColumn,
} from '@chufei/core'
import type { Lang } from './labels'

/*
 * The ledger columns that show a lead field (主体名称, 所属村, 统一社会信用代码, 涉及人数…), from core's field
 * table (LEAD_FIELDS, an entry with `ledger`): which columns there are, their headers and widths, the
 * record's value for each, and how a value is written. Amounts are yuan in a record and 万元 in a cell.
 */

/** A ledger column that shows a lead field. */
export interface LeadColumn {
  /** The lead field it shows (`money.outstanding`). */
  readonly path: LeadFieldPath
  /** The record's key for it (`outstanding`). */
  readonly key: LeadColumnKey
  readonly field: LeadFieldSpec
  readonly column: LeadLedgerColumn
}

/** Every lead column, in field table order. */
export const LEAD_COLUMNS: readonly LeadColumn[] = (Object.entries(LEAD_FIELDS) as [LeadFieldPath, LeadFieldSpec][]).flatMap(
  ([path, field]) => (field.ledger ? [{ path, key: field.ledger.key as LeadColumnKey, field, column: field.ledger }] : []),
)

type Ledgered = { [P in LeadFieldPath]: LeadFields[P] extends { ledger: { key: infer K extends string } } ? [P, K] : never }[LeadFieldPath]
type TailKeys = { [P in LeadFieldPath]: LeadFields[P] extends { ledger: { key: infer K extends string; place: 'tail' } } ? K : never }[LeadFieldPath]

/** The value of a lead field as the lead type has it (undefined left out). */
type FieldValue<P extends string> = P extends `${infer G extends keyof Lead}.${infer K}`
  ? K extends keyof NonNullable<Lead[G]>
    ? Exclude<NonNullable<Lead[G]>[K], undefined>
    : never
  : P extends keyof Lead
    ? Exclude<Lead[P], undefined>
    : never

/** The record key of a lead column (`village`, `outstanding`). */
export type LeadColumnKey = Ledgered[1]

/** The lead columns after 备注 (the facts stats, report and track count on), in table order. */
export type LeadTailKey = TailKeys

/** A record's lead columns: each field's value, null when unknown. */
export type LeadColumnValues = { readonly [E in Ledgered as E[1]]: FieldValue<E[0]> | null }

/** The keys of the tail lead columns, in table order (new fields land at the end of the ledger's facts). */
export const LEAD_TAIL_KEYS = LEAD_COLUMNS.filter((c) => c.column.place === 'tail').map((c) => c.key) as LeadTailKey[]

/** The value of a lead field in a lead (undefined when absent). */
export const readLeadField = (lead: Lead, path: string): unknown => {
  const dot = path.indexOf('.')
  if (dot < 0) return (lead as Record<string, unknown>)[path]
  const group = (lead as Record<string, unknown>)[path.slice(0, dot)] as Record<string, unknown> | undefined
  return group?.[path.slice(dot + 1)]
}

/** Every lead column unknown. */
export const emptyLeadColumns = (): LeadColumnValues =>
  Object.fromEntries(LEAD_COLUMNS.map((c) => [c.key, null])) as LeadColumnValues

/** Each lead column's path split once (`[group, key]`, or `[key]`): not for every row. */
const COLUMN_PATHS: ReadonlyArray<readonly [string] | readonly [string, string]> = LEAD_COLUMNS.map((c) => {
  const dot = c.path.indexOf('.')
  return dot < 0 ? [c.path] : [c.path.slice(0, dot), c.path.slice(dot + 1)]
})

/** A lead's lead columns (null for a lead the reader rejected, or a field it does not give); what {@link readLeadField} reads. */
export const leadColumnValues = (lead: Lead | null): LeadColumnValues => {
  // Filled by assignment, in column order: once per row of every ledger.
  const values: Record<string, unknown> = {}
  const from = lead as Record<string, unknown> | null
  for (let i = 0; i < LEAD_COLUMNS.length; i++) {
    const path = COLUMN_PATHS[i]!
    let value: unknown = null
    if (from !== null) value = path.length === 1 ? from[path[0]] : (from[path[0]] as Record<string, unknown> | undefined)?.[path[1]]
    values[LEAD_COLUMNS[i]!.key] = value ?? null
  }
  return values as LeadColumnValues
}

/** Whether a column holds a number in its cell (counts, 万元). */
export const isNumericLeadColumn = (c: LeadColumn): boolean => c.field.value.kind === 'count' || c.field.value.kind === 'amount'

/** Yuan → 万元 for the ledger's money columns, kept to the yuan; unknown stays null (a blank cell), never 0. */
export const toWan = (yuan: number | null | undefined): number | null =>
  yuan === null || yuan === undefined ? null : Math.round((yuan / 10_000) * 10_000) / 10_000

/** A lead column's cell: an enum as its label, an amount in 万元, the rest as it is; null when unknown. */
export const leadColumnCell = (c: LeadColumn, value: unknown, lang: Lang): string | number | null => {
  if (value === null || value === undefined) return null
  switch (c.field.value.kind) {
    case 'enum':
      return enumLabel((ENUM_FIELDS as Record<string, Record<string, Label>>)[c.path] ?? {}, String(value), lang)
    case 'amount':
      return toWan(value as number)
    default:
      return value as string | number
  }
}

/** The cells of every lead column of a record, by key. */
export const leadColumnCells = (values: LeadColumnValues, lang: Lang): Record<LeadColumnKey, string | number | null> =>
  Object.fromEntries(LEAD_COLUMNS.map((c) => [c.key, leadColumnCell(c, values[c.key], lang)])) as Record<
    LeadColumnKey,
    string | number | null
  >
