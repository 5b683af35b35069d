import { LEDGER_COLUMN_SPECS, LEDGER_SHEET_NAMES } from '@chufei/ledger'
import { describe, expect, it } from 'vitest'
import { LEDGER_COLUMNS } from './ledger-columns'
import { XLSX_SHEET_NAMES } from './xlsx-writer'

/* The ledger the CLI writes is read back by @chufei/ledger (stats, track, report): keep the two in step. */

describe('ledger columns', () => {
  it('are the nineteen columns @chufei/ledger reads first, with the same headers', () => {
    const specs = LEDGER_COLUMN_SPECS.slice(0, LEDGER_COLUMNS.length)
    expect(LEDGER_COLUMNS.map((c) => [c.key, c.zh, c.en])).toEqual(specs.map((s) => [s.field, s.zh, s.en]))
    expect(LEDGER_COLUMNS).toHaveLength(19)
  })

  it('name the main sheet the way the reader looks for it', () => {
    expect(XLSX_SHEET_NAMES.zh[0]).toBe(LEDGER_SHEET_NAMES.main.zh)
    expect(XLSX_SHEET_NAMES.en[0]).toBe(LEDGER_SHEET_NAMES.main.en)
  })
})
