import { spawn, type ChildProcess } from 'node:child_process'
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterEach, describe, expect, it } from 'vitest'
import { BIG_LEAD, halfSentBody, FIXTURE_RULES } from './_helpers'

// The bin as a process (run from TypeScript sources with tsx): signals, the listening log line, exit codes.

const API_DIR = fileURLToPath(new URL('..', import.meta.url))
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

interface Child {
  proc: ChildProcess
  lines: Array<Record<string, unknown>>
  stderr: () => string
  exited: Promise<number | null>
}

const children: Child[] = []

const startBin = (env: Record<string, string>): Child => {
  const proc = spawn(process.execPath, ['--conditions=source', '--import', 'tsx', 'src/bin.ts'], {
    cwd: API_DIR,
    env: { ...process.env, HOST: '127.0.0.1', PORT: '0', CHUFEI_RATE_LIMIT: '0', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  })
  let text = ''
  const lines: Array<Record<string, unknown>> = []
  proc.stderr!.on('data', (chunk: Buffer) => {
    text += chunk.toString('utf8')
    const parts = text.split('\n')
    text = parts.pop()!
    for (const part of parts) {
      try {
        lines.push(JSON.parse(part) as Record<string, unknown>)
      } catch {
        lines.push({ msg: part })
      }
    }
  })
  const exited = new Promise<number | null>((resolve) => proc.on('exit', (code) => resolve(code)))
  const child = { proc, lines, stderr: () => lines.map((l) => JSON.stringify(l)).join('\n') + text, exited }
  children.push(child)
  return child
}

const waitFor = async (check: () => boolean, tries = 300): Promise<void> => {
  for (let i = 0; i < tries && !check(); i++) await sleep(50)
  if (!check()) throw new Error('timed out')
}

afterEach(() => {
  for (const c of children.splice(0)) if (c.proc.exitCode === null && c.proc.signalCode === null) c.proc.kill('SIGKILL')
})

describe('chufei-api (bin)', () => {
  it('reloads on SIGHUP, and on SIGTERM finishes the request in flight and exits 0', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'chufei-bin-'))
    try {
      await cp(FIXTURE_RULES, dir, { recursive: true })
      const child = startBin({ CHUFEI_RULES: dir, CHUFEI_WATCH: '0' })
      await waitFor(() => child.lines.some((l) => l.msg === 'listening'))
      const url = child.lines.find((l) => l.msg === 'listening')!.url as string
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
      const hash = async () => ((await (await fetch(`${url}/readyz`)).json()) as { rulePack: { hash: string } }).rulePack.hash
      const before = await hash()

      const file = join(dir, 'scale.json')
      await writeFile(file, (await readFile(file, 'utf8')).replace('"points": 60', '"points": 55'))
      child.proc.kill('SIGHUP')
      await waitFor(() => child.lines.some((l) => l.msg === 'rules loaded' && l.reason === 'SIGHUP'))
      expect(await hash()).not.toBe(before)

      // A request whose body is still arriving when SIGTERM comes.
      const { body, release } = halfSentBody(BIG_LEAD)
      const inFlight = fetch(`${url}/v1/score`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
        duplex: 'half',
      } as RequestInit)
      await sleep(200)
      child.proc.kill('SIGTERM')
      await waitFor(() => child.lines.some((l) => String(l.msg).startsWith('shutting down')))
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
