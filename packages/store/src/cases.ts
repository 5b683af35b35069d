import { ChufeiError } from '@chufei/core'
import { isIsoDate } from '@chufei/ledger'
import { z } from 'zod'
import { readableUnitIds, type Actor } from './actor'
import { CASE_STATUSES, CLOSED_SQL, OPEN_SQL, type CaseStatus } from './case-status'
import type { Db, SqlParam } from './db'
import { unitsToRead } from './_unit-scope'
import { storedResultSql } from './_stored-result'

/*
 * Reading cases (案件): the list a unit works through, one case with its leads across sweeps and its history,
 * the overdue list (逾期) and the escalated list (升级). Every read is filtered to the actor's units in SQL, so
 * a village never receives another village's row — not even to count it.
 */

/** A case as every reader gets it (UI-ready: plain JSON, dates as strings). */
export interface CaseView {
  readonly id: number
  readonly unitId: number
  readonly unit: string
  readonly subject: { id: number; name: string; creditCode: string | null; controller: string | null; places: Record<string, string> }
  readonly tier: string
  readonly total: number
  readonly disposition: string
  readonly measures: string
  /** 整改时限, YYYY-MM-DD. */
  readonly deadline: string | null
  readonly status: CaseStatus
  /** 一事一策: the case's own plan. */
  readonly plan: string
  readonly notes: string
  /** The tier rose at the last sweep that scored it. */
  readonly escalated: boolean
  /** The closed case this one resurfaces (卷土重来), when it does. */
  readonly resurfacedFrom: number | null
  readonly firstSweepId: number
  readonly lastSweepId: number
  /** Optimistic version: give it back with an update; a stale one is refused. */
  readonly version: number
  readonly createdAt: string
  readonly updatedAt: string
}

/** SELECT … FROM cases c (with unit u and subject s) producing a {@link CaseView}. */
export const CASE_SELECT = `SELECT c.id, c.unit_id AS "unitId", u.name AS unit,
  jsonb_build_object('id', s.id, 'name', s.name, 'creditCode', s.credit_code, 'controller', s.controller, 'places', s.places) AS subject,
  c.tier, c.total, c.disposition, c.measures, c.deadline, c.status, c.plan, c.notes, c.escalated, c.resurfaced_from AS "resurfacedFrom",
  c.first_sweep_id AS "firstSweepId", c.last_sweep_id AS "lastSweepId", c.version, c.created_at AS "createdAt", c.updated_at AS "updatedAt"
  FROM cases c JOIN units u ON u.id = c.unit_id JOIN subjects s ON s.id = c.subject_id`

/** The orders of the case list. */
export const CASE_SORTS = ['severity', 'deadline', 'updated', 'subject', 'id'] as const
export type CaseSort = (typeof CASE_SORTS)[number]

// Every order ends on the case id, so paging is stable.
const ORDER_BY: Record<CaseSort, string> = {
  severity: 'c.total DESC, c.id',
  deadline: 'c.deadline ASC NULLS LAST, c.id',
  updated: 'c.updated_at DESC, c.id',
  subject: 's.name, c.id',
  id: 'c.id',
}

export const CaseFilterSchema = z.object({
  /** One unit (by id or name) instead of all the actor can read. */
  unit: z.union([z.number().int().positive(), z.string().min(1)]).optional(),
  status: z.array(z.enum(CASE_STATUSES)).optional(),
  /** Only cases still in hand (待核查, 处置中). */
  open: z.boolean().optional(),
  tier: z.array(z.string()).optional(),
  escalated: z.boolean().optional(),
  resurfacing: z.boolean().optional(),
  /** Part of the subject's name or its credit code. */
  search: z.string().max(100).optional(),
  /** Dispositions (处置建议 ids). */
  disposition: z.array(z.string().max(40)).max(20).optional(),
  /** A pattern (重点行为 id) found at the case's last sweep. */
  pattern: z.string().min(1).max(100).optional(),
  /** The order: severity (total, most severe first; the default), deadline (soonest first, none last), updated (latest first), subject (name), id. */
  sort: z.enum(CASE_SORTS).default('severity'),
  limit: z.number().int().min(1).max(10_000).default(1000),
  offset: z.number().int().min(0).default(0),
})
export type CaseFilter = z.input<typeof CaseFilterSchema>

