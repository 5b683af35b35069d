import { createWriteStream } from 'node:fs'
import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import ExcelJS from 'exceljs'
import { describe, expect, it } from 'vitest'
import { REASON_CELL_MAX, SCORE_LEDGER_COLUMNS, readLedger, type ScoreLedgerField } from '.'
import type { ScoredResult } from '@chufei/core'
import { ITEMS, PACK, RED, summaryOf } from './_test-items'
import { createLedgerContext, type PackInfo } from './ledger-row'
import { createLedgerWriter } from './ledger-writer'

// What staff open in Excel/WPS: dates that sort and filter as dates, 主要依据 they can read in the cell
// (every reason on 评分依据), and a 说明 sheet that says how this pack sets tiers — read from the pack.

const MANY: ScoredResult['reasons'] = [
  { rule: 'a', label: '涉及人数达到150人', dimension: 'scale', points: 30 },
  { rule: 'b', label: '集资金额达到500万元以上，达到数额巨大的立案追诉标准'.repeat(3), dimension: 'exposure', points: 60 },
  { rule: 'c', label: '宣传牲畜托管', pattern: 'livestock-custody' },
  { rule: 'd', label: '承诺保本付息', dimension: 'exposure', points: 20 },
  { rule: 'e', label: '出现群体性上访', dimension: 'stability', points: 40 },
  { rule: 'f', label: '媒体报道', dimension: 'attention', points: 10 },
  { rule: 'g', label: '已注销仍在经营', dimension: 'stability', points: 15 },
  { rule: 'h', label: '“未发现”否定的线索', dimension: 'exposure', points: -5 },
]

const MANY_REASONS = {
  ...RED,
  result: {
    ...(RED.result as ScoredResult),
    id: 'SQ-009',
    reasons: MANY,
    warnings: Array.from({ length: 30 }, (_, i) => ({ field: 'people.total', code: 'approximate-number', message: `第${i + 1}处：“约420人”按420计` })),
  },
}

const write = async (pack: PackInfo = PACK) => {
  const dir = await mkdtemp(join(tmpdir(), 'chufei-readable-'))
  const path = join(dir, 'ledger.xlsx')
  const out = createWriteStream(path)
  const writer = createLedgerWriter({ format: 'xlsx', out, context: createLedgerContext(pack, { lang: 'zh', now: new Date(2024, 5, 1) }), scratchDir: dir })
  const items = [...ITEMS, MANY_REASONS]
  for (const item of items) await writer.write(item)
  await writer.end(summaryOf(items))
  await new Promise<void>((resolve) => (out.closed ? resolve() : out.once('close', () => resolve())))
  const wb = new ExcelJS.Workbook()
  await wb.xlsx.readFile(path)
  return { path, wb }
}

const col = (f: ScoreLedgerField) => SCORE_LEDGER_COLUMNS.findIndex((c) => c.field === f) + 1

