import { ChufeiError } from '@chufei/core'
import { importSweep, listSweeps, sweepLeads, type Actor, type Db } from '@chufei/store'
import { createRoute } from '@hono/zod-openapi'
import { z } from 'zod'
import { jsonResponse } from '../middleware/request-context'
import { MiB, errorResponse, json } from './_openapi'
import { parseInput, STORE_SECURITY, storeErrorResponses, type StoreContext, type StoreRoute } from './_store'
import { isoDateParam } from './_store-query'
import { ImportOutcomeBody, SweepBody, SweepDetailBody, SweepLeadBody } from './_store-schemas'
import { BATCH_MEDIA_TYPES, readBatchInput } from './batch'
import { currentScorer } from './_scorer'

/*
 * Sweeps (排查批次) over the store: upload a sheet to import it (scored with the pack being served, stored
 * with every lead linked to its case, in one transaction), list the sweeps, and read one with its rejected
 * rows (line and reason, so the village can fix its sheet). An upload is bounded as a batch is: the batch
 * body limit, and the same parse gate (a few read at once, a bounded queue, then 503 BUSY).
 */

const IdParams = z.object({ id: z.coerce.number().int().positive().max(2 ** 31 - 1) })

const UploadFieldsSchema = z.object({
  unit: z.union([z.number().int().positive(), z.string().trim().min(1).max(200)]).meta({ description: 'The unit, by id or name (镇/村 when ambiguous)' }),
  date: isoDateParam.meta({ description: 'The sweep date (排查日期), YYYY-MM-DD' }),
  fileName: z.string().trim().min(1).max(255).optional().meta({ description: 'Raw body only: the file name to keep (default batch.<format>)' }),
})

const LeadsQuery = z.object({
  rejected: z.enum(['true', 'false']).optional().meta({ description: 'true: the rejected rows only; false: the scored ones only' }),
  search: z.string().trim().min(1).max(100).optional().meta({ description: 'Part of the subject’s name or the lead number, as typed' }),
  limit: z.coerce.number().int().min(1).max(10_000).default(1000),
  offset: z.coerce.number().int().min(0).max(2 ** 31 - 1).default(0),
})

/** A unit id given as digits is an id; anything else a name. */
const unitRef = (raw: string | undefined): string | number | undefined => (raw !== undefined && /^\d{1,9}$/.test(raw.trim()) ? Number(raw.trim()) : raw)

/** One sweep the actor can see, or NOT_FOUND. */
const visibleSweep = async (db: Db, actor: Actor, id: number) => {
  const sweep = (await listSweeps(db, actor)).find((s) => s.id === id)
  if (sweep === undefined) throw new ChufeiError('NOT_FOUND', `没有编号为 ${id} 的排查批次（或不在你的单位范围内）`)
  return sweep
}

/**
 * A duplicate file names the sweep it duplicates. When that sweep is outside the actor's units, say only
 * that the file was imported before: its unit, date and file name are not the actor's to read.
 */
const redactDuplicate = async (error: unknown, s: StoreContext): Promise<unknown> => {
  if (!(error instanceof ChufeiError) || error.code !== 'CONFLICT') return error
  const sweepId = error.data?.sweepId
  if (typeof sweepId !== 'number') return error
  if ((await listSweeps(s.db, s.actor)).some((x) => x.id === sweepId)) return error
  return new ChufeiError('CONFLICT', '该文件已经导入过（内容完全相同，导入的单位不在你的范围内），未重复导入', { data: { sweepId: null } })
}

const upload = async (c: Parameters<StoreRoute['handle']>[0], s: StoreContext): Promise<Response> => {
  const input = await readBatchInput(c, s.limits.batchBytes)
  const fields = parseInput(
    UploadFieldsSchema,
    { unit: unitRef(input.field('unit')), date: input.field('date'), fileName: input.field('fileName') },
    { zh: '上传参数', en: 'upload fields' },
  )
  // The pack, not the scorer: a large sheet is then scored in a worker thread and this one keeps answering.
  const { pack } = currentScorer(s.rules)
  // A turn to be read (or 503 BUSY): reading and scoring the sheet is what an upload costs.
  const leave = await s.gate.enter()
  try {
    const outcome = await importSweep(s.db, s.actor, {
      bytes: input.bytes,
      fileName: fields.fileName ?? input.name,
      unit: fields.unit,
      date: fields.date,
      scorer: { pack },
      read: { ...input.options, xlsxLimits: s.xlsxLimits },
    }).catch(async (error: unknown) => {
      throw await redactDuplicate(error, s)
    })
    return jsonResponse(c.get('requestId'), outcome, 201)
  } finally {
    leave()
  }
}

