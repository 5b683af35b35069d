import { homedir } from 'node:os'
import { join } from 'node:path'
import { ChufeiError } from '@chufei/core'

/*
 * The one door to the database (数据库): plain parameterised SQL in the PostgreSQL dialect, on PGlite (the
 * embedded default: WASM PostgreSQL in a data folder, nothing to install) or on a PostgreSQL server when
 * DATABASE_URL is set. Both answer the same three calls, so every query module runs on both unchanged.
 */

/**
 * A JSON text already encoded as UTF-8, for a `$n::jsonb` placeholder: a large batch (an import's leads) goes to
 * the database as the bytes it was written as, without being decoded to a string and encoded again.
 */
export class JsonBytes {
  constructor(readonly utf8: Uint8Array) {}
}

/** A value a query takes: JSON goes in as text (or {@link JsonBytes}) and is cast with `::jsonb` in the SQL. */
export type SqlParam = string | number | boolean | null | JsonBytes

/** The rows of a query, each column by name. int8 arrives as a number, dates and times as ISO strings. */
export interface QueryResult<R> {
  readonly rows: R[]
  /** Rows an INSERT/UPDATE/DELETE touched. */
  readonly affected: number
}

/** What the store needs of a database: one statement with parameters, a script, a transaction. */
export interface Db {
  /** Runs one statement with `$1…` parameters. */
  query<R = Record<string, unknown>>(sql: string, params?: readonly SqlParam[]): Promise<QueryResult<R>>
  /** Runs a script of statements without parameters (migrations, dumps). */
  exec(sql: string): Promise<void>
  /**
   * Runs `fn` in one transaction: committed when it resolves, rolled back when it throws. Inside, `transaction`
   * joins the open one (a function that needs a transaction can be called from one that has it).
   */
  transaction<T>(fn: (tx: Db) => Promise<T>): Promise<T>
  /** `pglite` or `postgres`, for messages and dumps. */
  readonly kind: 'pglite' | 'postgres'
}

/** A database the caller owns: close it when done. */
export interface OpenDb extends Db {
  close(): Promise<void>
  /** Where it is: the data folder, or the server URL without its password. */
  readonly location: string
}

/** Where the embedded store keeps its data when CHUFEI_DATA is not set: `~/.chufei/store`. */
export const defaultDataDir = (): string => join(homedir(), '.chufei', 'store')

/** How to open the store. */
export interface OpenDbOptions {
  /** A PostgreSQL server, `postgres://user:pass@host:port/db`; when absent the embedded store is used. */
  readonly url?: string
  /** The embedded store's folder, or `memory://` for a throwaway one (tests). */
  readonly dataDir?: string
}

/** The options of {@link openDb} from the environment: DATABASE_URL, else CHUFEI_DATA, else the default folder. */
export const dbOptionsFromEnv = (env: Record<string, string | undefined>): OpenDbOptions => {
  const url = env.DATABASE_URL?.trim()
  if (url) return { url }
  return { dataDir: env.CHUFEI_DATA?.trim() || defaultDataDir() }
}

/** A server URL with its password hidden, for messages. */
export const redactUrl = (url: string): string => url.replace(/(\/\/[^:/@]+:)[^@]*@/, '$1***@')

/**
 * Opens the store: a PostgreSQL server when `url` is given, else PGlite in `dataDir` (created when missing).
 * The drivers are imported here only, so a command that never opens the store never loads them.
 * @throws {ChufeiError} `UNREADABLE_INPUT` when the database cannot be reached or the folder opened
 */
export const openDb = async (options: OpenDbOptions): Promise<OpenDb> => {
  if (options.url !== undefined) return (await import('./_pg-db')).openPgDb(options.url)
  return (await import('./_pglite-db')).openPgliteDb(options.dataDir ?? defaultDataDir())
}

/** Wraps a driver's failure to open in the one error class, naming where. */
export const openFailed = (where: string, cause: unknown): ChufeiError => {
  const why = cause instanceof Error ? cause.message : String(cause)
  return new ChufeiError('UNREADABLE_INPUT', `无法打开案件库 ${where}：${why}`, { cause })
}
