import { ChufeiError } from '@chufei/core'
import { z } from 'zod'
import { forbidden, type Actor } from './actor'
import type { Db } from './db'
import { invalidInput } from './_invalid-input'

/*
 * Published rule packs (规则包版本): who published which pack, when and why, and what it replaced. Nothing
 * is deleted or edited: a rollback (回滚) publishes an earlier version's files again as a new row, so the
 * history keeps both the mistake and its undoing, and the newest row is always the pack to serve.
 *
 * The store records packs; it does not judge them. The caller (the API) validates a pack with the rule-pack
 * loader before publishing it, and the hash is the loader's. Only a town office (镇处非办) or the
 * administrator publishes or rolls back — a pack scores every unit's leads; the staff who read packs
 * (the administrator, town offices, read-only analysts) read the history. A village or department user
 * (`unit`) has no use for it and is refused.
 */

/** Bounds of a stored pack: as many files as the API takes, and far more text than any real pack has. */
export const PACK_LIMITS = { files: 500, pathChars: 300, totalChars: 8 * 1024 * 1024, reasonChars: 2000 } as const

/** A published version as the history lists it (without its files). */
export interface PackVersionView {
  readonly id: number
  readonly name: string
  readonly version: string
  readonly hash: string
  /** The publisher's display name; 本机管理员 for the CLI's local administrator. */
  readonly publishedBy: string
  readonly publishedAt: string
  readonly reason: string
  /** The pack that was serving when this one was published (a published one or the rules/ folder's), if known. */
  readonly replaced: { version: string; hash: string } | null
  /** The version whose files this row published again, when it is a rollback. */
  readonly rollbackOf: number | null
  /** Whether this is the version being served now (the newest row). */
  readonly current: boolean
}

/** One version with its files (path → JSON text). */
export interface PackVersion extends PackVersionView {
  readonly files: Readonly<Record<string, string>>
}

export const PublishPackSchema = z
  .object({
    name: z.string().min(1).max(100),
    version: z.string().min(1).max(50),
    hash: z.string().regex(/^sha256:[0-9a-f]{64}$/),
    files: z.record(z.string().min(1).max(PACK_LIMITS.pathChars), z.string()),
    reason: z.string().trim().min(1, '请写明发布原因').max(PACK_LIMITS.reasonChars),
    /** What was serving before, as the server knows it (the rules/ folder's pack has no row). */
    replaced: z.object({ version: z.string().max(50), hash: z.string().max(100) }).nullable().optional(),
    /**
     * The pack serving before the first publish (the server's rules/ folder), recorded first when nothing
     * has been published yet, so the first publish can be rolled back like any other.
     */
    baseline: z
      .object({ name: z.string().min(1).max(100), version: z.string().min(1).max(50), hash: z.string().regex(/^sha256:[0-9a-f]{64}$/), files: z.record(z.string().min(1).max(PACK_LIMITS.pathChars), z.string()) })
      .optional(),
  })
  .strict()
export type PublishPack = z.input<typeof PublishPackSchema>


const assertCanPublish = (actor: Actor, what: string): void => {
  if (actor.role !== 'admin' && actor.role !== 'town-admin') throw forbidden(what)
}

/**
 * Throws FORBIDDEN unless the actor may publish or roll back packs (a town office, the administrator): for
 * an adapter to refuse before it spends a worker thread validating a pack the store would refuse anyway.
 */
export const assertCanPublishPacks = (actor: Actor): void => assertCanPublish(actor, '发布或回滚规则包')

const assertCanReadPacks = (actor: Actor): void => {
  if (actor.role === 'unit') throw forbidden('查看规则包版本')
}

/** The reason of the row that records the pack served before the first publish. */
export const BASELINE_REASON = '首次发布前在用的规则包（服务器 rules/ 文件夹），随首次发布记入，以便回滚'

const assertBounded = (files: Readonly<Record<string, string>>): void => {
  const paths = Object.keys(files)
  const chars = paths.reduce((n, path) => n + path.length + files[path]!.length, 0)
  if (paths.length === 0 || paths.length > PACK_LIMITS.files || chars > PACK_LIMITS.totalChars) {
    throw new ChufeiError('USAGE', `规则包文件须有 1 至 ${PACK_LIMITS.files} 个，合计不超过 ${PACK_LIMITS.totalChars / 1024 / 1024} MiB 字符`)
  }
}

const SELECT = `SELECT p.id, p.name, p.version, p.hash, coalesce(u.display_name, '本机管理员') AS "publishedBy", p.published_at AS "publishedAt",
  p.reason, CASE WHEN p.replaced_hash IS NULL THEN NULL ELSE jsonb_build_object('version', p.replaced_version, 'hash', p.replaced_hash) END AS replaced,
  p.rollback_of AS "rollbackOf", p.id = (SELECT max(id) FROM pack_versions) AS current`
const FROM = 'FROM pack_versions p LEFT JOIN users u ON u.id = p.published_by'

const insert = async (tx: Db, actor: Actor, row: { name: string; version: string; hash: string; files: Readonly<Record<string, string>>; reason: string; replaced: { version: string; hash: string } | null; rollbackOf: number | null }): Promise<PackVersion> => {
  const { rows } = await tx.query<{ id: number }>(
    `INSERT INTO pack_versions (name, version, hash, files, published_by, reason, replaced_version, replaced_hash, rollback_of)
     VALUES ($1, $2, $3, $4::jsonb, $5, $6, $7, $8, $9) RETURNING id`,
    [row.name, row.version, row.hash, JSON.stringify(row.files), actor.userId, row.reason, row.replaced?.version ?? null, row.replaced?.hash ?? null, row.rollbackOf],
  )
  return readVersion(tx, rows[0]!.id)
}

