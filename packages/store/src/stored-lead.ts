import { ChufeiError } from '@chufei/core'
import { readableUnitIds, type Actor } from './actor'
import type { Db } from './db'
import { publishedFilesByHash } from './_published-files'
import { storedResultSql } from './_stored-result'

/*
 * One stored lead (入库线索) as it went in: the row of its sheet, the lead as read, the result it was scored
 * to, and the sweep that scored it — with the pack's name, version and hash, so a reader can explain the
 * points with the pack that gave them, and the time of the import, the "today" of a lead without its own
 * 排查日期. A unit user reads only its own units' leads; any other id is NOT_FOUND, never FORBIDDEN, so ids
 * do not tell what other villages hold.
 */

/**
 * What every read of a stored lead gives (one lead, a sweep's list): its row of the sheet, its lead number,
 * whether it was scored, its tier and total, and its case.
 */
export interface StoredLeadRow {
  readonly id: number
  readonly unitId: number
  readonly line: number | null
  readonly leadRef: string | null
  readonly status: 'scored' | 'rejected'
  readonly tier: string | null
  readonly total: number | null
  readonly caseId: number | null
  /** The subject's name as the sheet gave it (null on a row without one). */
  readonly subject: string | null
}

/** A stored lead with its sweep. */
export interface StoredLead extends StoredLeadRow {
  readonly sweep: {
    readonly id: number
    readonly date: string
    readonly importedAt: string
    readonly fileName: string
    readonly pack: { readonly name: string; readonly version: string; readonly hash: string }
  }
  readonly unit: string
  /** The lead as read (null for a row its reader rejected). */
  readonly input: Record<string, unknown> | null
  /** The result stored at import. */
  readonly result: Record<string, unknown>
}

/**
 * One stored lead the actor may read.
 * @throws {ChufeiError} `NOT_FOUND` when there is no such lead or it is outside the actor's units
 */
export const getLead = async (db: Db, actor: Actor, leadId: number): Promise<StoredLead> => {
  const ids = await readableUnitIds(db, actor)
  const { rows } = await db.query<StoredLead>(
    `SELECT l.id, jsonb_build_object('id', s.id, 'date', s.sweep_date, 'importedAt', s.imported_at, 'fileName', s.file_name,
         'pack', jsonb_build_object('name', s.pack_name, 'version', s.pack_version, 'hash', s.pack_hash)) AS sweep,
       l.unit_id AS "unitId", u.name AS unit, l.line, l.lead_ref AS "leadRef", l.status, l.tier, l.total, l.case_id AS "caseId",
       l.input->'subject'->>'name' AS subject, l.input, ${storedResultSql()} AS result
     FROM leads l JOIN sweeps s ON s.id = l.sweep_id JOIN units u ON u.id = l.unit_id
     WHERE l.id = $1 AND ($2::int[] IS NULL OR l.unit_id = ANY($2::int[]))`,
    [leadId, ids === null ? null : `{${ids.join(',')}}`],
  )
  const lead = rows[0]
  if (lead === undefined) throw new ChufeiError('NOT_FOUND', `没有编号为 ${leadId} 的线索（或不在你的单位范围内）`)
  // jsonb_build_object gives timestamptz as text without the ISO 'T'/zone of a plain column: keep one form.
  return { ...lead, sweep: { ...lead.sweep, importedAt: new Date(lead.sweep.importedAt).toISOString() } }
}

/**
 * The files of the pack that scored a stored lead the actor may read, when that pack was ever published to
 * the store (the newest row with its hash); null when it never was — the server's rules/ folder scored it.
 * Reading the lead is the permission: a village user may see why its own lead scored as it did, though it
 * may not browse the pack history.
 * @throws {ChufeiError} `NOT_FOUND` as {@link getLead}
 */
export const leadPackFiles = async (db: Db, actor: Actor, leadId: number): Promise<Readonly<Record<string, string>> | null> => {
  const lead = await getLead(db, actor, leadId)
  return publishedFilesByHash(db, lead.sweep.pack.hash)
}
