import { spawn } from 'node:child_process'
import { mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { LOCAL_ADMIN } from './actor'
import { openDb } from './db'
import { importSweep } from './import-sweep'
import { migrate } from './migrations'
import { addUnit } from './units'
import { bundledScorer, sheetOf } from './_test-store'

/*
 * An import is one transaction on disk too: a real child process killed with SIGKILL while it is writing the
 * leads of a sweep leaves no sweep, no lead and no case when the data folder is opened again — and the same
 * file then imports whole.
 */

const child = fileURLToPath(new URL('./_kill-import-child.ts', import.meta.url))

/** Waits for `line` on the child's stdout; rejects, with its stderr, if it exits first. */
const waitForLine = (proc: ReturnType<typeof spawn>, line: string) =>
  new Promise<void>((resolve, reject) => {
    let out = ''
    let err = ''
    proc.stdout!.on('data', (c: Buffer) => {
      out += c.toString()
      if (out.split('\n').includes(line)) resolve()
    })
    proc.stderr!.on('data', (c: Buffer) => (err += c.toString()))
    proc.once('exit', (code) => reject(new Error(`child exited (${code}) before "${line}": ${out}\n${err}`)))
  })

describe('kill -9 during an import', () => {
  it('leaves no half sweep in the embedded store', async () => {
    const dataDir = join(await mkdtemp(join(tmpdir(), 'chufei-kill-')), 'store')
    const sheet = join(dataDir, '..', 'sweep.csv')
    const rows = Array.from({ length: 3000 }, (_, i) => ({ id: `K-${i + 1}`, name: `测试主体${i + 1}号`, village: '芮集村', people: (i % 50) + 1 }))
    await writeFile(sheet, sheetOf(rows))
    const setup = await openDb({ dataDir })
    await migrate(setup)
    await addUnit(setup, LOCAL_ADMIN, { name: '芮集镇', kind: 'town' })
    await setup.close()

    const proc = spawn(process.execPath, ['--conditions=source', '--import', 'tsx', child, dataDir, sheet], { stdio: ['ignore', 'pipe', 'pipe'] })
    await waitForLine(proc, 'writing-leads')
    const exited = new Promise((resolve) => proc.once('exit', (_code, signal) => resolve(signal)))
    proc.kill('SIGKILL')
    expect(await exited).toBe('SIGKILL')

    const db = await openDb({ dataDir })
    try {
      const count = async (table: string) => (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`)).rows[0]!.n
      expect({ sweeps: await count('sweeps'), leads: await count('leads'), cases: await count('cases'), events: await count('events'), subjects: await count('subjects') }).toEqual({
        sweeps: 0,
        leads: 0,
        cases: 0,
        events: 0,
        subjects: 0,
      })
      // Nothing half-done blocks the next attempt: the same file imports whole.
      const { readFile } = await import('node:fs/promises')
      const out = await importSweep(db, LOCAL_ADMIN, { bytes: await readFile(sheet), fileName: 'kill.csv', unit: '芮集镇', date: '2024-06-30', scorer: await bundledScorer() })
      expect(out.counts.scored).toBe(3000)
      expect(await count('leads')).toBe(3000)
    } finally {
      await db.close()
    }
  })
})
