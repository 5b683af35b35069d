import { createHash } from 'node:crypto'
import { ChufeiError, createScorer, createStreamSummary, type RulePack, type Scorer } from '@chufei/core'
import { isIsoDate } from '@chufei/ledger'
import type { ReadSheetOptions } from '@chufei/sheets'
import { assertCanManage, readableUnitIds, type Actor } from './actor'
import type { Db } from './db'
import { findUnit } from './units'
import { createCaseLinker, type Escalation, type Resurfacing } from './_case-linker'
import { assertImportReferences, deferReferenceChecks } from './_import-references'
import { prepareSweepRows } from './_sweep-rows'
import { prepareSweepRowsOffThread } from './_sweep-rows-worker'

/*
 * Importing a sweep (导入排查批次): the sheet is read and scored by the one scoring stream of @chufei/core and
 * stored with every lead linked to its case, in ONE transaction — all rows or none, so a crash, a kill or a
 * bad row deep in the file leaves no half sweep. The same file twice is refused by its SHA-256.
 */

export type { Escalation, Resurfacing } from './_case-linker'

/**
 * Sheets from this size up are read and scored in a worker thread beside the writes (when the import is given
 * a pack, not a scorer): below it, starting the worker and loading the scorer there costs more than it saves.
 */
export const OFF_THREAD_BYTES = 256 * 1024

/**
 * What an import scores with. A pack (with its engine, default `compiled`): a large sheet is then read and
 * scored in a worker thread while this one writes, with `createScorer(pack, { engine })` made there — the
 * same results, since a scorer of the system clock is a function of its pack and engine. A scorer of your
 * own (say, with its own clock): everything runs in this thread, with it.
 */
export type ImportScoring =
  | { readonly pack: RulePack; readonly engine?: 'compiled' | 'reference' }
  | Pick<Scorer, 'score' | 'scoreSync' | 'engineInfo' | 'pack'>

/** What {@link importSweep} takes. */
export interface ImportSweepInput {
  /** The sheet's bytes (CSV, XLSX or JSON) and its file name (for the format and in messages). */
  readonly bytes: Uint8Array
  readonly fileName: string
  /** The unit whose sweep it is, by id or name; its villages' rows go to the village named in 村（社区）. */
  readonly unit: number | string
  /** The sweep's date (排查日期), YYYY-MM-DD: the start of deadlines for rows without their own. */
  readonly date: string
  /** The pack to score with (see {@link ImportScoring}). */
  readonly scorer: ImportScoring
  readonly read?: ReadSheetOptions
  /**
   * With a pack to score with: `true` reads and scores the sheet in a worker thread whatever its size, `false`
   * in this thread; by default a worker is used from {@link OFF_THREAD_BYTES} up.
   */
  readonly offThread?: boolean
}

/** A rejected row, kept with its line and reason so the village can fix it. */
export interface RejectedRowInfo {
  readonly line: number | null
  readonly leadRef: string | null
  readonly reason: string
}

/** What an import did. */
export interface ImportOutcome {
  readonly sweepId: number
  readonly unit: { id: number; name: string }
  readonly date: string
  readonly fileName: string
  readonly sha256: string
  readonly pack: { name: string; version: string; hash: string }
  readonly counts: { read: number; scored: number; rejected: number; skipped: number }
  /** Cases this sweep opened: key leads, leads asking for more than monitoring, and resurfacing subjects. */
  readonly newCases: number
  /** Leads linked to an open case of an earlier sweep. */
  readonly linked: number
  /** Scored leads kept on the sweep's total list (总量风险清单) only: no open case of theirs, none opened. */
  readonly listedOnly: number
  readonly escalations: readonly Escalation[]
  readonly resurfacing: readonly Resurfacing[]
  readonly rejected: readonly RejectedRowInfo[]
}

