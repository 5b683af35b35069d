import { mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import ExcelJS from 'exceljs'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { ChufeiError, PATTERNS } from '@chufei/core'
import { createPatternLabels } from './labels'
import { isLedgerFile, readLedger } from './read-ledger'
import { createPatternIndex, parseLedgerDate, splitPatterns } from './read-ledger-row'

const CLI_HEADERS = ['线索编号', '主体名称', '所属村', '行业', '综合得分', '预警等级', '涉众规模', '风险敞口', '舆论热度', '涉稳隐患', '命中模式', '主要依据', '处置建议', '责任单位', '整改措施', '整改时限', '状态', '规则版本', '数据问题']

const workbook = async (rows: unknown[][], sheet = '风险台账'): Promise<Uint8Array> => {
  const wb = new ExcelJS.Workbook()
  const ws = wb.addWorksheet(sheet)
  for (const r of rows) ws.addRow(r)
  return new Uint8Array(await wb.xlsx.writeBuffer())
}

const row = (over: Record<string, unknown>): unknown[] => {
  const base: Record<string, unknown> = {
    线索编号: 'SQ-001', 主体名称: '寿县某合作社', 所属村: '郑岗村', 行业: '涉农领域', 综合得分: 89, 预警等级: '红色预警',
    涉众规模: 80, 风险敞口: 95, 舆论热度: 40, 涉稳隐患: 70, 命中模式: '牲畜托管、承诺保本付息或给予回报',
    主要依据: '涉及人数达到150人（+30 涉众规模）；逾期兑付（+20 涉稳隐患）', 处置建议: '刑事打击（移送公安）', 责任单位: '派出所、镇处非办',
    整改措施: '移送公安', 整改时限: '2024-03-08', 状态: '待处置', 规则版本: 'default@1.0.0 (aaaaaaaaaaaa)', 数据问题: '',
    ...over,
  }
  return CLI_HEADERS.map((h) => base[h] ?? null)
}

describe('readLedger (XLSX)', () => {
  it('reads the CLI ledger back into records: labels to slugs, reasons and units split', async () => {
    const bytes = await workbook([CLI_HEADERS, row({})])
    const read = await readLedger({ bytes, name: 'q1.xlsx' })
    expect(read.issues).toEqual([])
    expect(read.records[0]).toMatchObject({
      row: 2, id: 'SQ-001', kind: 'scored', tier: 'red', total: 89, sector: 'agriculture', disposition: 'prosecute', status: 'pending',
      patterns: ['livestock-custody', 'guaranteed-return'], units: ['派出所', '镇处非办'], deadline: '2024-03-08',
      scores: { scale: 80, exposure: 95, attention: 40, stability: 70 },
    })
    expect(read.records[0]!.reasons).toHaveLength(2)
  })

  it('finds columns staff added or moved (备注 at the end, a title row above) and reads Date cells', async () => {
    const headers = [...CLI_HEADERS, '备注']
    const bytes = await workbook([['双桥镇风险台账（2024年一季度）'], headers, [...row({ 整改时限: new Date(Date.UTC(2024, 8, 30)), 状态: '处置中' }), '已立案']])
    const read = await readLedger({ bytes, name: 'q1.xlsx' })
    expect(read.records[0]).toMatchObject({ row: 3, status: 'in-progress', notes: '已立案', deadline: '2024-09-30' })
    expect(read.fields.has('notes')).toBe(true)
  })

  it('reports every unreadable cell with its row, keeps the row, and keeps unknown 状态 text', async () => {
    const bytes = await workbook([CLI_HEADERS, row({ 预警等级: '很危险', 综合得分: '高' }), row({ 线索编号: 'SQ-002', 状态: '已处理', 整改时限: '下周' })])
    const read = await readLedger({ bytes, name: 'q1.xlsx' })
    expect(read.records).toHaveLength(2)
    expect(read.records[0]).toMatchObject({ kind: 'rejected', tier: null })
    expect(read.records[1]).toMatchObject({ status: null, statusText: '已处理', deadline: null })
    const where = read.issues.map((i) => [i.file, i.line])
    expect(where).toContainEqual(['q1.xlsx', 2])
    expect(where).toContainEqual(['q1.xlsx', 3])
    expect(read.issues.map((i) => i.message).join('\n')).toMatch(/第3行“状态”列：“已处理”/)
  })

  it('reads the lead facts chufei score writes after 数据问题: money in 万元 back to yuan, blank cells unknown', async () => {
    const facts = ['备注', '统一社会信用代码', '区域类型', '线索来源', '涉及人数', '集资金额（万元）', '未兑付金额（万元）', '排查日期']
    const bytes = await workbook([
      [...CLI_HEADERS, ...facts],
      [...row({}), '已约谈', '91340422ma2n0pq35x', '农村', '群众举报', 150, 180.5, 0, '2024-03-05'],
      [...row({ 线索编号: 'SQ-002' }), null, null, null, null, null, null, null, null],
    ])
    const read = await readLedger({ bytes, name: 'q1.xlsx' })
    expect(read.issues).toEqual([])
    expect(read.records[0]).toMatchObject({
      notes: '已约谈', creditCode: '91340422MA2N0PQ35X', regionKind: 'rural', source: 'public-report',
      people: 150, raised: 1_805_000, outstanding: 0, reportedAt: '2024-03-05',
    })
    expect(read.records[1]).toMatchObject({ notes: '', creditCode: null, regionKind: null, source: null, people: null, raised: null, outstanding: null, reportedAt: null })
    for (const f of ['creditCode', 'regionKind', 'source', 'people', 'raised', 'outstanding', 'reportedAt'] as const) expect(read.fields.has(f), f).toBe(true)
  })

  it('reads 实际控制人 (a field table column) back, and a ledger without it as unknown', async () => {
    const bytes = await workbook([
      [...CLI_HEADERS, '统一社会信用代码', '实控人'],
      [...row({}), '91340422ma2n0pq35x', '王某某'],
      [...row({ 线索编号: 'SQ-002' }), null, null],
    ])
    const read = await readLedger({ bytes, name: 'q1.xlsx' })
    expect(read.issues).toEqual([])
    expect(read.records.map((r) => r.controller)).toEqual(['王某某', null])
    expect(read.fields.has('controller')).toBe(true)
    const old = await readLedger({ bytes: await workbook([CLI_HEADERS, row({})]), name: 'old.xlsx' })
    expect(old.records[0]!.controller).toBeNull()
  })

  it('reads a ledger from before the lead-fact columns: those facts unknown, no issue', async () => {
    const read = await readLedger({ bytes: await workbook([CLI_HEADERS, row({})]), name: 'old.xlsx' })
    expect(read.issues).toEqual([])
    expect(read.records[0]).toMatchObject({ notes: '', creditCode: null, regionKind: null, source: null, people: null, raised: null, outstanding: null, reportedAt: null })
    expect(read.fields.has('people')).toBe(false)
  })

  it('knows chufei track’s list of earlier leads by its name now and by the name exceljs cut it to before', async () => {
    // Until round 10 the English name was 32 characters; exceljs wrote the first 31. That sheet shares no lead
    // with the main sheet by design, so reading it back must not warn that its leads are missing there.
    for (const name of ['上期线索（本轮未出现）', 'Earlier leads not in this sweep', 'Previous leads not in this swee']) {
      const wb = new ExcelJS.Workbook()
      wb.addWorksheet('风险台账').addRows([CLI_HEADERS, row({})])
      wb.addWorksheet(name).addRows([CLI_HEADERS, row({ 线索编号: 'SQ-OLD', 主体名称: '上期某公司' })])
      const read = await readLedger({ bytes: new Uint8Array(await wb.xlsx.writeBuffer()), name: 'tracked.xlsx' })
      expect(read.issues.map((i) => i.code), name).not.toContain('ledger-view-unmatched')
    }
    const wb = new ExcelJS.Workbook()
    wb.addWorksheet('风险台账').addRows([CLI_HEADERS, row({})])
    wb.addWorksheet('另一张表').addRows([CLI_HEADERS, row({ 线索编号: 'SQ-OLD', 主体名称: '上期某公司' })])
    const other = await readLedger({ bytes: new Uint8Array(await wb.xlsx.writeBuffer()), name: 'tracked.xlsx' })
    expect(other.issues.map((i) => i.code)).toContain('ledger-view-unmatched')
  })

  it('undoes the formula guard on read', async () => {
    const bytes = await workbook([CLI_HEADERS, row({ 主体名称: "'=HYPERLINK(\"x\")" })])
    expect((await readLedger({ bytes, name: 'q1.xlsx' })).records[0]!.name).toBe('=HYPERLINK("x")')
  })

  it('refuses a workbook that is not a ledger, naming the file and why', async () => {
    const bytes = await workbook([['线索编号', '主体名称', '涉及人数'], ['SQ-1', '某公司', 3]], 'Sheet1')
    const e = await readLedger({ bytes, name: 'sheet.xlsx' }).catch((x: unknown) => x)
    expect(e).toBeInstanceOf(ChufeiError)
    expect((e as ChufeiError).code).toBe('UNREADABLE_INPUT')
    expect((e as ChufeiError).issues[0]).toMatchObject({ file: 'sheet.xlsx' })
    expect((e as ChufeiError).issues[0]!.message).toContain('预警等级')
  })

  it('refuses a corrupt file plainly', async () => {
    const e = await readLedger({ bytes: new Uint8Array([0x50, 0x4b, 3, 4, 1, 2, 3]), name: 'broken.xlsx' }).catch((x: unknown) => x)
    expect((e as ChufeiError).issues[0]!.message).toContain('不是有效的 XLSX')
  })
})

describe('readLedger (JSONL)', () => {
  const result = {
    id: 'SQ-001', status: 'scored', line: 2, total: 60, tier: 'orange',
    scores: { scale: 50, exposure: 60, attention: 10, stability: 20 }, patterns: ['rebate'], disposition: 'penalty',
    reasons: [{ rule: 'r', label: '消费返利', pattern: 'rebate' }], warnings: [],
    assignment: { units: ['镇处非办'], measures: '立案调查', deadlineDays: 7 },
    rulePack: { name: 'default', version: '1.0.0', hash: `sha256:${'a'.repeat(64)}` },
  }

  it('reads results and reports lines that are not results, keeping them as problem rows', async () => {
    const text = `${JSON.stringify(result)}\nnot json\n${JSON.stringify({ status: 'rejected', line: 9, id: null, errors: [{ code: 'missing-id', message: '缺少编号' }] })}\n`
    const read = await readLedger({ bytes: new TextEncoder().encode(text), name: 'r.jsonl' })
    expect(read.records.map((r) => [r.id, r.kind, r.tier])).toEqual([['SQ-001', 'scored', 'orange'], [null, 'rejected', null], [null, 'rejected', null]])
    expect(read.records[0]!.rulePack).toBe('default@1.0.0 (aaaaaaaaaaaa)')
    expect(read.issues).toHaveLength(1)
    expect(read.issues[0]).toMatchObject({ file: 'r.jsonl', line: 2 })
  })

  it('tells ledgers from sheets', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'chufei-ledger-'))
    await writeFile(join(dir, 'r.jsonl'), `${JSON.stringify(result)}\n`)
    await writeFile(join(dir, 'leads.jsonl'), `${JSON.stringify({ id: 'x', subject: { name: 'y' } })}\n`)
    await writeFile(join(dir, 'l.xlsx'), await workbook([CLI_HEADERS, row({})]))
    await writeFile(join(dir, 's.xlsx'), await workbook([['线索编号', '主体名称'], ['a', 'b']], 'Sheet1'))
    expect(await isLedgerFile(join(dir, 'r.jsonl'))).toBe(true)
    expect(await isLedgerFile(join(dir, 'leads.jsonl'))).toBe(false)
    expect(await isLedgerFile(join(dir, 'l.xlsx'))).toBe(true)
    expect(await isLedgerFile(join(dir, 's.xlsx'))).toBe(false)
  })
})

