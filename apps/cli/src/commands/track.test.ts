import { copyFile, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import ExcelJS from 'exceljs'
import { readLedger } from '@chufei/ledger'
import { describe, expect, it } from 'vitest'
import { runCli, tempDir } from '../_test-run'

/*
 * Acceptance of issue 7 for `chufei track`: between the two bundled sweeps every class is reported
 * correctly and the hand edits in the Q1 ledger are kept (fixtures/sweeps/README.md lists them).
 */

const ROOT = fileURLToPath(new URL('../../../../', import.meta.url))
const Q1 = join(ROOT, 'fixtures/sweeps/2024q1-ledger.xlsx')
const Q2 = join(ROOT, 'fixtures/sweeps/2024q2.csv')

interface TrackJson {
  counts: Record<string, number>
  leads: Array<{ change: string; resolvedBy: string | null; overdue: boolean; matchedBy: string | null; id: string; previousId: string | null; previousTier: string | null; tier: string | null; status: string | null; notes: string; deadline: string | null }>
}

const track = async (extra: string[] = [], previous = Q1) => {
  const r = await runCli(['track', '--previous', previous, Q2, '--today', '2024-06-30', '--format', 'json', ...extra], { cwd: ROOT })
  return { ...r, json: r.code === 0 ? (JSON.parse(r.stdout) as TrackJson) : null }
}

const HAND_EDITS: Record<string, [string, string]> = {
  'SQ-2024Q1-004': ['in-progress', '已移送县公安局经侦大队，3月20日立案侦查'],
  'SQ-2024Q1-009': ['in-progress', '已约谈负责人，正在退还预交养老费'],
  'SQ-2024Q1-011': ['in-progress', '已责令停止返利活动'],
  'SQ-2024Q1-016': ['in-progress', '已向县金融监管局报告'],
  'SQ-2024Q1-023': ['resolved', '已清退会员预付款，停止返利宣传'],
  'SQ-2024Q1-032': ['resolved', '群主已解散微信群，承诺不再宣传'],
  'SQ-2024Q1-044': ['in-progress', '经镇领导同意延期至9月底'],
  'SQ-2024Q1-047': ['in-progress', '已立案调查'],
}

describe('chufei track between the bundled sweeps', () => {
  it('classifies every lead', async () => {
    const { code, json, stderr } = await track()
    expect(stderr).not.toContain('错误')
    expect(code).toBe(0)
    const ids = (pred: (l: TrackJson['leads'][number]) => boolean) => json!.leads.filter(pred).map((l) => l.previousId ?? l.id).sort()
    expect(ids((l) => l.change === 'new')).toEqual(['SQ-2024Q2-101', 'SQ-2024Q2-102', 'SQ-2024Q2-103'])
    // 016 (32 → 56) and 009 (41 → 35) move in score but stay orange: both are recommended for prosecution,
    // and a lead recommended for prosecution is at least orange (issue 10, class 10).
    expect(ids((l) => l.change === 'escalated')).toEqual(['SQ-2024Q1-002', 'SQ-2024Q1-047'])
    expect(ids((l) => l.change === 'de-escalated')).toEqual([])
    expect(ids((l) => l.change === 'resolved' && l.resolvedBy === 'staff')).toEqual(['SQ-2024Q1-023', 'SQ-2024Q1-032'])
    expect(ids((l) => l.change === 'resolved' && l.resolvedBy === 'gone')).toEqual(['SQ-2024Q1-001', 'SQ-2024Q1-040', 'SQ-2024Q1-051'])
    // Deadlines in March passed; 044's was extended by hand to 2024-09-30; 023 and 032 are 已化解.
    expect(ids((l) => l.overdue)).toEqual(['SQ-2024Q1-004', 'SQ-2024Q1-009', 'SQ-2024Q1-011', 'SQ-2024Q1-016', 'SQ-2024Q1-021', 'SQ-2024Q1-028', 'SQ-2024Q1-047', 'SQ-2024Q1-055'])
    expect(json!.counts).toMatchObject({ new: 3, escalated: 2, 'de-escalated': 0, resolved: 5, overdue: 8 })
    expect(json!.counts.unchanged).toBe(63 - 3 - 2 - 0 - 2)
  })

  it('matches renumbered leads by the credit code the score ledger carries, by name only where the sheet left it out', async () => {
    const { json } = await track()
    const by = (prev: string) => json!.leads.find((l) => l.previousId === prev)!
    expect(by('SQ-2024Q1-047')).toMatchObject({ id: 'SQ-2024Q2-047', matchedBy: 'credit-code', previousTier: 'yellow', tier: 'red' })
    expect(by('SQ-2024Q1-032')).toMatchObject({ id: 'SQ-2024Q2-032', matchedBy: 'name' })
    expect(by('SQ-2024Q1-039')).toMatchObject({ id: 'SQ-2024Q2-039', matchedBy: 'name', change: 'unchanged' })
    expect(by('SQ-2024Q1-004')).toMatchObject({ matchedBy: 'id' })
    // Every renumbered lead (031 and above, less the two gone) that kept its code in Q2 is matched by it.
    const renumbered = json!.leads.filter((l) => l.previousId !== null && l.previousId !== l.id)
    expect(renumbered).toHaveLength(31)
    expect(renumbered.filter((l) => l.matchedBy === 'credit-code')).toHaveLength(29)
    expect(renumbered.filter((l) => l.matchedBy === 'name').map((l) => l.previousId).sort()).toEqual(['SQ-2024Q1-032', 'SQ-2024Q1-039'])
  })

  it('matches by credit code against a ledger written by track (renamed and renumbered subject)', async () => {
    const dir = await tempDir()
    const out = join(dir, '2024q2-ledger.xlsx')
    expect((await track(['--out', out])).code).toBe(0)
    const q3 = join(dir, '2024q3.csv')
    const text = (await readFile(Q2, 'utf8')).replace('SQ-2024Q2-047,寿县安康惠民服务部', 'SQ-2024Q3-001,寿县安康惠民商贸有限公司')
    expect(text).toContain('SQ-2024Q3-001')
    await writeFile(q3, text)
    const r = await runCli(['track', '--previous', out, q3, '--today', '2024-06-30', '--format', 'json'], { cwd: ROOT })
    const lead = (JSON.parse(r.stdout) as TrackJson).leads.find((l) => l.id === 'SQ-2024Q3-001')!
    expect(lead).toMatchObject({ previousId: 'SQ-2024Q2-047', matchedBy: 'credit-code', status: 'in-progress', notes: '已立案调查' })
  })

  it('keeps the hand edits (状态, 备注, extended 整改时限) in its report and in the new ledger', async () => {
    const dir = await tempDir()
    const out = join(dir, '2024q2-ledger.xlsx')
    const { json, stderr } = await track(['--out', out])
    expect(stderr).toContain('2024q2-ledger.xlsx')
    for (const [id, [status, notes]] of Object.entries(HAND_EDITS)) {
      expect(json!.leads.find((l) => l.previousId === id), id).toMatchObject({ status, notes })
    }
    expect(json!.leads.find((l) => l.previousId === 'SQ-2024Q1-044')!.deadline).toBe('2024-09-30')
    // 备注 the Q1 sheet itself gave (prefilled in the score ledger) is carried once, not repeated from the Q2 sheet.
    expect(json!.leads.find((l) => l.previousId === 'SQ-2024Q1-021')!.notes).toBe('APP下载页面截图已留存')
    expect(json!.leads.find((l) => l.previousId === 'SQ-2024Q1-039')!.notes).toBe('联系人姓名含生僻字“𪚥”，已核对身份证')

    const ledger = await readLedger(out)
    expect(ledger.issues).toEqual([])
    const q2Ids = Object.fromEntries(json!.leads.filter((l) => l.previousId !== null && l.tier !== null).map((l) => [l.previousId!, l.id]))
    for (const [id, [status, notes]] of Object.entries(HAND_EDITS)) {
      expect(ledger.records.find((r) => r.id === q2Ids[id]), id).toMatchObject({ status, notes })
    }
    // The gone leads are kept on the second sheet.
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.readFile(out)
    expect(wb.getWorksheet('上期线索（本轮未出现）')!.rowCount).toBe(1 + 3)

    // The next sweep tracks against the new ledger: the edits carry again, nothing changes.
    const again = await track([], out)
    expect(again.json!.counts).toMatchObject({ new: 0, escalated: 0, 'de-escalated': 0 })
    for (const [id, [status, notes]] of Object.entries(HAND_EDITS)) {
      expect(again.json!.leads.find((l) => l.previousId === q2Ids[id]), id).toMatchObject({ status, notes })
    }
  })

  it('reports a previous ledger made with another pack version: which file, which rows, why', async () => {
    const dir = await tempDir()
    const copy = join(dir, 'old-ledger.xlsx')
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.readFile(Q1)
    const ws = wb.getWorksheet('风险台账')!
    let col = 0
    ws.getRow(1).eachCell((c, i) => (c.value === '规则版本' ? (col = i) : 0))
    for (const r of [5, 6, 7, 9]) ws.getRow(r).getCell(col).value = 'default@2023.4.0 (0123456789ab)'
    await wb.xlsx.writeFile(copy)

    const refused = await track([], copy)
    expect(refused.code).toBe(1)
    expect(refused.stderr).toContain('old-ledger.xlsx')
    expect(refused.stderr).toContain('5–7、9')
    expect(refused.stderr).toContain('default@2023.4.0')
    expect(refused.stderr).toContain('--allow-pack-change')

    const allowed = await track(['--allow-pack-change'], copy)
    expect(allowed.code).toBe(0)
    expect(allowed.stderr).toContain('5–7、9')
  })

  it('reports an unreadable previous ledger plainly and writes nothing', async () => {
    const dir = await tempDir()
    const bad = join(dir, 'ledger.xlsx')
    await writeFile(bad, 'PK\u0003\u0004 not really a zip')
    const out = join(dir, 'new.xlsx')
    const r = await track(['--out', out], bad)
    expect(r.code).toBe(1)
    expect(r.stderr).toContain(bad)
    expect(r.stderr).toContain('不是有效的 XLSX')
    await expect(readLedger(out)).rejects.toThrow()
  })

  it('says which row of the previous ledger it could not read, and keeps that row', async () => {
    const dir = await tempDir()
    const copy = join(dir, 'edited.xlsx')
    await copyFile(Q1, copy)
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.readFile(copy)
    const ws = wb.getWorksheet('风险台账')!
    let col = 0
    ws.getRow(1).eachCell((c, i) => (c.value === '整改时限' ? (col = i) : 0))
    ws.getRow(4).getCell(col).value = '月底前'
    await wb.xlsx.writeFile(copy)
    const r = await track([], copy)
    expect(r.code).toBe(0)
    expect(r.stderr).toMatch(/edited\.xlsx:4 .*“整改时限”列：“月底前”不是日期/)
    expect(r.json!.leads.filter((l) => l.previousId !== null)).toHaveLength(63)
  })
})
