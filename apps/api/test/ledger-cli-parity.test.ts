import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { openDb } from '@chufei/store'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runCli, tempDir } from '../../cli/src/_test-run'
import { bundledScorer } from '../../../packages/store/src/_test-store'
import { createApp } from '../src/app'
import { silentLogger } from '../src/logger'
import { createRulePackHolder } from '../src/rule-pack-holder'
import { xlsxParts } from './_ledger'

/*
 * `GET /v1/ledger` and `chufei ledger export` over the same store (a temp CHUFEI_DATA, the bundled Q1 sweep
 * imported by the CLI): the CSV is the same bytes, the XLSX the same parts but for the creation time exceljs
 * stamps — for a village's unit, now and as of a date, in Chinese and in English.
 */

const SWEEP = fileURLToPath(new URL('../../../fixtures/sheets/sweep-2024q1.xlsx', import.meta.url))

let dir: string
let env: Record<string, string>
let token: string
const cli = (argv: string[]) => runCli(argv, { env, cwd: dir })

beforeAll(async () => {
  dir = await tempDir('chufei-ledger-parity-')
  env = { CHUFEI_DATA: join(dir, 'store') }
  expect((await cli(['unit', 'add', '芮集镇'])).code).toBe(0)
  expect((await cli(['unit', 'add', '郑岗村', '--town', '芮集镇'])).code).toBe(0)
  expect((await cli(['user', 'add', 'zhenggang', '--role', 'unit', '--unit', '郑岗村'])).code).toBe(0)
  token = (await cli(['user', 'token', 'zhenggang'])).stdout.trim()
  expect((await cli(['import', SWEEP, '--unit', '芮集镇', '--date', '2024-03-31'])).code).toBe(0)
  // A follow-up after the sweep, so that an export as of the sweep's day differs from one of now.
  const [first] = JSON.parse((await cli(['case', 'list', '--unit', '郑岗村', '--json'])).stdout) as { id: number; version: number }[]
  expect((await cli(['case', 'update', String(first!.id), '--status', '处置中', '--notes', '已约谈', '--version', String(first!.version)])).code).toBe(0)
})
afterAll(() => undefined)

/** What the API answers over the same data folder (opened after the CLI closed it). */
const viaApi = async (queries: readonly string[]): Promise<Uint8Array[]> => {
  const db = await openDb({ dataDir: env.CHUFEI_DATA! })
  try {
    const app = createApp({ rules: createRulePackHolder(await bundledScorer()), logger: silentLogger, store: { db } })
    const out: Uint8Array[] = []
    for (const q of queries) {
      const res = await app.request(`/v1/ledger?${q}`, { headers: { authorization: `Bearer ${token}` } })
      expect(res.status, q).toBe(200)
      out.push(new Uint8Array(await res.arrayBuffer()))
    }
    return out
  } finally {
    await db.close()
  }
}

describe('GET /v1/ledger is what chufei ledger export writes', () => {
  it('CSV and XLSX, now and as of a date, Chinese and English', async () => {
    const cases: { args: string[]; query: string; file: string }[] = [
      { args: ['--unit', '郑岗村'], query: 'unit=郑岗村&format=csv', file: 'now.csv' },
      { args: ['--unit', '郑岗村', '--as-of', '2024-03-31'], query: 'unit=郑岗村&format=csv&asOf=2024-03-31', file: 'then.csv' },
      { args: ['--unit', '郑岗村'], query: 'unit=郑岗村', file: 'now.xlsx' },
      { args: ['--unit', '郑岗村', '--lang', 'en'], query: 'unit=郑岗村&format=xlsx&lang=en', file: 'en.xlsx' },
    ]
    for (const c of cases) expect((await cli(['ledger', 'export', ...c.args, '--out', c.file, '--token', token])).code).toBe(0)
    const answers = await viaApi(cases.map((c) => c.query))
    const [now, then] = [await readFile(join(dir, 'now.csv')), await readFile(join(dir, 'then.csv'))]
    expect(now.equals(then)).toBe(false)
    expect(Buffer.from(answers[0]!).equals(now)).toBe(true)
    expect(Buffer.from(answers[1]!).equals(then)).toBe(true)
    for (const i of [2, 3]) {
      const parts = await xlsxParts(answers[i]!)
      expect(parts.size).toBeGreaterThan(5)
      expect(parts).toEqual(await xlsxParts(await readFile(join(dir, cases[i]!.file))))
    }
  })
})
