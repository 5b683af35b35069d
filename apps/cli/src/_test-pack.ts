/* A small rule pack for the CLI tests (kept apart from the default pack so tests do not move with it). */

export const TEST_PACK = {
  name: 'cli-test',
  version: '1.0.0',
  weights: { scale: 1, exposure: 1, attention: 1, stability: 1 },
  tiers: { red: 75, orange: 55, yellow: 35, blue: 15 },
  dispositionLadder: ['prosecute', 'penalty', 'rectify', 'interview', 'monitor'],
  patterns: [{ id: 'livestock-custody', zh: '牲畜托管' }],
  text: {
    negations: ['未发现', '不存在', '没有'],
    weakNegations: ['未', '无', '不'],
    negationExceptions: ['非法', '不低于'],
    clauseBreaks: ['。', '；', '，', '但'],
  },
  ledger: {
    units: { default: ['镇处非办'], byDisposition: { prosecute: ['派出所'] } },
    measures: { prosecute: '移送公安', interview: '警示约谈', monitor: '持续监测' },
    deadlineDays: { red: 3, orange: 7, yellow: 15, blue: 30, none: null },
  },
}

export const TEST_RULES = {
  rules: [
    { id: 'scale-150', name: '涉及人数达到150人', conditions: { all: [{ fact: 'people.total', operator: 'greaterThanInclusive', value: 150 }] }, event: { type: 'score', params: { dimension: 'scale', points: 100 } } },
    { id: 'exposure-100w', name: '集资金额达到100万元', conditions: { all: [{ fact: 'money.raised', operator: 'greaterThanInclusive', value: 1_000_000 }] }, event: { type: 'score', params: { dimension: 'exposure', points: 100 } } },
    { id: 'stability-overdue', name: '逾期兑付', conditions: { all: [{ fact: 'stability.overdue', operator: 'equal', value: true }] }, event: { type: 'score', params: { dimension: 'stability', points: 100 } } },
    { id: 'pattern-custody', name: '宣传牲畜托管', conditions: { any: [{ fact: 'text.all', operator: 'mentionsAny', value: ['托管', '代养'] }] }, event: { type: 'pattern', params: { pattern: 'livestock-custody' } } },
    { id: 'dispose-prosecute', name: '达到立案追诉标准', conditions: { all: [{ fact: 'money.raised', operator: 'greaterThanInclusive', value: 1_000_000 }] }, event: { type: 'disposition', params: { disposition: 'prosecute' } } },
  ],
}
