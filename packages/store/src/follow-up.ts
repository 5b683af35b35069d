import { ChufeiError } from '@chufei/core'
import { isIsoDate } from '@chufei/ledger'
import { z } from 'zod'
import { assertCanFollowUp, type Actor } from './actor'
import { CASE_STATUSES } from './case-status'
import { getCase, type CaseView } from './cases'
import type { Db } from './db'
import { invalidInput } from './_invalid-input'

/*
 * Follow-up (跟进处置, 一事一策): status, measures, deadline, plan and notes of a case, with an optimistic
 * version. The edit names the version it was made on; if the case changed since (another user, or a new
 * sweep), it is refused with CONFLICT and the current case, never applied over the other change.
 */

export const CaseUpdateSchema = z
  .object({
    /** The version the edit was made on (from the case as read). */
    version: z.number().int().min(1),
    status: z.enum(CASE_STATUSES).optional(),
    measures: z.string().max(2000).optional(),
    /** YYYY-MM-DD, or null to clear. */
    deadline: z.string().refine(isIsoDate, '整改时限须写成 2024-06-30 的形式').nullable().optional(),
    plan: z.string().max(10_000).optional(),
    notes: z.string().max(10_000).optional(),
  })
  .strict()
export type CaseUpdate = z.input<typeof CaseUpdateSchema>

/** The fields an update may change, with their columns. */
const FIELDS = { status: 'status', measures: 'measures', deadline: 'deadline', plan: 'plan', notes: 'notes' } as const
type Field = keyof typeof FIELDS

/** The CONFLICT for a stale edit, carrying the case as it is now. */
const stale = (current: CaseView, version: number): ChufeiError =>
  new ChufeiError(
    'CONFLICT',
    `案件 ${current.id}（${current.subject.name}）已被修改：你编辑的是第 ${version} 版，现在是第 ${current.version} 版。请刷新后在新版本上重新修改（未覆盖他人的修改）`,
    { data: { current } },
  )

/**
 * Updates the follow-up of a case; the history keeps before → after of every field that changed. An update
 * that changes nothing is not an event and keeps the version.
 * @throws {ChufeiError} `USAGE` (bad fields), `NOT_FOUND`, `FORBIDDEN` (read-only, or another unit's case),
 *   `CONFLICT` (stale version; `data.current` is the case now)
 */
export const updateCase = async (db: Db, actor: Actor, caseId: number, update: CaseUpdate): Promise<CaseView> => {
  const parsed = CaseUpdateSchema.safeParse(update)
  if (!parsed.success) {
    throw invalidInput('案件修改', parsed.error)
  }
  const u = parsed.data
  return db.transaction(async (tx) => {
    const current = await getCase(tx, actor, caseId)
    await assertCanFollowUp(tx, actor, current.unitId)
    if (current.version !== u.version) throw stale(current, u.version)
    const changed = (Object.keys(FIELDS) as Field[]).filter((f) => u[f] !== undefined && u[f] !== current[f])
    if (changed.length === 0) return current
    const sets = changed.map((f, i) => `${FIELDS[f]} = $${i + 3}`)
    const result = await tx.query(
      `UPDATE cases SET ${sets.join(', ')}, version = version + 1, updated_at = now() WHERE id = $1 AND version = $2`,
      [caseId, u.version, ...changed.map((f) => u[f] ?? null)],
    )
    // Another writer got in between the read and the write (a server with several connections).
    if (result.affected === 0) throw stale(await getCase(tx, actor, caseId), u.version)
    const before = Object.fromEntries(changed.map((f) => [f, current[f]]))
    const after = Object.fromEntries(changed.map((f) => [f, u[f] ?? null]))
    await tx.query(`INSERT INTO events (case_id, unit_id, user_id, kind, before, after) VALUES ($1, $2, $3, 'updated', $4::jsonb, $5::jsonb)`, [
      caseId,
      current.unitId,
      actor.userId,
      JSON.stringify(before),
      JSON.stringify(after),
    ])
    return getCase(tx, actor, caseId)
  })
}
