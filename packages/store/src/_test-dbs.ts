import { randomBytes } from 'node:crypto'
import pg from 'pg'
import { openDb, type OpenDb } from './db'

/*
 * The databases every store test runs on: PGlite always, and a PostgreSQL server when
 * CHUFEI_TEST_DATABASE_URL names one (`.ci/run` starts a throwaway cluster and sets it). In CI the server is
 * required: a missing URL fails the suite instead of quietly testing PGlite alone.
 */

/** One backend: its name for the test titles, and how to open a fresh, empty database on it. */
export interface TestBackend {
  readonly name: 'pglite' | 'postgres'
  open(): Promise<OpenDb>
}

const serverUrl = process.env.CHUFEI_TEST_DATABASE_URL?.trim() || undefined

if (process.env.CI === 'true' && serverUrl === undefined) {
  throw new Error('CI=true but CHUFEI_TEST_DATABASE_URL is not set: the store tests must run on a PostgreSQL server too (.ci/run starts one)')
}

/** A new database on the server for one test file, dropped when the file's database closes. */
const openServerDb = async (adminUrl: string): Promise<OpenDb> => {
  const name = `chufei_test_${randomBytes(6).toString('hex')}`
  const admin = new pg.Client({ connectionString: adminUrl })
  await admin.connect()
  await admin.query(`CREATE DATABASE ${name}`)
  await admin.end()
  const url = new URL(adminUrl)
  url.pathname = `/${name}`
  const db = await openDb({ url: url.toString() })
  return {
    ...db,
    close: async () => {
      await db.close()
      const drop = new pg.Client({ connectionString: adminUrl })
      await drop.connect()
      await drop.query(`DROP DATABASE IF EXISTS ${name}`)
      await drop.end()
    },
  }
}

/** The backends to run on. */
export const TEST_BACKENDS: readonly TestBackend[] = [
  { name: 'pglite', open: () => openDb({ dataDir: 'memory://' }) },
  ...(serverUrl === undefined ? [] : [{ name: 'postgres' as const, open: () => openServerDb(serverUrl) }]),
]
