import { mkdtemp, readFile, readdir, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ChufeiError } from '@chufei/core'
import { beforeEach, describe, expect, it } from 'vitest'
import { createAtomicFile, tempPathFor } from './atomic-file'

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
