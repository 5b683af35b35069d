import * as z from 'zod'
import { DIMENSION_IDS, DISPOSITION_IDS, TIER_IDS } from './vocabulary'

/*
 * The result of docs/spec.md §4: one per lead, the same from the library, the CLI and the API.
 */

const score = z.number().int().min(0).max(100)

/** A data problem that did not stop scoring: the field is treated as unknown. */
export const LeadWarningSchema = z.object({
  field: z.string().meta({ description: 'Dotted field path, e.g. people.total' }),
  code: z.string(),
  message: z.string(),
})

/** A reason that stopped a row from being scored. */
export const LeadErrorSchema = z.object({
  code: z.string(),
  message: z.string(),
  field: z.string().optional(),
})

/** One rule that contributed to the result (主要依据). */
export const ReasonSchema = z.object({
  rule: z.string(),
  label: z.string(),
  dimension: z.enum(DIMENSION_IDS).optional(),
  points: z.number().int().optional(),
  pattern: z.string().optional(),
  /** An escalation: the tier is at least this. */
  tier: z.enum(TIER_IDS).optional(),
  /** A cap (预警封顶): the tier reached by the total is at most this (an escalation still raises it). */
  cap: z.enum(TIER_IDS).optional(),
  disposition: z.enum(DISPOSITION_IDS).optional(),
})

export const RulePackRefSchema = z.object({
  name: z.string(),
  version: z.string(),
  hash: z.string().regex(/^sha256:[0-9a-f]{64}$/),
})

/** Who follows the lead up, what they do, and by when (整改责任、措施、时限). */
export const AssignmentSchema = z.object({
  units: z.array(z.string()),
  measures: z.string(),
  deadlineDays: z.number().int().min(0).nullable(),
})

export const ScoresSchema = z.object({ scale: score, exposure: score, attention: score, stability: score })

export const ScoredResultSchema = z.object({
  id: z.string(),
  status: z.literal('scored'),
  line: z.number().int().min(1).optional(),
  total: score,
  tier: z.enum(TIER_IDS),
  scores: ScoresSchema,
  patterns: z.array(z.string()),
  disposition: z.enum(DISPOSITION_IDS),
  reasons: z.array(ReasonSchema),
  warnings: z.array(LeadWarningSchema),
  assignment: AssignmentSchema,
  rulePack: RulePackRefSchema,
})

export const RejectedResultSchema = z.object({
  status: z.literal('rejected'),
  line: z.number().int().min(1).optional(),
  id: z.string().nullable(),
  errors: z.array(LeadErrorSchema).min(1),
  warnings: z.array(LeadWarningSchema).optional(),
})

export const ResultSchema = z.discriminatedUnion('status', [ScoredResultSchema, RejectedResultSchema])

export type LeadWarning = z.infer<typeof LeadWarningSchema>
export type LeadError = z.infer<typeof LeadErrorSchema>
export type Reason = z.infer<typeof ReasonSchema>
export type RulePackRef = z.infer<typeof RulePackRefSchema>
export type Assignment = z.infer<typeof AssignmentSchema>
export type Scores = z.infer<typeof ScoresSchema>
export type ScoredResult = z.infer<typeof ScoredResultSchema>
export type RejectedResult = z.infer<typeof RejectedResultSchema>
/** A result of docs/spec.md §4: scored or rejected. */
export type Result = z.infer<typeof ResultSchema>
