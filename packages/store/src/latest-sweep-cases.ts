import type { Actor } from './actor'
import { CASE_SELECT, type CaseView } from './cases'
import type { Db } from './db'
import { unitsToRead } from './_unit-scope'

/*
 * "New this sweep" (本批新增) for the console's home page: the latest sweep that holds leads of the actor's
 * units (or of one unit and those under it), and the cases it opened there. A village user of a town-wide
 * sweep sees the sweep and only its own village's new cases, as everywhere else in the store.
 */

/** The latest sweep in scope and the cases it opened in scope, most severe first. */
export interface LatestSweepCases {
  readonly sweep: { readonly id: number; readonly date: string; readonly unit: string; readonly fileName: string } | null
  /** How many cases the sweep opened in scope (the list may be cut at `limit`). */
  readonly opened: number
  readonly cases: readonly CaseView[]
}

/**
 * The latest sweep (by date, then import order) with leads of the actor's units, or of `unit` and those under
 * it, and the cases it opened there.
 * @throws {ChufeiError} `NOT_FOUND` for a unit out of the actor's scope
 */
export const latestSweepCases = async (db: Db, actor: Actor, options: { unit?: number | string; limit?: number } = {}): Promise<LatestSweepCases> => {
  const scope = await unitsToRead(db, actor, options.unit)
  const limit = Math.min(Math.max(1, Math.trunc(options.limit ?? 50)), 1000)
  const { rows } = await db.query<{ id: number; date: string; unit: string; fileName: string }>(
    `SELECT s.id, s.sweep_date AS date, u.name AS unit, s.file_name AS "fileName" FROM sweeps s JOIN units u ON u.id = s.unit_id
     WHERE EXISTS (SELECT 1 FROM leads l WHERE l.sweep_id = s.id AND ($1::int[] IS NULL OR l.unit_id = ANY($1::int[])))
     ORDER BY s.sweep_date DESC, s.id DESC LIMIT 1`,
    [scope],
  )
  const sweep = rows[0]
  if (sweep === undefined) return { sweep: null, opened: 0, cases: [] }
  const inScope = 'c.first_sweep_id = $1 AND ($2::int[] IS NULL OR c.unit_id = ANY($2::int[]))'
  const count = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM cases c WHERE ${inScope}`, [sweep.id, scope])
  const cases = await db.query<CaseView>(`${CASE_SELECT} WHERE ${inScope} ORDER BY c.total DESC, c.id LIMIT $3`, [sweep.id, scope, limit])
  return { sweep, opened: count.rows[0]!.n, cases: cases.rows }
}
