import { mkdir, mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { PassThrough, Readable } from 'node:stream'
import { run } from './run'
import { TEST_PACK, TEST_RULES } from './_test-pack'

export { TEST_PACK, TEST_RULES }

/* Test support: run the command with captured streams in a temp folder, and a small rule pack. */

export interface CliOutput {
  code: number
  stdout: string
  stderr: string
}

const capture = () => {
  const stream = new PassThrough()
  const chunks: Buffer[] = []
  stream.on('data', (c: Buffer) => chunks.push(c))
  return { stream, text: () => Buffer.concat(chunks).toString('utf8') }
}

export const runCli = async (
  argv: string[],
  options: { cwd?: string; isTTY?: boolean; signal?: AbortSignal; stdin?: string | Uint8Array; env?: Record<string, string> } = {},
): Promise<CliOutput> => {
  const out = capture()
  const err = capture()
  const code = await run(argv, {
    stdout: out.stream,
    stderr: err.stream,
    cwd: options.cwd ?? process.cwd(),
    isTTY: options.isTTY ?? false,
    env: options.env ?? {},
    now: () => new Date(2024, 5, 1, 9, 0, 0),
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.stdin !== undefined ? { stdin: Readable.from([Buffer.from(options.stdin)]) } : {}),
  })
  await new Promise((r) => setImmediate(r))
  return { code, stdout: out.text(), stderr: err.text() }
}

export const tempDir = (prefix = 'chufei-cli-'): Promise<string> => mkdtemp(join(tmpdir(), prefix))

/** Writes the test pack into `<dir>/rules` and returns that folder. */
export const writeTestPack = async (dir: string, rules: unknown = TEST_RULES, pack: unknown = TEST_PACK): Promise<string> => {
  const rulesDir = join(dir, 'rules')
  await mkdir(rulesDir, { recursive: true })
  await writeFile(join(rulesDir, 'pack.json'), JSON.stringify(pack, null, 2))
  await writeFile(join(rulesDir, 'rules.json'), JSON.stringify(rules, null, 2))
  return rulesDir
}

/** Leads of docs/spec.md §1, as JSONL, with one invalid line (no subject name) and one repeated id. */
export const LEADS = [
  { id: 'T-1', subject: { name: '兴旺肉牛养殖专业合作社' }, sector: 'agriculture', region: { name: '双桥村' }, people: { total: 420 }, money: { raised: 18_000_000 }, stability: { overdue: true }, text: { description: '以肉牛托管名义吸收资金' }, reportedAt: '2024-03-05' },
  { id: 'T-2', subject: { name: '某农资店' }, sector: 'agriculture', region: { name: '桥东村' }, text: { description: '未发现吸收资金行为' } },
  { id: 'T-3', subject: { name: '=HYPERLINK("http://x","y")' }, region: { name: '-桥西村' }, people: { total: 200 } },
]

export const leadsJsonl = (leads: readonly unknown[] = LEADS): string => `${leads.map((l) => JSON.stringify(l)).join('\n')}\n`
