import { LEDGER_COLUMN_SPECS, LEDGER_SHEET_NAMES, SCORE_LEDGER_FIELDS } from '@chufei/ledger'
import { describe, expect, it } from 'vitest'
import { LEDGER_COLUMNS } from './ledger-columns'
import { XLSX_SHEET_NAMES } from './xlsx-writer'

/* The ledger the CLI writes is read back by @chufei/ledger (stats, track, report): keep the two in step. */

describe('ledger columns', () => {
  it('are the columns @chufei/ledger reads as a score ledger, in its order, with the same headers', () => {
    const specs = SCORE_LEDGER_FIELDS.map((f) => LEDGER_COLUMN_SPECS.find((s) => s.field === f)!)
    expect(LEDGER_COLUMNS.map((c) => [c.key, c.zh, c.en])).toEqual(specs.map((s) => [s.field, s.zh, s.en]))
    expect(LEDGER_COLUMNS.map((c) => c.zh).slice(18)).toEqual([
      '数据问题', '备注', '统一社会信用代码', '区域类型', '线索来源', '涉及人数', '集资金额（万元）', '未兑付金额（万元）', '排查日期',
    ])
  })

  it('name the main sheet the way the reader looks for it', () => {
    expect(XLSX_SHEET_NAMES.zh[0]).toBe(LEDGER_SHEET_NAMES.main.zh)
    expect(XLSX_SHEET_NAMES.en[0]).toBe(LEDGER_SHEET_NAMES.main.en)
  })
})
