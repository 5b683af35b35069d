import pg from 'pg'
import { JsonBytes, openFailed, redactUrl, type Db, type OpenDb, type QueryResult, type SqlParam } from './db'
import { TEXT_PARSERS } from './_types'

/*
 * A PostgreSQL server through node-postgres: a small pool, and one client held for the length of a
 * transaction. The type parsers are the pool's own (not pg's global table), so nothing else in the process
 * is changed.
 */

const types = {
  getTypeParser: (oid: number, format?: 'text' | 'binary') =>
    TEXT_PARSERS[oid] ?? pg.types.getTypeParser(oid, format ?? 'text'),
} as pg.CustomTypesConfig

interface Queryable {
  query(sql: string, params?: unknown[]): Promise<pg.QueryResult>
}

const wrap = (client: Queryable, transaction: Db['transaction']): Db => ({
  kind: 'postgres',
  async query<R>(sql: string, params: readonly SqlParam[] = []): Promise<QueryResult<R>> {
    // node-postgres sends a Buffer as bytea: JSON bytes go as the text they encode.
    const result = await client.query(sql, params.map((p) => (p instanceof JsonBytes ? Buffer.from(p.utf8.buffer, p.utf8.byteOffset, p.utf8.byteLength).toString('utf8') : p)))
    return { rows: result.rows as R[], affected: result.rowCount ?? 0 }
  },
  async exec(sql: string): Promise<void> {
    // Without parameters node-postgres uses the simple protocol, which runs a script of statements.
    await client.query(sql)
  },
  transaction,
})

/** Connects to the server at `url` (checked with one query). */
export const openPgDb = async (url: string): Promise<OpenDb> => {
  const pool = new pg.Pool({ connectionString: url, max: 4, types, options: '-c TimeZone=UTC' })
  // An idle client the server dropped must not crash the process; the next query reports it.
  pool.on('error', () => {})
  try {
    await pool.query('SELECT 1')
  } catch (e) {
    await pool.end().catch(() => {})
    throw openFailed(redactUrl(url), e)
  }
  const transaction: Db['transaction'] = async (fn) => {
    const client = await pool.connect()
    try {
      await client.query('BEGIN')
      const inner: Db = wrap(client, (nested) => nested(inner))
      const value = await fn(inner)
      await client.query('COMMIT')
      return value
    } catch (e) {
      await client.query('ROLLBACK').catch(() => {})
      throw e
    } finally {
      client.release()
    }
  }
  return { ...wrap(pool, transaction), location: redactUrl(url), close: () => pool.end() }
}
