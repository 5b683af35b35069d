import { scoreRows } from '@chufei/core'
import type { ReadSheetOptions, SheetFormat, XlsxLimits } from '@chufei/sheets'
import { createRoute, type OpenAPIHono } from '@hono/zod-openapi'
import type { Context } from 'hono'
import { stream } from 'hono/streaming'
import { z } from 'zod'
import type { AppEnv } from '../_env'
import type { BodyLimits } from '../app'
import { readBody, requireMediaType } from '../body'
import { apiFailure, errorBody, problemFromError } from '../errors'
import type { Logger } from '../logger'
import type { ParseGate } from '../parse-gate'
import type { RulePackHolder } from '../rule-pack-holder'
import { misplacedJsonBody } from './_json-document'
import { commonResponses, errorResponse, EXAMPLE_LEAD, Lead, MiB, Result, security, serveRoute } from './_openapi'
import { currentScorer } from './_scorer'

/*
 * POST /v1/score/batch (批量评分): a JSON array or NDJSON of leads, a CSV/XLSX body, or a sheet uploaded
 * as multipart/form-data (field `file`) → NDJSON, one result per data row in input order, rejected
 * rows included, exactly as the CLI's `--format jsonl`. Every format goes through @chufei/sheets, so
 * line numbers, warnings and rejections are the CLI's.
 */

/** Raw body media types and the sheet format each one is. */
export const BATCH_MEDIA_TYPES: Readonly<Record<string, SheetFormat>> = {
  'application/json': 'json',
  'application/x-ndjson': 'jsonl',
  'application/ndjson': 'jsonl',
  'application/jsonl': 'jsonl',
  'application/x-jsonlines': 'jsonl',
  'text/csv': 'csv',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'xlsx',
}

const MULTIPART = 'multipart/form-data'

/** CSV encodings a client may force (otherwise detected). */
const ENCODINGS = ['utf-8', 'gb18030', 'gbk', 'utf-16le', 'utf-16be'] as const
export const CSV_ENCODINGS: readonly string[] = ENCODINGS

const usage = (message: string, messageEn: string, details?: unknown) =>
  apiFailure({ code: 'USAGE', message, messageEn, details })

const readOptions = (sheet: unknown, encoding: unknown): ReadSheetOptions => {
  const options: ReadSheetOptions = {}
  if (typeof sheet === 'string' && sheet !== '') {
    if (sheet.length > 200) throw usage('工作表名称过长', 'Sheet name too long')
    options.sheet = sheet
  }
  if (typeof encoding === 'string' && encoding !== '') {
    const normalised = encoding.toLowerCase()
    if (!CSV_ENCODINGS.includes(normalised)) {
      throw usage(`不支持的编码 ${encoding.slice(0, 50)}`, `Unsupported encoding ${encoding.slice(0, 50)}`, {
        accepted: CSV_ENCODINGS,
      })
    }
    options.encoding = normalised
  }
  return options
}

/** An uploaded sheet: its bytes, file name and read options, and the other fields sent with it. */
export interface BatchInput {
  bytes: Uint8Array
  name: string
  options: ReadSheetOptions
  /** A form field of a multipart upload, else the query parameter of that name. */
  field(name: string): string | undefined
}

const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined)

/**
 * What to read: the raw body (its media type names the format), or the `file` part of a multipart upload;
 * at most `limit` bytes either way. `what` names the file in the message when the part is missing.
 */
export const readBatchInput = async (c: Context<AppEnv>, limit: number, what: { zh: string; en: string } = { zh: '排查表文件', en: 'the sheet' }): Promise<BatchInput> => {
  const type = requireMediaType(c, [...Object.keys(BATCH_MEDIA_TYPES), MULTIPART])
  const bytes = await readBody(c, limit)
  if (type !== MULTIPART) {
    const format = BATCH_MEDIA_TYPES[type]!
    return {
      bytes,
      name: `batch.${format}`,
      options: { format, ...readOptions(c.req.query('sheet'), c.req.query('encoding')) },
      field: (name) => c.req.query(name),
    }
  }
  let form: FormData
  try {
    form = await new Response(bytes, { headers: { 'content-type': c.req.header('content-type') ?? '' } }).formData()
  } catch {
    throw apiFailure({ code: 'MALFORMED_BODY', message: 'multipart 请求体格式错误', messageEn: 'Malformed multipart body' })
  }
  const file = form.get('file')
  if (file === null || typeof file === 'string') {
    throw usage(`请在表单字段 file 中上传${what.zh}`, `Upload ${what.en} in the form field \`file\``)
  }
  return {
    bytes: new Uint8Array(await file.arrayBuffer()),
    name: file.name || 'upload',
    options: readOptions(form.get('sheet') ?? c.req.query('sheet'), form.get('encoding') ?? c.req.query('encoding')),
    field: (name) => text(form.get(name)) ?? c.req.query(name),
  }
}

