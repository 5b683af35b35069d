import { LEAD_FIELDS, LEAD_FIELD_PATHS, type LeadFieldSpec, type ValueKind } from '@chufei/core'

/*
 * How each field of a lead is read from a cell: its value kind in core's field table (LEAD_FIELDS).
 * Field paths come from that fixed table (never from header text), so building a lead cannot create
 * unexpected keys.
 */

/** How a cell is read into a field: the field's value kind (its limits are LeadSchema's). */
export type FieldKind = ValueKind

/** Every leaf field of a lead and how to read it. */
export const FIELD_KINDS: ReadonlyMap<string, FieldKind> = new Map(
  (Object.entries(LEAD_FIELDS) as [string, LeadFieldSpec][]).map(([path, spec]) => [path, spec.value]),
)

/** Count fields whose unit is 次 (聚集上访次数、举报投诉次数…): they count events, not people. */
export const EVENT_COUNT_FIELDS: ReadonlySet<string> = new Set(
  (Object.entries(LEAD_FIELDS) as [string, LeadFieldSpec][]).filter(([, spec]) => spec.value.kind === 'count' && spec.unit === '次').map(([path]) => path),
)

/** Canonical header first, then aliases, per field (docs/spec.md §2 plus what village sheets use). */
export const FIELD_HEADERS: ReadonlyArray<readonly [field: string, headers: readonly string[]]> = (
  Object.entries(LEAD_FIELDS) as [string, LeadFieldSpec][]
).map(([path, spec]) => [path, spec.headers])

/** Field paths a `columns` mapping may name: every leaf of the lead. */
export const MAPPABLE_FIELDS: ReadonlySet<string> = new Set(LEAD_FIELD_PATHS)
