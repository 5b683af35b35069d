import { describe, expect, it } from 'vitest'
import { BLUE, HOSTILE, PACK, RED, REJECTED } from './_test-items'
import { createLedgerContext, toLedgerRow } from './ledger-row'

const now = new Date(2024, 5, 1, 10, 0, 0)
const zh = createLedgerContext(PACK, { lang: 'zh', now })
const en = createLedgerContext(PACK, { lang: 'en', now })

describe('toLedgerRow', () => {
  it('shows labels, not slugs, with points and the pack vocabulary', () => {
    const row = toLedgerRow(RED, zh)
    expect(row).toMatchObject({
      id: 'SQ-001',
      name: '双桥镇兴旺肉牛养殖专业合作社',
      village: '双桥村',
      sector: '涉农领域',
      total: 87,
      tier: '红色预警',
      scale: 80,
      exposure: 95,
      attention: 40,
      stability: 70,
      patterns: '牲畜托管（含代养、认养）、承诺保本付息或给予回报',
      disposition: '刑事打击（移送公安）',
      units: '镇处非办、县公安局',
      measures: '移送公安机关立案侦查',
      deadline: '2024-03-12',
      status: '待处置',
      rulePack: 'default@2024.1.0 (3f2a9b1c0d4e)',
      problems: '第3行：涉及人数：“约420人”按420计',
    })
    expect(row.reasons).toBe('涉及人数达到150人（+30 涉众规模）；宣传牲畜托管（牲畜托管（含代养、认养））')
  })

  it('writes an escalation as 至少 and a cap as 至多 in 主要依据, in both languages', () => {
    const reasons = [
      { rule: 'escalate-x', label: '实控人失联', tier: 'orange' as const },
      { rule: 'cap-no-fundraising', label: '未见集资行为', cap: 'yellow' as const },
    ]
    const capped = { ...BLUE, result: { ...BLUE.result, reasons } as typeof BLUE.result }
    expect(toLedgerRow(capped, zh).reasons).toBe('实控人失联（至少橙色预警）；未见集资行为（至多黄色预警）')
    expect(toLedgerRow(capped, en).reasons).toBe('实控人失联 (at least Orange (level II)); 未见集资行为 (at most Yellow (level III))')
  })

  it('counts the deadline from the run date when the lead has no reportedAt', () => {
    expect(toLedgerRow(BLUE, zh).deadline).toBe('2024-07-01')
    expect(toLedgerRow(BLUE, zh).status).toBe('持续监测')
  })

  it('marks rejected rows as 问题行 with their errors', () => {
    const row = toLedgerRow(REJECTED, zh)
    expect(row.status).toBe('问题行')
    expect(row.total).toBeNull()
    expect(row.tier).toBe('')
    expect(row.problems).toBe('第6行：线索编号：缺少线索编号；集资金额：“很多”无法识别为金额')
  })

  it('speaks English with --lang en', () => {
    const row = toLedgerRow(RED, en)
    expect(row.tier).toBe('Red (level I)')
    expect(row.sector).toBe('Agriculture')
    expect(row.reasons).toContain('(+30 Scale')
    expect(row.status).toBe('To handle')
  })

  it('makes a non-monitor disposition 待处置 even below yellow', () => {
    const interview = { ...BLUE, result: { ...BLUE.result, disposition: 'interview' } as typeof BLUE.result }
    expect(toLedgerRow(interview, zh).status).toBe('待处置')
    expect(toLedgerRow(HOSTILE, zh).status).toBe('待处置')
  })
})

describe('toLedgerRow memos (property)', () => {
  it('the deadline and the pack label equal addDays and rulePackLabel, whatever came before', async () => {
    const fc = (await import('fast-check')).default
    const { addDays, rulePackLabel } = await import('./record')
    const day = fc.date({ min: new Date(Date.UTC(2000, 0, 1)), max: new Date(Date.UTC(2030, 11, 31)), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10))
    const pack = fc.record({ name: fc.constantFrom('default', 'x'), version: fc.constantFrom('1', '2'), hash: fc.constantFrom('sha256:abc', 'sha256:0123456789abcdef', 'def') })
    fc.assert(
      fc.property(fc.array(fc.tuple(day, fc.integer({ min: 0, max: 400 }), pack), { minLength: 1, maxLength: 20 }), (cases) => {
        for (const [reportedAt, days, rulePack] of cases) {
          const item = { ...RED, lead: { ...RED.lead!, reportedAt }, result: { ...RED.result, rulePack, assignment: { ...(RED.result as { assignment: object }).assignment, deadlineDays: days } } } as typeof RED
          const row = toLedgerRow(item, zh)
          expect(row.deadline).toBe(addDays(reportedAt, days))
          expect(row.rulePack).toBe(rulePackLabel(rulePack))
        }
      }),
      { numRuns: 300 },
    )
  })
})
