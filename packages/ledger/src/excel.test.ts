import { createRequire } from 'node:module'
import { Writable } from 'node:stream'
import { describe, expect, it } from 'vitest'
import { ITEMS, PACK, summaryOf } from './_test-items'
import { scored } from './_test-records'
import { collectBytes, createLedgerContext, createLedgerWriter, readLedger, trackLeads, writeTrackedLedger } from '.'

// This file imports nothing that reaches exceljs statically (vitest runs each test file in its own module
// graph), so whether exceljs is in Node's require cache tells whether the package loaded it.
const excelLoaded = (): boolean => Object.keys(createRequire(import.meta.url).cache).some((k) => /[\\/]exceljs[\\/]/.test(k))

const sink = () =>
  new Writable({
    write(_chunk, _encoding, done) {
      done()
    },
  })

describe('exceljs is never loaded outside the tests (round 11: the tracked ledger, and reading, without it too)', () => {
  it('importing the package and writing JSONL, JSON, CSV and XLSX ledgers leaves it unloaded (round 10: XLSX is written without it)', async () => {
    const context = createLedgerContext(PACK, { lang: 'zh', now: new Date(2024, 5, 1) })
    for (const format of ['jsonl', 'json', 'csv'] as const) {
      const writer = createLedgerWriter({ format, out: sink(), context, scratchDir: '.' })
      for (const item of ITEMS) await writer.write(item)
      await writer.end(summaryOf(ITEMS))
    }
    expect(excelLoaded()).toBe(false)
    // Made, then aborted before it wrote anything: still nothing loaded, nothing to remove.
    await createLedgerWriter({ format: 'xlsx', out: sink(), context, scratchDir: '.' }).abort()
    expect(excelLoaded()).toBe(false)
    const writer = createLedgerWriter({ format: 'xlsx', out: sink(), context, scratchDir: '.' })
    for (const item of ITEMS) await writer.write(item)
    await writer.end(summaryOf(ITEMS))
    expect(excelLoaded()).toBe(false)
  })

  it('writing the tracked ledger and reading XLSX ledgers back leaves it unloaded', async () => {
    const context = createLedgerContext(PACK, { lang: 'zh', now: new Date(2024, 5, 1) })
    const bytes = await collectBytes(async (out) => {
      const writer = createLedgerWriter({ format: 'xlsx', out, context, scratchDir: '.' })
      for (const item of ITEMS) await writer.write(item)
      await writer.end(summaryOf(ITEMS))
    })
    const read = await readLedger({ bytes, name: 'q1.xlsx' })
    expect(read.records.length).toBe(ITEMS.length)
    const track = trackLeads(read.records, [scored({ row: 2, id: 'NEW', tier: 'red' })], { today: '2024-06-30', rulePack: 'x', previousFile: 'q1.xlsx' })
    const tracked = await writeTrackedLedger(track)
    expect((await readLedger({ bytes: tracked, name: 'q2.xlsx' })).records.map((r) => r.id)).toEqual(['NEW'])
    expect(excelLoaded()).toBe(false)
  })
})
