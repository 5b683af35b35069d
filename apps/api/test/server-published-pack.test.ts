import { fileURLToPath } from 'node:url'
import { parseRulePack } from '@chufei/core'
import { readRulePackFiles } from '@chufei/core/node'
import { LOCAL_ADMIN, migrate, openDb, publishPackVersion, rollbackPackVersion, type OpenDb } from '@chufei/store'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { withVersion } from '../src/pack-version-name'
import { startServer } from '../src/server'
import { BUNDLED_VERSION } from './_bundled-pack'

/*
 * Which pack a server with a store serves: the newest published version when there is one, else the rules
 * folder; a reload (SIGHUP, a folder change) does not put the folder back over a published pack; and a pack
 * published or rolled back through another server on the same database is served without a SIGHUP.
 */

const RULES = fileURLToPath(new URL('../../../rules/', import.meta.url))
let db: OpenDb
beforeAll(async () => {
  db = await openDb({ dataDir: 'memory://' })
  await migrate(db)
})
afterAll(() => db?.close())

describe('the pack a server with a store serves', () => {
  it('serves the folder while nothing is published, then the newest published version, which a reload keeps', async () => {
    const logs: Record<string, unknown>[] = []
    const before = await startServer({ rulesDir: RULES, port: 0, watch: false, logger: () => {}, store: { db } })
    try {
      expect(before.rules.current()!.pack.version).toBe(BUNDLED_VERSION)
    } finally {
      await before.close()
    }
    const files = withVersion(await readRulePackFiles(RULES), `${BUNDLED_VERSION}+7`)
    const pack = parseRulePack(files)
    await publishPackVersion(db, LOCAL_ADMIN, { name: pack.name, version: pack.version, hash: pack.hash, files, reason: '启动测试' })
    const server = await startServer({ rulesDir: RULES, port: 0, watch: false, logger: (line) => void logs.push(line), store: { db } })
    try {
      expect(server.rules.current()!.pack.hash).toBe(pack.hash)
      const res = await fetch(`${server.url}/v1/rules`)
      expect(((await res.json()) as { version: string }).version).toBe(`${BUNDLED_VERSION}+7`)
      expect(await server.reload('SIGHUP')).toEqual({ status: 'unchanged', hash: pack.hash })
      expect(server.rules.current()!.pack.version).toBe(`${BUNDLED_VERSION}+7`)
      expect(logs).toContainEqual(expect.objectContaining({ msg: expect.stringContaining('the rules folder is not served'), reason: 'SIGHUP' }))
    } finally {
      await server.close()
    }
  })

  it('serves a version published, then rolled back, through another server on the same database, without a SIGHUP', async () => {
    const loaded: Array<{ version: string; reason: string }> = []
    const waiters: Array<() => void> = []
    // Resolves when the server logs that it loaded `version` because of the poll: an event, not a clock.
    const loadedFromPoll = (version: string) =>
      new Promise<void>((resolve) => {
        const check = () => loaded.some((l) => l.version === version && l.reason === 'published through another server') && (resolve(), true)
        if (!check()) waiters.push(() => void check())
      })
    const server = await startServer({
      rulesDir: RULES,
      port: 0,
      watch: false,
      packPollMs: 20,
      store: { db },
      logger: (line) => {
        if (line.msg === 'rules loaded') loaded.push({ version: String(line.version), reason: String(line.reason) })
        for (const w of waiters) w()
      },
    })
    try {
      const before = server.rules.current()!.pack
      const files = withVersion(await readRulePackFiles(RULES), `${before.version.split('+')[0]}+8`)
      const pack = parseRulePack(files)
      // The other server writes the row; this one only reads the database.
      const published = await publishPackVersion(db, LOCAL_ADMIN, { name: pack.name, version: pack.version, hash: pack.hash, files, reason: '另一台服务器发布', replaced: { version: before.version, hash: before.hash } })
      await loadedFromPoll(pack.version)
      expect(server.rules.current()!.pack.hash).toBe(pack.hash)
      expect(((await (await fetch(`${server.url}/v1/rules`)).json()) as { version: string }).version).toBe(pack.version)
      const earlier = (await db.query<{ id: number }>('SELECT id FROM pack_versions WHERE hash = $1 ORDER BY id LIMIT 1', [before.hash])).rows[0]!.id
      expect(earlier).toBeLessThan(published.id)
      await rollbackPackVersion(db, LOCAL_ADMIN, earlier, { reason: '另一台服务器回滚' })
      await loadedFromPoll(before.version)
      expect(server.rules.current()!.pack.hash).toBe(before.hash)
    } finally {
      await server.close()
    }
  })
})
