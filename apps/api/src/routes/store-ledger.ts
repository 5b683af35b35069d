import { createHash } from 'node:crypto'
import { ChufeiError } from '@chufei/core'
import {
  LEDGER_FILE_KINDS,
  LEDGER_MEDIA_TYPES,
  applyLedgerImport,
  exportCaseLedger,
  findUnit,
  ledgerFileBytes,
  planLedgerImport,
  readLedgerRows,
  type LedgerImportPlan,
} from '@chufei/store'
import { createRoute } from '@hono/zod-openapi'
import type { Context } from 'hono'
import { z } from 'zod'
import type { AppEnv } from '../_env'
import { jsonResponse } from '../middleware/request-context'
import { MiB, errorResponse, json } from './_openapi'
import { parseInput, STORE_SECURITY, storeErrorResponses, type StoreContext, type StoreRoute } from './_store'
import { isoDateParam, unitParam } from './_store-query'
import { LedgerApplyBody, LedgerPreviewBody } from './_store-ledger-schemas'
import { BATCH_MEDIA_TYPES, readBatchInput } from './batch'

/*
 * The case ledger out and back over HTTP (台账导出与回填), the routes of `chufei ledger export|import`: the
 * download is the file the CLI writes (the store's `ledgerFileBytes`), the preview is the CLI's plan, and the
 * apply takes the plan's hash so what is written is what the user saw. An upload is bounded as a sweep's is:
 * the batch body limit, the XLSX inflation limits and the parse gate.
 */

const ExportQuery = z.object({
  unit: unitParam.optional().meta({ description: 'A unit (id or name) and the units under it; default every unit of the token' }),
  format: z.enum(LEDGER_FILE_KINDS).default('xlsx').meta({ description: 'xlsx (default) or csv (UTF-8 with a BOM, CRLF)' }),
  asOf: isoDateParam.optional().meta({ description: 'Each case as it stood at the end of that day (UTC); default now' }),
  lang: z.enum(['zh', 'en']).default('zh').meta({ description: 'Headers and labels: zh (default) or en' }),
})

