import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { MIGRATIONS, SCHEMA_VERSION, migrate, pendingMigrations, schemaVersion } from './migrations'
import { TEST_BACKENDS } from './_test-dbs'
import type { OpenDb } from './db'

const tables = async (db: OpenDb) =>
  (await db.query<{ t: string }>(`SELECT table_name AS t FROM information_schema.tables WHERE table_schema = current_schema() ORDER BY 1`)).rows.map((r) => r.t)
const indexes = async (db: OpenDb) =>
  (await db.query<{ i: string }>(`SELECT indexname AS i FROM pg_indexes WHERE schemaname = current_schema() ORDER BY 1`)).rows.map((r) => r.i)
const columns = async (db: OpenDb, table: string) =>
  (await db.query<{ c: string }>(`SELECT column_name AS c FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = $1 ORDER BY 1`, [table])).rows.map((r) => r.c)

describe.each(TEST_BACKENDS)('migrations on $name', (backend) => {
  let db: OpenDb
  beforeAll(async () => {
    db = await backend.open()
  })
  afterAll(() => db?.close())

  it('migrates an empty database straight to the last version, with the published-pack table', async () => {
    const fresh = await backend.open()
    try {
      expect((await migrate(fresh)).applied.map((m) => m.version)).toEqual(MIGRATIONS.map((m) => m.version))
      expect(await tables(fresh)).toEqual(['api_tokens', 'cases', 'events', 'leads', 'pack_versions', 'schema_migrations', 'subjects', 'sweeps', 'units', 'users'])
      expect(await indexes(fresh)).toEqual(expect.arrayContaining(['cases_open_deadline', 'pack_versions_version']))
    } finally {
      await fresh.close()
    }
  })

  it('numbers the migrations from 1, increasing', () => {
    const versions = MIGRATIONS.map((m) => m.version)
    expect(versions[0]).toBe(1)
    expect(versions).toEqual([...new Set(versions)].sort((a, b) => a - b))
  })

  it('migrates an empty database to the first version, keeps its data through every later one, and is idempotent', async () => {
    expect(await schemaVersion(db)).toBe(0)
    const first = await migrate(db, 1)
    expect(first).toMatchObject({ from: 0, to: 1 })
    expect(await tables(db)).toEqual(['api_tokens', 'cases', 'events', 'leads', 'schema_migrations', 'subjects', 'sweeps', 'units', 'users'])
    expect(await indexes(db)).not.toContain('cases_open_deadline')
    expect(await indexes(db)).not.toContain('cases_open_by_total')
    expect(await columns(db, 'api_tokens')).not.toContain('expires_at')
    // Data written under an earlier version survives the later migrations.
    await db.query(`INSERT INTO units (name, kind) VALUES ('芮集镇', 'town')`)
    await db.query(`INSERT INTO users (login, display_name, role) VALUES ('admin', '管理员', 'admin')`)
    const next = await migrate(db)
    expect(next.applied.map((m) => m.version)).toEqual(MIGRATIONS.slice(1).map((m) => m.version))
    expect(await schemaVersion(db)).toBe(SCHEMA_VERSION)
    expect(await indexes(db)).toContain('cases_open_by_total')
    expect(await indexes(db)).toContain('cases_open_deadline')
    expect(await columns(db, 'api_tokens')).toContain('expires_at')
    expect(await tables(db)).toContain('pack_versions')
    expect((await db.query<{ name: string }>('SELECT name FROM units')).rows).toEqual([{ name: '芮集镇' }])
    // The new table works with the old rows: a version published by the user written before the migration.
    await db.query(`INSERT INTO pack_versions (name, version, hash, files, published_by, reason) VALUES ('default', '1', 'sha256:x', '{}', 1, '测试')`)
    await expect(db.query(`INSERT INTO pack_versions (name, version, hash, files, reason) VALUES ('default', '2', 'sha256:y', '{}', '  ')`)).rejects.toThrow()
    expect((await migrate(db)).applied).toEqual([])
    expect(await pendingMigrations(db)).toEqual([])
  })

  it('lists a migration numbered below the database’s top version as pending until it is applied', async () => {
    // As when two releases' migrations land out of number order: the top one is recorded, a lower one is not.
    const missing = MIGRATIONS[1]!
    await db.query('DELETE FROM schema_migrations WHERE version = $1', [missing.version])
    expect(await schemaVersion(db)).toBe(SCHEMA_VERSION)
    expect((await pendingMigrations(db)).map((m) => m.version)).toEqual([missing.version])
    await db.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [missing.version, missing.name])
    expect(await pendingMigrations(db)).toEqual([])
  })

  it('applies a migration numbered below the version of the database that it lacks (two branches landing in either order)', async () => {
    const last = MIGRATIONS[MIGRATIONS.length - 1]!
    await db.query('DELETE FROM schema_migrations WHERE version = $1', [MIGRATIONS[1]!.version])
    await db.exec('DROP INDEX cases_open_by_unit, cases_open_deadline, cases_escalated, sweeps_unit_date')
    expect(await schemaVersion(db)).toBe(last.version)
    const out = await migrate(db)
    expect(out).toMatchObject({ from: last.version, to: last.version })
    expect(out.applied.map((m) => m.version)).toEqual([MIGRATIONS[1]!.version])
    expect(await indexes(db)).toContain('cases_open_deadline')
  })

  it('refuses a database newer than this release', async () => {
    await db.query(`INSERT INTO schema_migrations (version, name) VALUES ($1, 'future')`, [SCHEMA_VERSION + 1])
    await expect(migrate(db)).rejects.toMatchObject({ code: 'USAGE', message: expect.stringContaining('升级 chufei') })
    await db.query('DELETE FROM schema_migrations WHERE version = $1', [SCHEMA_VERSION + 1])
  })

  it('rolls a failed transaction back and reads types the same on both drivers', async () => {
    await expect(
      db.transaction(async (tx) => {
        await tx.query(`INSERT INTO units (name, kind) VALUES ('临时镇', 'town')`)
        throw new Error('boom')
      }),
    ).rejects.toThrow('boom')
    expect((await db.query(`SELECT 1 FROM units WHERE name = '临时镇'`)).rows).toEqual([])
    const { rows } = await db.query(`SELECT 5::int8 AS n, DATE '2024-06-30' AS d, TIMESTAMPTZ '2024-06-30 08:00:00+08' AS t, '{"a":[1]}'::jsonb AS j`)
    expect(rows).toEqual([{ n: 5, d: '2024-06-30', t: '2024-06-30T00:00:00.000Z', j: { a: [1] } }])
  })
})