/** The cases the actor can read, most severe first. */
export const listCases = async (db: Db, actor: Actor, filter: CaseFilter = {}): Promise<CaseView[]> => {
  const f = CaseFilterSchema.parse(filter)
  const where: string[] = []
  const params: (string | number | boolean)[] = []
  const add = (sql: (n: number) => string, value: string | number | boolean) => {
    params.push(value)
    where.push(sql(params.length))
  }
  const units = await unitsToRead(db, actor, f.unit)
  if (units !== null) add((n) => `c.unit_id = ANY($${n}::int[])`, units)
  if (f.status !== undefined) add((n) => `c.status IN (SELECT jsonb_array_elements_text($${n}::jsonb))`, JSON.stringify(f.status))
  if (f.open === true) where.push(`c.status IN (${OPEN_SQL})`)
  if (f.open === false) where.push(`c.status IN (${CLOSED_SQL})`)
  if (f.tier !== undefined) add((n) => `c.tier IN (SELECT jsonb_array_elements_text($${n}::jsonb))`, JSON.stringify(f.tier))
  if (f.escalated !== undefined) add((n) => `c.escalated = $${n}`, f.escalated)
  if (f.resurfacing !== undefined) where.push(f.resurfacing ? 'c.resurfaced_from IS NOT NULL' : 'c.resurfaced_from IS NULL')
  if (f.search !== undefined && f.search.trim() !== '') {
    add((n) => `(strpos(s.name, $${n}) > 0 OR strpos(coalesce(s.credit_code, ''), upper($${n})) > 0)`, f.search.trim())
  }
  if (f.disposition !== undefined) add((n) => `c.disposition IN (SELECT jsonb_array_elements_text($${n}::jsonb))`, JSON.stringify(f.disposition))
  // The case's patterns are those of its lead at its last sweep (what its tier and total come from).
  if (f.pattern !== undefined) {
    add((n) => `EXISTS (SELECT 1 FROM leads l WHERE l.case_id = c.id AND l.sweep_id = c.last_sweep_id AND l.result->'patterns' @> jsonb_build_array($${n}::text))`, f.pattern)
  }
  params.push(f.limit, f.offset)
  // The page is chosen from the cases alone, then joined: the subject's JSON is built for the rows returned,
  // not for every case that matched (a town's 16,000 cases in hand, for a page of 500). Subjects are joined
  // inside only when the search or the sort needs them.
  const needsSubject = (f.search !== undefined && f.search.trim() !== '') || f.sort === 'subject'
  const page = `SELECT c.* FROM cases c${needsSubject ? ' JOIN subjects s ON s.id = c.subject_id' : ''}
     ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY ${ORDER_BY[f.sort]} LIMIT $${params.length - 1} OFFSET $${params.length}`
  const { rows } = await db.query<CaseView>(`${CASE_SELECT.replace('FROM cases c', `FROM (${page}) c`)} ORDER BY ${ORDER_BY[f.sort]}`, params)
  return rows
}

/**
 * One case the actor can read. A case outside the actor's units is NOT_FOUND, as if it did not exist.
 * @throws {ChufeiError} `NOT_FOUND`
 */
export const getCase = async (db: Db, actor: Actor, caseId: number): Promise<CaseView> => {
  const ids = await readableUnitIds(db, actor)
  const { rows } =
    ids === null
      ? await db.query<CaseView>(`${CASE_SELECT} WHERE c.id = $1`, [caseId])
      : await db.query<CaseView>(`${CASE_SELECT} WHERE c.id = $1 AND c.unit_id = ANY($2::int[])`, [caseId, `{${ids.join(',')}}`])
  const found = rows[0]
  if (found === undefined) throw new ChufeiError('NOT_FOUND', `没有编号为 ${caseId} 的案件（或不在你的单位范围内）`)
  return found
}

/** One change of a case (事件): who, when, what kind, before → after. */
export interface CaseEvent {
  readonly id: number
  readonly caseId: number
  readonly at: string
  readonly kind: string
  readonly userId: number | null
  readonly user: string | null
  readonly sweepId: number | null
  readonly before: Record<string, unknown> | null
  readonly after: Record<string, unknown> | null
}

/** The history of a case, oldest first. */
export const caseHistory = async (db: Db, actor: Actor, caseId: number): Promise<CaseEvent[]> => {
  await getCase(db, actor, caseId)
  const { rows } = await db.query<CaseEvent>(
    `SELECT e.id, e.case_id AS "caseId", e.at, e.kind, e.user_id AS "userId", coalesce(us.display_name, CASE WHEN e.user_id IS NULL THEN '本机管理员' END) AS user,
       e.sweep_id AS "sweepId", e.before, e.after
     FROM events e LEFT JOIN users us ON us.id = e.user_id WHERE e.case_id = $1 ORDER BY e.id`,
    [caseId],
  )
  return rows
}

/** One lead of a case: the case across sweeps. */
export interface CaseLead {
  readonly id: number
  readonly sweepId: number
  readonly sweepDate: string
  readonly line: number | null
  readonly leadRef: string | null
  readonly tier: string | null
  readonly total: number | null
  readonly matchedBy: string | null
  readonly result: Record<string, unknown>
  readonly input: Record<string, unknown> | null
}

