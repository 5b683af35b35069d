import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { ScoredResultSchema, type RulePack, type RulePackFiles, type SafeResult } from '@chufei/core'
import { readRulePackFiles, safeParseRulePackOffThread } from '@chufei/core/node'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { startServer } from '../src/server'
import { BIG_LEAD } from './_helpers'

/*
 * A reload validates off the request path (issue 12, item 7): while a reload's validation is held open
 * (a hook the test controls — no timing), /healthz and /v1/score answer with the last good pack; once it
 * is released, the new pack serves.
 */

const REPO_RULES = fileURLToPath(new URL('../../../rules', import.meta.url))

let dir: string
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'chufei-reload-'))
  await cp(REPO_RULES, dir, { recursive: true })
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

const deferred = <T = void>() => {
  let resolve!: (value: T) => void
  const promise = new Promise<T>((r) => (resolve = r))
  return { promise, resolve }
}

describe('reload while serving', () => {
  it('answers /healthz and /v1/score with the last good pack while a reload validates', async () => {
    const entered = deferred()
    const gate = deferred()
    let calls = 0
    const validatePack = async (files: RulePackFiles): Promise<SafeResult<RulePack>> => {
      if (calls++ > 0) {
        entered.resolve()
        await gate.promise
      }
      return safeParseRulePackOffThread(files)
    }
    const server = await startServer({ rulesDir: dir, port: 0, watch: false, logger: () => {}, validatePack })
    try {
      const pack = JSON.parse(await readFile(join(dir, 'pack.json'), 'utf8')) as { version: string }
      const oldVersion = pack.version
      await writeFile(join(dir, 'pack.json'), JSON.stringify({ ...pack, version: `${oldVersion}-reloaded` }))
      const reloading = server.reload('test')
      await entered.promise

      expect((await fetch(`${server.url}/healthz`)).status).toBe(200)
      const during = await fetch(`${server.url}/v1/score`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(BIG_LEAD) })
      expect(during.status).toBe(200)
      expect(ScoredResultSchema.parse(await during.json()).rulePack.version).toBe(oldVersion)

      gate.resolve()
      expect(await reloading).toMatchObject({ status: 'loaded' })
      const after = await fetch(`${server.url}/v1/score`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(BIG_LEAD) })
      expect(ScoredResultSchema.parse(await after.json()).rulePack.version).toBe(`${oldVersion}-reloaded`)
    } finally {
      gate.resolve()
      await server.close()
    }
  })

  it('validates in a worker thread with the same verdict as in-process, refusals included', async () => {
    // The whole pack: a file alone may use shared conditions another file defines (scale.json does).
    const files = await readRulePackFiles(dir)
    const loaded = await safeParseRulePackOffThread(files)
    expect(loaded.success && loaded.data.rules.length).toBeGreaterThan(0)
    const refused = await safeParseRulePackOffThread({ ...files, 'scale.json': files['scale.json']!.replace('"rules"', '"rules": [], "rules"') })
    expect(refused.success).toBe(false)
    if (!refused.success) expect(refused.error.issues).toEqual([expect.objectContaining({ code: 'duplicate-key', file: 'scale.json', pointer: '/rules' })])
  })
})
