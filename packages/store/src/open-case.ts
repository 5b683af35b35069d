import { ChufeiError } from '@chufei/core'
import { addDays, isIsoDate } from '@chufei/ledger'
import { z } from 'zod'
import { assertCanFollowUp, type Actor } from './actor'
import { CLOSED_SQL, OPEN_SQL } from './case-status'
import { getCase, type CaseView } from './cases'
import type { Db } from './db'
import { getLead } from './stored-lead'
import { MATCHING_SUBJECTS } from './_case-linker'
import { subjectKeys } from './_subject-keys'
import { invalidInput } from './_invalid-input'
import { openedAfter } from './_opened-event'

/*
 * Opening a case by hand (人工立案). Since round 8 an import opens a case only for a key lead (see
 * `opensCase`); every other lead stays on the sweep's total list (总量风险清单). Staff know things a sheet
 * does not — a village reports that the shop below the rules' line has started taking deposits — so a lead on
 * the total list can be taken into follow-up (一事一策) by whoever may follow up its unit's cases, with a
 * reason that is kept as the case's 备注 and in its history. Later sweeps link the subject's leads to the case
 * as they link any open case.
 */

/** What a user gives to open a case for a stored lead. */
export const OpenCaseSchema = z
  .object({
    /** Why this lead needs follow-up although the rules did not open a case: kept as the case's notes. */
    reason: z.string().trim().min(1, '请写明立案原因').max(2000, '立案原因最多 2000 字'),
    /** YYYY-MM-DD; default the day it is opened plus the days the lead's disposition allows. */
    deadline: z.string().refine(isIsoDate, '整改时限须写成 2024-06-30 的形式').nullable().optional(),
  })
  .strict()
export type OpenCase = z.input<typeof OpenCaseSchema>

interface Opening {
  readonly today: string
}

const notFollowable = (message: string, data: Record<string, unknown>) => new ChufeiError('CONFLICT', message, { data })

/**
 * Opens a case (待核查, version 1) for a scored lead of the total list: the lead's tier, score and disposition,
 * its measures, a deadline (given, or `today` plus the disposition's days), the reason as notes; the lead is
 * linked to it and the history starts with an `opened` event by the actor. A subject whose earlier case was
 * closed is marked resurfacing (卷土重来) as an import would.
 * @throws {ChufeiError} `USAGE` (no reason, bad deadline, a rejected row), `NOT_FOUND` (no such lead, or not
 *   the actor's), `FORBIDDEN` (read-only), `CONFLICT` (the lead has a case, or its subject has an open case:
 *   `data.caseId` names it)
 */
export const openCaseForLead = async (db: Db, actor: Actor, leadId: number, input: OpenCase, opening: Opening): Promise<CaseView> => {
  const parsed = OpenCaseSchema.safeParse(input)
  if (!parsed.success) {
    throw invalidInput('立案信息', parsed.error)
  }
  const { reason, deadline: given } = parsed.data
  return db.transaction(async (tx) => {
    const lead = await getLead(tx, actor, leadId)
    await assertCanFollowUp(tx, actor, lead.unitId)
    // Serialises two openings of one lead: the second waits here and then sees the first's case.
    await tx.query('SELECT id FROM leads WHERE id = $1 FOR UPDATE', [leadId])
    const { rows: now } = await tx.query<{ caseId: number | null }>('SELECT case_id AS "caseId" FROM leads WHERE id = $1', [leadId])
    const caseId = now[0]?.caseId ?? null
    if (caseId !== null) throw notFollowable(`线索 ${leadId} 已关联案件 ${caseId}，无需再立案`, { caseId })
    if (lead.status !== 'scored' || lead.input === null) {
      throw new ChufeiError('USAGE', `线索 ${leadId}（第 ${lead.line ?? '?'} 行）未通过校验、没有评分结果，不能立案：请先改正排查表后重新导入`)
    }
    const keys = subjectKeys(lead.input)
    const params = [JSON.stringify(keys.creditCode === null ? [] : [keys.creditCode]), JSON.stringify(keys.nameKey === null ? [] : [keys.nameKey]), JSON.stringify(keys.controllerKey === null ? [] : [keys.controllerKey])]
    const open = await tx.query<{ id: number; unitId: number; creditCode: string | null }>(
      `SELECT c.id, c.unit_id AS "unitId", s.credit_code AS "creditCode" FROM cases c JOIN subjects s ON s.id = c.subject_id
       WHERE c.status IN (${OPEN_SQL}) AND s.id IN (${MATCHING_SUBJECTS(1)}) ORDER BY c.id`,
      params,
    )
    // As an import links: the credit code anywhere, the name or controller within the lead's unit.
    const same = open.rows.find((c) => (keys.creditCode !== null && c.creditCode === keys.creditCode) || c.unitId === lead.unitId)
    if (same !== undefined) {
      throw notFollowable(`线索 ${leadId} 的主体「${keys.name}」已有在办案件 ${same.id}，请在该案件中跟进，不重复立案`, { caseId: same.id })
    }
    const closed = await tx.query<{ id: number }>(
      `SELECT c.id FROM cases c JOIN subjects s ON s.id = c.subject_id WHERE c.status IN (${CLOSED_SQL}) AND s.id IN (${MATCHING_SUBJECTS(1)}) ORDER BY c.id DESC LIMIT 1`,
      params,
    )
    const resurfacedFrom = closed.rows[0]?.id ?? null
    const result = lead.result as { tier: string; total: number; disposition: string; assignment?: { measures?: string; deadlineDays?: number | null } }
    const measures = result.assignment?.measures ?? ''
    const days = result.assignment?.deadlineDays ?? null
    const deadline = given !== undefined ? given : days === null ? null : addDays(opening.today, days)
    const { rows: subject } = await tx.query<{ id: number }>(
      `INSERT INTO subjects (name, name_key, credit_code, controller, controller_key, places) VALUES ($1, $2, $3, $4, $5, $6::jsonb) RETURNING id`,
      [keys.name, keys.nameKey, keys.creditCode, keys.controller, keys.controllerKey, JSON.stringify(keys.places)],
    )
    const { rows: created } = await tx.query<{ id: number }>(
      `INSERT INTO cases (subject_id, unit_id, tier, total, disposition, measures, deadline, notes, resurfaced_from, first_sweep_id, last_sweep_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10) RETURNING id`,
      [subject[0]!.id, lead.unitId, result.tier, result.total, result.disposition, measures, deadline, reason, resurfacedFrom, lead.sweep.id],
    )
    const id = created[0]!.id
    await tx.query(`UPDATE leads SET case_id = $2, matched_by = 'new', resurfaced_from = $3 WHERE id = $1`, [leadId, id, resurfacedFrom])
    // No sweep on the event: the case was opened on the day a user opened it, which is when the trend counts it.
    const after = openedAfter({
      tier: result.tier,
      total: result.total,
      disposition: result.disposition,
      measures,
      deadline,
      line: lead.line,
      leadRef: lead.leadRef,
      byHand: { leadId, reason },
      resurfaced: resurfacedFrom === null ? null : { from: resurfacedFrom },
    })
    await tx.query(`INSERT INTO events (case_id, unit_id, user_id, sweep_id, kind, before, after) VALUES ($1, $2, $3, NULL, 'opened', NULL, $4::jsonb)`, [
      id,
      lead.unitId,
      actor.userId,
      JSON.stringify(after),
    ])
    return getCase(tx, actor, id)
  })
}
