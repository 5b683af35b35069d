import { LEDGER_MEDIA_TYPES, SWEEP_LEDGER_FORMATS, sweepPackFiles, sweepResults, writeSweepLedger } from '@chufei/store'
import { createRoute } from '@hono/zod-openapi'
import { z } from 'zod'
import { currentScorer } from './_scorer'
import { scoringPack } from './_scoring-pack'
import { parseInput, STORE_SECURITY, storeErrorResponses, type StoreRoute } from './_store'
import { contentDisposition } from './store-ledger'

/*
 * A stored sweep's risk ledger (风险台账) as a download: the total list (总量风险清单) with every lead — the many
 * an import keeps without a case among them — the key-lead sheet, reasons, statistics and 说明, as `chufei score`
 * writes them, from the stored results. Labels and 说明 come from the pack that scored the sweep when the server
 * has it. Writing a workbook is CPU work on the request thread, so it takes a turn of the parse gate (one at a
 * time, a few waiting, then 503 BUSY) like an upload.
 */

const IdParams = z.object({ id: z.coerce.number().int().positive().max(2 ** 31 - 1) })
const LedgerQuery = z.object({
  format: z.enum(SWEEP_LEDGER_FORMATS).default('xlsx').meta({ description: 'xlsx (default: six sheets) or csv (the ledger sheet, UTF-8 with a BOM, CRLF)' }),
  lang: z.enum(['zh', 'en']).default('zh').meta({ description: 'Headers and labels: zh (default) or en' }),
})

/** The sweep ledger route. */
export const SWEEP_LEDGER_ROUTES: readonly StoreRoute[] = [
  {
    route: createRoute({
      method: 'get',
      path: '/v1/sweeps/{id}/ledger',
      summary: '批次风险台账 A sweep’s risk ledger (total list)',
      description: [
        'Every lead of the sweep the token may read — with a case or only on the total list (总量风险清单) — with the key-lead sheet, reasons, problem rows,',
        'statistics and 说明 (XLSX), as `chufei score` writes the ledger of the sheet on the sweep’s day, from the results stored at import (not scored',
        'again). A village gets its own rows of a town-wide sweep. The file name is Chinese, in `filename*` (RFC 5987).',
      ].join(' '),
      tags: ['store'],
      security: STORE_SECURITY,
      request: { params: IdParams, query: LedgerQuery },
      responses: {
        200: {
          description: 'The ledger file (header X-Ledger-Rows: how many leads)',
          content: { [LEDGER_MEDIA_TYPES.xlsx]: { schema: z.string().meta({ format: 'binary' }) }, 'text/csv': { schema: z.string() } },
        },
        ...storeErrorResponses(),
      },
    }),
    handle: async (c, s) => {
      const { id } = parseInput(IdParams, c.req.param(), { zh: '地址参数', en: 'path' })
      const q = parseInput(LedgerQuery, c.req.query(), { zh: '查询参数', en: 'query' })
      const results = await sweepResults(s.db, s.actor, id)
      const pack = (await scoringPack(s, results.sweep.pack.hash, () => sweepPackFiles(s.db, s.actor, id))) ?? currentScorer(s.rules).pack
      const leave = await s.gate.enter()
      let file
      try {
        file = await writeSweepLedger(results, pack, q)
      } finally {
        leave()
      }
      const stem = q.lang === 'zh' ? `风险台账-第${id}批-${results.sweep.date}` : `risk-ledger-sweep-${id}-${results.sweep.date}`
      return c.body(file.bytes as Uint8Array<ArrayBuffer>, 200, {
        'content-type': LEDGER_MEDIA_TYPES[q.format],
        'content-disposition': contentDisposition(`${stem}.${q.format}`, `risk-ledger-sweep-${id}.${q.format}`),
        'cache-control': 'no-store',
        'x-ledger-rows': String(file.rows),
      })
    },
  },
]
