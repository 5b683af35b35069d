import { fileURLToPath } from 'node:url'
import { parseRulePack } from '@chufei/core'
import { readRulePackFiles } from '@chufei/core/node'
import { LOCAL_ADMIN, migrate, openDb, publishPackVersion, type OpenDb } from '@chufei/store'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { withVersion } from '../src/pack-version-name'
import { startServer } from '../src/server'

/*
 * Which pack a server with a store serves: the newest published version when there is one, else the rules
 * folder; a reload (SIGHUP, a folder change) does not put the folder back over a published pack.
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
      expect(before.rules.current()!.pack.version).toBe('2024.3.0')
    } finally {
      await before.close()
    }
    const files = withVersion(await readRulePackFiles(RULES), '2024.3.0+7')
    const pack = parseRulePack(files)
    await publishPackVersion(db, LOCAL_ADMIN, { name: pack.name, version: pack.version, hash: pack.hash, files, reason: '启动测试' })
    const server = await startServer({ rulesDir: RULES, port: 0, watch: false, logger: (line) => void logs.push(line), store: { db } })
    try {
      expect(server.rules.current()!.pack.hash).toBe(pack.hash)
      const res = await fetch(`${server.url}/v1/rules`)
      expect(((await res.json()) as { version: string }).version).toBe('2024.3.0+7')
      expect(await server.reload('SIGHUP')).toEqual({ status: 'unchanged', hash: pack.hash })
      expect(server.rules.current()!.pack.version).toBe('2024.3.0+7')
      expect(logs).toContainEqual(expect.objectContaining({ msg: expect.stringContaining('the rules folder is not served'), reason: 'SIGHUP' }))
    } finally {
      await server.close()
    }
  })
})
