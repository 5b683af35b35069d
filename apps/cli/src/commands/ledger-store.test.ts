import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import ExcelJS from 'exceljs'
import { readRawRows } from '@chufei/sheets'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runCli, tempDir } from '../_test-run'

/*
 * `chufei ledger export` and `chufei ledger import` end to end on the embedded store (a temp CHUFEI_DATA):
 * the sheet a village takes out to Excel, edits and brings back; the preview changes nothing; --apply writes
 * one event a case; a case changed in the store since the export is refused (exit 3); a village stays in
 * its unit; a bad cell is named by row and column while the rest still previews.
 */

const fixture = (p: string) => fileURLToPath(new URL(`../../../../fixtures/${p}`, import.meta.url))

interface CaseJson {
  id: number
  version: number
  unit: string
  status: string
  measures: string
  deadline: string | null
  notes: string
  subject: { name: string }
}

describe('ledger export and import', () => {
  let env: Record<string, string>
  let dir: string
  let villageToken: string
  const cli = (argv: string[]) => runCli(argv, { env, cwd: dir })
  const cases = async (unit: string): Promise<CaseJson[]> => JSON.parse((await cli(['case', 'list', '--unit', unit, '--json'])).stdout) as CaseJson[]
  const caseJson = async (id: number): Promise<{ case: CaseJson; history: unknown[] }> => JSON.parse((await cli(['case', 'show', String(id), '--json'])).stdout) as { case: CaseJson; history: unknown[] }

  /** Opens an exported XLSX as Excel would, sets cells of a case's row by header, and saves it. */
  const editXlsx = async (file: string, caseId: number, edits: Record<string, string | Date>) => {
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.readFile(file)
    const sheet = workbook.getWorksheet('案件台账')!
    const headers = (sheet.getRow(1).values as unknown[]).map((v) => (typeof v === 'string' ? v : ''))
    sheet.eachRow((row, n) => {
      if (n === 1 || row.getCell(1).value !== caseId) return
      for (const [header, value] of Object.entries(edits)) row.getCell(headers.indexOf(header)).value = value
    })
    await workbook.xlsx.writeFile(file)
  }

  beforeAll(async () => {
    dir = await tempDir('chufei-ledger-sync-')
    env = { CHUFEI_DATA: join(dir, 'store') }
    expect((await cli(['unit', 'add', '芮集镇'])).code).toBe(0)
    for (const v of ['郑岗村', '双桥社区']) expect((await cli(['unit', 'add', v, '--town', '芮集镇'])).code).toBe(0)
    expect((await cli(['user', 'add', 'zhenggang', '--role', 'unit', '--unit', '郑岗村'])).code).toBe(0)
    villageToken = (await cli(['user', 'token', 'zhenggang'])).stdout.trim()
    expect((await cli(['import', fixture('sheets/sweep-2024q1.xlsx'), '--unit', '芮集镇', '--date', '2024-03-31'])).code).toBe(0)
  })
  afterAll(() => undefined)

  it('exports a village’s ledger as XLSX with 案件编号 and 版本 that reads back with the sheet reader; unchanged it imports as zero changes', async () => {
    const out = await cli(['ledger', 'export', '--unit', '郑岗村', '--out', '郑岗村台账.xlsx', '--token', villageToken])
    const mine = await cases('郑岗村')
    expect(out).toMatchObject({ code: 0, stdout: expect.stringContaining(`已导出 ${mine.length} 件案件到 郑岗村台账.xlsx（当前状态）`) })
    const rows = []
    for await (const row of readRawRows(join(dir, '郑岗村台账.xlsx'))) rows.push(row.cells)
    expect(rows[0]).toEqual(['案件编号', '版本', '所属单位', '主体名称', '统一社会信用代码', '预警等级', '综合得分', '处置建议', '状态', '处置措施', '整改时限', '一事一策', '备注'])
    expect(rows.slice(1).map((r) => r[0]).sort()).toEqual(mine.map((c) => c.id).sort())
    const back = await cli(['ledger', 'import', '郑岗村台账.xlsx', '--token', villageToken])
    expect(back).toMatchObject({ code: 0, stdout: `台账 郑岗村台账.xlsx：读取 ${mine.length} 行；修改 0 处（0 件案件），冲突 0 件，有问题 0 处\n没有需要回填的修改。\n` })
  })

  it('a status, measures and deadline edited in Excel preview as exactly those changes; --apply writes one event', async () => {
    const [target] = await cases('郑岗村')
    await editXlsx(join(dir, '郑岗村台账.xlsx'), target!.id, { 状态: '处置中', 处置措施: '约谈负责人，责令清退', 整改时限: new Date(Date.UTC(2024, 4, 31)) })
    const preview = await cli(['ledger', 'import', '郑岗村台账.xlsx', '--token', villageToken])
    expect(preview.code).toBe(0)
    const changes = preview.stdout.split('\n').filter((l) => l.startsWith('  案件 '))
    expect(changes).toEqual([
      expect.stringMatching(new RegExp(`^  案件 ${target!.id} .*状态：“待核查” → “处置中”$`)),
      expect.stringMatching(new RegExp(`^  案件 ${target!.id} .*处置措施：.* → “约谈负责人，责令清退”$`)),
      expect.stringMatching(new RegExp(`^  案件 ${target!.id} .*整改时限：“${target!.deadline}” → “2024-05-31”$`)),
    ])
    expect(preview.stdout).toContain('以上为预览，未作任何修改')
    const before = await caseJson(target!.id)
    expect(before.case.version).toBe(1)
    const applied = await cli(['ledger', 'import', '郑岗村台账.xlsx', '--apply', '--token', villageToken])
    expect(applied).toMatchObject({ code: 0, stdout: expect.stringContaining('已回填 1 件案件') })
    const after = await caseJson(target!.id)
    expect(after.case).toMatchObject({ version: 2, status: '处置中', measures: '约谈负责人，责令清退', deadline: '2024-05-31' })
    expect(after.history).toHaveLength(before.history.length + 1)
  })

  it('a case changed in the store after the export and edited in the sheet is refused with exit 3; nothing overwritten', async () => {
    expect((await cli(['ledger', 'export', '--unit', '芮集镇', '--out', 'town.xlsx'])).code).toBe(0)
    const target = (await cases('双桥社区'))[0]!
    expect((await cli(['case', 'update', String(target.id), '--expect-version', String(target.version), '--notes', '村里在系统里改的'])).code).toBe(0)
    await editXlsx(join(dir, 'town.xlsx'), target.id, { 备注: '镇里在表格里改的' })
    const preview = await cli(['ledger', 'import', 'town.xlsx'])
    expect(preview.code).toBe(0)
    expect(preview.stdout).toContain('冲突 1 件')
    const applied = await cli(['ledger', 'import', 'town.xlsx', '--apply'])
    expect(applied.code).toBe(3)
    expect(applied.stdout).toContain(`案件 ${target.id} ${target.subject.name}（第 `)
    expect(applied.stdout).toContain(`导出时第 ${target.version} 版，现在第 ${target.version + 1} 版；表格中改为 备注 “镇里在表格里改的”；案件库现为 备注 “村里在系统里改的”`)
    expect(applied.stderr).toContain('冲突 1 件未回填（退出码 3）')
    expect((await caseJson(target.id)).case.notes).toBe('村里在系统里改的')
  })

  it('a village cannot export another unit’s ledger, nor bring back another unit’s case', async () => {
    const refused = await cli(['ledger', 'export', '--unit', '双桥社区', '--out', 'other.csv', '--token', villageToken])
    expect(refused.code).toBe(3)
    expect(refused.stderr).toContain('没有名为「双桥社区」的单位（或不在你的范围内）')
    const other = (await cases('双桥社区'))[1]!
    expect((await cli(['ledger', 'export', '--unit', '双桥社区', '--out', 'other.csv'])).code).toBe(0)
    const csv = (await readFile(join(dir, 'other.csv'), 'utf8')).replace(new RegExp(`^(${other.id},\\d+,.*?),待核查,`, 'm'), '$1,已化解,')
    await writeFile(join(dir, 'other.csv'), csv)
    const back = await cli(['ledger', 'import', 'other.csv', '--apply', '--token', villageToken])
    expect(back.code).toBe(1)
    expect(back.stdout).toContain(`没有编号为 ${other.id} 的案件（或不在你的单位范围内）`)
    expect((await caseJson(other.id)).case.status).toBe('待核查')
  })

  it('CSV round trip: unchanged is zero changes; an unknown status and a bad date are named by row and column, and the other rows still preview', async () => {
    // A note that a spreadsheet would run as a formula goes out guarded and comes back as it was.
    const guarded = (await cases('郑岗村')).at(-1)!
    expect((await cli(['case', 'update', String(guarded.id), '--notes', '=HYPERLINK("http://x","点我")'])).code).toBe(0)
    expect((await cli(['ledger', 'export', '--unit', '芮集镇', '--out', 'town.csv'])).code).toBe(0)
    const text = await readFile(join(dir, 'town.csv'), 'utf8')
    expect(text.startsWith('\uFEFF案件编号,版本,')).toBe(true)
    expect(text).toContain(`"'=HYPERLINK(""http://x"",""点我"")"`)
    const unchanged = await cli(['ledger', 'import', 'town.csv'])
    expect(unchanged.stdout).toMatch(/修改 0 处（0 件案件），冲突 0 件，有问题 0 处\n/)
    const lines = text.split('\r\n')

    // One row still 待核查 gets a bad status, two others a bad deadline and a new note. The rows are picked by
    // what they hold: the town has 12 cases (its sweep's key leads), some of them edited by the tests above.
    const data = lines.map((_, i) => i).filter((i) => i > 0 && lines[i] !== '')
    const statusRow = data.find((i) => lines[i]!.includes(',待核查,'))!
    // The last three cells are 整改时限, 一事一策 and 备注: rows whose cells are empty there, so unquoted.
    const [dateRow, noteRow] = data.filter((i) => i !== statusRow && /,[^,"]*,[^,"]*,[^,"]*$/.test(lines[i]!))
    lines[statusRow] = lines[statusRow]!.replace(',待核查,', ',已结束,')
    lines[dateRow!] = lines[dateRow!]!.replace(/,[^,]*,([^,]*),([^,]*)$/, ',下周五,$1,$2')
    lines[noteRow!] = `${lines[noteRow!]!}（已回访）`
    await writeFile(join(dir, 'town.csv'), lines.join('\r\n'))
    const preview = await cli(['ledger', 'import', 'town.csv'])
    expect(preview.code).toBe(0)
    expect(preview.stdout).toContain(`第 ${statusRow + 1} 行“状态”列：“已结束”不是有效的状态，应为：待核查、处置中、已移送公安、已化解、已销号`)
    expect(preview.stdout).toContain(`第 ${dateRow! + 1} 行“整改时限”列：“下周五”不是有效日期（请写成 2024-06-30 的形式）`)
    expect(preview.stdout).toMatch(/修改 1 处（1 件案件），冲突 0 件，有问题 2 处\n/)
    expect(preview.stdout).toContain(`（第 ${noteRow! + 1} 行）  备注：`)
    expect(preview.stdout).toMatch(/备注：.*“.*（已回访）”\n/)
    const en = await cli(['ledger', 'import', 'town.csv', '--lang', 'en'])
    expect(en.stdout).toContain(`row ${statusRow + 1}, column Status: "已结束" is not a status`)
  })

  it('a workbook that is not a ledger (a village’s sweep) is refused as unreadable input naming the file, exit 1 — not as a usage error', async () => {
    const r = await cli(['ledger', 'import', fixture('sheets/sweep-2024q1.xlsx')])
    expect(r.code).toBe(1)
    expect(r.stderr).toContain('sweep-2024q1.xlsx')
    expect(r.stderr).toContain('找不到台账的表头')
    expect(r.stderr).not.toContain('查看用法')
  })
})
