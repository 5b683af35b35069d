import type { Db } from './db'

/**
 * The files of the newest published pack version with `hash`, or null: how a reader finds the pack that scored
 * a sweep when it is no longer the one served (a hash names one content, so any row with it will do). Callers
 * check access to the sweep or lead first.
 */
export const publishedFilesByHash = async (db: Db, hash: string): Promise<Readonly<Record<string, string>> | null> =>
  (await db.query<{ files: Record<string, string> }>('SELECT files FROM pack_versions WHERE hash = $1 ORDER BY id DESC LIMIT 1', [hash])).rows[0]?.files ?? null