/** RFC 5987 `filename*` value: UTF-8, percent-encoded beyond the attribute characters. */
const rfc5987 = (name: string): string => encodeURIComponent(name).replace(/['()*]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`)

/** `attachment` with an ASCII fallback name and the real (Chinese) one, for every browser. */
export const contentDisposition = (name: string, fallback: string): string => `attachment; filename="${fallback}"; filename*=UTF-8''${rfc5987(name)}`

/** The download's file name: 案件台账-<单位>-<日期>.xlsx, and an ASCII one for old clients. */
const fileNames = (unit: string | undefined, date: string, kind: string, lang: 'zh' | 'en') => {
  // A unit name is the user's text: only what a file name may hold (no path separators, quotes, controls).
  const safe = unit?.replace(/[\\/:*?"<>|\u0000-\u001f\u007f]/g, '_')
  const stem = lang === 'zh' ? '案件台账' : 'case-ledger'
  return { name: `${[stem, safe, date].filter((x) => x !== undefined).join('-')}.${kind}`, fallback: `case-ledger-${date}.${kind}` }
}

const download = async (c: Context<AppEnv>, s: StoreContext): Promise<Response> => {
  const q = parseInput(ExportQuery, c.req.query(), { zh: '查询参数', en: 'query' })
  // The unit first: one outside the token's units is 404 before anything is read.
  const unit = q.unit === undefined ? undefined : await findUnit(s.db, s.actor, q.unit)
  const rows = await exportCaseLedger(s.db, s.actor, { ...(unit === undefined ? {} : { unit: unit.id }), ...(q.asOf === undefined ? {} : { asOf: q.asOf }) })
  const bytes = await ledgerFileBytes(rows, q.format, q.lang)
  const { name, fallback } = fileNames(unit?.name, q.asOf ?? s.today(), q.format, q.lang)
  return c.body(bytes as Uint8Array<ArrayBuffer>, 200, {
    'content-type': LEDGER_MEDIA_TYPES[q.format],
    'content-disposition': contentDisposition(name, fallback),
    'cache-control': 'no-store',
    'x-ledger-cases': String(rows.length),
  })
}

/**
 * The plan's fingerprint: every change, conflict and problem it lists. The apply re-plans the upload and writes
 * only when the fingerprint is the one the user previewed.
 */
export const planHash = (plan: LedgerImportPlan): string =>
  `sha256:${createHash('sha256')
    .update(
      JSON.stringify({
        changes: plan.changes.map((c) => [c.caseId, c.version, c.row, c.field, c.before, c.after]),
        conflicts: plan.conflicts.map((c) => [c.caseId, c.row, c.exportedVersion, c.currentVersion, c.edits]),
        errors: plan.errors.map((e) => [e.row, e.field, e.message]),
        rows: plan.rows,
      }),
    )
    .digest('hex')}`

/** Most rows an uploaded ledger may have (header and title rows included): a town's ledger is a few thousand. */
export const MAX_LEDGER_UPLOAD_ROWS = 100_000

/** Reads the uploaded ledger (CSV or XLSX) and plans it, in a turn of the parse gate. */
const planUpload = async (c: Context<AppEnv>, s: StoreContext) => {
  const input = await readBatchInput(c, s.limits.batchBytes, { zh: '修改后的台账文件（.xlsx 或 .csv）', en: 'the edited ledger (.xlsx or .csv)' })
  if (input.options.format === 'json' || input.options.format === 'jsonl' || /\.(json|jsonl|ndjson)$/i.test(input.name)) {
    throw new ChufeiError('USAGE', `台账文件须为 .xlsx 或 .csv（chufei ledger export 或控制台“导出”得到的台账），“${input.name.slice(0, 100)}”不是`)
  }
  // A turn to be read (or 503 BUSY): reading an XLSX is what an upload costs.
  const leave = await s.gate.enter()
  try {
    const rows = await readLedgerRows({ bytes: input.bytes, name: input.name }, input.name.slice(0, 255), { xlsxLimits: s.xlsxLimits, maxRows: MAX_LEDGER_UPLOAD_ROWS })
    return { input, plan: await planLedgerImport(s.db, s.actor, rows) }
  } finally {
    leave()
  }
}

const preview = async (c: Context<AppEnv>, s: StoreContext): Promise<Response> => {
  const { input, plan } = await planUpload(c, s)
  return jsonResponse(c.get('requestId'), { file: input.name, plan, planHash: planHash(plan) })
}

const HashSchema = z.object({ planHash: z.string().regex(/^sha256:[0-9a-f]{64}$/, '须为预览返回的 planHash（sha256:…）') })

const apply = async (c: Context<AppEnv>, s: StoreContext): Promise<Response> => {
  if (s.actor.role === 'readonly') throw new ChufeiError('FORBIDDEN', '只读用户不能回填台账：请由本单位或镇处非办的账号回填')
  const { input, plan } = await planUpload(c, s)
  const { planHash: expected } = parseInput(HashSchema, { planHash: input.field('planHash') }, { zh: '回填参数', en: 'apply fields' })
  const hash = planHash(plan)
  if (hash !== expected) {
    throw new ChufeiError('CONFLICT', '预览之后台账文件或案件库已有变化，未写入任何修改：请重新预览后再确认', { data: { reason: 'plan-changed', plan, planHash: hash } })
  }
  if (plan.conflicts.length > 0) {
    throw new ChufeiError(
      'CONFLICT',
      `有 ${plan.conflicts.length} 件案件在导出后已被修改（${plan.conflicts.map((x) => `第 ${x.row} 行案件 ${x.caseId}`).join('、')}），未写入任何修改：请重新导出台账后再改，或把这些行改回后重新导入`,
      { data: { reason: 'conflicts', conflicts: plan.conflicts } },
    )
  }
  const outcome = await applyLedgerImport(s.db, s.actor, plan)
  if (outcome.conflicts.length > 0) {
    // Changed between this plan and its write (a second or so): those cases are refused, the rest are written.
    throw new ChufeiError('CONFLICT', `有 ${outcome.conflicts.length} 件案件在写入时被他人修改，未回填；其余 ${outcome.updated.length} 件已回填`, {
      data: { reason: 'raced', conflicts: outcome.conflicts, updated: outcome.updated.map((u) => u.id) },
    })
  }
  return jsonResponse(c.get('requestId'), { file: input.name, updated: outcome.updated, errors: plan.errors })
}

const uploadBody = (extra: Record<string, z.ZodType> = {}) => ({
  required: true,
  content: {
    'multipart/form-data': {
      schema: z.object({ file: z.string().meta({ format: 'binary', description: 'The edited ledger, .xlsx or .csv' }), ...extra }),
    },
    'text/csv': { schema: z.string() },
    [Object.keys(BATCH_MEDIA_TYPES).find((t) => BATCH_MEDIA_TYPES[t] === 'xlsx')!]: { schema: z.string().meta({ format: 'binary' }) },
  },
})

/** The routes of the ledger out and back. */
export const LEDGER_ROUTES = (limits: { batchBytes: number }): readonly StoreRoute[] => [
  {
    route: createRoute({
      method: 'get',
      path: '/v1/ledger',
      summary: '导出案件台账 Export the case ledger',
      description: [
        'The case ledger of the token’s units (or `unit` and those under it) as a file download, by case id: the same bytes `chufei ledger export`',
        'writes for the same store state (XLSX: but for the creation time exceljs stamps). Edit 状态, 处置措施, 整改时限, 一事一策 and 备注, then',
        'bring it back with POST /v1/ledger/preview and /v1/ledger/apply. The file name is Chinese, in `filename*` (RFC 5987).',
      ].join(' '),
      tags: ['store'],
      security: STORE_SECURITY,
      request: { query: ExportQuery },
      responses: {
        200: {
          description: 'The ledger file (header X-Ledger-Cases: how many cases)',
          content: { [LEDGER_MEDIA_TYPES.xlsx]: { schema: z.string().meta({ format: 'binary' }) }, 'text/csv': { schema: z.string() } },
        },
        ...storeErrorResponses(),
      },
    }),
    handle: download,
  },
  {
    route: createRoute({
      method: 'post',
      path: '/v1/ledger/preview',
      summary: '台账回填预览 Preview an edited ledger',
      description: [
        'The edited ledger (multipart field `file`, or the raw CSV/XLSX body) compared with the store: every change (case, field, before → after),',
        'every conflict (edited in the sheet and changed in the store since the export) and every row that cannot be read or applied, with its line.',
        `Nothing is written. Give \`planHash\` back to POST /v1/ledger/apply. Limit: ${MiB(limits.batchBytes)}.`,
      ].join(' '),
      tags: ['store'],
      security: STORE_SECURITY,
      request: { body: uploadBody() },
      responses: {
        200: { description: 'The plan and its hash', content: json(LedgerPreviewBody) },
        ...storeErrorResponses(),
        413: errorResponse(`Body over ${MiB(limits.batchBytes)} (PAYLOAD_TOO_LARGE)`),
        415: errorResponse('Unsupported Content-Type (UNSUPPORTED_MEDIA_TYPE)'),
        503: errorResponse('Too many uploads being read (BUSY; see Retry-After)'),
      },
    }),
    handle: preview,
  },
  {
    route: createRoute({
      method: 'post',
      path: '/v1/ledger/apply',
      summary: '台账回填 Apply an edited ledger',
      description: [
        'The same upload as the preview, with the preview’s `planHash` (form field or query). The file is planned again; when the plan is not the',
        'one previewed, or any case is a conflict, the answer is 409 and nothing is written (`details.reason`: plan-changed, conflicts). Otherwise',
        'each changed case gets one follow-up event (on the version it was exported at). A town office, or a village user on its own unit’s cases.',
      ].join(' '),
      tags: ['store'],
      security: STORE_SECURITY,
      request: { query: z.object({ planHash: z.string().optional() }), body: uploadBody({ planHash: z.string() }) },
      responses: {
        200: { description: 'The cases updated, and the rows left out', content: json(LedgerApplyBody) },
        ...storeErrorResponses(),
        409: errorResponse('The plan changed since the preview, or a case changed since the export (CONFLICT): details.conflicts lists them; nothing written'),
        413: errorResponse(`Body over ${MiB(limits.batchBytes)} (PAYLOAD_TOO_LARGE)`),
        415: errorResponse('Unsupported Content-Type (UNSUPPORTED_MEDIA_TYPE)'),
        503: errorResponse('Too many uploads being read (BUSY; see Retry-After)'),
      },
    }),
    handle: apply,
  },
]
