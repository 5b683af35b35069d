import { mkdir } from 'node:fs/promises'
import { PGlite, type Transaction } from '@electric-sql/pglite'
import { JsonBytes, openFailed, type Db, type OpenDb, type QueryResult, type SqlParam } from './db'
import { TEXT_PARSERS } from './_types'

/*
 * The embedded store: PGlite, one PostgreSQL backend in WebAssembly, in this process. It has one connection,
 * so its transactions run one after another — the same outcome a server gives under optimistic versions.
 */

type Runner = Pick<Transaction, 'query' | 'exec'>

/** PostgreSQL's type id of jsonb, whose binary form is a version byte (1) and the JSON text. */
const JSONB = 3802
/** Hands a jsonb parameter to PGlite as it is: a string goes as text, bytes in jsonb's binary form. */
const AS_GIVEN = { serializers: { [JSONB]: (value: unknown) => value } } as unknown as Parameters<Runner['query']>[2]

/**
 * A parameter as PGlite takes it. {@link JsonBytes} go in jsonb's binary form, which PGlite passes through
 * untouched: as text it would count the UTF-8 length of a batch's million characters twice in JavaScript
 * before encoding them (a second of an import's hundred thousand leads).
 */
const toPglite = (param: SqlParam): unknown => {
  if (!(param instanceof JsonBytes)) return param
  const bytes = new Uint8Array(param.utf8.byteLength + 1)
  bytes[0] = 1
  bytes.set(param.utf8, 1)
  return bytes
}

const wrap = (runner: Runner, kind: 'pglite', transaction: Db['transaction']): Db => ({
  kind,
  async query<R>(sql: string, params: readonly SqlParam[] = []): Promise<QueryResult<R>> {
    const bytes = params.some((p) => p instanceof JsonBytes)
    const result = await runner.query<R>(sql, params.map(toPglite), bytes ? AS_GIVEN : undefined)
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
