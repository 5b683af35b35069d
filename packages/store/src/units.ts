import { ChufeiError } from '@chufei/core'
import { z } from 'zod'
import { assertCanManage, forbidden, readableUnitIds, type Actor } from './actor'
import type { Db } from './db'
import { invalidInput } from './_invalid-input'

/*
 * Units (单位): a town (镇) and the villages/communities (村（社区）) and departments (部门) under it. Two levels
 * are enough for a town office; a county runs one town row per town on the same server.
 */

export const UNIT_KINDS = ['town', 'village', 'department'] as const
export type UnitKind = (typeof UNIT_KINDS)[number]

export const UnitSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  kind: z.enum(UNIT_KINDS),
  parentId: z.number().int().nullable(),
})
export type Unit = z.infer<typeof UnitSchema>

export const NewUnitSchema = z.object({
  name: z.string().trim().min(1).max(100),
  kind: z.enum(UNIT_KINDS),
  /** The town a village or department is under (its id or name); absent for a town. */
  parent: z.union([z.number().int().positive(), z.string().trim().min(1)]).optional(),
})
export type NewUnit = z.input<typeof NewUnitSchema>

const SELECT = 'SELECT id, name, kind, parent_id AS "parentId" FROM units'

/**
 * Adds a unit. A town only by the administrator; a village or department by the administrator or the
 * town's own office.
 * @throws {ChufeiError} `USAGE` for a bad or duplicate name, `FORBIDDEN`, `NOT_FOUND` for an unknown parent
 */
export const addUnit = async (db: Db, actor: Actor, input: NewUnit): Promise<Unit> => {
  const parsed = NewUnitSchema.safeParse(input)
  if (!parsed.success) throw invalidInput('单位信息', parsed.error)
  const u = parsed.data
  let parentId: number | null = null
  if (u.kind === 'town') {
    if (u.parent !== undefined) throw new ChufeiError('USAGE', `镇（${u.name}）是最上一级，不能有上级单位`)
    if (actor.role !== 'admin') throw forbidden('新建镇')
  } else {
    if (u.parent === undefined) throw new ChufeiError('USAGE', `村（社区）或部门「${u.name}」须指明所属的镇`)
    const parent = await findUnit(db, actor, u.parent)
    if (parent.kind !== 'town') throw new ChufeiError('USAGE', `「${parent.name}」不是镇：村（社区）和部门只能建在镇下`)
    await assertCanManage(db, actor, parent.id, `在「${parent.name}」下新建单位`)
    parentId = parent.id
  }
  const clash = await db.query(
    parentId === null ? 'SELECT 1 FROM units WHERE parent_id IS NULL AND name = $1' : 'SELECT 1 FROM units WHERE parent_id = $2 AND name = $1',
    parentId === null ? [u.name] : [u.name, parentId],
  )
  if (clash.rows.length > 0) throw new ChufeiError('USAGE', `单位「${u.name}」已存在`)
  const { rows } = await db.query<Unit>(
    `INSERT INTO units (name, kind, parent_id) VALUES ($1, $2, $3) RETURNING id, name, kind, parent_id AS "parentId"`,
    [u.name, u.kind, parentId],
  )
  return rows[0]!
}

/** Every unit the actor can read, towns first, then by name. */
export const listUnits = async (db: Db, actor: Actor): Promise<Unit[]> => {
  const ids = await readableUnitIds(db, actor)
  const { rows } =
    ids === null
      ? await db.query<Unit>(`${SELECT} ORDER BY coalesce(parent_id, id), parent_id NULLS FIRST, name`)
      : await db.query<Unit>(`${SELECT} WHERE id = ANY($1::int[]) ORDER BY coalesce(parent_id, id), parent_id NULLS FIRST, name`, [`{${ids.join(',')}}`])
  return rows
}

/**
 * A unit the actor can read, by id, by name, or as `镇/村` when a name is used in two towns.
 * @throws {ChufeiError} `NOT_FOUND` (also for a unit outside the actor's scope: it is not named to them), `USAGE` when ambiguous
 */
export const findUnit = async (db: Db, actor: Actor, ref: number | string): Promise<Unit> => {
  const units = await listUnits(db, actor)
  if (typeof ref === 'number') {
    const unit = units.find((u) => u.id === ref)
    if (unit === undefined) throw new ChufeiError('NOT_FOUND', `没有编号为 ${ref} 的单位（或不在你的范围内）`)
    return unit
  }
  const [first, second] = ref.split('/').map((s) => s.trim())
  const matches =
    second === undefined
      ? units.filter((u) => u.name === first)
      : units.filter((u) => u.name === second && units.some((t) => t.id === u.parentId && t.name === first))
  if (matches.length === 0) throw new ChufeiError('NOT_FOUND', `没有名为「${ref}」的单位（或不在你的范围内）；用 chufei unit add 新建`)
  if (matches.length > 1) throw new ChufeiError('USAGE', `有 ${matches.length} 个单位名为「${ref}」：请写成「镇/村」`)
  return matches[0]!
}
