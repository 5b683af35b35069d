import { createWriteStream } from 'node:fs'
import { mkdtemp, readdir } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { ITEMS, PACK } from '../_test-items'
import { createLedgerContext } from '../ledger-row'
import { createXlsxWriter } from './xlsx-ledger-writer'

describe('createXlsxWriter scratch files', () => {
  it('keeps its scratch files (key spool, 评分依据, 问题行) in the output folder, tells the hooks, and removes them all on abort', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'chufei-xlsx-abort-'))
    const out = createWriteStream(join(dir, 'ledger.xlsx'))
    const tracked = new Set<string>()
    const hooks = { track: (p: string) => tracked.add(p), untrack: (p: string) => tracked.delete(p) }
    const writer = createXlsxWriter(out, createLedgerContext(PACK, { lang: 'zh', now: new Date(2024, 5, 1) }), dir, { hooks })
    for (const item of ITEMS) await writer.write(item)
    expect([...tracked].map((p) => p.slice(dir.length + 1).split('.')[1]!.replace('chufei-', '')).sort()).toEqual(['key', 'problems', 'reasons'])
    await writer.abort()
    out.destroy()
    expect(await readdir(dir)).toEqual(['ledger.xlsx'])
    expect(tracked.size).toBe(0)
  })
})
