import { ChufeiError } from '@chufei/core'
import { LOCAL_ADMIN, SCHEMA_VERSION, actorFromToken, dbOptionsFromEnv, migrate, openDb, pendingMigrations, type Actor, type OpenDb } from '@chufei/store'

/*
 * How a store command opens the case store (案件库): DATABASE_URL names a server, else the embedded store in
 * CHUFEI_DATA (default ~/.chufei/store). The embedded store is migrated on open — it belongs to this
 * installation; a server is migrated only by `chufei db migrate`, so a DBA decides when its schema changes.
 *
 * Who acts: `--token` (or CHUFEI_TOKEN) names a user; without one the command acts as the local
 * administrator (本机管理员) — whoever can run chufei against this data folder or DATABASE_URL can already
 * read and change every row of it directly.
 */

/** An open store and who acts on it. */
export interface StoreSession {
  readonly db: OpenDb
  readonly actor: Actor
}

/** How {@link openSession} treats the schema: `db migrate` opens without touching it and migrates itself. */
export interface SessionOptions {
  readonly skipMigrate?: boolean
}

/** Opens the store for a command. */
export const openSession = async (env: Record<string, string | undefined>, token: string | undefined, options: SessionOptions = {}): Promise<StoreSession> => {
  const dbOptions = dbOptionsFromEnv(env)
  const db = await openDb(dbOptions)
  try {
    if (options.skipMigrate === true) {
      // `db migrate`: the command migrates and reports from → to.
    } else if (dbOptions.url === undefined) await migrate(db)
    else {
      // Any migration not recorded, not only a lower top version: migrations can land out of number order.
      const pending = await pendingMigrations(db)
      if (pending.length > 0) {
        throw new ChufeiError('USAGE', `数据库服务器上的案件库缺少第 ${pending.map((m) => m.version).join('、')} 版结构（本程序需要第 ${SCHEMA_VERSION} 版）：请先运行 chufei db migrate`)
      }
    }
    const given = token ?? env.CHUFEI_TOKEN
    const actor = given === undefined || given.trim() === '' ? LOCAL_ADMIN : await actorFromToken(db, given)
    return { db, actor }
  } catch (e) {
    await db.close()
    throw e
  }
}

/** Runs `fn` on an open session and closes the store after, whatever happens. */
export const withSession = async <T>(env: Record<string, string | undefined>, token: string | undefined, fn: (session: StoreSession) => Promise<T>, options: SessionOptions = {}): Promise<T> => {
  const session = await openSession(env, token, options)
  try {
    return await fn(session)
  } finally {
    await session.db.close()
  }
}
