import { spawn } from 'node:child_process'
import { readFileSync, readdirSync } from 'node:fs'
import { connect } from 'node:net'
import { fileURLToPath } from 'node:url'
import { afterEach, describe, expect, it } from 'vitest'

// `npm run serve` as a user runs it (the root script, the built bin): a plain `kill <npm pid>` must stop
// the server too. npm forwards SIGTERM to its child; when that child is `sh -c node …`, sh dies and the
// node server used to stay behind, orphaned, still listening.

const ROOT = fileURLToPath(new URL('../../..', import.meta.url))
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

/**
 * Polls until `check` holds. No deadline: a busy machine is slow, never wrong (DEVELOPERS.md, "Testing under
 * load"). `gone` ends the wait when what it waits for can no longer happen (npm exited), with `why`.
 */
const waitFor = async (check: () => boolean | Promise<boolean>, gone?: () => string | undefined): Promise<void> => {
  while (!(await check())) {
    const why = gone?.()
    if (why !== undefined) throw new Error(why)
    await sleep(50)
  }
}

/** Linux: every process whose parent chain reaches `root` (read from /proc). */
const descendants = (root: number): number[] => {
  const parent = new Map<number, number>()
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue
    try {
      // pid (comm) state ppid …; comm may hold spaces and brackets, so split after the last ')'.
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8')
      parent.set(Number(name), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]))
    } catch {
      // gone meanwhile
    }
  }
  const out: number[] = []
  const walk = (pid: number) => {
    for (const [child, ppid] of parent) if (ppid === pid) (out.push(child), walk(child))
  }
  walk(root)
  return out
}

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}

const accepts = (port: number): Promise<boolean> =>
  new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port })
    socket.once('connect', () => (socket.destroy(), resolve(true)))
    socket.once('error', () => resolve(false))
  })

const leftovers: number[] = []
afterEach(() => {
  for (const pid of leftovers.splice(0)) if (alive(pid)) process.kill(pid, 'SIGKILL')
})

describe.runIf(process.platform === 'linux')('npm run serve', () => {
  it('stops the server when the npm process gets a plain kill (SIGTERM)', async () => {
    const npm = spawn('npm', ['run', 'serve'], {
      cwd: ROOT,
      env: { ...process.env, HOST: '127.0.0.1', PORT: '0', CHUFEI_WATCH: '0', CHUFEI_RATE_LIMIT: '0', CHUFEI_STORE: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    leftovers.push(npm.pid!)
    let log = ''
    npm.stdout.on('data', (c: Buffer) => (log += c.toString('utf8')))
    npm.stderr.on('data', (c: Buffer) => (log += c.toString('utf8')))
    let npmExited = false
    const exited = new Promise<void>((resolve) => npm.on('exit', () => ((npmExited = true), resolve())))

    await waitFor(
      () => /"msg":"listening"/.test(log),
      () => (npmExited ? `npm run serve exited before the server listened:\n${log}` : undefined),
    )
    const port = Number(/"port":(\d+)/.exec(log)![1])
    // The person who started it is told where to open the console.
    await waitFor(
      () => log.includes('接口文档 API docs:'),
      () => (npmExited ? `npm run serve exited before it printed where to open the console:\n${log}` : undefined),
    )
    expect(log).toContain(`chufei-api 已启动 / listening: http://127.0.0.1:${port}\n  控制台 console:   http://127.0.0.1:${port}/console/`)
    const server = descendants(npm.pid!)
    leftovers.push(...server)
    expect(server.length).toBeGreaterThan(0)
    expect(await accepts(port)).toBe(true)

    npm.kill('SIGTERM')
    await exited
    await waitFor(() => server.every((pid) => !alive(pid)))
    expect(await accepts(port)).toBe(false)
  })
})
