import { mkdir, mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { PassThrough, Readable } from 'node:stream'
import { run } from './run'

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

export const TEST_PACK = {
  name: 'cli-test',
  version: '1.0.0',
  weights: { scale: 1, exposure: 1, attention: 1, stability: 1 },
  tiers: { red: 75, orange: 55, yellow: 35, blue: 15 },
  dispositionLadder: ['prosecute', 'penalty', 'rectify', 'interview', 'monitor'],
  patterns: [{ id: 'livestock-custody', zh: '牲畜托管' }],
  text: {
    negations: ['未发现', '不存在', '没有'],
    weakNegations: ['未', '无', '不'],
    negationExceptions: ['非法', '不低于'],
    clauseBreaks: ['。', '；', '，', '但'],
  },
  ledger: {
    units: { default: ['镇处非办'], byDisposition: { prosecute: ['派出所'] } },
    measures: { prosecute: '移送公安', interview: '警示约谈', monitor: '持续监测' },
    deadlineDays: { red: 3, orange: 7, yellow: 15, blue: 30, none: null },
  },
}

export const TEST_RULES = {
  rules: [
    { id: 'scale-150', name: '涉及人数达到150人', conditions: { all: [{ fact: 'people.total', operator: 'greaterThanInclusive', value: 150 }] }, event: { type: 'score', params: { dimension: 'scale', points: 100 } } },
    { id: 'exposure-100w', name: '集资金额达到100万元', conditions: { all: [{ fact: 'money.raised', operator: 'greaterThanInclusive', value: 1_000_000 }] }, event: { type: 'score', params: { dimension: 'exposure', points: 100 } } },
    { id: 'stability-overdue', name: '逾期兑付', conditions: { all: [{ fact: 'stability.overdue', operator: 'equal', value: true }] }, event: { type: 'score', params: { dimension: 'stability', points: 100 } } },
    { id: 'pattern-custody', name: '宣传牲畜托管', conditions: { any: [{ fact: 'text.all', operator: 'mentionsAny', value: ['托管', '代养'] }] }, event: { type: 'pattern', params: { pattern: 'livestock-custody' } } },
    { id: 'dispose-prosecute', name: '达到立案追诉标准', conditions: { all: [{ fact: 'money.raised', operator: 'greaterThanInclusive', value: 1_000_000 }] }, event: { type: 'disposition', params: { disposition: 'prosecute' } } },
  ],
}

/** Writes the test pack into `<dir>/rules` and returns that folder. */
export const writeTestPack = async (dir: string, rules: unknown = TEST_RULES, pack: unknown = TEST_PACK): Promise<string> => {
  const rulesDir = join(dir, 'rules')
  await mkdir(rulesDir, { recursive: true })
  await writeFile(join(rulesDir, 'pack.json'), JSON.stringify(pack, null, 2))
  await writeFile(join(rulesDir, 'rules.json'), JSON.stringify(rules, null, 2))
  return rulesDir
}

/** Leads of SPEC §1, as JSONL, with one invalid line (no subject name) and one repeated id. */
export const LEADS = [
  { id: 'T-1', subject: { name: '兴旺肉牛养殖专业合作社' }, sector: 'agriculture', region: { name: '双桥村' }, people: { total: 420 }, money: { raised: 18_000_000 }, stability: { overdue: true }, text: { description: '以肉牛托管名义吸收资金' }, reportedAt: '2024-03-05' },
  { id: 'T-2', subject: { name: '某农资店' }, sector: 'agriculture', region: { name: '桥东村' }, text: { description: '未发现吸收资金行为' } },
  { id: 'T-3', subject: { name: '=HYPERLINK("http://x","y")' }, region: { name: '-桥西村' }, people: { total: 200 } },
]

export const leadsJsonl = (leads: readonly unknown[] = LEADS): string => `${leads.map((l) => JSON.stringify(l)).join('\n')}\n`
