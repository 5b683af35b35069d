import { PassThrough } from 'node:stream'
import type { Result } from '@chufei/core'
import { run } from '../run'

/*
 * Scores a case sheet exactly as a user would: `chufei score <sheet> --rules <dir> --format jsonl`, through
 * `run(argv)` with captured streams (same reader, scorer and writer as the command line). The row counts
 * come from the run's own summary line, so the harness checks the command's bookkeeping, not its own.
 */

/** What one scoring run of a case sheet produced. */
export interface SheetRun {
  readonly exitCode: number
  /** One JSONL result per scored or rejected row, in sheet order. */
  readonly results: readonly Result[]
  /** The run's summary: rows read after the header = scored + rejected + skipped. */
  readonly counts: { readonly read: number; readonly scored: number; readonly rejected: number; readonly skipped: number }
  readonly stderr: string
}

const collect = (stream: PassThrough): (() => string) => {
  const chunks: Buffer[] = []
  stream.on('data', (c: Buffer) => chunks.push(c))
  return () => Buffer.concat(chunks).toString('utf8')
}

const SUMMARY = /Read (\d+) rows: (\d+) scored, (\d+) rejected, (\d+) skipped/

/**
 * Runs `chufei score` on a case sheet with a rule pack folder. Throws when the command fails or prints no
 * summary; row-level problems (rejected rows) are returned, not thrown.
 */
export const scoreCaseSheet = async (sheet: string, rulesDir: string, cwd: string): Promise<SheetRun> => {
  const stdout = new PassThrough()
  const stderr = new PassThrough()
  const out = collect(stdout)
  const err = collect(stderr)
  const exitCode = await run(['score', sheet, '--rules', rulesDir, '--format', 'jsonl', '--lang', 'en'], {
    stdout,
    stderr,
    cwd,
    isTTY: false,
    env: {},
  })
  await new Promise((r) => setImmediate(r))
  const errText = err()
  if (exitCode !== 0) throw new Error(`chufei score ${sheet} exited with ${exitCode}:\n${errText}`)
  const m = SUMMARY.exec(errText)
  if (m === null) throw new Error(`chufei score ${sheet} printed no summary line:\n${errText}`)
  const [read, scored, rejected, skipped] = m.slice(1).map(Number) as [number, number, number, number]
  const results = out()
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as Result)
  return { exitCode, results, counts: { read, scored, rejected, skipped }, stderr: errText }
}