describe('parseLedgerDate', () => {
  it('reads the date forms staff type', () => {
    expect(parseLedgerDate('2024/3/5')).toBe('2024-03-05')
    expect(parseLedgerDate('2024年3月5日')).toBe('2024-03-05')
    expect(parseLedgerDate(45356)).toBe('2024-03-05')
    expect(parseLedgerDate('2024-02-30')).toBeNull()
    expect(parseLedgerDate('下周')).toBeNull()
  })
})

describe('splitPatterns (命中模式 back to ids)', () => {
  const index = createPatternIndex(createPatternLabels())

  it('keeps a label that contains 、 whole, and an unknown label as typed', () => {
    expect(splitPatterns('以残疾人、贫困人群为目标、承诺保本付息或给予回报', index)).toEqual(['vulnerable-targeting', 'guaranteed-return'])
    expect(splitPatterns('自定义模式、牲畜托管', index)).toEqual(['自定义模式', 'livestock-custody'])
    expect(splitPatterns('', index)).toEqual([])
  })

  it('reads back any list of pattern labels the CLI writes, in either language', () => {
    const ids = Object.keys(PATTERNS) as Array<keyof typeof PATTERNS>
    fc.assert(
      fc.property(fc.uniqueArray(fc.constantFrom(...ids)), fc.constantFrom('zh' as const, 'en' as const), (picked, lang) => {
        const text = picked.map((id) => PATTERNS[id][lang]).join(lang === 'zh' ? '、' : ', ')
        expect(splitPatterns(text, index)).toEqual(picked)
      }),
    )
  })
})
