import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { killChildren, listeningUrl, startBin } from './_bin'
import { BIG_LEAD, halfSentBody, FIXTURE_RULES, serverCaughtUp } from './_helpers'

// The bin as a process (run from TypeScript sources with tsx): signals, the listening log line, exit codes.

afterEach(killChildren)

describe('chufei-api (bin)', () => {
  it('reloads on SIGHUP, and on SIGTERM finishes the request in flight and exits 0', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'chufei-bin-'))
    try {
      await cp(FIXTURE_RULES, dir, { recursive: true })
      const child = startBin({ CHUFEI_RULES: dir, CHUFEI_WATCH: '0' })
      const url = await listeningUrl(child)
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
      const hash = async () => ((await (await fetch(`${url}/readyz`)).json()) as { rulePack: { hash: string } }).rulePack.hash
      const before = await hash()

      const file = join(dir, 'scale.json')
      await writeFile(file, (await readFile(file, 'utf8')).replace('"points": 60', '"points": 55'))
      child.proc.kill('SIGHUP')
      await child.logged((l) => l.msg === 'rules loaded' && l.reason === 'SIGHUP')
      expect(await hash()).not.toBe(before)

      // A request whose body is still arriving when SIGTERM comes.
      const { body, release, sent } = halfSentBody(BIG_LEAD)
      const inFlight = fetch(`${url}/v1/score`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
        duplex: 'half',
      } as RequestInit)
      await sent
      await serverCaughtUp(url)
      child.proc.kill('SIGTERM')
      await child.logged((l) => String(l.msg).startsWith('shutting down'))
      release()
      const res = await inFlight
      expect(res.status).toBe(200)
      expect(((await res.json()) as { id: string }).id).toBe('SQ-001')
      expect(await child.exited).toBe(0)
      expect(child.lines.some((l) => l.msg === 'stopped')).toBe(true)
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  })

  it('exits 1 when the rules folder does not exist, and 2 on a bad environment variable', async () => {
    const missing = startBin({ CHUFEI_RULES: join(tmpdir(), 'chufei-no-such-rules') })
    expect(await missing.exited).toBe(1)
    expect(missing.stderr()).toContain('chufei-no-such-rules')
    const bad = startBin({ CHUFEI_RULES: FIXTURE_RULES, PORT: 'eighty' })
    expect(await bad.exited).toBe(2)
    expect(bad.stderr()).toContain('PORT')
  })
})
