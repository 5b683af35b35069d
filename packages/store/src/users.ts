import { ChufeiError } from '@chufei/core'
import { z } from 'zod'
import { ROLES, assertCanManage, forbidden, readableUnitIds, type Actor, type Role } from './actor'
import { MAX_SECRET_LENGTH, hashSecret, hashTokenSecret, newTokenSecret, parseToken, verifySecret, verifyTokenSecret } from './credentials'
import type { Db } from './db'
import { findUnit } from './units'
import { invalidInput } from './_invalid-input'

/*
 * Users (用户) and their API tokens (令牌). A user belongs to one unit and has one role; the administrator
 * (本机管理员) adds towns' offices, a town's office adds its villages' users. Nothing is deleted: a token is
 * revoked, a user disabled.
 */

export const UserSchema = z.object({
  id: z.number().int(),
  login: z.string(),
  displayName: z.string(),
  role: z.enum(ROLES),
  unitId: z.number().int().nullable(),
})
export type User = z.infer<typeof UserSchema>

export const NewUserSchema = z.object({
  login: z.string().trim().min(1).max(64).regex(/^[\p{L}\p{N}_.@-]+$/u, '只能用字母、数字和 _ . @ -'),
  displayName: z.string().trim().max(100).optional(),
  role: z.enum(ROLES),
  /** The user's unit, by id or name; absent only for `admin`. */
  unit: z.union([z.number().int().positive(), z.string().trim().min(1)]).optional(),
  password: z.string().min(8).max(MAX_SECRET_LENGTH).optional(),
})
export type NewUser = z.input<typeof NewUserSchema>


const SELECT = 'SELECT id, login, display_name AS "displayName", role, unit_id AS "unitId" FROM users'

/**
 * Adds a user. Only the administrator adds administrators; a town's office adds users of its town and the
 * units under it.
 * @throws {ChufeiError} `USAGE` (bad input, login taken), `FORBIDDEN`, `NOT_FOUND` (unknown unit)
 */
export const addUser = async (db: Db, actor: Actor, input: NewUser): Promise<User> => {
  const parsed = NewUserSchema.safeParse(input)
  if (!parsed.success) throw invalidInput('用户信息', parsed.error)
  const u = parsed.data
  let unitId: number | null = null
  if (u.role === 'admin') {
    if (actor.role !== 'admin') throw forbidden('新建本机管理员')
    if (u.unit !== undefined) throw new ChufeiError('USAGE', '本机管理员不属于任何单位：去掉 --unit')
  } else {
    if (u.unit === undefined) throw new ChufeiError('USAGE', `用户「${u.login}」须指明所属单位`)
    const unit = await findUnit(db, actor, u.unit)
    await assertCanManage(db, actor, unit.id, `在「${unit.name}」新建用户`)
    unitId = unit.id
  }
  const taken = await db.query('SELECT 1 FROM users WHERE login = $1', [u.login])
  if (taken.rows.length > 0) throw new ChufeiError('USAGE', `登录名「${u.login}」已被使用`)
  const hash = u.password === undefined ? null : await hashSecret(u.password)
  const { rows } = await db.query<User>(
    `INSERT INTO users (login, display_name, role, unit_id, password_hash) VALUES ($1, $2, $3, $4, $5)
     RETURNING id, login, display_name AS "displayName", role, unit_id AS "unitId"`,
    [u.login, u.displayName ?? u.login, u.role, unitId, hash],
  )
  return rows[0]!
}

/** The users the actor manages: all for the administrator, its town's for a town office, itself otherwise. */
export const listUsers = async (db: Db, actor: Actor): Promise<User[]> => {
  if (actor.role === 'admin') return (await db.query<User>(`${SELECT} ORDER BY id`)).rows
  if (actor.role === 'town-admin') {
    return (await db.query<User>(`${SELECT} WHERE unit_id IN (SELECT id FROM units WHERE id = $1 OR parent_id = $1) ORDER BY id`, [actor.unitId])).rows
  }
  return actor.userId === null ? [] : (await db.query<User>(`${SELECT} WHERE id = $1`, [actor.userId])).rows
}

const userByLogin = async (db: Db, login: string): Promise<(User & { passwordHash: string | null; disabled: boolean }) | undefined> =>
  (
    await db.query<User & { passwordHash: string | null; disabled: boolean }>(
      `SELECT id, login, display_name AS "displayName", role, unit_id AS "unitId", password_hash AS "passwordHash", disabled_at IS NOT NULL AS disabled
       FROM users WHERE login = $1`,
      [login],
    )
  ).rows[0]

const actorOf = (user: Pick<User, 'id' | 'role' | 'unitId'>): Actor => ({ userId: user.id, role: user.role as Role, unitId: user.unitId })

/** The longest a token can be asked to live: a year. */
export const MAX_TOKEN_SECONDS = 366 * 24 * 3600

/**
 * Issues an API token for a user: to the user themself, or by whoever manages the user's unit. The token is
 * shown once; only its hash is kept. With `expiresInSeconds` it stops working that long after it is issued
 * (console sessions); without, it works until revoked.
 * @throws {ChufeiError} `NOT_FOUND` (unknown login), `FORBIDDEN`
 */
