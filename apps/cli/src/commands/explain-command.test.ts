import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { bundledRulesDir } from '../resolve-rules'
import { runCli, tempDir } from '../_test-run'

const LIVESTOCK = {
  id: 'SQ-001',
  subject: { name: '双桥镇某某肉牛养殖专业合作社', kind: 'cooperative' },
  sector: 'agriculture',
  people: { total: 420 },
  money: { raised: 18_000_000, outstanding: 9_000_000 },
  stability: { overdue: true },
  text: { description: '以肉牛托管、代养名义向村民吸收资金，现已逾期未兑付' },
}

let dir: string
beforeAll(async () => {
  dir = await tempDir('chufei-explain-')
  await writeFile(join(dir, 'lead.json'), JSON.stringify(LIVESTOCK, null, 2))
  const other = { id: 'SQ-002', subject: { name: '某某超市' }, text: { description: '未发现返利行为' } }
  await writeFile(join(dir, 'sweep.jsonl'), [other, LIVESTOCK].map((l) => JSON.stringify(l)).join('\n'))
})

describe('chufei explain', () => {
  it('explains one lead as a case note: conclusion, tier, disposition, points and condition trees', async () => {
    const r = await runCli(['explain', 'lead.json', '--rules', bundledRulesDir()], { cwd: dir })
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    expect(r.stdout).toContain('线索 SQ-001　双桥镇某某肉牛养殖专业合作社')
    expect(r.stdout).toMatch(/【结论】综合得分 \d+，红色预警；处置建议：刑事打击（移送公安）；重点行为：.*牲畜托管/)
    expect(r.stdout).toContain('【为何是这个预警等级】')
    expect(r.stdout).toContain('【为何是这个处置建议】')
    expect(r.stdout).toMatch(/涉众规模（scale）\s+\d+ = /)
    expect(r.stdout).toMatch(/✓ 涉及人数 420人，达到 150人/)
    expect(r.stdout).toMatch(/✓ 集资金额 1800万元，达到 \d+万元/)
  })

  it('picks a lead of a sheet by --id, and fails plainly when the id is not there', async () => {
    const r = await runCli(['explain', 'sweep.jsonl', '--id', 'SQ-001'], { cwd: dir })
    expect(r.code).toBe(0)
    expect(r.stdout).toContain('（第 2 行）')
    expect(r.stdout).toContain('线索 SQ-001')
    expect(r.stdout).not.toContain('线索 SQ-002')
    const missing = await runCli(['explain', 'sweep.jsonl', '--id', 'SQ-404'], { cwd: dir })
    expect(missing.code).toBe(1)
    expect(missing.stderr).toContain('sweep.jsonl')
    expect(missing.stderr).toContain('表中没有线索编号为“SQ-404”的线索')
    // The file is named once, by the location before the message (it was named twice).
    expect(missing.stderr.split('sweep.jsonl').length - 1).toBe(1)
  })

  it('speaks English with --lang en', async () => {
    const r = await runCli(['explain', 'lead.json', '--lang', 'en'], { cwd: dir })
    expect(r.code).toBe(0)
    expect(r.stdout).toContain('[Why this tier]')
    expect(r.stdout).toMatch(/People involved 420 is at least 150/)
  })
})
