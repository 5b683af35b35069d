import { CASE_SORTS, CASE_STATUSES, CaseUpdateSchema, caseHistory, caseLeads, escalatedCases, getCase, listCases, openCasesByUnit, overdueCases, updateCase, type CaseSort, type CaseView } from '@chufei/store'
import { createRoute } from '@hono/zod-openapi'
import { z } from 'zod'
import { jsonResponse } from '../middleware/request-context'
import { errorResponse, json } from './_openapi'
import { parseInput, readJsonInput, STORE_SECURITY, storeErrorResponses, type StoreRoute } from './_store'
import { isoDateParam, unitParam } from './_store-query'
import { CaseBody, CaseDetailBody, CasePageBody, OverdueCaseBody, UnitOpenCasesBody } from './_store-schemas'

/*
 * Cases (案件) and their follow-up (一事一策) over the store: the list a unit works through with its filters,
 * one case with its leads across sweeps and its history, the edit with an optimistic version (a stale one
 * is 409 carrying the case as it is now), and the overdue, escalated and open-by-unit lists.
 */

const IdParams = z.object({ id: z.coerce.number().int().positive().max(2 ** 53 - 1) })
const bool = z.enum(['true', 'false']).transform((v) => v === 'true')
const list = <T extends string>(values: z.ZodType<T, string>) =>
  z
    .string()
    .max(500)
    .transform((v) => v.split(',').map((x) => x.trim()).filter((x) => x !== ''))
    .pipe(z.array(values).max(20))
const unitRef = unitParam.meta({ description: 'A unit (id or name) instead of every unit of the token; a town means the town and its villages' })

/** Most cases one page holds. */
export const MAX_CASE_PAGE = 5000

const CasesQuery = z.object({
  unit: unitRef.optional(),
  tier: list(z.string().max(20)).optional().meta({ description: 'Tiers, comma-separated (red,orange,…)' }),
  status: list(z.enum(CASE_STATUSES)).optional().meta({ description: 'Statuses, comma-separated (待核查,处置中,…)' }),
  open: bool.optional().meta({ description: 'true: 待核查 and 处置中 only; false: closed only' }),
  overdue: z.literal('true').transform(() => true).optional().meta({ description: 'true: only open cases whose deadline is before asOf' }),
  asOf: isoDateParam.optional().meta({ description: 'The day overdue is counted at; default today' }),
  escalated: bool.optional(),
  resurfacing: bool.optional().meta({ description: '卷土重来: matches a closed case' }),
  search: z.string().max(100).optional().meta({ description: 'Part of the subject name or credit code' }),
  disposition: list(z.string().max(40)).optional().meta({ description: 'Dispositions (处置建议), comma-separated (report-police,…)' }),
  pattern: z.string().min(1).max(100).optional().meta({ description: 'A pattern (重点行为) of the case’s last sweep' }),
  sort: z.enum(CASE_SORTS).optional().meta({ description: 'severity (default), deadline (soonest first), updated (latest first), subject or id; the overdue list is most overdue first unless given' }),
  limit: z.coerce.number().int().min(1).max(MAX_CASE_PAGE).default(500),
  offset: z.coerce.number().int().min(0).max(2 ** 31 - 1).default(0),
})
type CasesQueryValue = z.infer<typeof CasesQuery>

const DateQuery = z.object({ asOf: isoDateParam.optional().meta({ description: 'Default today' }), unit: unitRef.optional() })
const UnitQuery = z.object({ unit: unitRef.optional() })
const OverdueQuery = DateQuery.extend({
  limit: z.coerce.number().int().min(1).max(MAX_CASE_PAGE).default(500).meta({ description: 'The most overdue first: a page of this many' }),
  offset: z.coerce.number().int().min(0).max(2 ** 31 - 1).default(0),
})

/** Whether a case passes the filters the overdue list has no SQL for. */
const passes = (c: CaseView, q: CasesQueryValue): boolean =>
  (q.tier === undefined || q.tier.includes(c.tier)) &&
  (q.status === undefined || q.status.includes(c.status)) &&
  (q.escalated === undefined || c.escalated === q.escalated) &&
  (q.resurfacing === undefined || (c.resurfacedFrom !== null) === q.resurfacing) &&
  (q.search === undefined || c.subject.name.includes(q.search) || (c.subject.creditCode ?? '').includes(q.search.toUpperCase())) &&
  (q.disposition === undefined || q.disposition.includes(c.disposition))

