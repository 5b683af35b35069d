import { ChufeiError } from '@chufei/core'
import { readableUnitIds, type Actor } from './actor'
import type { Db } from './db'
import { publishedFilesByHash } from './_published-files'
import type { StoredLeadRow } from './stored-lead'

/*
 * Reading sweeps (排查批次) and their leads: what was imported, by whom, with which pack, and the rows — the
 * rejected ones with line and reason so a village can fix its sheet. A unit user sees its own unit's leads
 * only, even in a town-wide sweep.
 */

/** A sweep as readers get it. */
export interface SweepView {
  readonly id: number
  readonly unitId: number
  readonly unit: string
  readonly date: string
  readonly importedBy: string | null
  readonly importedAt: string
  readonly fileName: string
  readonly sha256: string
  readonly pack: { name: string; version: string; hash: string }
  readonly counts: { read: number; scored: number; rejected: number; skipped: number }
}

const SWEEP_SELECT = `SELECT s.id, s.unit_id AS "unitId", u.name AS unit, s.sweep_date AS date, coalesce(us.display_name, CASE WHEN s.imported_by IS NULL THEN '本机管理员' END) AS "importedBy",
  s.imported_at AS "importedAt", s.file_name AS "fileName", s.file_sha256 AS sha256,
  jsonb_build_object('name', s.pack_name, 'version', s.pack_version, 'hash', s.pack_hash) AS pack,
  jsonb_build_object('read', s.rows_read, 'scored', s.rows_scored, 'rejected', s.rows_rejected, 'skipped', s.rows_skipped) AS counts
  FROM sweeps s JOIN units u ON u.id = s.unit_id LEFT JOIN users us ON us.id = s.imported_by`

/**
 * The sweeps the actor can see, newest first: those of its units, and those of the town above that hold
 * leads of its units (a town-wide sweep with the village's rows).
 */
export const listSweeps = async (db: Db, actor: Actor): Promise<SweepView[]> => {
  const ids = await readableUnitIds(db, actor)
  if (ids === null) return (await db.query<SweepView>(`${SWEEP_SELECT} ORDER BY s.sweep_date DESC, s.id DESC`)).rows
  const scope = `{${ids.join(',')}}`
  return (
    await db.query<SweepView>(
      `${SWEEP_SELECT} WHERE s.unit_id = ANY($1::int[]) OR EXISTS (SELECT 1 FROM leads l WHERE l.sweep_id = s.id AND l.unit_id = ANY($1::int[]))
       ORDER BY s.sweep_date DESC, s.id DESC`,
      [scope],
    )
  ).rows
}

/** One lead row of a sweep: the stored lead's row, how it was linked to its case, and why a rejected row was. */
export interface SweepLead extends StoredLeadRow {
  readonly matchedBy: string | null
  readonly resurfacedFrom: number | null
  readonly reason: string | null
}

/**
 * The leads of a sweep the actor may read, in sheet order (`rejected: true` for the problem rows only; `search`:
 * part of the subject's name or the lead's number, as typed — no wildcards; `line`: the row of the sheet).
 * @throws {ChufeiError} `NOT_FOUND` when the sweep holds nothing the actor may read
 */
export const sweepLeads = async (db: Db, actor: Actor, sweepId: number, options: { rejected?: boolean; search?: string; line?: number; limit?: number; offset?: number } = {}): Promise<SweepLead[]> => {
  const visible = await listSweeps(db, actor)
  if (!visible.some((s) => s.id === sweepId)) throw new ChufeiError('NOT_FOUND', `没有编号为 ${sweepId} 的排查批次（或不在你的单位范围内）`)
  const ids = await readableUnitIds(db, actor)
  const limit = Math.min(Math.max(options.limit ?? 10_000, 1), 10_000)
  const { rows } = await db.query<SweepLead>(
    `SELECT id, unit_id AS "unitId", line, lead_ref AS "leadRef", status, tier, total, case_id AS "caseId", matched_by AS "matchedBy",
       resurfaced_from AS "resurfacedFrom", reason, input->'subject'->>'name' AS subject
     FROM leads WHERE sweep_id = $1 AND ($2::int[] IS NULL OR unit_id = ANY($2::int[])) AND ($3::boolean IS NULL OR (status = 'rejected') = $3)
       AND ($6::text IS NULL OR strpos(input->'subject'->>'name', $6) > 0 OR strpos(lead_ref, $6) > 0) AND ($7::int IS NULL OR line = $7)
     ORDER BY line, id LIMIT $4 OFFSET $5`,
    [sweepId, ids === null ? null : `{${ids.join(',')}}`, options.rejected ?? null, limit, Math.max(options.offset ?? 0, 0), options.search?.trim() || null, options.line ?? null],
  )
  return rows
}

/**
 * The files of the pack that scored a sweep the actor can see, when that pack was ever published to the store
 * (null when it never was: the server's rules/ folder scored it). A backtest compares with it.
 * @throws {ChufeiError} `NOT_FOUND` when the sweep holds nothing the actor may read
 */
export const sweepPackFiles = async (db: Db, actor: Actor, sweepId: number): Promise<Readonly<Record<string, string>> | null> => {
  const sweep = (await listSweeps(db, actor)).find((s) => s.id === sweepId)
  if (sweep === undefined) throw new ChufeiError('NOT_FOUND', `没有编号为 ${sweepId} 的排查批次（或不在你的单位范围内）`)
  return publishedFilesByHash(db, sweep.pack.hash)
}
