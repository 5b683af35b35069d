import { computeStats, createPatternLabels, renderReportHtml } from '@chufei/ledger'
import { caseTrend, latestSweepRecords } from '@chufei/store'
import { createRoute } from '@hono/zod-openapi'
import { z } from 'zod'
import { jsonResponse } from '../middleware/request-context'
import { json } from './_openapi'
import { parseInput, STORE_SECURITY, storeErrorResponses, type StoreRoute } from './_store'
import { isoDateParam, unitParam } from './_store-query'

/*
 * Figures and report from the store (统计与报告): the trend of a period per unit (新增, 升级, 降级, 化解,
 * 逾期, 在办) from `caseTrend`, and the summary report of each unit's latest sweep of the period with that
 * trend — the same report `chufei report --store` writes. Both read as the token's user.
 */

const unitRef = unitParam.meta({ description: 'A unit (id or name) instead of every unit of the token; a town means the town and its villages' })

const PeriodQuery = z.object({
  unit: unitRef.optional(),
  from: isoDateParam.optional().meta({ description: 'First day of the period; default the first day of the quarter of `to`' }),
  to: isoDateParam.optional().meta({ description: 'Last day of the period, the day overdue is judged at; default today' }),
})

/** The period of a query: `to` defaults to today, `from` to the first day of `to`'s quarter (sweeps are quarterly). */
const periodOf = (q: z.infer<typeof PeriodQuery>, today: string) => {
  const to = q.to ?? today
  const from = q.from ?? `${to.slice(0, 4)}-${String(Math.floor((Number(to.slice(5, 7)) - 1) / 3) * 3 + 1).padStart(2, '0')}-01`
  return { from, to, ...(q.unit === undefined ? {} : { unit: q.unit }) }
}

const Figures = {
  opened: z.number().int().meta({ description: '新增: cases opened by a sweep dated in the period' }),
  escalated: z.number().int().meta({ description: '升级: tier rises at sweeps in the period' }),
  deEscalated: z.number().int().meta({ description: '降级: tier falls at sweeps in the period' }),
  resolved: z.number().int().meta({ description: '化解: set to 已化解 in the period' }),
  overdue: z.number().int().meta({ description: '逾期: in hand with the deadline before `to`' }),
  open: z.number().int().meta({ description: '在办: in hand (待核查, 处置中) now' }),
}
const TrendBody = z
  .object({
    from: z.string(),
    to: z.string(),
    units: z.array(z.object({ unitId: z.number().int(), unit: z.string(), ...Figures })),
    total: z.object(Figures),
  })
  .meta({ id: 'Trend' })

// The report styles itself inline and loads nothing: the page's own policy, instead of the API's default-src 'none'.
// Framed by the same origin only: the console's report page shows it in an iframe and prints it from there.
const REPORT_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'self'"

/** The routes of figures and the report. */
export const TREND_ROUTES: readonly StoreRoute[] = [
  {
    route: createRoute({
      method: 'get',
      path: '/v1/trend',
      summary: '动态趋势 Trend per unit and period',
      description: 'For each unit of the token (or `unit` and those under it) with anything to count: 新增, 升级, 降级 (on the sweep’s date), 化解 (on the day it was set), 逾期 at `to`, and the cases in hand now; and the totals.',
      tags: ['store'],
      security: STORE_SECURITY,
      request: { query: PeriodQuery },
      responses: { 200: { description: 'The trend', content: json(TrendBody) }, ...storeErrorResponses() },
    }),
    handle: async (c, s) => {
      const q = parseInput(PeriodQuery, c.req.query(), { zh: '查询参数', en: 'query' })
      return jsonResponse(c.get('requestId'), await caseTrend(s.db, s.actor, periodOf(q, s.today())))
    },
  },
  {
    route: createRoute({
      method: 'get',
      path: '/v1/report.html',
      summary: '风险排查总结报告 Summary report',
      description: 'The summary report (HTML, printable on A4, self-contained) of each unit’s latest sweep in the period, with the cases’ follow-up and the trend section; overdue is judged at `to`. The same report as `chufei report --store`.',
      tags: ['store'],
      security: STORE_SECURITY,
      request: { query: PeriodQuery },
      responses: { 200: { description: 'The report', content: { 'text/html': { schema: z.string() } } }, ...storeErrorResponses() },
    }),
    handle: async (c, s) => {
      const period = periodOf(parseInput(PeriodQuery, c.req.query(), { zh: '查询参数', en: 'query' }), s.today())
      const patternLabels = createPatternLabels(s.rules.current()?.pack.patterns)
      const read = await latestSweepRecords(s.db, s.actor, { ...period, patternLabels })
      const trend = await caseTrend(s.db, s.actor, period)
      const stats = computeStats(read.records, { today: period.to, counts: read.counts, lang: 'zh', patternLabels })
      const source =
        read.sweeps.length === 0
          ? `案件库（${period.from}至${period.to}没有排查批次）`
          : `案件库 ${read.sweeps.map((x) => `第${x.id}批（${x.unit}，排查日期${x.date}，${x.fileName}）`).join('、')}`
      c.header('content-security-policy', REPORT_CSP)
      c.header('cache-control', 'no-store')
      return c.html(renderReportHtml({ stats, source, trend }))
    },
  },
]