/** The routes of sweeps. */
export const SWEEP_ROUTES = (limits: { batchBytes: number }): readonly StoreRoute[] => [
  {
    route: createRoute({
      method: 'post',
      path: '/v1/sweeps',
      summary: '导入排查表 Import a sweep',
      description: [
        'An investigation sheet (.xlsx/.csv, or JSON/NDJSON leads) uploaded as multipart/form-data (field `file`, with `unit` and `date`),',
        'or as the raw body with `unit`, `date` and `fileName` in the query. Scored with the pack being served and stored in one',
        'transaction: all rows or none. The same file twice is 409 CONFLICT naming the earlier sweep. A town office or the administrator',
        `only. Limit: ${MiB(limits.batchBytes)}; a few uploads are read at once, the rest wait or get 503 BUSY.`,
      ].join(' '),
      tags: ['store'],
      security: STORE_SECURITY,
      request: {
        query: UploadFieldsSchema.partial(),
        body: {
          required: true,
          content: {
            'multipart/form-data': {
              schema: z.object({
                file: z.string().meta({ format: 'binary', description: '.xlsx, .csv, .json or .jsonl' }),
                unit: z.string(),
                date: z.string(),
                sheet: z.string().optional(),
                encoding: z.string().optional(),
              }),
            },
            ...Object.fromEntries(Object.keys(BATCH_MEDIA_TYPES).map((type) => [type, { schema: z.string().meta({ format: 'binary' }) }])),
          },
        },
      },
      responses: {
        201: { description: 'What the import did: counts, new and linked cases, escalations, resurfacing, rejected rows', content: json(ImportOutcomeBody) },
        ...storeErrorResponses(),
        409: errorResponse('The same file was imported before (CONFLICT); details.sweepId names it when the token can read it'),
        413: errorResponse(`Body over ${MiB(limits.batchBytes)} (PAYLOAD_TOO_LARGE)`),
        415: errorResponse('Unsupported Content-Type (UNSUPPORTED_MEDIA_TYPE)'),
        503: errorResponse('No valid rule pack (NOT_READY), or too many uploads being read (BUSY; see Retry-After)'),
      },
    }),
    handle: upload,
  },
  {
    route: createRoute({
      method: 'get',
      path: '/v1/sweeps',
      summary: '排查批次列表 Sweeps',
      description: 'The sweeps the token can see, newest first: its units’, and a town’s sweeps that hold leads of its units.',
      tags: ['store'],
      security: STORE_SECURITY,
      responses: { 200: { description: 'Sweeps', content: json(z.array(SweepBody)) }, ...storeErrorResponses() },
    }),
    handle: async (c, s) => jsonResponse(c.get('requestId'), await listSweeps(s.db, s.actor)),
  },
  {
    route: createRoute({
      method: 'get',
      path: '/v1/sweeps/{id}',
      summary: '排查批次 One sweep',
      description: 'The sweep (who, when, file, pack, counts) and its rejected rows with line and reason — those of the token’s units.',
      tags: ['store'],
      security: STORE_SECURITY,
      request: { params: IdParams },
      responses: { 200: { description: 'The sweep', content: json(SweepDetailBody) }, ...storeErrorResponses() },
    }),
    handle: async (c, s) => {
      const { id } = parseInput(IdParams, c.req.param(), { zh: '地址参数', en: 'path' })
      const sweep = await visibleSweep(s.db, s.actor, id)
      return jsonResponse(c.get('requestId'), { sweep, rejected: await sweepLeads(s.db, s.actor, id, { rejected: true }) })
    },
  },
  {
    route: createRoute({
      method: 'get',
      path: '/v1/sweeps/{id}/leads',
      summary: '批次线索 The leads of a sweep',
      description: 'The rows of the sweep the token may read, in sheet order, a page at a time.',
      tags: ['store'],
      security: STORE_SECURITY,
      request: { params: IdParams, query: LeadsQuery },
      responses: { 200: { description: 'Leads', content: json(z.array(SweepLeadBody)) }, ...storeErrorResponses() },
    }),
    handle: async (c, s) => {
      const { id } = parseInput(IdParams, c.req.param(), { zh: '地址参数', en: 'path' })
      const q = parseInput(LeadsQuery, c.req.query(), { zh: '查询参数', en: 'query' })
      const leads = await sweepLeads(s.db, s.actor, id, {
        limit: q.limit,
        offset: q.offset,
        ...(q.rejected === undefined ? {} : { rejected: q.rejected === 'true' }),
        ...(q.search === undefined ? {} : { search: q.search }),
      })
      return jsonResponse(c.get('requestId'), leads)
    },
  },
]