/** The sweep's rows, read and scored in a worker thread or in this one (see {@link ImportScoring}). */
const sweepRows = (input: ImportSweepInput, summary: ReturnType<typeof createStreamSummary>) => {
  const source = { bytes: input.bytes, fileName: input.fileName, ...(input.read === undefined ? {} : { read: input.read }) }
  const { scorer } = input
  if ('score' in scorer) return prepareSweepRows(source, scorer, summary)
  const scoring = { pack: scorer.pack, engine: scorer.engine ?? 'compiled' }
  if (input.offThread ?? input.bytes.byteLength >= OFF_THREAD_BYTES) return prepareSweepRowsOffThread(source, scoring, summary)
  return prepareSweepRows(source, createScorer(scoring.pack, { engine: scoring.engine }), summary)
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex')

/** The CONFLICT for a file already imported, naming the earlier sweep. */
const duplicateOf = async (db: Db, hash: string, fileName: string): Promise<ChufeiError | null> => {
  const { rows } = await db.query<{ id: number; date: string; unit: string; fileName: string; importedAt: string }>(
    `SELECT s.id, s.sweep_date AS date, u.name AS unit, s.file_name AS "fileName", s.imported_at AS "importedAt"
     FROM sweeps s JOIN units u ON u.id = s.unit_id WHERE s.file_sha256 = $1`,
    [hash],
  )
  const earlier = rows[0]
  if (earlier === undefined) return null
  return new ChufeiError(
    'CONFLICT',
    `${fileName} 已经导入过：与第 ${earlier.id} 批（${earlier.unit}，排查日期 ${earlier.date}，文件 ${earlier.fileName}，导入于 ${earlier.importedAt.slice(0, 10)}）内容完全相同（SHA-256 ${hash.slice(0, 12)}…），未重复导入`,
    { data: { sweepId: earlier.id, unit: earlier.unit, date: earlier.date, fileName: earlier.fileName } },
  )
}

/**
 * Imports a sweep: reads and scores the sheet, stores the sweep, its leads (rejected rows with line and
 * reason) and links each scored lead to its open case, or opens one for a key lead (see `opensCase`). Only a town office (or the administrator) imports, into a
 * unit of its town.
 * @throws {ChufeiError} `FORBIDDEN`, `NOT_FOUND` (unit), `USAGE` (bad date), `CONFLICT` (file imported before),
 *   `UNREADABLE_INPUT` (the sheet cannot be read) — and then nothing is stored
 */
export const importSweep = async (db: Db, actor: Actor, input: ImportSweepInput): Promise<ImportOutcome> => {
  if (!isIsoDate(input.date)) throw new ChufeiError('USAGE', `排查日期「${input.date}」不是有效日期：请写成 2024-06-30 的形式`)
  const unit = await findUnit(db, actor, input.unit)
  await assertCanManage(db, actor, unit.id, `向「${unit.name}」导入排查表`)
  const hash = sha256(input.bytes)
  const duplicate = await duplicateOf(db, hash, input.fileName)
  if (duplicate !== null) throw duplicate
  const { name, version, hash: packHash } = input.scorer.pack
  try {
    return await db.transaction(async (tx) => {
      const checkReferences = await deferReferenceChecks(tx)
      const { rows } = await tx.query<{ id: number }>(
        `INSERT INTO sweeps (unit_id, sweep_date, imported_by, file_name, file_sha256, pack_name, pack_version, pack_hash, rows_read, rows_scored, rows_rejected, rows_skipped)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 0, 0, 0, 0) RETURNING id`,
        [unit.id, input.date, actor.userId, input.fileName.slice(0, 255), hash, name, version, packHash],
      )
      const sweepId = rows[0]!.id
      const children = await tx.query<{ id: number; name: string }>('SELECT id, name FROM units WHERE parent_id = $1', [unit.id])
      const linker = createCaseLinker(tx, {
        sweepId,
        sweepDate: input.date,
        sweepUnitId: unit.id,
        childUnits: new Map(children.rows.map((c) => [c.name, c.id])),
        scopeIds: (await readableUnitIds(tx, { userId: null, role: 'town-admin', unitId: unit.id })) ?? [unit.id],
        userId: actor.userId,
      })
      const summary = createStreamSummary()
      const rejected: RejectedRowInfo[] = []
      for await (const batch of sweepRows(input, summary)) {
        for (const row of batch) if (row.status === 'rejected') rejected.push({ line: row.line, leadRef: row.leadRef, reason: row.reason })
        await linker.link(batch)
      }
      await linker.finish()
      if (checkReferences) await assertImportReferences(tx, sweepId)
      await tx.query('UPDATE sweeps SET rows_read = $2, rows_scored = $3, rows_rejected = $4, rows_skipped = $5 WHERE id = $1', [
        sweepId,
        summary.read,
        summary.scored,
        summary.rejected,
        summary.skipped,
      ])
      const { outcome } = linker
      return {
        sweepId,
        unit: { id: unit.id, name: unit.name },
        date: input.date,
        fileName: input.fileName,
        sha256: hash,
        pack: { name, version, hash: packHash },
        counts: { read: summary.read, scored: summary.scored, rejected: summary.rejected, skipped: summary.skipped },
        newCases: outcome.newCases,
        linked: outcome.linked,
        listedOnly: outcome.listedOnly,
        escalations: outcome.escalations,
        resurfacing: outcome.resurfacing,
        rejected,
      }
    })
  } catch (e) {
    // Two imports of one file at once: the loser hits the unique hash and gets the same message.
    if ((e as { code?: unknown }).code === '23505') throw (await duplicateOf(db, hash, input.fileName)) ?? e
    throw e
  }
}