const readVersion = async (db: Db, id: number): Promise<PackVersion> => {
  const { rows } = await db.query<PackVersion>(`${SELECT}, p.files ${FROM} WHERE p.id = $1`, [id])
  const found = rows[0]
  if (found === undefined) throw new ChufeiError('NOT_FOUND', `没有编号为 ${id} 的规则包版本`)
  return found
}

const latestId = async (tx: Db): Promise<number | null> => (await tx.query<{ id: number | null }>('SELECT max(id) AS id FROM pack_versions')).rows[0]?.id ?? null

/**
 * Publishes a validated pack as the newest version. The same files as the version being served are refused
 * (nothing would change), and so is a version string already published with other files: a version names
 * one content, so the history and `/v1/score`'s answers stay unambiguous.
 * @throws {ChufeiError} `FORBIDDEN` (not a town office or the administrator), `USAGE` (no reason, bad or
 *   oversized files), `CONFLICT` (unchanged, or the version string taken)
 */
export const publishPackVersion = async (db: Db, actor: Actor, input: PublishPack): Promise<PackVersion> => {
  assertCanPublish(actor, '发布规则包')
  const parsed = PublishPackSchema.safeParse(input)
  if (!parsed.success) throw invalidInput('规则包发布', parsed.error)
  const p = parsed.data
  for (const files of p.baseline === undefined ? [p.files] : [p.files, p.baseline.files]) assertBounded(files)
  return db.transaction(async (tx) => {
    // One publisher at a time, so "current" and "replaced" cannot interleave between two servers.
    await tx.exec('LOCK TABLE pack_versions IN EXCLUSIVE MODE')
    let latest = await latestId(tx)
    if (latest === null && p.baseline !== undefined && p.baseline.hash !== p.hash) {
      const b = p.baseline
      latest = (await insert(tx, actor, { ...b, reason: BASELINE_REASON, replaced: null, rollbackOf: null })).id
    }
    if (latest !== null) {
      const now = await readVersion(tx, latest)
      if (now.hash === p.hash) throw new ChufeiError('CONFLICT', `规则包与正在使用的版本 ${now.version}（第 ${now.id} 号）完全相同，未发布`, { data: { current: { id: now.id, version: now.version, hash: now.hash } } })
    }
    const taken = await tx.query<{ id: number }>('SELECT id FROM pack_versions WHERE version = $1 AND hash <> $2 ORDER BY id LIMIT 1', [p.version, p.hash])
    if (taken.rows.length > 0) {
      throw new ChufeiError('CONFLICT', `版本号 ${p.version} 已用于内容不同的规则包（第 ${taken.rows[0]!.id} 号）：请换一个版本号`, { data: { versionOf: taken.rows[0]!.id } })
    }
    const replaced = p.replaced ?? (p.baseline === undefined ? null : { version: p.baseline.version, hash: p.baseline.hash })
    return insert(tx, actor, { name: p.name, version: p.version, hash: p.hash, files: p.files, reason: p.reason, replaced, rollbackOf: null })
  })
}

/**
 * Rolls back to version `id`: publishes its files again as a new row (`rollbackOf: id`), which becomes the
 * version served. The rolled-back-from row stays in the history.
 * @throws {ChufeiError} `FORBIDDEN`, `USAGE` (no reason), `NOT_FOUND`, `CONFLICT` (that pack is already the one served)
 */
export const rollbackPackVersion = async (db: Db, actor: Actor, id: number, input: { reason: string; replaced?: { version: string; hash: string } | null }): Promise<PackVersion> => {
  assertCanPublish(actor, '回滚规则包')
  const reason = PublishPackSchema.shape.reason.safeParse(input.reason)
  if (!reason.success) throw invalidInput('回滚原因', reason.error)
  return db.transaction(async (tx) => {
    await tx.exec('LOCK TABLE pack_versions IN EXCLUSIVE MODE')
    const target = await readVersion(tx, id)
    const latest = await readVersion(tx, (await latestId(tx))!)
    if (latest.hash === target.hash) throw new ChufeiError('CONFLICT', `第 ${id} 号版本 ${target.version} 的规则与正在使用的版本相同，无需回滚`, { data: { current: { id: latest.id, version: latest.version, hash: latest.hash } } })
    return insert(tx, actor, {
      name: target.name,
      version: target.version,
      hash: target.hash,
      files: target.files,
      reason: reason.data,
      replaced: input.replaced ?? { version: latest.version, hash: latest.hash },
      rollbackOf: id,
    })
  })
}

/**
 * The published versions, newest first (at most `limit`, default 200), without their files.
 * @throws {ChufeiError} `FORBIDDEN` for a village or department user
 */
export const listPackVersions = async (db: Db, actor: Actor, options: { limit?: number } = {}): Promise<PackVersionView[]> => {
  assertCanReadPacks(actor)
  const limit = Math.min(Math.max(options.limit ?? 200, 1), 1000)
  return (await db.query<PackVersionView>(`${SELECT} ${FROM} ORDER BY p.id DESC LIMIT $1`, [limit])).rows
}

/**
 * One published version with its files.
 * @throws {ChufeiError} `FORBIDDEN` for a village or department user, `NOT_FOUND`
 */
export const getPackVersion = async (db: Db, actor: Actor, id: number): Promise<PackVersion> => {
  assertCanReadPacks(actor)
  return readVersion(db, id)
}

/**
 * The version to serve: the newest row, with its files; null while nothing has been published (then the
 * server serves its rules/ folder).
 * @throws {ChufeiError} `FORBIDDEN` for a village or department user
 */
export const currentPackVersion = async (db: Db, actor: Actor): Promise<PackVersion | null> => {
  assertCanReadPacks(actor)
  const latest = await latestId(db)
  return latest === null ? null : readVersion(db, latest)
}