/** What bounds a batch: its body size, how many are read at once, and what an XLSX may inflate to. */
export interface BatchBounds {
  readonly limits: BodyLimits
  readonly gate: ParseGate
  readonly xlsxLimits: Partial<XlsxLimits>
  /** Whether a bearer token is required (stated in the OpenAPI document). */
  readonly auth: boolean
}

/** `POST /v1/score/batch`, as the options state it (auth, batch limit). */
export const batchRoute = (options: { readonly auth: boolean; readonly limits: BodyLimits }) =>
  createRoute({
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
    security: security(options),
    request: {
      query: z.object({
        sheet: z.string().optional().meta({ description: 'XLSX: sheet name (default the first sheet)' }),
        encoding: z.enum(ENCODINGS).optional()
          .meta({ description: 'CSV: force an encoding (default detected)' }),
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
      ...commonResponses(options),
      400: errorResponse('Malformed body, unreadable file (UNREADABLE_INPUT) or bad options (USAGE)'),
      413: errorResponse(`Body over ${MiB(options.limits.batchBytes)} (PAYLOAD_TOO_LARGE)`),
    },
  })

/** Registers `POST /v1/score/batch`. */
export const registerBatchRoute = (
  app: OpenAPIHono<AppEnv>,
  rules: RulePackHolder,
  { limits, gate, xlsxLimits, auth }: BatchBounds,
  logger: Logger,
): void => {
  serveRoute(app, batchRoute({ auth, limits }), async (c) => {
    const input = await readBatchInput(c, limits.batchBytes)
    const misplaced = misplacedJsonBody(input.bytes, input.options.format, input.name)
    if (misplaced) throw usage(misplaced.message, misplaced.messageEn)
    const scorer = currentScorer(rules)
    // Loaded on the first batch: the XLSX reader (exceljs) is large and one-lead clients never need it.
    const { readSheet } = await import('@chufei/sheets')
    // A turn to be read (or 503 BUSY), held until the stream ends: reading is what an upload costs.
    const leave = await gate.enter()
    const events = readSheet({ bytes: input.bytes, name: input.name }, { ...input.options, xlsxLimits })
    // Pull the first event before answering: a file that cannot be read at all is a 400, not a
    // 200 whose stream breaks off at once.
    const first = await events.next().catch((error: unknown) => {
      leave()
      throw error
    })
    c.header('content-type', 'application/x-ndjson; charset=utf-8')
    c.header('cache-control', 'no-store')
    const requestId = c.get('requestId')
    // The first event, already read, then the rest of the reader's events.
    async function* rows() {
      if (first.done) return
      yield first.value
      yield* events
    }
    return stream(c, async (out) => {
      try {
        for await (const item of scoreRows(rows(), scorer)) {
          if (out.aborted) break
          if (item.kind === 'result') await out.write(`${JSON.stringify(item.result)}\n`)
        }
      } catch (error) {
        // Headers are gone: end the stream with one error line the client can recognise.
        const problem = problemFromError(error)
        if (problem.code === 'INTERNAL' || problem.code === 'OUTPUT_FAILED') {
          logger({
            level: 'error',
            msg: 'batch failed',
            requestId,
            error: error instanceof Error ? { name: error.name, message: error.message, stack: error.stack } : String(error),
          })
        }
        await out.write(`${JSON.stringify(errorBody(problem, requestId))}\n`)
      } finally {
        await events.return(undefined).finally(leave)
      }
    })
  })
}
