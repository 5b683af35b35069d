import * as z from 'zod'
import { LEAD_FIELDS, type LeadFields } from './fields/lead-fields'

/*
 * The lead (线索) of docs/spec.md §1, derived from the field table (fields/lead-fields.ts). Every field but `id`
 * and `subject.name` is optional, and a missing field means "unknown", never zero: no default values
 * anywhere in this schema.
 */

type Path = keyof LeadFields
type GroupOf<P> = P extends `${infer G}.${string}` ? G : never
type Group = GroupOf<Path>
type TopField = Exclude<Path, `${string}.${string}`>
type Required = { [P in Path]: LeadFields[P] extends { required: true } ? P : never }[Path]
/** A field's schema: optional unless the table says required. */
type FieldSchema<P extends Path> = P extends Required ? LeadFields[P]['value']['schema'] : z.ZodOptional<LeadFields[P]['value']['schema']>
type GroupShape<G extends string> = { [P in Path as P extends `${G}.${infer K}` ? K : never]: FieldSchema<P> }
/** A group is required when one of its fields is (`subject`, for its name). */
type GroupSchema<G extends Group> = GroupOf<Required> extends infer R ? (G extends R ? z.ZodObject<GroupShape<G>> : z.ZodOptional<z.ZodObject<GroupShape<G>>>) : never
type LeadShape = { [P in TopField]: FieldSchema<P> } & { [G in Group]: GroupSchema<G> }

/** The lead's object shape by path prefix (`''` for the top level), in table order. */
const NESTED_KEYS: Record<string, string[]> = { '': [] }
for (const path of Object.keys(LEAD_FIELDS)) {
  const dot = path.indexOf('.')
  const group = dot < 0 ? '' : path.slice(0, dot)
  if (group !== '' && !Object.hasOwn(NESTED_KEYS, group)) {
    NESTED_KEYS[group] = []
    NESTED_KEYS['']!.push(group)
  }
  NESTED_KEYS[group]!.push(dot < 0 ? path : path.slice(dot + 1))
}

const fieldSchema = (path: string): z.ZodType => {
  const spec = LEAD_FIELDS[path as Path]
  const schema: z.ZodType = spec.value.schema
  return 'required' in spec && spec.required ? schema : schema.optional()
}

const buildShape = (): LeadShape => {
  const shape: Record<string, z.ZodType> = {}
  for (const key of NESTED_KEYS['']!) {
    const inner = NESTED_KEYS[key]
    if (inner === undefined) {
      shape[key] = fieldSchema(key)
      continue
    }
    const group: Record<string, z.ZodType> = {}
    let required = false
    for (const k of inner) {
      const path = `${key}.${k}`
      group[k] = fieldSchema(path)
      if ('required' in LEAD_FIELDS[path as Path]) required = true
    }
    shape[key] = required ? z.object(group) : z.object(group).optional()
  }
  return shape as LeadShape
}

const LEAD_SHAPE = buildShape()

/** The subject (主体) of a lead. */
export const SubjectSchema = LEAD_SHAPE.subject

/** The lead schema, derived from the field table. */
export const LeadSchema = z.object(LEAD_SHAPE)

/** A lead (线索) as docs/spec.md §1 defines it. */
export type Lead = z.infer<typeof LeadSchema>

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v)

/**
 * Dotted paths of the keys in `input` that the lead schema does not know (`people.totl`, `foo`).
 * They are reported as warnings and dropped, never merged into the lead.
 */
export const findUnknownLeadKeys = (input: unknown): string[] => {
  if (!isPlainObject(input)) return []
  const unknown: string[] = []
  for (const key of Object.keys(input)) {
    if (!NESTED_KEYS['']!.includes(key)) {
      unknown.push(key)
      continue
    }
    const nested = Object.hasOwn(NESTED_KEYS, key) ? NESTED_KEYS[key] : undefined
    const value = input[key]
    if (nested && isPlainObject(value)) {
      for (const inner of Object.keys(value)) if (!nested.includes(inner)) unknown.push(`${key}.${inner}`)
    }
  }
  return unknown
}

/** Every leaf field path of a lead (`people.total`, `subject.name`, …): top-level fields first. */
export const LEAD_FIELD_PATHS: readonly string[] = Object.entries(NESTED_KEYS).flatMap(([prefix, fields]) =>
  prefix === '' ? fields.filter((f) => !Object.hasOwn(NESTED_KEYS, f)) : fields.map((f) => `${prefix}.${f}`),
)
