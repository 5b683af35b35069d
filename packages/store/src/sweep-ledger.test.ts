import { readFile } from 'node:fs/promises'
import { PassThrough } from 'node:stream'
import { createStreamSummary, scoreRows } from '@chufei/core'
import { readSheet } from '@chufei/sheets'
import { createLedgerContext, createLedgerWriter, ledgerItem } from '@chufei/ledger'
import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { OpenDb } from './db'
import { importSweep } from './import-sweep'
import { sweepResults } from './sweep-results'
import { writeSweepLedger } from './sweep-ledger'
import { TEST_BACKENDS } from './_test-dbs'
import { bundledScorer, fixturePath, seedTown, type TestTown } from './_test-store'

/*
 * A stored sweep's risk ledger (总量风险清单 and the rest) is the ledger `chufei score` writes for the same sheet on
 * the sweep's day: the same rows, cells and order, from the stored results — the leads without a case included.
 */

const DATE = '2024-03-31'

/** The CSV ledger of a sheet scored now, as `chufei score --format csv` writes it, dated as the sweep. */
const scoredLedgerCsv = async (bytes: Uint8Array, name: string): Promise<string> => {
  const scorer = await bundledScorer()
  const out = new PassThrough()
  const chunks: Buffer[] = []
  out.on('data', (c: Buffer) => chunks.push(c))
  const writer = createLedgerWriter({ format: 'csv', out, context: createLedgerContext(scorer.pack, { lang: 'zh', now: new Date(`${DATE}T00:00:00`) }), scratchDir: '.' })
  const summary = createStreamSummary()
  for await (const item of scoreRows(readSheet({ bytes, name }), scorer, summary)) {
    if (item.kind === 'header') await writer.header(item)
    else if (item.kind === 'result') await writer.write(ledgerItem(item))
  }
  await writer.end(summary)
  return Buffer.concat(chunks).toString('utf8')
}

describe.each(TEST_BACKENDS)('a stored sweep’s risk ledger, on $name', (backend) => {
  let db: OpenDb
  let town: TestTown
  let sweepId: number
  let bytes: Uint8Array
  beforeAll(async () => {
    db = await backend.open()
    town = await seedTown(db)
    bytes = await readFile(fixturePath('sweeps/2024q2.csv'))
    sweepId = (await importSweep(db, town.actors.town, { bytes, fileName: '2024q2.csv', unit: '芮集镇', date: DATE, scorer: await bundledScorer() })).sweepId
  })
  afterAll(() => db?.close())

  it('writes, as CSV, exactly the ledger chufei score writes for the sheet: every lead, with a case or not', async () => {
    const scorer = await bundledScorer()
    const stored = await writeSweepLedger(await sweepResults(db, town.actors.town, sweepId), scorer.pack, { format: 'csv', lang: 'zh' })
    const text = Buffer.from(stored.bytes).toString('utf8')
    expect(stored.rows).toBe(63)
    expect(text).toBe(await scoredLedgerCsv(bytes, '2024q2.csv'))
    expect(text.split('\r\n').filter((l) => l !== '')).toHaveLength(64)
  })

  it('writes the XLSX workbook with its sheets; a village gets its own rows only', async () => {
    const scorer = await bundledScorer()
    const whole = await writeSweepLedger(await sweepResults(db, town.actors.town, sweepId), scorer.pack, { format: 'xlsx', lang: 'zh' })
    const book = new ExcelJS.Workbook()
    await book.xlsx.load(whole.bytes.buffer.slice(whole.bytes.byteOffset, whole.bytes.byteOffset + whole.bytes.byteLength) as ArrayBuffer)
    expect(book.worksheets.map((w) => w.name)).toEqual(['风险台账', '重点线索台账', '评分依据', '问题行', '统计', '说明'])
    expect(book.getWorksheet('风险台账')!.actualRowCount).toBe(64)
    const { rows } = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM leads WHERE sweep_id = $1 AND unit_id = $2`, [sweepId, town.villageA])
    const village = await writeSweepLedger(await sweepResults(db, town.actors.villageA, sweepId), scorer.pack, { format: 'csv', lang: 'en' })
    expect(village.rows).toBe(rows[0]!.n)
    expect(Buffer.from(village.bytes).toString('utf8').split('\r\n').filter((l) => l !== '')).toHaveLength(village.rows + 1)
  })
})
