import { describe, expect, it } from 'vitest'
import { EXCEL_MAX_ROWS } from '../sheet-continuation'
import { createRollingSheet } from './rolling-sheet'
import type { SheetWriter } from './sheet-writer'

/** A sheet that only counts its rows (the header is row 1), so a million rows cost nothing. */
const countingSheet = (): SheetWriter => {
  let rows = 1
  return {
    row: () => {
      rows += 1
      return Promise.resolve()
    },
    get rowCount() {
      return rows
    },
    end: () => Promise.resolve(),
  }
}

const rolling = (maxRows: number) => {
  const closed: Array<[string, number]> = []
  const opened: string[] = []
  const sheets = new Map<SheetWriter, string>()
  const sheet = createRollingSheet({
    name: '风险台账',
    lang: 'zh',
    maxRows,
    open: (name) => {
      opened.push(name)
      const s = countingSheet()
      sheets.set(s, name)
      return s
    },
    close: async (s) => {
      closed.push([sheets.get(s)!, s.rowCount])
    },
  })
  return { sheet, opened, closed }
}

describe('createRollingSheet at Excel’s own limit', () => {
  it('fills a sheet to exactly 1,048,576 rows with no continuation, and starts 风险台账（续2） on the next row', async () => {
    const { sheet, opened, closed } = rolling(EXCEL_MAX_ROWS)
    for (let i = 0; i < EXCEL_MAX_ROWS - 1; i++) await sheet.row([i])
    expect(opened).toEqual(['风险台账'])
    expect(closed).toEqual([])
    await sheet.row(['one over'])
    expect(opened).toEqual(['风险台账', '风险台账（续2）'])
    expect(closed).toEqual([['风险台账', EXCEL_MAX_ROWS]])
    await sheet.end()
    expect(closed.at(-1)).toEqual(['风险台账（续2）', 2])
    expect(sheet.continued).toEqual({ name: '风险台账', continuations: ['风险台账（续2）'], rows: EXCEL_MAX_ROWS })
  })

  it('says nothing was continued for a sheet that fits, and starts an empty one on request', async () => {
    const { sheet, opened } = rolling(EXCEL_MAX_ROWS)
    sheet.start()
    await sheet.end()
    expect(opened).toEqual(['风险台账'])
    expect(sheet.continued).toBeNull()
  })
})
