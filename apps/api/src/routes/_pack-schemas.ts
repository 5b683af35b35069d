import { z } from 'zod'
import { MAX_PACK_FILES } from './rules'

/*
 * The bodies of the pack-version and backtest routes as zod schemas, named components of the OpenAPI
 * document; the route tests parse real answers with them.
 */

const FORBIDDEN_SEGMENTS = new Set(['', '.', '..', '__proto__', 'constructor', 'prototype'])

/** A pack's files as the console sends them: relative path → JSON text, as `POST /v1/rules/validate` takes. */
export const PackFilesSchema = z
  .record(
    z
      .string()
      .max(300)
      .refine((path) => !path.split('/').some((s) => FORBIDDEN_SEGMENTS.has(s)), '文件路径不合法'),
    z.string(),
  )
  .refine((files) => Object.keys(files).length >= 1 && Object.keys(files).length <= MAX_PACK_FILES, `须有 1 至 ${MAX_PACK_FILES} 个文件`)
  .meta({ description: '规则包文件：相对路径 → JSON 文本，须含 pack.json' })

const packRef = z.object({ name: z.string(), version: z.string(), hash: z.string() })

/** 规则包版本: one published version. */
export const PackVersionBody = z
  .object({
    id: z.number().int(),
    name: z.string(),
    version: z.string(),
    hash: z.string(),
    publishedBy: z.string(),
    publishedAt: z.string(),
    reason: z.string(),
    replaced: z.object({ version: z.string(), hash: z.string() }).nullable().meta({ description: 'What was serving before (a published version or the rules folder’s pack)' }),
    rollbackOf: z.number().int().nullable().meta({ description: 'The version whose files this row published again (回滚)' }),
    current: z.boolean().meta({ description: 'The newest row: the version served' }),
  })
  .meta({ id: 'PackVersion' })

/** `GET /v1/packs`. */
export const PacksBody = z.object({ serving: packRef.nullable(), versions: z.array(PackVersionBody) }).meta({ id: 'PackHistory' })

/** `POST /v1/packs` and a rollback. */
export const PublishedBody = z
  .object({ version: PackVersionBody, rulePack: packRef.meta({ description: 'What /v1/score answers with from now on' }), warnings: z.number().int() })
  .meta({ id: 'PackPublished' })

const side = z.object({
  status: z.enum(['scored', 'rejected']),
  total: z.number().optional(),
  tier: z.string().optional(),
  disposition: z.string().optional(),
  patterns: z.array(z.string()).optional(),
  scores: z.record(z.string(), z.number()).optional(),
})

const reason = z.object({ rule: z.string(), label: z.string() }).passthrough()

/** `POST /v1/backtest`: the comparison of the stored results with the edited pack's. */
export const BacktestBody = z
  .object({
    sweep: z.object({ id: z.number().int(), unit: z.string(), date: z.string(), fileName: z.string() }),
    base: packRef.meta({ description: 'The pack the sweep was scored with at import (its stored results)' }),
    head: packRef.meta({ description: 'The edited pack' }),
    leads: z.number().int(),
    scoredBoth: z.number().int(),
    tiers: z.record(z.string(), z.record(z.string(), z.number().int())).meta({ description: 'tiers[before][after]: counts over red/orange/yellow/blue/none' }),
    dispositions: z.array(z.object({ before: z.string(), after: z.string(), count: z.number().int() })),
    moved: z.array(
      z.object({
        id: z.string().nullable(),
        line: z.number().int().optional(),
        subject: z.string().optional(),
        before: side,
        after: side,
        differences: z.array(z.string()),
        rules: z.array(z.object({ rule: z.string(), name: z.string(), change: z.enum(['fired', 'stopped', 'changed']), before: reason.optional(), after: reason.optional() })),
      }),
    ),
    movedCount: z.number().int().meta({ description: 'Every moved lead; `moved` lists the first ones' }),
    ruleHits: z.array(z.object({ rule: z.string(), name: z.string(), before: z.number().int(), after: z.number().int(), presence: z.enum(['both', 'added', 'removed']) })),
  })
  .meta({ id: 'Backtest' })
