import type { Actor } from './actor'
import { OPEN_SQL } from './case-status'
import type { Db } from './db'
import { assertPeriod, unitsToRead } from './_unit-scope'
import type { ReportTrendFigures } from '@chufei/ledger'

/*
 * The trend of a period (动态趋势) for the summary report and the console's home page, from the events: 新增
 * (cases opened by a sweep dated in the period), 升级 and 降级 (tier changes at sweeps in the period), 化解
 * (set to 已化解 in the period) and 逾期 (in hand with the deadline passed at the period's end). A sweep's
 * events count on the sweep's date, staff's edits on the day they were made. 在办 (open) is the cases in hand
 * now: a status has no history table of its own, so "in hand at the period's end" cannot be read back.
 */

/** The five figures of a period, per unit and in total: the report's own type (@chufei/ledger), one definition. */
export type TrendFigures = ReportTrendFigures

/** The figures of one unit. */
export interface UnitTrend extends TrendFigures {
  readonly unitId: number
  readonly unit: string
}

/** The trend of a period: per unit (units with nothing to count are left out) and in total. */
export interface Trend {
  readonly from: string
  readonly to: string
  readonly units: readonly UnitTrend[]
  readonly total: TrendFigures
}

/**
 * The trend from `from` to `to` (inclusive) over the actor's units, or one unit and those under it.
 * @throws {ChufeiError} `USAGE` for bad dates, `NOT_FOUND` for a unit out of scope
 */
export const caseTrend = async (db: Db, actor: Actor, options: { from: string; to: string; unit?: number | string }): Promise<Trend> => {
  assertPeriod(options.from, options.to)
  const scope = await unitsToRead(db, actor, options.unit)
  const { rows } = await db.query<UnitTrend>(
    `WITH e AS (
       SELECT ev.unit_id, ev.kind, ev.after, coalesce(s.sweep_date, (ev.at AT TIME ZONE 'UTC')::date) AS day
       FROM events ev LEFT JOIN sweeps s ON s.id = ev.sweep_id
       WHERE ($3::int[] IS NULL OR ev.unit_id = ANY($3::int[]))
     ), figures AS (
       SELECT unit_id,
         count(*) FILTER (WHERE kind = 'opened')::int AS opened,
         count(*) FILTER (WHERE kind = 'escalated')::int AS escalated,
         count(*) FILTER (WHERE kind = 'de-escalated')::int AS "deEscalated",
         count(*) FILTER (WHERE kind IN ('updated', 'ledger-edit') AND after->>'status' = '已化解')::int AS resolved
       FROM e WHERE day BETWEEN $1::date AND $2::date GROUP BY unit_id
     ), late AS (
       SELECT unit_id, count(*) FILTER (WHERE deadline < $2::date)::int AS overdue, count(*)::int AS open FROM cases
       WHERE status IN (${OPEN_SQL}) AND ($3::int[] IS NULL OR unit_id = ANY($3::int[])) GROUP BY unit_id
     )
     SELECT u.id AS "unitId", u.name AS unit, coalesce(f.opened, 0) AS opened, coalesce(f.escalated, 0) AS escalated,
       coalesce(f."deEscalated", 0) AS "deEscalated", coalesce(f.resolved, 0) AS resolved, coalesce(l.overdue, 0) AS overdue,
       coalesce(l.open, 0) AS open
     FROM units u LEFT JOIN figures f ON f.unit_id = u.id LEFT JOIN late l ON l.unit_id = u.id
     WHERE ($3::int[] IS NULL OR u.id = ANY($3::int[])) AND (f.unit_id IS NOT NULL OR l.unit_id IS NOT NULL)
     ORDER BY u.id`,
    [options.from, options.to, scope],
  )
  const sum = (k: keyof TrendFigures) => rows.reduce((n, r) => n + r[k], 0)
  return {
    from: options.from,
    to: options.to,
    units: rows,
    total: { opened: sum('opened'), escalated: sum('escalated'), deEscalated: sum('deEscalated'), resolved: sum('resolved'), overdue: sum('overdue'), open: sum('open') },
  }
}