/** The leads of a case, sweep by sweep. */
export const caseLeads = async (db: Db, actor: Actor, caseId: number): Promise<CaseLead[]> => {
  await getCase(db, actor, caseId)
  const { rows } = await db.query<CaseLead>(
    `SELECT l.id, l.sweep_id AS "sweepId", s.sweep_date AS "sweepDate", l.line, l.lead_ref AS "leadRef", l.tier, l.total, l.matched_by AS "matchedBy", ${storedResultSql()} AS result, l.input
     FROM leads l JOIN sweeps s ON s.id = l.sweep_id WHERE l.case_id = $1 ORDER BY s.sweep_date, l.id`,
    [caseId],
  )
  return rows
}

/** An overdue case: deadline passed and still in hand. */
export type OverdueCase = CaseView & { readonly daysOverdue: number }

/**
 * The overdue list (逾期清单) as of a date: the deadline has passed and the case is still 待核查 or 处置中,
 * most overdue first (earliest deadline, then case id). `limit`/`offset` give a page (the API's, 500 by default);
 * without them, the whole list (the CLI's file).
 */
export const overdueCases = async (db: Db, actor: Actor, options: { asOf: string; unit?: number | string; limit?: number; offset?: number }): Promise<OverdueCase[]> => {
  if (!isIsoDate(options.asOf)) throw new ChufeiError('USAGE', `日期「${options.asOf}」无效：请写成 2024-06-30 的形式`)
  const units = await unitsToRead(db, actor, options.unit)
  const params: SqlParam[] = [options.asOf]
  if (units !== null) params.push(units)
  let paging = ''
  if (options.limit !== undefined) {
    params.push(Math.max(1, Math.floor(options.limit)), Math.max(0, Math.floor(options.offset ?? 0)))
    paging = `LIMIT $${params.length - 1} OFFSET $${params.length}`
  }
  // As listCases: the page is chosen from the cases alone (the open-deadline index gives them in order), then
  // joined, so a town's page of 500 does not build the subject JSON of its 7,000 overdue cases.
  const page = `SELECT c.* FROM cases c WHERE c.status IN (${OPEN_SQL}) AND c.deadline < $1::date ${units === null ? '' : 'AND c.unit_id = ANY($2::int[])'}
     ORDER BY c.deadline, c.id ${paging}`
  const { rows } = await db.query<OverdueCase>(
    `${CASE_SELECT.replace('SELECT', 'SELECT ($1::date - c.deadline) AS "daysOverdue",').replace('FROM cases c', `FROM (${page}) c`)} ORDER BY c.deadline, c.id`,
    params,
  )
  return rows
}

/** Cases whose tier rose at their last sweep, still in hand. */
export const escalatedCases = (db: Db, actor: Actor, options: { unit?: number | string } = {}): Promise<CaseView[]> =>
  listCases(db, actor, { ...options, escalated: true, open: true })

/** Open cases of one unit, by tier (the home page's table). */
export interface UnitOpenCases {
  readonly unitId: number
  readonly unit: string
  readonly open: number
  readonly byTier: Record<string, number>
  readonly overdue: number
}

/** Open cases by unit as of a date: how many, by tier, and how many overdue. */
export const openCasesByUnit = async (db: Db, actor: Actor, options: { asOf: string }): Promise<UnitOpenCases[]> => {
  if (!isIsoDate(options.asOf)) throw new ChufeiError('USAGE', `日期「${options.asOf}」无效：请写成 2024-06-30 的形式`)
  const ids = await readableUnitIds(db, actor)
  const { rows } = await db.query<{ unitId: number; unit: string; tier: string; n: number; overdue: number }>(
    `SELECT u.id AS "unitId", u.name AS unit, c.tier, count(*)::int AS n, count(*) FILTER (WHERE c.deadline < $1::date)::int AS overdue
     FROM cases c JOIN units u ON u.id = c.unit_id
     WHERE c.status IN (${OPEN_SQL}) ${ids === null ? '' : 'AND c.unit_id = ANY($2::int[])'}
     GROUP BY u.id, u.name, c.tier ORDER BY u.id`,
    ids === null ? [options.asOf] : [options.asOf, `{${ids.join(',')}}`],
  )
  const byUnit = new Map<number, { unitId: number; unit: string; open: number; byTier: Record<string, number>; overdue: number }>()
  for (const r of rows) {
    const u = byUnit.get(r.unitId) ?? { unitId: r.unitId, unit: r.unit, open: 0, byTier: {}, overdue: 0 }
    u.open += r.n
    u.overdue += r.overdue
    u.byTier[r.tier] = r.n
    byUnit.set(r.unitId, u)
  }
  return [...byUnit.values()]
}
