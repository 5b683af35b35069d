import { LeadSchema, RejectedResultSchema, ScoredResultSchema } from '@chufei/core'
import type { OpenAPIHono } from '@hono/zod-openapi'
import { z } from 'zod'
import type { AppEnv } from './_env'
import type { BodyLimits } from './app'
import {
  ErrorBodySchema,
  ExplanationSchema,
  HealthSchema,
  IssueDetailSchema,
  ReadySchema,
  RulesSchema,
  ValidateRequestSchema,
  ValidationReportSchema,
} from './schemas'

/*
 * The OpenAPI 3.1 document, generated from the zod schemas: the core's lead and result schemas and the
 * API's own. Routes are registered here for documentation; their handlers read bodies themselves
 * (limits, strict JSON, the core's own lead validation), so no second validator runs.
 */

/** A lead from SPEC §6: livestock custody in a village. */
export const EXAMPLE_LEAD = {
  id: 'SQ-001',
  subject: { name: '某某牧业养殖合作社', kind: 'cooperative' },
  sector: 'agriculture',
  region: { name: '双桥村', kind: 'rural' },
  source: 'grid-inspection',
  people: { total: 420, elderly: 260 },
  money: { raised: 18_000_000, outstanding: 9_000_000, promisedReturn: 0.18 },
  stability: { overdue: true },
  text: { description: '以牛羊托管代养名义吸收群众资金，承诺保本并按月返利，现已逾期兑付。' },
}

export interface OpenApiOptions {
  version: string
  auth: boolean
  limits: BodyLimits
}

const json = (schema: z.ZodType, example?: unknown) => ({
  'application/json': { schema, ...(example === undefined ? {} : { example }) },
})

const MiB = (bytes: number) => `${Math.round((bytes / 1024 / 1024) * 100) / 100} MiB`

// Named components: `.meta({ id })` makes each a `#/components/schemas/<id>` reference. Created once,
// because zod's global registry allows an id only once per process.
const Lead = LeadSchema.meta({ id: 'Lead' })
const Scored = ScoredResultSchema.meta({ id: 'ScoredResult' })
const Result = z
  .discriminatedUnion('status', [Scored, RejectedResultSchema.meta({ id: 'RejectedResult' })])
  .meta({ id: 'Result', description: 'ScoredResult or RejectedResult (SPEC §4)' })
const Error = ErrorBodySchema.meta({ id: 'Error' })
const Rules = RulesSchema.meta({ id: 'Rules' })
const Report = ValidationReportSchema.extend({ issues: z.array(IssueDetailSchema.meta({ id: 'IssueDetail' })) }).meta({
  id: 'ValidationReport',
})
const Explanation = ExplanationSchema.meta({ id: 'Explanation' })

