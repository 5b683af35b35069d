import { ChufeiError } from '@chufei/core'
import type { Db } from './db'
import { MIGRATION_0001 } from './_migration-0001'
import { MIGRATION_0002 } from './_migration-0002'
import { MIGRATION_0003 } from './_migration-0003'
import { MIGRATION_0004 } from './_migration-0004'
import { MIGRATION_0005 } from './_migration-0005'

/*
 * Versioned, forward-only migrations (迁移), one list for PGlite and servers alike. A migration is never
 * edited once released: a change is a new one at the end. Each runs in its own transaction with its row in
 * schema_migrations, so a failure leaves the previous version whole.
 */

/** One migration: its number (from 1, increasing), a name and the SQL. */
export interface Migration {
  readonly version: number
  readonly name: string
  readonly sql: string
}

/** Every migration, in order. */
export const MIGRATIONS: readonly Migration[] = [
  { version: 1, name: 'model', sql: MIGRATION_0001 },
  { version: 2, name: 'list-indexes', sql: MIGRATION_0002 },
  { version: 3, name: 'pack-versions', sql: MIGRATION_0003 },
  { version: 4, name: 'case-page-index', sql: MIGRATION_0004 },
  { version: 5, name: 'token-expiry', sql: MIGRATION_0005 },
]

/** The version this release's code reads and writes. */
export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version

const ensureTable = (db: Db) =>
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version integer PRIMARY KEY,
    name text NOT NULL,
    applied_at timestamptz NOT NULL DEFAULT now()
  )`)

/** The schema version of the database: 0 when empty. */
export const schemaVersion = async (db: Db): Promise<number> => {
  await ensureTable(db)
  const { rows } = await db.query<{ v: number | null }>('SELECT max(version) AS v FROM schema_migrations')
  return rows[0]?.v ?? 0
}

/** The migrations of this release the database has not recorded (any number, not only those above its version). */
export const pendingMigrations = async (db: Db): Promise<readonly Migration[]> => {
  await ensureTable(db)
  const done = new Set((await db.query<{ version: number }>('SELECT version FROM schema_migrations')).rows.map((r) => r.version))
  return MIGRATIONS.filter((m) => !done.has(m.version))
}

/** What {@link migrate} did. */
export interface MigrateOutcome {
  readonly from: number
  readonly to: number
  readonly applied: readonly Migration[]
}

/**
 * Brings the database up to `target` (default: {@link SCHEMA_VERSION}), applying the missing migrations in
 * order. Safe to run at every start: an up-to-date database is left as it is.
 * @throws {ChufeiError} `USAGE` when the database is newer than this release (run a newer chufei)
 */
export const migrate = async (db: Db, target: number = SCHEMA_VERSION): Promise<MigrateOutcome> => {
  const from = await schemaVersion(db)
  if (from > SCHEMA_VERSION) {
    throw new ChufeiError('USAGE', `案件库的结构版本 ${from} 比本程序支持的 ${SCHEMA_VERSION} 新：请升级 chufei 后再打开（迁移只能向前）`)
  }
  // Every migration not recorded yet, not only those above the database's version: two branches that each
  // added one can land in either order, and the one numbered lower is still applied.
  const done = new Set((await db.query<{ version: number }>('SELECT version FROM schema_migrations')).rows.map((r) => r.version))
  const applied = MIGRATIONS.filter((m) => !done.has(m.version) && m.version <= target)
  for (const m of applied) {
    await db.transaction(async (tx) => {
      // Two processes migrating at once: the second waits here, then finds the row and stops.
      await tx.exec('LOCK TABLE schema_migrations IN EXCLUSIVE MODE')
      const done = await tx.query('SELECT 1 FROM schema_migrations WHERE version = $1', [m.version])
      if (done.rows.length > 0) return
      await tx.exec(m.sql)
      await tx.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [m.version, m.name])
    })
  }
  return { from, to: Math.max(from, ...applied.map((m) => m.version)), applied }
}