/** The list's orders, for the overdue list (sorted here): as the store's SQL orders them. */
const COMPARE: Record<CaseSort, (a: CaseView, b: CaseView) => number> = {
  severity: (a, b) => b.total - a.total || a.id - b.id,
  deadline: (a, b) => (a.deadline ?? '9999').localeCompare(b.deadline ?? '9999') || a.id - b.id,
  updated: (a, b) => b.updatedAt.localeCompare(a.updatedAt) || a.id - b.id,
  subject: (a, b) => (a.subject.name < b.subject.name ? -1 : a.subject.name > b.subject.name ? 1 : a.id - b.id),
  id: (a, b) => a.id - b.id,
}

/** The ids of the open cases with a pattern (the overdue list has no SQL for it): page by page. */
const withPattern = async (s: Parameters<StoreRoute['handle']>[1], q: CasesQueryValue): Promise<Set<number>> => {
  const ids = new Set<number>()
  for (let offset = 0; ; offset += 10_000) {
    const page = await listCases(s.db, s.actor, { ...(q.unit === undefined ? {} : { unit: q.unit }), pattern: q.pattern!, open: true, sort: 'id', limit: 10_000, offset })
    for (const c of page) ids.add(c.id)
    if (page.length < 10_000) return ids
  }
}

const idOf = (c: Parameters<StoreRoute['handle']>[0]) => parseInput(IdParams, c.req.param(), { zh: '地址参数', en: 'path' }).id

