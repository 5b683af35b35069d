import { computeStats, createPatternLabels, type Group } from '@chufei/ledger'
import { latestSweepCases, latestSweepRecords } from '@chufei/store'
import { createRoute } from '@hono/zod-openapi'
import { z } from 'zod'
import { jsonResponse } from '../middleware/request-context'
import { json } from './_openapi'
import { parseInput, STORE_SECURITY, storeErrorResponses, type StoreRoute } from './_store'
import { isoDateParam, unitParam } from './_store-query'
import { CaseBody } from './_store-schemas'

/*
 * The console's home page figures (首页总览): the breakdowns of each unit's latest sweep up to a day — by tier,
 * village, sector and key pattern, from the ledger's `computeStats` over the same records the summary report
 * reads (so home and report cannot disagree) — and "new this sweep": the latest sweep and the cases it opened.
 * Read as the token's user: a village sees its own leads and cases only.
 */

const OverviewQuery = z.object({
  unit: unitParam.optional().meta({ description: 'A unit (id or name) instead of every unit of the token; a town means the town and its villages' }),
  from: isoDateParam.optional().meta({ description: 'Only sweeps dated from this day; default every sweep' }),
  to: isoDateParam.optional().meta({ description: 'Only sweeps dated up to this day, the day overdue is judged at; default today' }),
  newCases: z.coerce.number().int().min(0).max(200).default(20).meta({ description: 'How many of the latest sweep’s new cases to list' }),
})

// Every sweep when no start is given: the earliest day a sweep date can hold in practice.
const ALL_SWEEPS_FROM = '1900-01-01'

const GroupBody = z.object({
  key: z.string().meta({ description: 'The slug (tier, sector, pattern) or the village name; "" when the sheet did not say' }),
  label: z.string(),
  leads: z.number().int(),
  keyLeads: z.number().int().meta({ description: '重点线索: yellow tier and above' }),
})

const OverviewBody = z
  .object({
    from: z.string(),
    to: z.string(),
    rows: z.object({ read: z.number().int(), scored: z.number().int(), rejected: z.number().int(), skipped: z.number().int() }),
    byTier: z.array(GroupBody),
    byVillage: z.array(GroupBody),
    bySector: z.array(GroupBody),
    byPattern: z.array(GroupBody),
    latestSweep: z.object({ id: z.number().int(), date: z.string(), unit: z.string(), fileName: z.string() }).nullable(),
    opened: z.number().int().meta({ description: 'Cases the latest sweep opened in the token’s units' }),
    newCases: z.array(CaseBody),
  })
  .meta({ id: 'Overview' })

const groups = (list: readonly Group[]) => list.map((g) => ({ key: g.key, label: g.label, leads: g.leads, keyLeads: g.keyLeads }))

/** The route of the home page's figures. */
export const OVERVIEW_ROUTES: readonly StoreRoute[] = [
  {
    route: createRoute({
      method: 'get',
      path: '/v1/overview',
      summary: '首页总览 Figures of the latest sweeps',
      description:
        'The leads of each unit’s latest sweep from `from` to `to`, by tier, village, sector and key pattern (the summary report’s own figures), and the latest sweep with the cases it opened — within the token’s units.',
      tags: ['store'],
      security: STORE_SECURITY,
      request: { query: OverviewQuery },
      responses: { 200: { description: 'The figures', content: json(OverviewBody) }, ...storeErrorResponses() },
    }),
    handle: async (c, s) => {
      const q = parseInput(OverviewQuery, c.req.query(), { zh: '查询参数', en: 'query' })
      const period = { from: q.from ?? ALL_SWEEPS_FROM, to: q.to ?? s.today(), ...(q.unit === undefined ? {} : { unit: q.unit }) }
      const patternLabels = createPatternLabels(s.rules.current()?.pack.patterns)
      const read = await latestSweepRecords(s.db, s.actor, { ...period, patternLabels })
      const stats = computeStats(read.records, { today: period.to, counts: read.counts, lang: 'zh', patternLabels })
      const latest = await latestSweepCases(s.db, s.actor, { ...(q.unit === undefined ? {} : { unit: q.unit }), limit: Math.max(1, q.newCases) })
      return jsonResponse(c.get('requestId'), {
        from: period.from,
        to: period.to,
        rows: stats.rows,
        byTier: groups(stats.byTier),
        byVillage: groups(stats.byVillage),
        bySector: groups(stats.bySector),
        byPattern: groups(stats.byPattern),
        latestSweep: latest.sweep,
        opened: latest.opened,
        newCases: latest.cases.slice(0, q.newCases),
      })
    },
  },
]
