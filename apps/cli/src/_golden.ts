import { readdir } from 'node:fs/promises'
import { extname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { PassThrough } from 'node:stream'
import { run } from './run'

/*
 * Golden outputs (基准输出) of the sheet fixtures: `fixtures/sheets/golden/<file>.jsonl` is what
 * `chufei score fixtures/sheets/<file>` prints with the bundled rules. Regenerate with
 * `npm run golden -w @chufei/cli` after a deliberate change to the rules or the readers, and review the diff.
 */

export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url)).replace(/[\\/]$/, '')
export const SHEET_FIXTURES = join(REPO_ROOT, 'fixtures', 'sheets')
export const GOLDEN_DIR = join(SHEET_FIXTURES, 'golden')
const SHEET_EXTENSIONS = new Set(['.csv', '.tsv', '.txt', '.xlsx', '.json', '.jsonl'])

/** The sheet fixture file names, sorted. */
export const listSheetFixtures = async (): Promise<string[]> => {
  const entries = await readdir(SHEET_FIXTURES, { withFileTypes: true }).catch(() => [])
  return entries
    .filter((e) => e.isFile() && SHEET_EXTENSIONS.has(extname(e.name).toLowerCase()))
    .map((e) => e.name)
    .sort()
}

/** The golden file of a fixture. */
export const goldenPath = (fixture: string): string => join(GOLDEN_DIR, `${fixture}.jsonl`)

/** Scores a fixture with the bundled rules and returns the JSONL text (throws if the run fails). */
export const scoreFixture = async (fixture: string, extra: readonly string[] = []): Promise<string> => {
  const stdout = new PassThrough()
  const stderr = new PassThrough()
  const chunks: Buffer[] = []
  const errors: Buffer[] = []
  stdout.on('data', (c: Buffer) => chunks.push(c))
  stderr.on('data', (c: Buffer) => errors.push(c))
  const code = await run(['score', join(SHEET_FIXTURES, fixture), '--rules', join(REPO_ROOT, 'rules'), '--quiet', ...extra], {
    stdout,
    stderr,
    cwd: REPO_ROOT,
    isTTY: false,
    env: {},
    now: () => new Date(2024, 0, 1),
  })
  await new Promise((r) => setImmediate(r))
  if (code !== 0) throw new Error(`chufei score ${fixture} exited ${code}: ${Buffer.concat(errors).toString('utf8')}`)
  return Buffer.concat(chunks).toString('utf8')
}
