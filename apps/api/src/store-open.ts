import { randomBytes } from 'node:crypto'
import { LOCAL_ADMIN, addUnit, addUser, issueToken, migrate, openDb, type Db, type OpenDb, type OpenDbOptions } from '@chufei/store'
import type { Logger } from './logger'

/*
 * Opening the case store (案件库) for the server: the embedded PGlite folder (CHUFEI_DATA) or a PostgreSQL
 * server (DATABASE_URL), migrated to this release's schema, and on the very first run a town and its
 * administrator, whose password and token are printed once — the only way in to a fresh store.
 */

/** The administrator the first run creates: shown once, never stored in clear. */
export interface FirstRunAdmin {
  readonly town: string
  readonly login: string
  readonly password: string
  readonly token: string
}

/** The login of the first administrator. */
export const FIRST_ADMIN_LOGIN = 'admin'

/**
 * On an empty store (no user yet): adds the town `town` and the administrator `admin` (本机管理员) with a
 * random password and a token, and returns them; on any other store, null. One transaction holding the users
 * table, so two servers starting on one database create one administrator.
 */
export const ensureFirstAdmin = (db: Db, town: string): Promise<FirstRunAdmin | null> =>
  db.transaction(async (tx) => {
    await tx.exec('LOCK TABLE users IN EXCLUSIVE MODE')
    const { rows } = await tx.query<{ n: number }>('SELECT count(*)::int AS n FROM users')
    if ((rows[0]?.n ?? 0) > 0) return null
    const towns = await tx.query<{ id: number }>("SELECT id FROM units WHERE parent_id IS NULL AND name = $1", [town])
    if (towns.rows.length === 0) await addUnit(tx, LOCAL_ADMIN, { name: town, kind: 'town' })
    const password = randomBytes(12).toString('base64url')
    await addUser(tx, LOCAL_ADMIN, { login: FIRST_ADMIN_LOGIN, displayName: '管理员', role: 'admin', password })
    const { token } = await issueToken(tx, LOCAL_ADMIN, { login: FIRST_ADMIN_LOGIN, label: 'first run' })
    return { town, login: FIRST_ADMIN_LOGIN, password, token }
  })

/** The text that shows the first administrator, once (stdout). */
export const firstRunNotice = (admin: FirstRunAdmin): string =>
  [
    '',
    '================ chufei 案件库首次启动 / first run of the case store ================',
    `已创建镇「${admin.town}」和管理员 / created the town "${admin.town}" and its administrator:`,
    `  登录名 login:     ${admin.login}`,
    `  密码 password:    ${admin.password}`,
    `  令牌 API token:   ${admin.token}`,
    '以上密码和令牌只显示这一次，请妥善保存 / shown this once only: keep them safe.',
    '====================================================================================',
    '',
    '',
  ].join('\n')

/** What {@link openStore} opened. */
export interface OpenedStore {
  readonly db: OpenDb
  /** The administrator created on this first run, else null. */
  readonly firstAdmin: FirstRunAdmin | null
}

/**
 * Opens and migrates the store, and creates the first administrator on an empty one.
 * @throws {ChufeiError} `UNREADABLE_INPUT` when it cannot be opened, `USAGE` when its schema is newer than this release
 */
export const openStore = async (options: OpenDbOptions, town: string, logger: Logger): Promise<OpenedStore> => {
  const db = await openDb(options)
  try {
    const migrated = await migrate(db)
    const firstAdmin = await ensureFirstAdmin(db, town)
    logger({
      level: 'info',
      msg: 'store opened',
      kind: db.kind,
      location: db.location,
      schema: migrated.to,
      migrated: migrated.applied.map((m) => m.version),
      firstRun: firstAdmin !== null,
    })
    return { db, firstAdmin }
  } catch (error) {
    await db.close().catch(() => {})
    throw error
  }
}
