/* A small, complete rule pack for unit tests: one rule per event type, shared conditions, text rules. */

export const PACK_JSON = {
  name: 'unit',
  version: '1.0.0',
  weights: { scale: 1, exposure: 1, attention: 1, stability: 1 },
  tiers: { red: 75, orange: 55, yellow: 35, blue: 15 },
  dispositionLadder: ['prosecute', 'penalty', 'rectify', 'interview', 'monitor'],
  patterns: [{ id: 'rebate', zh: '消费返利' }],
  text: {
    negations: ['未发现', '不存在', '没有', '并未'],
    weakNegations: ['未', '无', '不', '非'],
    negationExceptions: ['非法', '不低于', '无风险', '稳赚不赔'],
    clauseBreaks: ['。', '；', ';', '，', ',', '但'],
  },
  ledger: {
    units: { default: ['镇处非办'], byDisposition: { prosecute: ['派出所'] }, bySector: { agriculture: ['农经站'] } },
    measures: { prosecute: '移送公安', monitor: '持续监测' },
    deadlineDays: { red: 3, orange: 7, yellow: 15, blue: 30, none: null },
  },
}

export const RULES_JSON = {
  conditions: {
    'money-taken': { all: [{ fact: 'derived.moneyTaken', operator: 'equal', value: true }] },
  },
  rules: [
    { id: 'scale-150', name: '涉及人数达到150人', conditions: { all: [{ fact: 'people.total', operator: 'greaterThanInclusive', value: 150 }] }, event: { type: 'score', params: { dimension: 'scale', points: 60 } } },
    { id: 'scale-500', name: '涉及人数达到500人', conditions: { all: [{ fact: 'people.total', operator: 'greaterThanInclusive', value: 500 }] }, event: { type: 'score', params: { dimension: 'scale', points: 60 } } },
    { id: 'exposure-100w', name: '集资金额达到100万元', conditions: { all: [{ fact: 'money.raised', operator: 'greaterThanInclusive', value: 1_000_000 }] }, event: { type: 'score', params: { dimension: 'exposure', points: 80 } } },
    { id: 'attention-complaints', name: '有举报投诉', conditions: { all: [{ fact: 'attention.complaints', operator: 'greaterThan', value: 0 }] }, event: { type: 'score', params: { dimension: 'attention', points: 40 } } },
    { id: 'stability-overdue', name: '逾期兑付', conditions: { all: [{ fact: 'stability.overdue', operator: 'equal', value: true }] }, event: { type: 'score', params: { dimension: 'stability', points: 50 } } },
    { id: 'pattern-rebate', name: '消费返利', conditions: { any: [{ fact: 'text.all', operator: 'mentionsAny', value: ['返利', '消费全返'] }] }, event: { type: 'pattern', params: { pattern: 'rebate' } } },
    { id: 'escalate-missing', name: '实控人失联且有未兑付', conditions: { all: [{ fact: 'stability.controllerMissing', operator: 'equal', value: true }, { fact: 'money.outstanding', operator: 'greaterThan', value: 0 }] }, event: { type: 'escalate', params: { tier: 'orange' } } },
    { id: 'dispose-prosecute', name: '达到立案追诉标准', conditions: { all: [{ condition: 'money-taken' }, { fact: 'money.raised', operator: 'greaterThanInclusive', value: 1_000_000 }] }, event: { type: 'disposition', params: { disposition: 'prosecute' } } },
    { id: 'dispose-interview', name: '仅有宣传承诺', conditions: { all: [{ fact: 'money.promisedReturn', operator: 'greaterThan', value: 0 }] }, event: { type: 'disposition', params: { disposition: 'interview' } } },
  ],
}

/** The unit pack as files (JSON text by path), optionally with changes. */
export const unitPackFiles = (rules: unknown = RULES_JSON, pack: unknown = PACK_JSON): Record<string, string> => ({
  'pack.json': JSON.stringify(pack, null, 2),
  'rules.json': JSON.stringify(rules, null, 2),
})
