import { fileURLToPath } from 'node:url'
import { createScorer, type Scorer } from '@chufei/core'
import { loadRulePack } from '@chufei/core/node'
import { LOCAL_ADMIN, type Actor } from './actor'
import type { Db } from './db'
import { migrate } from './migrations'
import { addUnit } from './units'
import { addUser } from './users'

/*
 * Test fixtures shared by the store's tests: the bundled pack's scorer, a town with two villages and a
 * department, and one user of every role.
 */

let scorer: Promise<Scorer> | undefined
/** The scorer of the repo's bundled pack (`rules/`), loaded once a test file. */
export const bundledScorer = (): Promise<Scorer> =>
  (scorer ??= loadRulePack(fileURLToPath(new URL('../../../rules/', import.meta.url))).then((pack) => createScorer(pack)))

/** A fixture file of the repo, as bytes' path. */
export const fixturePath = (relative: string): string => fileURLToPath(new URL(`../../../fixtures/${relative}`, import.meta.url))

/** The town of the tests and an actor of every role. */
export interface TestTown {
  readonly townId: number
  readonly villageA: number
  readonly villageB: number
  readonly department: number
  readonly actors: { admin: Actor; town: Actor; villageA: Actor; villageB: Actor; readonly: Actor; villageReadonly: Actor; otherTown: Actor }
}

const actorOf = (user: { id: number; role: Actor['role']; unitId: number | null }): Actor => ({ userId: user.id, role: user.role, unitId: user.unitId })

/** Migrates `db` and adds 芮集镇 (芮集村, 双桥社区, 镇综治办) and 双桥镇 beside it, with their users. */
export const seedTown = async (db: Db): Promise<TestTown> => {
  await migrate(db)
  const town = await addUnit(db, LOCAL_ADMIN, { name: '芮集镇', kind: 'town' })
  const other = await addUnit(db, LOCAL_ADMIN, { name: '双桥镇', kind: 'town' })
  const a = await addUnit(db, LOCAL_ADMIN, { name: '芮集村', kind: 'village', parent: town.id })
  const b = await addUnit(db, LOCAL_ADMIN, { name: '双桥社区', kind: 'village', parent: town.id })
  const d = await addUnit(db, LOCAL_ADMIN, { name: '镇综治办', kind: 'department', parent: town.id })
  const user = async (login: string, role: Actor['role'], unit: number) => actorOf(await addUser(db, LOCAL_ADMIN, { login, role, unit }))
  return {
    townId: town.id,
    villageA: a.id,
    villageB: b.id,
    department: d.id,
    actors: {
      admin: LOCAL_ADMIN,
      town: await user('town', 'town-admin', town.id),
      villageA: await user('village-a', 'unit', a.id),
      villageB: await user('village-b', 'unit', b.id),
      readonly: await user('reader', 'readonly', town.id),
      villageReadonly: await user('village-reader', 'readonly', a.id),
      otherTown: await user('other-town', 'town-admin', other.id),
    },
  }
}

const HEADER = '线索编号,主体名称,统一社会信用代码,所属村（社区）,实际控制人,涉及人数,集资金额（万元）,未兑付金额（万元）,是否逾期兑付,宣传用语,排查日期'

/** One row of a test sheet. */
export interface TestRow {
  id: string
  name: string
  code?: string
  village?: string
  controller?: string
  people?: number
  raisedWan?: number
  owedWan?: number
  overdue?: boolean
  promo?: string
  date?: string
}

/**
 * A promotion that makes a small lead (a few people, no money) blue with 警示约谈 under the bundled pack: a lead
 * the rules want a measure for, so it opens a case (only key leads and such open one; see `opensCase`). Spread
 * into a row: `{ id, name, people: 3, ...OPENS_CASE }`.
 */
export const OPENS_CASE = { promo: '牲畜托管' } as const

/** A CSV sweep of `rows`, as bytes. */
export const sheetOf = (rows: readonly TestRow[]): Uint8Array =>
  new TextEncoder().encode(
    [
      HEADER,
      ...rows.map((r) =>
        [r.id, r.name, r.code ?? '', r.village ?? '', r.controller ?? '', r.people ?? '', r.raisedWan ?? '', r.owedWan ?? '', r.overdue === undefined ? '' : r.overdue ? '是' : '否', r.promo ?? '', r.date ?? '']
          .map(String)
          .join(','),
      ),
    ].join('\n') + '\n',
  )
