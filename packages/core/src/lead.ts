import * as z from 'zod'
import {
  PRIOR_SANCTION_IDS,
  REGION_KIND_IDS,
  REPAYMENT_ABILITY_IDS,
  REPAYMENT_WILLINGNESS_IDS,
  SECTOR_IDS,
  SOURCE_IDS,
  SUBJECT_KIND_IDS,
} from './vocabulary'

/*
 * The lead (线索) of SPEC §1. Every field but `id` and `subject.name` is optional, and a missing
 * field means "unknown", never zero: no default values anywhere in this schema.
 */

const count = z.number().int().min(0).max(1e9)
const yuan = z.number().finite().min(0).max(1e15)
const text = z.string().max(20_000)
const shortText = z.string().max(500)

/** 统一社会信用代码 is 18 characters; the check digit is checked separately (a bad one is a warning). */
const creditCode = z.string().max(64)

/** A calendar date `YYYY-MM-DD` that exists (no 2024-02-30). */
const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'expected an ISO date YYYY-MM-DD' })
  .refine((s) => {
    const d = new Date(`${s}T00:00:00Z`)
    return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(s)
  }, { message: '日期不存在（no such date）' })

export const SubjectSchema = z.object({
  name: z.string().trim().min(1).max(500),
  kind: z.enum(SUBJECT_KIND_IDS).optional(),
  creditCode: creditCode.optional(),
  registeredIn: shortText.optional(),
  operatesIn: shortText.optional(),
  addressChanges: count.optional(),
  executiveChanges: count.optional(),
})

export const LeadSchema = z.object({
  id: z.string().trim().min(1).max(200),
  subject: SubjectSchema,
  sector: z.enum(SECTOR_IDS).optional(),
  region: z.object({ name: shortText.optional(), kind: z.enum(REGION_KIND_IDS).optional() }).optional(),
  source: z.enum(SOURCE_IDS).optional(),
  people: z.object({ total: count.optional(), elderly: count.optional(), vulnerable: count.optional() }).optional(),
  money: z
    .object({
      raised: yuan.optional(),
      outstanding: yuan.optional(),
      /** Annualised fraction: 0.18 is 18%/year. */
      promisedReturn: z.number().finite().min(0).max(1000).optional(),
    })
    .optional(),
  attention: z
    .object({ complaints: count.optional(), mediaReports: count.optional(), onlinePosts: count.optional() })
    .optional(),
  stability: z
    .object({
      gatherings: count.optional(),
      overdue: z.boolean().optional(),
      controllerMissing: z.boolean().optional(),
    })
    .optional(),
  history: z.object({ priorSanction: z.enum(PRIOR_SANCTION_IDS).optional() }).optional(),
  repayment: z
    .object({
      ability: z.enum(REPAYMENT_ABILITY_IDS).optional(),
      willingness: z.enum(REPAYMENT_WILLINGNESS_IDS).optional(),
    })
    .optional(),
  text: z.object({ description: text.optional(), promotion: text.optional() }).optional(),
  reporter: shortText.optional(),
  reportedAt: isoDate.optional(),
  notes: text.optional(),
})

/** A lead (线索) as SPEC §1 defines it. */
export type Lead = z.infer<typeof LeadSchema>

/** The lead schema's object shape, by path, for walking unknown keys without touching zod internals. */
const NESTED_KEYS: Record<string, readonly string[]> = {
  '': Object.keys(LeadSchema.shape),
  subject: Object.keys(SubjectSchema.shape),
  region: ['name', 'kind'],
  people: ['total', 'elderly', 'vulnerable'],
  money: ['raised', 'outstanding', 'promisedReturn'],
  attention: ['complaints', 'mediaReports', 'onlinePosts'],
  stability: ['gatherings', 'overdue', 'controllerMissing'],
  history: ['priorSanction'],
  repayment: ['ability', 'willingness'],
  text: ['description', 'promotion'],
}

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
    const nested = NESTED_KEYS[key]
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
