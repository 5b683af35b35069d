import { scoreRows } from '@chufei/core'
import type { ReadSheetOptions, SheetFormat, XlsxLimits } from '@chufei/sheets'
import type { OpenAPIHono } from '@hono/zod-openapi'
import type { Context } from 'hono'
import { stream } from 'hono/streaming'
import type { AppEnv } from '../_env'
import type { BodyLimits } from '../app'
import { readBody, requireMediaType } from '../body'
import { apiFailure, problemFromError, type ErrorBody } from '../errors'
import type { Logger } from '../logger'
import type { ParseGate } from '../parse-gate'
import type { RulePackHolder } from '../rule-pack-holder'
import { misplacedJsonBody } from './_json-document'
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
export const CSV_ENCODINGS: readonly string[] = ['utf-8', 'gb18030', 'gbk', 'utf-16le', 'utf-16be']

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

interface BatchInput {
  bytes: Uint8Array
  name: string
  options: ReadSheetOptions
}

/** What to read: the raw body, or the `file` part of a multipart upload. */
const batchInput = async (c: Context<AppEnv>, limit: number): Promise<BatchInput> => {
  const type = requireMediaType(c, [...Object.keys(BATCH_MEDIA_TYPES), MULTIPART])
  const bytes = await readBody(c, limit)
  if (type !== MULTIPART) {
    const format = BATCH_MEDIA_TYPES[type]!
    return { bytes, name: `batch.${format}`, options: { format, ...readOptions(c.req.query('sheet'), c.req.query('encoding')) } }
  }
  let form: FormData
  try {
    form = await new Response(bytes, { headers: { 'content-type': c.req.header('content-type') ?? '' } }).formData()
  } catch {
    throw apiFailure({ code: 'MALFORMED_BODY', message: 'multipart 请求体格式错误', messageEn: 'Malformed multipart body' })
  }
  const file = form.get('file')
  if (file === null || typeof file === 'string') {
    throw usage('请在表单字段 file 中上传排查表文件', 'Upload the sheet in the form field `file`')
  }
  return {
    bytes: new Uint8Array(await file.arrayBuffer()),
    name: file.name || 'upload',
    options: readOptions(form.get('sheet') ?? c.req.query('sheet'), form.get('encoding') ?? c.req.query('encoding')),
  }
}

/** What bounds a batch: its body size, how many are read at once, and what an XLSX may inflate to. */
export interface BatchBounds {
  readonly limits: BodyLimits
  readonly gate: ParseGate
  readonly xlsxLimits: Partial<XlsxLimits>
}

/** Registers `POST /v1/score/batch`. */
export const registerBatchRoute = (
  app: OpenAPIHono<AppEnv>,
  rules: RulePackHolder,
  { limits, gate, xlsxLimits }: BatchBounds,
  logger: Logger,
): void => {
  app.post('/v1/score/batch', async (c) => {
    const input = await batchInput(c, limits.batchBytes)
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
        const body: ErrorBody = {
          error: {
            code: problem.code,
            message: problem.message,
            messageEn: problem.messageEn,
            details: problem.details ?? null,
            requestId,
          },
        }
        await out.write(`${JSON.stringify(body)}\n`)
      } finally {
        await events.return(undefined).finally(leave)
      }
    })
  })
}
