import { spawn } from 'node:child_process'
import { mkdtemp, readFile, readdir, writeFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { ChufeiError } from '@chufei/core'
import { beforeEach, describe, expect, it } from 'vitest'
import { createAtomicFile, tempPathFor } from './atomic-file'
import { runCli, writeTestPack } from './_test-run'

let dir: string
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'chufei-atomic-'))
})

describe('createAtomicFile', () => {
  it('writes to a hidden temp file and renames it on commit', async () => {
    const target = join(dir, '台账.csv')
    const file = await createAtomicFile(target)
    expect(file.tempPath).toBe(tempPathFor(target))
    expect(file.tempPath).toMatch(/\/\.台账\.csv\.\d+\.tmp$/)
    file.stream.write('一行\n')
    expect(await readdir(dir)).toEqual([`.台账.csv.${process.pid}.tmp`])
    await file.commit()
    expect(await readdir(dir)).toEqual(['台账.csv'])
    expect(await readFile(target, 'utf8')).toBe('一行\n')
  })

  it('leaves an existing file intact and removes the temp file on abort', async () => {
    const target = join(dir, 'ledger.jsonl')
    await writeFile(target, 'yesterday\n')
    const file = await createAtomicFile(target)
    file.stream.write('half a ledg')
    await file.abort()
    await file.abort()
    expect(await readdir(dir)).toEqual(['ledger.jsonl'])
    expect(await readFile(target, 'utf8')).toBe('yesterday\n')
  })

  it('fails with OUTPUT_FAILED when the folder does not exist', async () => {
    const err = await createAtomicFile(join(dir, 'missing', 'x.csv')).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(ChufeiError)
    expect((err as ChufeiError).code).toBe('OUTPUT_FAILED')
    expect((err as ChufeiError).issues[0]?.file).toContain('missing')
  })
})

describe('temp files of killed runs', () => {
  it('are removed by the next run to the same folder after a real kill -9; live and foreign files stay', async () => {
    const rules = await writeTestPack(dir)
    const rows = ['线索编号,主体名称,涉及人数', ...Array.from({ length: 150_000 }, (_, i) => `K-${i},某某合作社${i},${i % 500}`)]
    await writeFile(join(dir, 'big.csv'), `${rows.join('\n')}\n`)
    const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx/esm')).href
    const bin = new URL('./bin.ts', import.meta.url).pathname
    const child = spawn(process.execPath, ['--conditions=source', '--import', tsx, bin, 'score', 'big.csv', '--rules', rules, '--quiet', '--out', 'ledger.jsonl'], {
      cwd: dir,
      stdio: 'ignore',
    })
    let childExited = false
    const exited = new Promise((resolve) => child.on('exit', (code) => ((childExited = true), resolve(code))))
    const temp = `.ledger.jsonl.${child.pid}.tmp`
    // Poll until the temp file appears (the run takes far longer than that) or the run has ended; no deadline,
    // so a loaded machine is only slower. If the run ended first, the assertions below say so.
    while (!childExited && !(await readdir(dir)).includes(temp)) await new Promise((r) => setTimeout(r, 10))
    child.kill('SIGKILL')
    await exited
    expect(await readdir(dir)).toContain(temp)
    expect(await readdir(dir)).not.toContain('ledger.jsonl')

    // Files that are not provably ours and stale: a live pid's temp file, other names, a folder.
    const foreign = [`.ledger.jsonl.${process.ppid}.tmp`, '.ledger.jsonl.backup.tmp', 'ledger.jsonl.12345.tmp', '.other.csv.2147483646.tmp']
    for (const name of foreign) await writeFile(join(dir, name), 'mine\n')
    const spools = ['problems', 'reasons', 'key'].map((kind) => `.chufei-${kind}.2147483645.abc.tmp`)
    for (const name of spools) await writeFile(join(dir, name), 'spool of a dead run\n')

    const again = await runCli(['score', 'big.csv', '--rules', rules, '--quiet', '--out', 'ledger.jsonl'], { cwd: dir })
    expect(again.stderr).toBe('')
    expect(again.code).toBe(0)
    const left = await readdir(dir)
    expect(left).not.toContain(temp)
    for (const name of spools) expect(left).not.toContain(name)
    for (const name of foreign) expect(left).toContain(name)
    expect(left).toContain('ledger.jsonl')
  })
})
