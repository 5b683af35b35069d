import { mkdir } from 'node:fs/promises'
import { PGlite, type Transaction } from '@electric-sql/pglite'
import { openFailed, type Db, type OpenDb, type QueryResult, type SqlParam } from './db'
import { TEXT_PARSERS } from './_types'

/*
 * The embedded store: PGlite, one PostgreSQL backend in WebAssembly, in this process. It has one connection,
 * so its transactions run one after another — the same outcome a server gives under optimistic versions.
 */

type Runner = Pick<Transaction, 'query' | 'exec'>

const wrap = (runner: Runner, kind: 'pglite', transaction: Db['transaction']): Db => ({
  kind,
  async query<R>(sql: string, params: readonly SqlParam[] = []): Promise<QueryResult<R>> {
    const result = await runner.query<R>(sql, [...params])
    return { rows: result.rows, affected: result.affectedRows ?? 0 }
  },
  async exec(sql: string): Promise<void> {
    await runner.exec(sql)
  },
  transaction,
})

/** Opens (creating when missing) PGlite in `dataDir`; `memory://` keeps it in memory. */
export const openPgliteDb = async (dataDir: string): Promise<OpenDb> => {
  try {
    if (!dataDir.startsWith('memory://')) await mkdir(dataDir, { recursive: true })
    const pg = await PGlite.create(dataDir, { parsers: TEXT_PARSERS })
    await pg.exec(`SET TIME ZONE 'UTC'`)
    const self: Db = wrap(pg, 'pglite', (fn) =>
      pg.transaction((tx) => {
        const inner: Db = wrap(tx, 'pglite', (nested) => nested(inner))
        return fn(inner)
      }),
    )
    return { ...self, location: dataDir, close: () => pg.close() }
  } catch (e) {
    throw openFailed(dataDir, e)
  }
}
