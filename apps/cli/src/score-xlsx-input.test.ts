import { join } from 'node:path'
import ExcelJS from 'exceljs'
import { describe, expect, it } from 'vitest'
import { runCli, tempDir, writeTestPack } from './_test-run'

/* An XLSX sheet as staff send it: the CLI says which sheet it read, and an error cell reaches 问题行. */

describe('score on a workbook with a hidden sheet and an error cell', () => {
  it('reads the first visible sheet with a header, says so, and lists the formula error in 问题行', async () => {
    const dir = await tempDir()
    await writeTestPack(dir)
    const wb = new ExcelJS.Workbook()
    const old = wb.addWorksheet('旧表')
    old.state = 'hidden'
    old.addRows([['线索编号', '主体名称'], ['OLD-1', '旧']])
    const ws = wb.addWorksheet('排查表')
    ws.addRows([['线索编号', '主体名称', '涉及人数'], ['SQ-1', '甲合作社', { error: '#REF!' }]])
    await wb.xlsx.writeFile(join(dir, 'in.xlsx'))
    const r = await runCli(['score', 'in.xlsx', '--format', 'xlsx', '--out', 'ledger.xlsx'], { cwd: dir })
    expect(r.code).toBe(0)
    expect(r.stderr).toContain('读取工作表“排查表”（表头在第1行）')
    const ledger = new ExcelJS.Workbook()
    await ledger.xlsx.readFile(join(dir, 'ledger.xlsx'))
    const problems: string[] = []
    ledger.getWorksheet('问题行')!.eachRow((row) => problems.push(row.values!.toString()))
    expect(problems.some((p) => p.includes('SQ-1') && p.includes('单元格C2是错误值“#REF!”'))).toBe(true)
  })
})
