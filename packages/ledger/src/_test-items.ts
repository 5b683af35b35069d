import { createStreamSummary, type ScoredResult, type StreamSummary } from '@chufei/core'
import type { PackInfo } from './ledger-row'
import type { LedgerItem } from './ledger-item'

/* Hand-written results for the writer tests, shaped exactly like docs/spec.md §4 results. */

export const PACK: PackInfo = {
  name: 'default',
  version: '2024.1.0',
  hash: `sha256:${'3f2a9b1c0d4e'}${'0'.repeat(52)}`,
  patterns: new Map([['livestock-custody', { id: 'livestock-custody', zh: '牲畜托管（含代养、认养）' }]]),
  config: {
    weights: { scale: 30, exposure: 35, attention: 15, stability: 20 },
    tiers: { red: 65, orange: 40, yellow: 20, blue: 10 },
    dispositionLadder: ['prosecute', 'penalty', 'rectify', 'interview', 'monitor'],
    ledger: { deadlineDays: { red: 7, orange: 15, yellow: 30, blue: 60, none: null } },
  },
}

const ref = { name: PACK.name, version: PACK.version, hash: PACK.hash }

const scored = (over: Partial<ScoredResult>): ScoredResult => ({
  id: 'SQ-000',
  status: 'scored',
  line: 2,
  total: 0,
  tier: 'none',
  scores: { scale: 0, exposure: 0, attention: 0, stability: 0 },
  patterns: [],
  disposition: 'monitor',
  reasons: [],
  warnings: [],
  assignment: { units: ['镇处非办'], measures: '持续监测', deadlineDays: null },
  rulePack: ref,
  ...over,
})

export const RED: LedgerItem = {
  lead: { name: '双桥镇兴旺肉牛养殖专业合作社', village: '双桥村', sector: 'agriculture', reportedAt: '2024-03-05' },
  result: scored({
    id: 'SQ-001',
    line: 3,
    total: 87,
    tier: 'red',
    scores: { scale: 80, exposure: 95, attention: 40, stability: 70 },
    patterns: ['livestock-custody', 'guaranteed-return'],
    disposition: 'prosecute',
    reasons: [
      { rule: 'scale-150', label: '涉及人数达到150人', dimension: 'scale', points: 30 },
      { rule: 'pattern-livestock', label: '宣传牲畜托管', pattern: 'livestock-custody' },
    ],
    warnings: [{ field: 'people.total', code: 'approximate-number', message: '“约420人”按420计' }],
    assignment: { units: ['镇处非办', '县公安局'], measures: '移送公安机关立案侦查', deadlineDays: 7 },
  }),
}

export const BLUE: LedgerItem = {
  lead: { name: '某某商贸有限公司', village: '桥东村', sector: 'wholesale-retail', reportedAt: null },
  result: scored({ id: 'SQ-002', line: 4, total: 22, tier: 'blue', assignment: { units: ['镇处非办'], measures: '持续监测', deadlineDays: 30 } }),
}

export const ORANGE: LedgerItem = {
  lead: { name: '某养老服务中心', village: '双桥村', sector: 'elderly-care', reportedAt: '2024-02-28' },
  result: scored({ id: 'SQ-003', line: 5, total: 64, tier: 'orange', disposition: 'penalty' }),
}

export const REJECTED: LedgerItem = {
  lead: null,
  result: {
    status: 'rejected',
    line: 6,
    id: null,
    errors: [{ code: 'missing-id', message: '缺少线索编号', field: 'id' }],
    warnings: [{ field: 'money.raised', code: 'unreadable-amount', message: '“很多”无法识别为金额' }],
  },
}

/** Every text field an attacker controls starts with a formula trigger. */
export const HOSTILE: LedgerItem = {
  lead: { name: '=HYPERLINK("http://evil.example","点击")', village: '+cmd|/C calc', sector: null, reportedAt: null },
  result: scored({
    id: '@SUM(A1)',
    line: 7,
    total: 55,
    tier: 'yellow',
    disposition: 'interview',
    warnings: [{ field: 'notes', code: 'x', message: '－1' }],
  }),
}

export const ITEMS: readonly LedgerItem[] = [RED, BLUE, ORANGE, REJECTED, HOSTILE]

/** The scoring stream's summary of `items` and `skipped` skipped rows, as `scoreRows` would count them. */
export const summaryOf = (items: readonly LedgerItem[], skipped = 0): StreamSummary => {
  const summary = createStreamSummary()
  for (const { result } of items) {
    summary.read += 1
    if (result.status === 'rejected') summary.rejected += 1
    else {
      summary.scored += 1
      summary.byTier[result.tier] += 1
    }
  }
  summary.read += skipped
  summary.skipped += skipped
  return summary
}
