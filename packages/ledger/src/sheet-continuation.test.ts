import { describe, expect, it } from 'vitest'
import { LEDGER_SHEET_NAMES } from './ledger-columns'
import { ledgerSheetName, XLSX_SHEETS } from './ledger-guide'
import { continuationName, continues, parseContinuation } from './sheet-continuation'

describe('continuation sheet names', () => {
  it('names parts 评分依据（续2） and Scoring grounds (cont. 2), the first part as it was', () => {
    expect(continuationName('评分依据', 1, 'zh')).toBe('评分依据')
    expect(continuationName('评分依据', 2, 'zh')).toBe('评分依据（续2）')
    expect(continuationName('Scoring grounds', 3, 'en')).toBe('Scoring grounds (cont. 3)')
  })

  it('keeps every name within Excel’s 31 characters and free of []:*?/\\, cutting the base, not the part number', () => {
    const long = 'Previous leads not in this sweep'
    const name = continuationName(long, 12, 'en')
    expect(Array.from(name).length).toBeLessThanOrEqual(31)
    expect(name.endsWith(' (cont. 12)')).toBe(true)
    expect(continues(name, long)).toBe(true)
    for (const base of ['风险台账', '重点线索台账', '评分依据', '问题行', 'Risk ledger', 'Key leads', 'Scoring grounds', 'Problem rows']) {
      for (const lang of ['zh', 'en'] as const) expect(continuationName(base, 999, lang)).not.toMatch(/[[\]:*?/\\]/)
    }
  })

  it('recognises a continuation in either language, and nothing else', () => {
    expect(parseContinuation('风险台账（续2）')).toEqual({ base: '风险台账', part: 2 })
    expect(parseContinuation('风险台账(续 3)')).toEqual({ base: '风险台账', part: 3 })
    expect(parseContinuation('Risk ledger (cont. 4)')).toEqual({ base: 'Risk ledger', part: 4 })
    expect(parseContinuation('风险台账')).toBeNull()
    expect(parseContinuation('风险台账（续1）')).toBeNull()
    expect(parseContinuation('2024年（续）')).toBeNull()
    expect(continues('风险台账（续2）', '风险台账')).toBe(true)
    expect(continues('重点线索台账（续2）', '风险台账')).toBe(false)
  })

  it('gives every sheet of either ledger a name Excel and WPS accept: 31 characters at most, none of []:*?/\\', () => {
    // The English name of the track ledger's 上期线索 sheet was 32 characters until round 10; exceljs cut it with a
    // warning on the terminal, and the cut name was no longer known when the ledger was read back.
    const names = [...Object.values(LEDGER_SHEET_NAMES).flatMap((n) => [n.zh, n.en]), ...XLSX_SHEETS.flatMap((s) => [ledgerSheetName(s, 'zh'), ledgerSheetName(s, 'en')])]
    for (const name of names) {
      expect(Array.from(name).length, name).toBeLessThanOrEqual(31)
      expect(name).not.toMatch(/[[\]:*?/\\]/)
    }
  })
})
