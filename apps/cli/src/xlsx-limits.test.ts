import { execFile } from 'node:child_process'
import { writeFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { beforeAll, describe, expect, it } from 'vitest'
import { makeBombXlsx } from '../../../packages/sheets/test/_hostile-xlsx'
import { PEAK_RSS_IMPORT, peakRssMiB } from '../../../packages/sheets/test/_peak-rss'
import { makeStreamingOrderXlsx } from '../../../packages/sheets/test/_zip'
import { runCli, tempDir, writeTestPack } from './_test-run'

/*
 * `chufei score` on zip bombs, as a real process: it stops at the limit with exit 1 and a Chinese message
 * naming the limit, and its peak memory stays far below what the bomb would take (1 GiB of text).
 */

const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx/esm')).href
const bin = new URL('./bin.ts', import.meta.url).pathname
const PEAK_LIMIT_MIB = 300

const runChild = (args: string[], cwd: string): Promise<{ code: number; stderr: string }> =>
  new Promise((done) => {
    execFile(
      process.execPath,
      ['--conditions=source', '--import', tsx, '--import', PEAK_RSS_IMPORT, bin, ...args],
      { cwd, env: { ...process.env, CHUFEI_MAX_XLSX_PART_MB: '', CHUFEI_MAX_XLSX_STRINGS_MB: '' }, maxBuffer: 16 * 1024 * 1024 },
      (error, _stdout, stderr) => done({ code: error === null ? 0 : typeof error.code === 'number' ? error.code : -1, stderr }),
    )
  })

let dir: string
let rules: string
beforeAll(async () => {
  dir = await tempDir('chufei-bomb-')
  rules = await writeTestPack(dir)
  await writeFile(join(dir, 'strings-bomb.xlsx'), makeBombXlsx('shared-strings', 1024))
  await writeFile(join(dir, 'sheet-bomb.xlsx'), makeBombXlsx('worksheet', 1024))
})

describe('chufei score on zip bombs', () => {
  it('stops shared strings inflating to 1 GiB at 32 MiB: exit 1, the limit named in Chinese, peak RSS under 300 MB', async () => {
    const { code, stderr } = await runChild(['score', 'strings-bomb.xlsx', '--rules', rules, '--quiet', '--out', 'ledger.jsonl'], dir)
    expect(code).toBe(1)
    expect(stderr).toMatch(/^错误：.*strings-bomb\.xlsx  Excel文件/m)
    expect(stderr).toContain('共享字符串（xl/sharedStrings.xml）超过内存上限 32 MiB')
    expect(stderr).toContain('--max-xlsx-strings-mb')
    expect(stderr).not.toContain('内部错误')
    expect(peakRssMiB(stderr)).toBeLessThan(PEAK_LIMIT_MIB)
  })

  it('stops a worksheet inflating to 1 GiB at the part limit set by --max-xlsx-part-mb, peak RSS under 300 MB', async () => {
    const { code, stderr } = await runChild(['score', 'sheet-bomb.xlsx', '--rules', rules, '--quiet', '--max-xlsx-part-mb', '64'], dir)
    expect(code).toBe(1)
    expect(stderr).toContain('xl/worksheets/sheet1.xml 解压后超过上限 64 MiB')
    expect(peakRssMiB(stderr)).toBeLessThan(PEAK_LIMIT_MIB)
  })

  it('takes the limits from the environment, the option winning, and refuses a bad value as a usage error', async () => {
    const rows = [['线索编号', '主体名称'], ...Array.from({ length: 20_000 }, (_, i) => [`X-${i}`, `某某投资咨询有限公司第${i}号分公司`])]
    await writeFile(join(dir, 'many-strings.xlsx'), makeStreamingOrderXlsx('排查', rows, 2))
    const args = ['score', 'many-strings.xlsx', '--rules', rules, '--quiet']
    const fromEnv = await runCli(args, { cwd: dir, env: { CHUFEI_MAX_XLSX_STRINGS_MB: '1' } })
    expect(fromEnv.code).toBe(1)
    expect(fromEnv.stderr).toContain('超过内存上限 1 MiB')
    expect((await runCli([...args, '--max-xlsx-strings-mb', '8'], { cwd: dir, env: { CHUFEI_MAX_XLSX_STRINGS_MB: '1' } })).code).toBe(0)
    const bad = await runCli([...args, '--max-xlsx-part-mb', '0'], { cwd: dir })
    expect(bad.code).toBe(2)
    expect(bad.stderr).toContain('--max-xlsx-part-mb')
  })
})
