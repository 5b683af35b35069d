import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { LOCAL_ADMIN } from './actor'
import type { OpenDb } from './db'
import { hashSecret, parseToken } from './credentials'
import { actorFromPassword, actorFromToken, addUser, issueToken, revokeToken } from './users'
import { TEST_BACKENDS } from './_test-dbs'
import { seedTown, type TestTown } from './_test-store'

describe.each(TEST_BACKENDS)('users and tokens on $name', (backend) => {
  let db: OpenDb
  let town: TestTown
  beforeAll(async () => {
    db = await backend.open()
    town = await seedTown(db)
  })
  afterAll(() => db?.close())

  it('keeps only hashes (SHA-256 of a token’s random secret), and a token speaks for its user until revoked', async () => {
    const { token, tokenId } = await issueToken(db, town.actors.town, { login: 'village-a', label: '测试' })
    expect(token).toMatch(/^cft_\d+_[A-Za-z0-9_-]{32}$/)
    const stored = (await db.query<{ secret_hash: string }>('SELECT secret_hash FROM api_tokens WHERE id = $1', [tokenId])).rows[0]!.secret_hash
    expect(stored).toMatch(/^sha256\$[A-Za-z0-9+/]{43}=$/)
    expect(stored).not.toContain(parseToken(token)!.secret)
    expect(await actorFromToken(db, token)).toEqual(town.actors.villageA)
    await expect(actorFromToken(db, `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`)).rejects.toMatchObject({ code: 'UNAUTHORIZED' })
    await expect(actorFromToken(db, 'not a token')).rejects.toMatchObject({ code: 'UNAUTHORIZED' })
    await revokeToken(db, town.actors.villageA, tokenId)
    await expect(actorFromToken(db, token)).rejects.toMatchObject({ code: 'UNAUTHORIZED', message: expect.stringContaining('令牌无效') })
  })

  it('a token issued before, kept as a scrypt hash, still speaks for its user; a password is kept as scrypt', async () => {
    const { token, tokenId } = await issueToken(db, town.actors.town, { login: 'village-a', label: '旧令牌' })
    await db.query('UPDATE api_tokens SET secret_hash = $1 WHERE id = $2', [await hashSecret(parseToken(token)!.secret), tokenId])
    expect(await actorFromToken(db, token)).toEqual(town.actors.villageA)
    await expect(actorFromToken(db, `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`)).rejects.toMatchObject({ code: 'UNAUTHORIZED' })
    const user = await addUser(db, LOCAL_ADMIN, { login: 'wang', role: 'unit', unit: '芮集村', password: 'a long enough password' })
    const hash = (await db.query<{ h: string }>('SELECT password_hash AS h FROM users WHERE id = $1', [user.id])).rows[0]!.h
    expect(hash).toMatch(/^scrypt\$16384\$8\$1\$/)
  })

  it('a token issued for a time stops working when that time is up; one issued without keeps working', async () => {
    const session = await issueToken(db, town.actors.villageA, { login: 'village-a', label: 'console session', expiresInSeconds: 3600 })
    const script = await issueToken(db, town.actors.villageA, { login: 'village-a', label: 'script' })
    const ends = await db.query<{ id: number; left: number | null }>(
      'SELECT id, extract(epoch FROM expires_at - created_at)::integer AS left FROM api_tokens WHERE id IN ($1, $2) ORDER BY id',
      [session.tokenId, script.tokenId],
    )
    expect(ends.rows).toEqual([{ id: session.tokenId, left: 3600 }, { id: script.tokenId, left: null }])
    expect(await actorFromToken(db, session.token)).toEqual(town.actors.villageA)
    // An hour later (moved in the table: the check reads the database's clock).
    await db.query("UPDATE api_tokens SET expires_at = now() - interval '1 second' WHERE id = $1", [session.tokenId])
    await expect(actorFromToken(db, session.token)).rejects.toMatchObject({ code: 'UNAUTHORIZED', message: expect.stringContaining('已过期') })
    expect(await actorFromToken(db, script.token)).toEqual(town.actors.villageA)
    for (const bad of [0, -1, 1.5, 367 * 24 * 3600]) {
      await expect(issueToken(db, town.actors.villageA, { login: 'village-a', expiresInSeconds: bad })).rejects.toMatchObject({ code: 'USAGE', message: expect.stringContaining('令牌有效期') })
    }
  })

  it('answers another unit\'s token as not found, the same as a token that does not exist', async () => {
    const { tokenId } = await issueToken(db, town.actors.town, { login: 'village-b', label: '乙村' })
    const nowhere = await revokeToken(db, town.actors.villageA, 999_999).catch((e: unknown) => e)
    const elsewhere = await revokeToken(db, town.actors.villageA, tokenId).catch((e: unknown) => e)
    expect(elsewhere).toMatchObject({ code: 'NOT_FOUND', message: `没有编号为 ${tokenId} 的令牌` })
    expect(nowhere).toMatchObject({ code: 'NOT_FOUND', message: '没有编号为 999999 的令牌' })
    // Within what it can see, a role without the right is still told so; the town revokes it.
    await expect(revokeToken(db, town.actors.readonly, tokenId)).rejects.toMatchObject({ code: 'FORBIDDEN' })
    await revokeToken(db, town.actors.town, tokenId)
  })

  it('signs in with a password and refuses a wrong one without saying which part was wrong', async () => {
    const user = await addUser(db, LOCAL_ADMIN, { login: 'zhang', displayName: '张干事', role: 'unit', unit: '芮集村', password: 'correct horse' })
    expect(await actorFromPassword(db, 'zhang', 'correct horse')).toEqual({ userId: user.id, role: 'unit', unitId: town.villageA })
    await expect(actorFromPassword(db, 'zhang', 'wrong horse')).rejects.toMatchObject({ code: 'UNAUTHORIZED', message: '登录名或密码不正确' })
    await expect(actorFromPassword(db, 'nobody', 'correct horse')).rejects.toMatchObject({ code: 'UNAUTHORIZED', message: '登录名或密码不正确' })
  })

  it('refuses a taken login, a short password and an admin with a unit, in Chinese', async () => {
    await expect(addUser(db, LOCAL_ADMIN, { login: 'town', role: 'unit', unit: '芮集村' })).rejects.toMatchObject({ code: 'USAGE', message: '登录名「town」已被使用' })
    await expect(addUser(db, LOCAL_ADMIN, { login: 'li', role: 'unit', unit: '芮集村', password: 'short' })).rejects.toMatchObject({ code: 'USAGE' })
    await expect(addUser(db, LOCAL_ADMIN, { login: 'root2', role: 'admin', unit: '芮集镇' })).rejects.toMatchObject({ code: 'USAGE', message: expect.stringContaining('不属于任何单位') })
  })
})