/** Registers every route of the API in the app's OpenAPI registry. */
export const registerOpenApi = (app: OpenAPIHono<AppEnv>, options: OpenApiOptions): void => {
  const r = app.openAPIRegistry
  if (options.auth) r.registerComponent('securitySchemes', 'bearerAuth', { type: 'http', scheme: 'bearer' })
  const security = options.auth ? [{ bearerAuth: [] }] : []

  const error = (description: string) => ({ description, content: json(Error) })
  const common = {
    400: error('Malformed JSON (MALFORMED_JSON) or invalid input (INVALID_LEAD, USAGE); details name each field by path'),
    ...(options.auth ? { 401: error('Missing or wrong bearer token (UNAUTHORIZED)') } : {}),
    413: error(`Body over the limit (PAYLOAD_TOO_LARGE): ${MiB(options.limits.singleBytes)} for one lead`),
    415: error('Unsupported Content-Type (UNSUPPORTED_MEDIA_TYPE)'),
    429: error('Over the rate limit (RATE_LIMITED); see Retry-After'),
    503: error('No valid rule pack loaded yet (NOT_READY), or (batch) too many uploads being read (BUSY; see Retry-After)'),
  }

  r.registerPath({
    method: 'get',
    path: '/healthz',
    summary: '存活检查 Liveness',
    description: 'The process is up.',
    tags: ['health'],
    responses: { 200: { description: 'Up', content: json(HealthSchema, { status: 'ok' }) } },
  })
  r.registerPath({
    method: 'get',
    path: '/readyz',
    summary: '就绪检查 Readiness',
    description: 'A valid rule pack is loaded.',
    tags: ['health'],
    responses: {
      200: { description: 'Ready', content: json(ReadySchema) },
      503: error('No valid rule pack loaded (NOT_READY)'),
    },
  })
  r.registerPath({
    method: 'post',
    path: '/v1/score',
    summary: '评分 Score one lead',
    description: 'One lead (SPEC §1) → its result (SPEC §4): dimension scores, total, tier, patterns, disposition, reasons, and the hash of the rule pack that scored it.',
    tags: ['score'],
    security,
    request: { body: { required: true, content: json(Lead, EXAMPLE_LEAD) } },
    responses: { 200: { description: 'The result', content: json(Scored) }, ...common },
  })
  r.registerPath({
    method: 'post',
    path: '/v1/score/batch',
    summary: '批量评分 Score a batch or a sheet',
    description: [
      'A JSON array or NDJSON of leads, a CSV/XLSX body, or an investigation sheet (排查表) uploaded as multipart/form-data',
      `(field \`file\`; optional \`sheet\` and \`encoding\`) → NDJSON streamed back: one result per data row, in input order,`,
      'rejected rows included (blank and footer rows are skipped). `line` is the row number in the source.',
      'A file that cannot be read at all is a 400 before streaming; a failure after streaming began ends the stream with',
      `one line \`{"error": {…}}\`. Limit: ${MiB(options.limits.batchBytes)}.`,
    ].join(' '),
    tags: ['score'],
    security,
    request: {
      query: z.object({
        sheet: z.string().optional().meta({ description: 'XLSX: sheet name (default the first sheet)' }),
        encoding: z.enum(['utf-8', 'gb18030', 'gbk', 'utf-16le', 'utf-16be']).optional().meta({ description: 'CSV: force an encoding (default detected)' }),
      }),
      body: {
        required: true,
        content: {
          'application/json': { schema: z.array(Lead), example: [EXAMPLE_LEAD] },
          'application/x-ndjson': { schema: z.string().meta({ description: 'One lead per line' }) },
          'text/csv': { schema: z.string().meta({ description: 'An investigation sheet, UTF-8 or GB18030, Chinese headers' }) },
          'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { schema: z.string().meta({ format: 'binary' }) },
          'multipart/form-data': {
            schema: z.object({
              file: z.string().meta({ format: 'binary', description: '.csv, .xlsx, .json or .jsonl' }),
              sheet: z.string().optional(),
              encoding: z.string().optional(),
            }),
          },
        },
      },
    },
    responses: {
      200: { description: 'NDJSON: one Result per line', content: { 'application/x-ndjson': { schema: Result } } },
      ...common,
      400: error('Malformed body, unreadable file (UNREADABLE_INPUT) or bad options (USAGE)'),
      413: error(`Body over ${MiB(options.limits.batchBytes)} (PAYLOAD_TOO_LARGE)`),
    },
  })
  r.registerPath({
    method: 'post',
    path: '/v1/explain',
    summary: '评分解释 Explain one lead',
    description: 'One lead → the condition-level trace: for every rule, whether it fired and the value of each condition’s fact.',
    tags: ['score'],
    security,
    request: { body: { required: true, content: json(Lead, EXAMPLE_LEAD) } },
    responses: {
      200: { description: 'The trace', content: json(Explanation) },
      ...common,
    },
  })
  r.registerPath({
    method: 'get',
    path: '/v1/rules',
    summary: '规则列表 The loaded rule pack',
    description: 'Name, version, hash, pattern vocabulary and every enabled rule (id, name, and its dimension, pattern, tier or disposition).',
    tags: ['rules'],
    security,
    responses: { 200: { description: 'The pack', content: json(Rules) }, 503: common[503], 429: common[429] },
  })
  r.registerPath({
    method: 'post',
    path: '/v1/rules/validate',
    summary: '规则包校验 Validate a rule pack',
    description: 'A pack as `{ "files": { "<relative path>": "<JSON text>" } }` → the loader’s report: valid or not, and every issue with file, JSON pointer, line and column. Does not change the pack being served.',
    tags: ['rules'],
    security,
    request: { body: { required: true, content: json(ValidateRequestSchema) } },
    responses: { 200: { description: 'The report', content: json(Report) }, ...common },
  })
}

/** The document `/openapi.json` serves. */
export const buildOpenApiDocument = (app: OpenAPIHono<AppEnv>, options: OpenApiOptions) =>
  app.getOpenAPI31Document({
    openapi: '3.1.0',
    info: {
      title: 'chufei API',
      version: options.version,
      description:
        '处非办非法集资风险线索评分服务。Risk scoring of illegal-fundraising leads (SPEC §1) with the rule pack the server loaded; every result names the pack hash that scored it. Errors are `{ "error": { "code", "message", "messageEn", "details" } }`.',
    },
    tags: [
      { name: 'score', description: '评分' },
      { name: 'rules', description: '规则包' },
      { name: 'health', description: '健康检查' },
    ],
  })
