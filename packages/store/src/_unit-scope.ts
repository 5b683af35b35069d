import { ChufeiError } from '@chufei/core'
import { isIsoDate } from '@chufei/ledger'
import { readableUnitIds, type Actor } from './actor'
import type { Db } from './db'
import { findUnit } from './units'

/**
 * The units a query reads, as a PostgreSQL int array literal for `= ANY($n::int[])`: the actor's, or the one
 * asked for and those under it (a town given as the unit means the town and its villages). `null` for an
 * administrator without a unit: everything.
 * @throws {ChufeiError} `NOT_FOUND` for a unit out of the actor's scope
 */
export const unitsToRead = async (db: Db, actor: Actor, unit: number | string | undefined): Promise<string | null> => {
  if (unit !== undefined) {
    const u = await findUnit(db, actor, unit)
    const ids = (await db.query<{ id: number }>('SELECT id FROM units WHERE id = $1 OR parent_id = $1', [u.id])).rows.map((r) => r.id)
    return `{${ids.join(',')}}`
  }
  const ids = await readableUnitIds(db, actor)
  return ids === null ? null : `{${ids.join(',')}}`
}

/**
 * A period of the figures and the report: two ISO dates, the first not after the second.
 * @throws {ChufeiError} `USAGE` otherwise, in the words staff read
 */
export const assertPeriod = (from: string, to: string): void => {
  if (!isIsoDate(from) || !isIsoDate(to) || from > to) {
    throw new ChufeiError('USAGE', `统计期间「${from} 至 ${to}」无效：请写成 2024-04-01 至 2024-06-30，起日不晚于止日`)
  }
}
