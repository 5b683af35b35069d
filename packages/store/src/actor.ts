import { ChufeiError } from '@chufei/core'
import { z } from 'zod'
import type { Db } from './db'

/*
 * Who is asking (操作人) and what they may do. Every store function takes an actor and checks it itself, so
 * the CLI, the API and the console cannot differ in what a role sees: adapters only say who the actor is.
 *
 * Roles (角色): 镇处非办 `town-admin` reads and edits every unit of its town; 村（社区）/部门 `unit` reads its own
 * unit and updates the follow-up of its own cases; 只读 `readonly` reads its unit (a town's: the whole town).
 * `admin` (本机管理员) is the operator of the installation — the CLI's default actor on the embedded store —
 * who may create towns and see every town.
 */

export const ROLES = ['admin', 'town-admin', 'unit', 'readonly'] as const
export type Role = (typeof ROLES)[number]

/** Role names as staff read them. */
export const ROLE_LABELS: Record<Role, { zh: string; en: string }> = {
  admin: { zh: '本机管理员', en: 'Administrator' },
  'town-admin': { zh: '镇处非办', en: 'Town office' },
  unit: { zh: '村（社区）/部门', en: 'Village or department' },
  readonly: { zh: '只读', en: 'Read-only' },
}

export const ActorSchema = z.object({
  /** The user's id; null for the local administrator of the embedded store, who has no user row. */
  userId: z.number().int().positive().nullable(),
  role: z.enum(ROLES),
  /** The unit the actor belongs to; null only for `admin`. */
  unitId: z.number().int().positive().nullable(),
})
export type Actor = z.infer<typeof ActorSchema>

/** The installation's operator: what the CLI acts as on the embedded store when no `--token` is given. */
export const LOCAL_ADMIN: Actor = Object.freeze({ userId: null, role: 'admin', unitId: null })

/** The units an actor can read: null for every unit (admin), else the actor's unit and the units under it. */
export const readableUnitIds = async (db: Db, actor: Actor): Promise<number[] | null> => {
  const a = ActorSchema.parse(actor)
  if (a.role === 'admin') return null
  const { rows } = await db.query<{ id: number }>('SELECT id FROM units WHERE id = $1 OR parent_id = $1 ORDER BY id', [a.unitId])
  return rows.map((r) => r.id)
}

/** A SQL condition `column = ANY(...)` for the actor's scope, with its parameter; `true` for admin. */
export const scopeFilter = async (db: Db, actor: Actor, column: string, paramIndex: number): Promise<{ sql: string; params: string[] }> => {
  const ids = await readableUnitIds(db, actor)
  if (ids === null) return { sql: 'true', params: [] }
  return { sql: `${column} = ANY($${paramIndex}::int[])`, params: [`{${ids.join(',')}}`] }
}

/** Refused: the one error for every access check, naming the unit without saying what it holds. */
export const forbidden = (what: string): ChufeiError => new ChufeiError('FORBIDDEN', `无权${what}：不在你的单位范围内，或你的角色（只读/村级）不能这样做`)

/** Throws FORBIDDEN unless the actor may read `unitId`. */
export const assertCanRead = async (db: Db, actor: Actor, unitId: number, what = '查看该单位的数据'): Promise<void> => {
  const ids = await readableUnitIds(db, actor)
  if (ids !== null && !ids.includes(unitId)) throw forbidden(what)
}

/** Throws FORBIDDEN unless the actor may edit everything of `unitId` (admin; town-admin within the town). */
export const assertCanManage = async (db: Db, actor: Actor, unitId: number, what = '修改该单位的数据'): Promise<void> => {
  if (actor.role !== 'admin' && actor.role !== 'town-admin') throw forbidden(what)
  await assertCanRead(db, actor, unitId, what)
}

/**
 * Throws FORBIDDEN unless the actor may update the follow-up of a case held by `unitId`: a manager of the
 * unit, or a `unit` user of that very unit.
 */
export const assertCanFollowUp = async (db: Db, actor: Actor, unitId: number): Promise<void> => {
  if (actor.role === 'unit' && actor.unitId === unitId) return
  await assertCanManage(db, actor, unitId, '更新该案件的处置情况')
}
