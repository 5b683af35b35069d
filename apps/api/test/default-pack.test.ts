import { fileURLToPath } from 'node:url'
import { ScoredResultSchema } from '@chufei/core'
import { describe, expect, it } from 'vitest'
import { startServer } from '../src/server'
import { BIG_LEAD } from './_helpers'

// What `npm run serve` does from the repo root: the server over the default pack in rules/.
const REPO_RULES = fileURLToPath(new URL('../../../rules', import.meta.url))

describe('the server over the default pack (rules/)', () => {
  it('becomes ready, lists the rules and scores a lead with the pack’s hash', async () => {
    const server = await startServer({ rulesDir: REPO_RULES, port: 0, watch: false, logger: () => {} })
    try {
      const ready = await fetch(`${server.url}/readyz`)
      expect(ready.status).toBe(200)
      const { rulePack } = (await ready.json()) as { rulePack: { hash: string } }
      const rules = (await (await fetch(`${server.url}/v1/rules`)).json()) as { rules: unknown[] }
      expect(rules.rules.length).toBeGreaterThan(0)
      const res = await fetch(`${server.url}/v1/score`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(BIG_LEAD),
      })
      expect(res.status).toBe(200)
      const result = ScoredResultSchema.parse(await res.json())
      expect(result.rulePack.hash).toBe(rulePack.hash)
    } finally {
      await server.close()
    }
  })
})
