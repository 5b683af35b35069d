import { execFile } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { delimiter, join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startServer, type RunningServer } from '../src/server'
import { FIXTURE_RULES } from './_helpers'

/*
 * /docs as a browser renders it: headless Chromium (Debian's `chromium`, installed by .ci/run) loads the
 * page from the real server, runs its script, and the DOM must show every route and schema — no
 * "[object HTMLDivElement]" where a nested list of elements was turned into text.
 */

const findChromium = (): string | null => {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    for (const name of ['chromium', 'chromium-browser']) {
      const p = join(dir, name)
      if (dir !== '' && existsSync(p)) return p
    }
  }
  return null
}

const chromium = findChromium()

const dumpDom = (url: string, profile: string): Promise<string> =>
  new Promise((resolve, reject) => {
    execFile(
      chromium!,
      ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', `--user-data-dir=${profile}`, '--virtual-time-budget=5000', '--dump-dom', url],
      { timeout: 300_000, maxBuffer: 64 * 1024 * 1024, killSignal: 'SIGKILL' },
      (error, stdout) => (error ? reject(error) : resolve(stdout)),
    )
  })

describe('/docs in headless Chromium', () => {
  let server: RunningServer
  let profile = ''
  let dom = ''

  beforeAll(async () => {
    // A browser test is part of the suite: without Chromium it fails and says how to get it, never skips.
    if (chromium === null) throw new Error('chromium is not on PATH: apt-get install -y chromium (.ci/run installs it)')
    profile = await mkdtemp(join(tmpdir(), 'chufei-docs-'))
    server = await startServer({ rulesDir: FIXTURE_RULES, port: 0, hostname: '127.0.0.1', watch: false, logger: () => {} })
    dom = await dumpDom(`${server.url}/docs`, profile)
  })

  afterAll(async () => {
    await server?.close()
    await rm(profile, { recursive: true, force: true })
  })

  it('renders every route, with request bodies as schemas rather than object names', () => {
    for (const route of ['/v1/score', '/v1/score/batch', '/v1/explain', '/v1/rules', '/v1/rules/validate', '/healthz', '/readyz']) {
      expect(dom.includes(route), route).toBe(true)
    }
    // Only the offending snippet is printed on failure, not the whole page.
    expect(/.{0,60}\[object [A-Za-z]+\]/.exec(dom)?.[0]).toBeUndefined()
    expect(dom.includes('<h3>Request body</h3><div><p><code>application/json</code>')).toBe(true)
  })
})
