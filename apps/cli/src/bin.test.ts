import { spawn } from 'node:child_process'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { describe, expect, it } from 'vitest'
import { REPO_ROOT } from './_golden'

/* The executable itself, as a shell runs it. */

const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx/esm')).href
const bin = new URL('./bin.ts', import.meta.url).pathname

/** Runs `chufei argv…` with its stdout read until the first chunk, then closed (what `| head -1` does). */
const runIntoClosedPipe = (argv: readonly string[]): Promise<{ code: number | null; stderr: string; first: string }> =>
  new Promise((resolve) => {
    const child = spawn(process.execPath, ['--conditions=source', '--import', tsx, bin, ...argv], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] })
    let stderr = ''
    let first = ''
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
    child.stdout.once('data', (d: Buffer) => {
      first = d.toString()
      child.stdout.destroy()
    })
    child.on('close', (code) => resolve({ code, stderr, first }))
  })

describe('chufei | head', () => {
  // An output far larger than a pipe's buffer (every lead's full trees: megabytes), so the reader is gone while it
  // is still being written. (`score`'s JSONL of this sheet, ≈ 70 KB, could fit the buffer and end before the reader
  // left on a busy machine; its own EPIPE path is in run.ts.)
  it.each([['explain', ['explain', join('fixtures', 'sheets', 'sweep-2024q1.csv'), '--all']]])('%s stops quietly when the reader of its output goes away', async (_, argv) => {
    const { code, stderr, first } = await runIntoClosedPipe(argv)
    expect(first.length).toBeGreaterThan(0)
    expect(stderr).not.toContain('EPIPE')
    expect(stderr).not.toContain('Error')
    expect(code).toBe(1)
  })
})
