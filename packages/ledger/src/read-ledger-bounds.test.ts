import { randomBytes } from 'node:crypto'
import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ChufeiError } from '@chufei/core'
import { describe, expect, it } from 'vitest'
import { TINY_ROW, ledgerWith, mebibyteOf } from './_hostile-ledger'
import { isLedgerFile, readLedger } from './read-ledger'
import { LEDGER_INFLATE_RATIO } from './read-ledger-xlsx'

/*
 * What an XLSX ledger may make readLedger spend (read-ledger-xlsx.ts): a zip bomb is refused with a Chinese error
 * naming the file — before anything is inflated when the zip directory tells the truth, as soon as a worksheet
 * inflates past what it declared when it lies, and after a bounded number of rows when its rows are tiny — and
 * never holds much memory on the way; a real ledger far over the old 64 MiB cap reads.
 */

const MIB = 1024 * 1024

const refusal = async (bytes: Uint8Array) => {
  const before = process.memoryUsage().rss
  const error = await readLedger({ bytes, name: 'bomb.xlsx' }).catch((e: unknown) => e)
  // Nothing like the hundreds of MiB the bomb inflates to (or the rows it would be) is held.
  expect(process.memoryUsage().rss - before).toBeLessThan(200 * MIB)
  expect(error).toBeInstanceOf(ChufeiError)
  const e = error as ChufeiError
  expect(e.code).toBe('UNREADABLE_INPUT')
  expect(e.message.startsWith('bomb.xlsx：')).toBe(true)
  expect(e.issues[0]!.file).toBe('bomb.xlsx')
  return e
}

describe('readLedger’s bounds on an XLSX ledger', () => {
  it('refuses a zip bomb whose directory tells the truth before inflating it, saying why', async () => {
    // 512 MiB of tiny ledger rows in a file of about 2 MiB.
    const bytes = await ledgerWith(3, { name: '炸弹', bomb: { block: mebibyteOf(TINY_ROW), repeat: 512, declared: 'true' } })
    expect(bytes.length).toBeLessThan(4 * MIB)
    const e = await refusal(bytes)
    expect(e.issues[0]!.code).toBe('ledger-inflates-too-much')
    expect(e.issues[0]!.message).toMatch(new RegExp(`各工作表解压后共约 5\\d\\d\\.\\d MiB，超过文件大小（\\d\\.\\d MiB）的 ${LEDGER_INFLATE_RATIO} 倍.*压缩炸弹`))
  })

  it('stops a zip bomb whose directory lies about its size as soon as it inflates past it', async () => {
    const bytes = await ledgerWith(3, { name: '炸弹', bomb: { block: mebibyteOf(TINY_ROW), repeat: 512, declared: 1000 } })
    const e = await refusal(bytes)
    expect(e.issues[0]!.code).toBe('ledger-inflates-too-much')
    expect(e.issues[0]!.message).toContain('超过压缩包目录声明的大小')
  })

  it('refuses tiny rows past what a real ledger of the file’s size would hold', async () => {
    // 14 MiB of rows declared truly (within the 16 MiB floor): about 190,000 rows from a file of a few KB.
    const bytes = await ledgerWith(3, { name: '炸弹', bomb: { block: mebibyteOf(TINY_ROW), repeat: 14, declared: 'true' } })
    const e = await refusal(bytes)
    expect(e.issues[0]!.code).toBe('ledger-too-many-rows')
    expect(e.issues[0]!.message).toMatch(/^台账工作表共超过 10\d{4} 行，对一个 0\.\d MiB 的文件而言过多.*压缩炸弹/)
  })

  it('reads a real ledger file far over the 64 MiB it was once refused at (a big sheet beside it read no further than its header)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'chufei-ledger-big-'))
    try {
      const path = join(dir, '台账.xlsx')
      // ≈ 95,000 rows of 1,000 random characters: base64 of random bytes, so the file is ≈ 73 MB.
      function* noise() {
        for (let i = 0; i < 95_000; i++) yield [randomBytes(750).toString('base64')]
      }
      await writeFile(path, await ledgerWith(5, { name: '附件', rows: noise() }))
      expect((await stat(path)).size).toBeGreaterThan(64 * MIB)
      const read = await readLedger(path)
      expect(read.issues).toEqual([])
      expect(read.records.map((r) => r.id)).toEqual(['SQ-1', 'SQ-2', 'SQ-3', 'SQ-4', 'SQ-5'])
      expect(await isLedgerFile(path)).toBe(true)
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  })
})
