import { ChufeiError } from '@chufei/core'
import type { Actor } from './actor'
import type { Db } from './db'
import { SCHEMA_VERSION, migrate, schemaVersion } from './migrations'

/*
 * Backup and restore (备份与恢复) as JSON Lines, the same on PGlite and on a server: a header line with the
 * schema version, then one line a row, table by table in an order that satisfies every reference. It streams
 * both ways (a batch of rows at a time), so a million leads never sit in memory at once, and a dump of an
 * older release restores into this one: the empty database is migrated to the dump's version, filled, then
 * migrated forward. On a server, pg_dump works as well; this format also moves a town from PGlite to a server.
 */

/** Tables in dependency order (parents first; within a table ids only point backwards). */
export const DUMP_TABLES = ['units', 'users', 'api_tokens', 'sweeps', 'subjects', 'cases', 'leads', 'events', 'pack_versions'] as const

/** The first line of a dump. */
export interface DumpHeader {
  readonly format: 'chufei-store-dump'
  readonly schemaVersion: number
  readonly dumpedAt: string
}

const PAGE = 2000

const adminOnly = (actor: Actor, what: string) => {
  if (actor.role !== 'admin') throw new ChufeiError('FORBIDDEN', `只有本机管理员可以${what}整个案件库`)
}

/**
 * The whole store as JSON Lines (each string one line, without the newline). Administrator only: a dump
 * holds every unit's data and the credential hashes.
 */
export async function* dumpStore(db: Db, actor: Actor): AsyncGenerator<string> {
  adminOnly(actor, '导出')
  const header: DumpHeader = { format: 'chufei-store-dump', schemaVersion: await schemaVersion(db), dumpedAt: new Date().toISOString() }
  yield JSON.stringify(header)
  for (const table of DUMP_TABLES) {
    let after = 0
    for (;;) {
      const { rows } = await db.query<{ id: number }>(`SELECT * FROM ${table} WHERE id > $1 ORDER BY id LIMIT ${PAGE}`, [after])
      for (const row of rows) yield JSON.stringify({ t: table, r: row })
      if (rows.length < PAGE) break
      after = rows[rows.length - 1]!.id
    }
  }
}

const bad = (line: number, why: string) => new ChufeiError('UNREADABLE_INPUT', `备份文件第 ${line} 行：${why}`)

/** What {@link restoreStore} loaded. */
export interface RestoreOutcome {
  readonly schemaVersion: number
  readonly rows: Record<string, number>
}

/**
 * Restores a dump into an EMPTY store, in one transaction: all of it or nothing. Administrator only.
 * @throws {ChufeiError} `USAGE` when the store already holds data; `UNREADABLE_INPUT` for a line that is not
 *   a dump's (with its line number); `USAGE` for a dump newer than this release
 */
export const restoreStore = async (db: Db, actor: Actor, lines: AsyncIterable<string> | Iterable<string>): Promise<RestoreOutcome> => {
  adminOnly(actor, '恢复')
  const current = await schemaVersion(db)
  if (current > 0) {
    const { rows } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM units')
    if (rows[0]!.n > 0) throw new ChufeiError('USAGE', '案件库不是空的：恢复只能恢复到新建的空库（换一个 CHUFEI_DATA 目录或新建数据库），以免覆盖现有数据')
  }
  return db.transaction(async (tx) => {
    let header: DumpHeader | undefined
    let lineNo = 0
    const counts: Record<string, number> = {}
    let table: string | undefined
    let batch: unknown[] = []
    const flush = async () => {
      if (table === undefined || batch.length === 0) return
      await tx.query(`INSERT INTO ${table} SELECT * FROM jsonb_populate_recordset(null::${table}, $1::jsonb)`, [JSON.stringify(batch)])
      counts[table] = (counts[table] ?? 0) + batch.length
      batch = []
    }
    for await (const text of lines) {
      lineNo += 1
      if (text.trim() === '') continue
      let value: unknown
      try {
        value = JSON.parse(text)
      } catch {
        throw bad(lineNo, '不是 JSON')
      }
      if (header === undefined) {
        const h = value as Partial<DumpHeader>
        if (h.format !== 'chufei-store-dump' || typeof h.schemaVersion !== 'number') throw bad(lineNo, '不是 chufei 案件库备份（缺少文件头）')
        if (h.schemaVersion > SCHEMA_VERSION) throw new ChufeiError('USAGE', `备份的结构版本 ${h.schemaVersion} 比本程序支持的 ${SCHEMA_VERSION} 新：请升级 chufei 后再恢复`)
        header = h as DumpHeader
        await migrate(tx, header.schemaVersion)
        continue
      }
      const { t, r } = value as { t?: unknown; r?: unknown }
      if (!DUMP_TABLES.includes(t as (typeof DUMP_TABLES)[number]) || typeof r !== 'object' || r === null) throw bad(lineNo, '不是案件库的数据行')
      if (t !== table) {
        await flush()
        table = t as string
      }
      batch.push(r)
      if (batch.length >= PAGE) await flush()
    }
    await flush()
    if (header === undefined) throw bad(lineNo, '文件是空的')
    // Migrate forward first: a dump of an older release lacks the newer tables, whose sequences are set below too.
    await migrate(tx)
    for (const t of DUMP_TABLES) {
      await tx.query(`SELECT setval(pg_get_serial_sequence('${t}', 'id'), coalesce((SELECT max(id) FROM ${t}), 0) + 1, false)`)
    }
    return { schemaVersion: header.schemaVersion, rows: counts }
  })
}