/** The routes of cases. */
export const CASE_ROUTES: readonly StoreRoute[] = [
  {
    route: createRoute({
      method: 'get',
      path: '/v1/cases',
      summary: '案件台账 Cases',
      description: 'The cases of the token’s units, most severe first, a page at a time. `overdue=true` lists the overdue ones (most overdue first); an open case whose deadline is before `asOf` is overdue.',
      tags: ['store'],
      security: STORE_SECURITY,
      request: { query: CasesQuery },
      responses: { 200: { description: 'A page of cases', content: json(CasePageBody) }, ...storeErrorResponses() },
    }),
    handle: async (c, s) => {
      const q = parseInput(CasesQuery, c.req.query(), { zh: '查询参数', en: 'query' })
      let page: CaseView[]
      if (q.overdue === true) {
        // The overdue list is small (open cases past their deadline): filtered here, then paged.
        const patterned = q.pattern === undefined ? undefined : await withPattern(s, q)
        const all = (await overdueCases(s.db, s.actor, { asOf: q.asOf ?? s.today(), ...(q.unit === undefined ? {} : { unit: q.unit }) })).filter(
          (x) => passes(x, q) && (patterned === undefined || patterned.has(x.id)),
        )
        if (q.sort !== undefined) all.sort(COMPARE[q.sort])
        page = all.slice(q.offset, q.offset + q.limit + 1)
      } else {
        page = await listCases(s.db, s.actor, {
          ...(q.unit === undefined ? {} : { unit: q.unit }),
          ...(q.tier === undefined ? {} : { tier: q.tier }),
          ...(q.status === undefined ? {} : { status: q.status }),
          ...(q.open === undefined ? {} : { open: q.open }),
          ...(q.escalated === undefined ? {} : { escalated: q.escalated }),
          ...(q.resurfacing === undefined ? {} : { resurfacing: q.resurfacing }),
          ...(q.search === undefined ? {} : { search: q.search }),
          ...(q.disposition === undefined ? {} : { disposition: q.disposition }),
          ...(q.pattern === undefined ? {} : { pattern: q.pattern }),
          ...(q.sort === undefined ? {} : { sort: q.sort }),
          // One more than the page: whether another page follows.
          limit: q.limit + 1,
          offset: q.offset,
        })
      }
      return jsonResponse(c.get('requestId'), { items: page.slice(0, q.limit), limit: q.limit, offset: q.offset, more: page.length > q.limit })
    },
  },
  {
    route: createRoute({
      method: 'get',
      path: '/v1/cases/{id}',
      summary: '案件详情 One case',
      description: 'The case, its leads across sweeps (each with its scored result) and its history (every change: who, when, before → after). A case outside the token’s units is 404.',
      tags: ['store'],
      security: STORE_SECURITY,
      request: { params: IdParams },
      responses: { 200: { description: 'The case', content: json(CaseDetailBody) }, ...storeErrorResponses() },
    }),
    handle: async (c, s) => {
      const id = idOf(c)
      const found = await getCase(s.db, s.actor, id)
      return jsonResponse(c.get('requestId'), { case: found, leads: await caseLeads(s.db, s.actor, id), events: await caseHistory(s.db, s.actor, id) })
    },
  },
  {
    route: createRoute({
      method: 'patch',
      path: '/v1/cases/{id}',
      summary: '跟进处置 Update a case’s follow-up',
      description: 'Status, measures, deadline, plan (一事一策) and notes, with the `version` the edit was made on. A stale version is 409 CONFLICT whose `details.current` is the case now; nothing is overwritten. A town office, or a village user on its own unit’s cases.',
      tags: ['store'],
      security: STORE_SECURITY,
      request: { params: IdParams, body: { required: true, content: json(CaseUpdateSchema.meta({ id: 'CaseUpdate' }), { version: 1, status: '处置中', measures: '约谈负责人，责令停止宣传', deadline: '2024-07-31' }) } },
      responses: {
        200: { description: 'The case after the edit', content: json(CaseBody) },
        ...storeErrorResponses(),
        409: errorResponse('Stale version (CONFLICT): details.current is the case as it is now'),
      },
    }),
    handle: async (c, s) => {
      const id = idOf(c)
      return jsonResponse(c.get('requestId'), await updateCase(s.db, s.actor, id, await readJsonInput(c, s, CaseUpdateSchema)))
    },
  },
  {
    route: createRoute({
      method: 'get',
      path: '/v1/overdue',
      summary: '逾期清单 Overdue cases',
      description:
        'Open cases (待核查, 处置中) whose deadline is before `asOf` (default today), most overdue first, with days overdue — a page of `limit` (500 by default). How many there are in all: `overdue` of GET /v1/open-cases.',
      tags: ['store'],
      security: STORE_SECURITY,
      request: { query: OverdueQuery },
      responses: { 200: { description: 'Overdue cases', content: json(z.array(OverdueCaseBody)) }, ...storeErrorResponses() },
    }),
    handle: async (c, s) => {
      const q = parseInput(OverdueQuery, c.req.query(), { zh: '查询参数', en: 'query' })
      return jsonResponse(c.get('requestId'), await overdueCases(s.db, s.actor, { asOf: q.asOf ?? s.today(), limit: q.limit, offset: q.offset, ...(q.unit === undefined ? {} : { unit: q.unit }) }))
    },
  },
  {
    route: createRoute({
      method: 'get',
      path: '/v1/escalated',
      summary: '升级清单 Escalated cases',
      description: 'Open cases whose tier rose at their last sweep.',
      tags: ['store'],
      security: STORE_SECURITY,
      request: { query: UnitQuery },
      responses: { 200: { description: 'Escalated cases', content: json(z.array(CaseBody)) }, ...storeErrorResponses() },
    }),
    handle: async (c, s) => {
      const q = parseInput(UnitQuery, c.req.query(), { zh: '查询参数', en: 'query' })
      return jsonResponse(c.get('requestId'), await escalatedCases(s.db, s.actor, q.unit === undefined ? {} : { unit: q.unit }))
    },
  },
  {
    route: createRoute({
      method: 'get',
      path: '/v1/open-cases',
      summary: '在办案件统计 Open cases by unit',
      description: 'For each unit of the token: open cases, by tier, and how many are overdue at `asOf` (default today).',
      tags: ['store'],
      security: STORE_SECURITY,
      request: { query: DateQuery.pick({ asOf: true }) },
      responses: { 200: { description: 'By unit', content: json(z.array(UnitOpenCasesBody)) }, ...storeErrorResponses() },
    }),
    handle: async (c, s) => {
      const q = parseInput(DateQuery.pick({ asOf: true }), c.req.query(), { zh: '查询参数', en: 'query' })
      return jsonResponse(c.get('requestId'), await openCasesByUnit(s.db, s.actor, { asOf: q.asOf ?? s.today() }))
    },
  },
]
