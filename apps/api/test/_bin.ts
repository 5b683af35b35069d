import { spawn, type ChildProcess } from 'node:child_process'
import { fileURLToPath } from 'node:url'

/*
 * The bin as a process (run from TypeScript sources with tsx), for tests of signals, exit codes and
 * memory. Waits are on what the server logs, never on a clock: a slow machine only takes longer.
 */

const API_DIR = fileURLToPath(new URL('..', import.meta.url))

/** A started `chufei-api` process and what it has logged so far. */
export interface BinChild {
  readonly proc: ChildProcess
  /** The JSON log lines (a line that is not JSON as `{ msg: line }`). */
  readonly lines: Array<Record<string, unknown>>
  /** Everything written to stderr. */
  stderr(): string
  /** Everything written to stdout (the first run's administrator notice). */
  stdout(): string
  /** Resolves with stdout once it matches `pattern` (rejects if the process exits first). */
  printed(pattern: RegExp): Promise<string>
  /** Resolves with the first logged line that `match` accepts, as soon as it is logged. */
  logged(match: (line: Record<string, unknown>) => boolean): Promise<Record<string, unknown>>
  /** The exit code. */
  readonly exited: Promise<number | null>
}

const children: BinChild[] = []

/**
 * Starts the bin on a free port (PORT=0) with the rate limit and the case store off (CHUFEI_STORE=0: no
 * database under the home folder) and `env` on top; `nodeArgs` go before the script.
 */
export const startBin = (env: Record<string, string>, nodeArgs: readonly string[] = []): BinChild => {
  const proc = spawn(process.execPath, ['--conditions=source', '--import', 'tsx', ...nodeArgs, 'src/bin.ts'], {
    cwd: API_DIR,
    env: { ...process.env, HOST: '127.0.0.1', PORT: '0', CHUFEI_RATE_LIMIT: '0', CHUFEI_STORE: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let all = ''
  let out = ''
  proc.stdout!.on('data', (chunk: Buffer) => {
    out += chunk.toString('utf8')
    for (const watcher of watchers) watcher()
  })
  let text = ''
  const lines: Array<Record<string, unknown>> = []
  const watchers = new Set<() => void>()
  proc.stderr!.on('data', (chunk: Buffer) => {
    all += chunk.toString('utf8')
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
    for (const watcher of watchers) watcher()
  })
  // 'close', not 'exit': every line written to stderr has been read by then.
  const exited = new Promise<number | null>((resolve) => proc.on('close', (code) => resolve(code)))
  const logged = (match: (line: Record<string, unknown>) => boolean) =>
    new Promise<Record<string, unknown>>((resolve, reject) => {
      const check = () => {
        const found = lines.find(match)
        if (found === undefined) return
        watchers.delete(check)
        resolve(found)
      }
      watchers.add(check)
      check()
      void exited.then(() => {
        if (!watchers.delete(check)) return
        reject(new Error(`the server exited before logging the line awaited; stderr:\n${all.slice(-2000)}`))
      })
    })
  const printed = (pattern: RegExp) =>
    new Promise<string>((resolve, reject) => {
      const check = () => {
        if (!pattern.test(out)) return
        watchers.delete(check)
        resolve(out)
      }
      watchers.add(check)
      check()
      void exited.then(() => {
        if (!watchers.delete(check)) return
        reject(new Error(`the server exited before printing ${String(pattern)}; stdout:\n${out.slice(-2000)}`))
      })
    })
  const child: BinChild = { proc, lines, stderr: () => all, stdout: () => out, printed, logged, exited }
  children.push(child)
  return child
}

/** The URL a started child listens on, once it says so. */
export const listeningUrl = async (child: BinChild): Promise<string> => (await child.logged((l) => l.msg === 'listening')).url as string

/** Kills every child still running (afterEach). */
export const killChildren = (): void => {
  for (const c of children.splice(0)) if (c.proc.exitCode === null && c.proc.signalCode === null) c.proc.kill('SIGKILL')
}
