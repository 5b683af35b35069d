import { ChufeiError, type Result } from '@chufei/core'
import { readableUnitIds, type Actor } from './actor'
import type { Db } from './db'
import { listSweeps, type SweepView } from './sweeps'
import { storedResultSql } from './_stored-result'

/*
 * The stored results of a sweep, with the lead each was scored from: what a backtest (回测) re-scores with an
 * edited pack and compares against. Read a page at a time by id, so a large sweep never sits in memory as
 * rows; scoped like the sweep's leads — a village reads its own rows of a town-wide sweep only.
 */

/** One stored lead: its input as read and the result stored at import. */
export interface StoredLeadResult {
  readonly id: number
  readonly line: number | null
  readonly leadRef: string | null
  /** The lead as read from the sheet; null for a row its reader rejected. */
  readonly input: unknown
  readonly result: Result
}

/** A sweep the actor can read, with how many of its leads the actor may read. */
export interface SweepResults {
  readonly sweep: SweepView
  readonly leads: number
  /** The leads, a page at a time, in sheet order. */
  pages(pageSize?: number): AsyncGenerator<StoredLeadResult[]>
}

/**
 * The stored results of a sweep the actor can read.
 * @throws {ChufeiError} `NOT_FOUND` when the sweep holds nothing the actor may read
 */
export const sweepResults = async (db: Db, actor: Actor, sweepId: number): Promise<SweepResults> => {
  const sweep = (await listSweeps(db, actor)).find((s) => s.id === sweepId)
  if (sweep === undefined) throw new ChufeiError('NOT_FOUND', `没有编号为 ${sweepId} 的排查批次（或不在你的单位范围内）`)
  const ids = await readableUnitIds(db, actor)
  const scope = ids === null ? null : `{${ids.join(',')}}`
  const { rows } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM leads WHERE sweep_id = $1 AND ($2::int[] IS NULL OR unit_id = ANY($2::int[]))', [sweepId, scope])
  return {
    sweep,
    leads: rows[0]?.n ?? 0,
    async *pages(pageSize = 1000) {
      let after = 0
      for (;;) {
        const page = await db.query<StoredLeadResult>(
          `SELECT l.id, l.line, l.lead_ref AS "leadRef", l.input, ${storedResultSql()} AS result FROM leads l JOIN sweeps s ON s.id = l.sweep_id
           WHERE l.sweep_id = $1 AND ($2::int[] IS NULL OR l.unit_id = ANY($2::int[])) AND l.id > $3 ORDER BY l.id LIMIT $4`,
          [sweepId, scope, after, pageSize],
        )
        if (page.rows.length > 0) yield page.rows
        if (page.rows.length < pageSize) return
        after = page.rows[page.rows.length - 1]!.id
      }
    },
  }
}
