import { createWriteStream } from 'node:fs'
import { mkdtemp, readFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parse } from 'csv-parse/sync'
import ExcelJS from 'exceljs'
import { SCORE_LEDGER_COLUMNS, isFormulaLike, readLedger, type ScoreLedgerField } from '.'
import { describe, expect, it } from 'vitest'
import { BLUE, PACK, RED, REJECTED, summaryOf } from './_test-items'
import { leadContext, type LedgerItem } from './ledger-item'
import { createLedgerContext, toLedgerRow } from './ledger-row'
import { createLedgerWriter, type OutputFormat } from './ledger-writer'

/*
 * 备注 and the lead facts after 数据问题: what `chufei stats`/`report` count and `chufei track` matches on.
 * Unknown stays blank (never 0), money is in 万元 as numbers, and staff's column is formula-guarded too.
 */

/** RED with every fact the sheet can give, through the real `leadContext`. */
const FULL: LedgerItem = {
  result: RED.result,
  lead: leadContext({
    id: 'SQ-001',
    subject: { name: '双桥镇兴旺肉牛养殖专业合作社', creditCode: '91340422MA2N0PQ35X', controller: '王某某' },
    region: { name: '双桥村', kind: 'rural' },
    sector: 'agriculture',
    source: 'public-report',
    people: { total: 420 },
    money: { raised: 18_000_000, outstanding: 1_234_567 },
    reportedAt: '2024-03-05',
    notes: '=1+1 已留存宣传单',
  }),
}

/** A lead whose sheet said nothing but its name; `leadContext` of a bare lead. */
const BARE: LedgerItem = { result: BLUE.result, lead: leadContext({ id: 'SQ-002', subject: { name: '某某商贸有限公司' } }) }

/** Zero is a value, not unknown: it must be written as 0. */
const REPAID: LedgerItem = {
  result: { ...BLUE.result, id: 'SQ-004' },
  lead: leadContext({ id: 'SQ-004', subject: { name: '某养老服务中心' }, people: { total: 0 }, money: { outstanding: 0 } }),
}

const ITEMS = [FULL, BARE, REJECTED, REPAID, BLUE]
const FACT_KEYS: readonly ScoreLedgerField[] = ['notes', 'creditCode', 'regionKind', 'source', 'people', 'raised', 'outstanding', 'reportedAt']
const col = (field: ScoreLedgerField) => SCORE_LEDGER_COLUMNS.findIndex((c) => c.field === field)

const write = async (format: OutputFormat, lang: 'zh' | 'en' = 'zh') => {
  const dir = await mkdtemp(join(tmpdir(), 'chufei-facts-'))
  const path = join(dir, `ledger.${format}`)
  const out = createWriteStream(path)
  const writer = createLedgerWriter({ format, out, context: createLedgerContext(PACK, { lang, now: new Date(2024, 5, 1) }), scratchDir: dir })
  await writer.header({ kind: 'header', line: 1, format: 'csv', columns: [], unknownColumns: [] })
  for (const item of ITEMS) await writer.write(item)
  await writer.end(summaryOf(ITEMS))
  await new Promise<void>((resolve) => (out.closed ? resolve() : (out.writableEnded ? out : out.end()).once('close', () => resolve())))
  return path
}

describe('lead facts in the ledger row', () => {
  it('puts 备注 and the facts after 数据问题, labels for region kind and source, money in 万元', () => {
    const row = toLedgerRow(FULL, createLedgerContext(PACK, { lang: 'zh', now: new Date(2024, 5, 1) }))
    expect(FACT_KEYS.map((k) => row[k])).toEqual(['=1+1 已留存宣传单', '91340422MA2N0PQ35X', '农村', '群众举报', 420, 1800, 123.4567, '2024-03-05'])
    const en = toLedgerRow(FULL, createLedgerContext(PACK, { lang: 'en', now: new Date(2024, 5, 1) }))
    expect([en.regionKind, en.source]).toEqual(['Rural', 'Public report'])
  })

  it('leaves unknown facts blank, never 0, and keeps a real 0', () => {
    const ctx = createLedgerContext(PACK, { lang: 'zh', now: new Date(2024, 5, 1) })
    for (const item of [BARE, REJECTED, BLUE]) {
      const row = toLedgerRow(item, ctx)
      expect(FACT_KEYS.map((k) => row[k])).toEqual(['', '', '', '', null, null, null, ''])
    }
    const repaid = toLedgerRow(REPAID, ctx)
    expect([repaid.people, repaid.raised, repaid.outstanding]).toEqual([0, null, 0])
  })
})

describe('实际控制人 in the ledger (a field table column)', () => {
  it('is written after 统一社会信用代码, blank when unknown, and read back by chufei stats/track', async () => {
    const ctx = createLedgerContext(PACK, { lang: 'zh', now: new Date(2024, 5, 1) })
    expect([toLedgerRow(FULL, ctx).controller, toLedgerRow(BARE, ctx).controller, toLedgerRow(REJECTED, ctx).controller]).toEqual(['王某某', '', ''])
    expect(col('controller')).toBe(col('creditCode') + 1)
    const rows = parse((await readFile(await write('csv'), 'utf8')).slice(1)) as string[][]
    expect([rows[0]![col('controller')], rows[1]![col('controller')], rows[2]![col('controller')]]).toEqual(['实际控制人', '王某某', ''])
    const read = await readLedger(await write('xlsx'))
    expect(read.issues).toEqual([])
    expect(read.records.slice(0, 2).map((r) => r.controller)).toEqual(['王某某', null])
  })
})