describe('the XLSX ledger as staff read it', () => {
  it('writes 整改时限 and 排查日期 as Excel dates with a date format, and numbers as numbers', async () => {
    const { wb } = await write()
    const ws = wb.getWorksheet('风险台账')!
    const red = ws.getRow(2)
    // RED was reported on 2024-03-05 with a 7-day deadline.
    expect(red.getCell(col('deadline')).value).toEqual(new Date(Date.UTC(2024, 2, 12)))
    expect(red.getCell(col('deadline')).numFmt).toBe('yyyy-mm-dd')
    expect(red.getCell(col('reportedAt')).value).toEqual(new Date(Date.UTC(2024, 2, 5)))
    for (const f of ['total', 'scale', 'exposure', 'attention', 'stability'] as const) {
      expect(typeof red.getCell(col(f)).value, f).toBe('number')
    }
    // The ledger reads back to the same dates (track judges overdue on them).
    const { records } = await readLedgerOf(wb)
    expect(records[0]).toMatchObject({ deadline: '2024-03-12', reportedAt: '2024-03-05' })
  })

  it('puts the weightiest reasons in 主要依据, one per line, under 300 characters, and every reason with its points on 评分依据', async () => {
    const { wb, path } = await write()
    const ws = wb.getWorksheet('风险台账')!
    let longest = 0
    ws.eachRow((row) => row.eachCell((c) => (longest = Math.max(longest, String(c.value ?? '').length))))
    expect(longest).toBeLessThanOrEqual(REASON_CELL_MAX)
    expect(String(ws.getRow(ws.rowCount).getCell(col('problems')).value)).toMatch(/…（全部见“问题行”表）$/)
    let problemLines = 0
    wb.getWorksheet('问题行')!.eachRow((row) => (problemLines += row.getCell(2).value === 'SQ-009' ? 1 : 0))
    expect(problemLines).toBe(30)

    const last = ws.getRow(ws.rowCount)
    const lines = String(last.getCell(col('reasons')).value).split('\n')
    expect(lines).toHaveLength(4)
    expect(lines[0]).toMatch(/^集资金额达到500万元以上.*…$/)
    expect(lines.slice(1)).toEqual(['出现群体性上访（+40 涉稳隐患）', '涉及人数达到150人（+30 涉众规模）', '另有5条依据，见“评分依据”表'])
    expect(last.getCell(col('reasons')).alignment).toMatchObject({ wrapText: true })

    const grounds: unknown[][] = []
    wb.getWorksheet('评分依据')!.eachRow((row) => grounds.push((row.values as unknown[]).slice(1)))
    expect(grounds[0]).toEqual(['线索编号', '主体名称', '序号', '评分依据', '分值'])
    const of009 = grounds.filter((g) => g[0] === 'SQ-009')
    expect(of009.map((g) => g[2])).toEqual([1, 2, 3, 4, 5, 6, 7, 8])
    expect(of009.map((g) => g[4] ?? null)).toEqual([30, 60, null, 20, 40, 10, 15, -5])
    expect(of009[1]![3]).toBe(`${MANY[1]!.label}（+60 风险敞口）`)

    // Read back, the cell gives its reasons without the "more" line.
    const read = await readLedger(path)
    expect(read.records.at(-1)!.reasons).toEqual(lines.slice(0, 3))
  })

  it('explains itself on 说明: the pack name, version, hash, date, and the thresholds of this pack', async () => {
    const rows = async (pack: PackInfo) => {
      const { wb } = await write(pack)
      const out = new Map<string, unknown>()
      wb.getWorksheet('说明')!.eachRow((row) => out.set(String(row.getCell(1).value), row.getCell(2).value))
      return out
    }
    const guide = await rows(PACK)
    expect(guide.get('规则包')).toBe('default')
    expect(guide.get('规则版本')).toBe('2024.1.0')
    expect(guide.get('内容哈希')).toBe(PACK.hash)
    expect(guide.get('生成日期')).toEqual(new Date(Date.UTC(2024, 5, 1)))
    expect(guide.get('预警等级')).toContain('综合得分≥65为红色预警；综合得分≥40为橙色预警')
    expect(guide.get('处置建议')).toMatch(/^从重到轻：刑事打击/)
    expect(guide.get('整改时限')).toContain('红色预警7天')
    expect(guide.get('综合得分')).toContain('风险敞口 35%')
    expect(guide.get('工作表“评分依据”')).toBeTruthy()

    const strict = await rows({ ...PACK, config: { ...PACK.config, tiers: { red: 80, orange: 60, yellow: 30, blue: 5 }, dispositionLadder: ['interview', 'monitor'] } })
    expect(strict.get('预警等级')).toContain('综合得分≥80为红色预警；综合得分≥60为橙色预警')
    expect(strict.get('处置建议')).toContain('无规则建议时为“持续监测”')
    expect(strict.get('处置建议')).not.toContain('刑事打击')
  })
})

const readLedgerOf = async (wb: ExcelJS.Workbook) => readLedger({ bytes: new Uint8Array(await wb.xlsx.writeBuffer()), name: 'ledger.xlsx' })