export const issueToken = async (
  db: Db,
  actor: Actor,
  input: { login: string; label?: string; expiresInSeconds?: number },
): Promise<{ token: string; tokenId: number; user: User }> => {
  const user = await userByLogin(db, input.login.trim())
  const notFound = () => new ChufeiError('NOT_FOUND', `没有登录名为「${input.login}」的用户`)
  if (user === undefined || user.disabled) throw notFound()
  const self = actor.userId !== null && actor.userId === user.id
  // A user outside the actor's units is not named to them, as for cases.
  const readable = await readableUnitIds(db, actor)
  if (!self && readable !== null && (user.unitId === null || !readable.includes(user.unitId))) throw notFound()
  if (!self) {
    if (user.role === 'admin' || user.unitId === null) {
      if (actor.role !== 'admin') throw forbidden('为本机管理员签发令牌')
    } else await assertCanManage(db, actor, user.unitId, `为「${user.login}」签发令牌`)
  }
  const secret = newTokenSecret()
  const lifetime = input.expiresInSeconds
  if (lifetime !== undefined && !(Number.isInteger(lifetime) && lifetime > 0 && lifetime <= MAX_TOKEN_SECONDS)) {
    throw new ChufeiError('USAGE', `令牌有效期应为 1 至 ${MAX_TOKEN_SECONDS} 秒的整数，收到 ${String(lifetime)}`)
  }
  // The end is the database's clock, as the check in actorFromToken is: the two never disagree.
  const { rows } = await db.query<{ id: number }>(
    `INSERT INTO api_tokens (user_id, label, secret_hash, expires_at)
     VALUES ($1, $2, $3, CASE WHEN $4::integer IS NULL THEN NULL ELSE now() + make_interval(secs => $4::integer) END) RETURNING id`,
    [user.id, (input.label ?? '').slice(0, 100), hashTokenSecret(secret), lifetime ?? null],
  )
  const tokenId = rows[0]!.id
  return { token: `cft_${tokenId}_${secret}`, tokenId, user: { id: user.id, login: user.login, displayName: user.displayName, role: user.role, unitId: user.unitId } }
}

const unauthorized = () => new ChufeiError('UNAUTHORIZED', '令牌无效、已吊销、已过期，或其用户已停用')

/**
 * The actor a token speaks for.
 * @throws {ChufeiError} `UNAUTHORIZED` for a malformed, unknown, revoked or expired token or a disabled user
 */
export const actorFromToken = async (db: Db, token: string): Promise<Actor> => {
  const parsed = parseToken(token)
  if (parsed === null) throw unauthorized()
  const { rows } = await db.query<{ hash: string; userId: number; role: Role; unitId: number | null }>(
    `SELECT t.secret_hash AS hash, u.id AS "userId", u.role, u.unit_id AS "unitId"
     FROM api_tokens t JOIN users u ON u.id = t.user_id
     WHERE t.id = $1 AND t.revoked_at IS NULL AND (t.expires_at IS NULL OR t.expires_at > now()) AND u.disabled_at IS NULL`,
    [parsed.id],
  )
  const row = rows[0]
  if (row === undefined || !(await verifyTokenSecret(parsed.secret, row.hash))) throw unauthorized()
  return actorOf({ id: row.userId, role: row.role, unitId: row.unitId })
}

/**
 * The actor for a login and password (the console's sign-in).
 * @throws {ChufeiError} `UNAUTHORIZED` when either is wrong (the message does not say which)
 */
export const actorFromPassword = async (db: Db, login: string, password: string): Promise<Actor> => {
  const user = await userByLogin(db, login.trim())
  if (user === undefined || user.disabled || user.passwordHash === null || !(await verifySecret(password, user.passwordHash))) {
    throw new ChufeiError('UNAUTHORIZED', '登录名或密码不正确')
  }
  return actorOf(user)
}

/** Revokes a token: its owner, or whoever manages the owner's unit. */
export const revokeToken = async (db: Db, actor: Actor, tokenId: number): Promise<void> => {
  const { rows } = await db.query<{ userId: number; unitId: number | null }>(
    'SELECT u.id AS "userId", u.unit_id AS "unitId" FROM api_tokens t JOIN users u ON u.id = t.user_id WHERE t.id = $1',
    [tokenId],
  )
  const row = rows[0]
  const missing = new ChufeiError('NOT_FOUND', `没有编号为 ${tokenId} 的令牌`)
  if (row === undefined) throw missing
  if (actor.userId !== row.userId) {
    // A token of a user the actor cannot even see is "not found", as another unit's case is: a refusal
    // would tell a village user which token numbers exist elsewhere.
    const readable = await readableUnitIds(db, actor)
    if (readable !== null && (row.unitId === null || !readable.includes(row.unitId))) throw missing
    // Past that, a user without a unit is one only an administrator (readable === null) can see and manage.
    if (row.unitId !== null) await assertCanManage(db, actor, row.unitId, '吊销该令牌')
  }
  await db.query('UPDATE api_tokens SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL', [tokenId])
}