describe('CSV ledger with lead facts', () => {
  it('writes the facts with Chinese headers, blanks for unknown, and no cell a spreadsheet would run', async () => {
    const rows = parse((await readFile(await write('csv'), 'utf8')).slice(1)) as string[][]
    const at = (r: number) => FACT_KEYS.map((k) => rows[r]![col(k)])
    expect(FACT_KEYS.map((k) => rows[0]![col(k)])).toEqual(['备注', '统一社会信用代码', '区域类型', '线索来源', '涉及人数', '集资金额（万元）', '未兑付金额（万元）', '排查日期'])
    expect(at(1)).toEqual(["'=1+1 已留存宣传单", '91340422MA2N0PQ35X', '农村', '群众举报', '420', '1800', '123.4567', '2024-03-05'])
    expect(at(2)).toEqual(['', '', '', '', '', '', '', ''])
    expect(at(3)).toEqual(['', '', '', '', '', '', '', ''])
    expect(at(4)).toEqual(['', '', '', '', '0', '', '0', ''])
    for (const row of rows) {
      expect(row).toHaveLength(SCORE_LEDGER_COLUMNS.length)
      for (const cell of row) expect(isFormulaLike(cell), cell).toBe(false)
    }
  })

  it('writes English headers with --lang en', async () => {
    const rows = parse((await readFile(await write('csv', 'en'), 'utf8')).slice(1)) as string[][]
    expect(FACT_KEYS.map((k) => rows[0]![col(k)])).toEqual(['Notes', 'Credit code', 'Region kind', 'Source', 'People', 'Raised (10k yuan)', 'Outstanding (10k yuan)', 'Reported on'])
    expect([rows[1]![col('regionKind')], rows[1]![col('source')]]).toEqual(['Rural', 'Public report'])
  })
})

describe('XLSX ledger with lead facts', () => {
  it('writes numbers as numeric cells, unknown as empty cells, and reads back into stats/track records', async () => {
    const path = await write('xlsx')
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.readFile(path)
    const ws = wb.getWorksheet('风险台账')!
    const cell = (r: number, k: ScoreLedgerField) => ws.getRow(r).getCell(col(k) + 1).value
    expect(FACT_KEYS.map((k) => cell(2, k))).toEqual(["'=1+1 已留存宣传单", '91340422MA2N0PQ35X', '农村', '群众举报', 420, 1800, 123.4567, new Date(Date.UTC(2024, 2, 5))])
    expect(ws.getRow(2).getCell(col('reportedAt') + 1).numFmt).toBe('yyyy-mm-dd')
    for (const k of ['people', 'raised', 'outstanding'] as const) {
      expect(cell(3, k), k).toBeNull()
      expect(cell(4, k), k).toBeNull()
    }
    expect([cell(5, 'people'), cell(5, 'raised'), cell(5, 'outstanding')]).toEqual([0, null, 0])
    ws.eachRow((row) => row.eachCell((c) => expect(c.formula).toBeUndefined()))

    const read = await readLedger(path)
    expect(read.issues).toEqual([])
    expect(read.records[0]).toMatchObject({
      id: 'SQ-001', notes: '=1+1 已留存宣传单', creditCode: '91340422MA2N0PQ35X', regionKind: 'rural', source: 'public-report',
      people: 420, raised: 18_000_000, outstanding: 1_234_567, reportedAt: '2024-03-05',
    })
    expect(read.records[1]).toMatchObject({ notes: '', creditCode: null, regionKind: null, source: null, people: null, raised: null, outstanding: null, reportedAt: null })
    expect(read.records[3]).toMatchObject({ people: 0, raised: null, outstanding: 0 })
  })

  it('offers a 状态 dropdown (待处置 / 处置中 / 已化解) on both ledger sheets, over the data rows', async () => {
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.readFile(await write('xlsx'))
    const status = String.fromCharCode(65 + col('status'))
    for (const [name, rows] of [['风险台账', ITEMS.length], ['重点线索台账', 1]] as const) {
      const ws = wb.getWorksheet(name)!
      expect(ws.getRow(1).getCell(col('status') + 1).value).toBe('状态')
      for (let r = 2; r <= rows + 1; r++) {
        expect(ws.getCell(`${status}${r}`).dataValidation, `${name} ${r}`).toMatchObject({ type: 'list', formulae: ['"待处置,处置中,已化解"'], allowBlank: true })
      }
      expect(ws.getCell(`${status}1`).dataValidation).toBeUndefined()
      expect(ws.getCell(`${status}${rows + 2}`).dataValidation).toBeUndefined()
    }
    const en = new ExcelJS.Workbook()
    await en.xlsx.readFile(await write('xlsx', 'en'))
    expect(en.getWorksheet('Risk ledger')!.getCell(`${status}2`).dataValidation).toMatchObject({ formulae: ['"To handle,In progress,Resolved"'] })
  })
})
