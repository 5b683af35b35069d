/* A small pack for the analyst tools' tests: scores on all four dimensions, a pattern, an escalation, dispositions. */

export const FIXTURE_PACK = {
  name: 'fixture',
  version: '1.0.0',
  weights: { scale: 1, exposure: 1, attention: 1, stability: 1 },
  tiers: { red: 70, orange: 50, yellow: 30, blue: 10 },
  dispositionLadder: ['prosecute', 'penalty', 'rectify', 'interview', 'monitor'],
  patterns: [],
  text: {
    negations: ['未发现', '不存在'],
    weakNegations: ['未', '无', '不'],
    negationExceptions: ['非法', '稳赚不赔'],
    clauseBreaks: ['。', '；', '，', '但'],
  },
  ledger: {
    units: { default: ['镇处非办'] },
    measures: { prosecute: '移送公安', monitor: '持续监测' },
    deadlineDays: { red: 3, orange: 7, yellow: 15, blue: 30, none: null },
  },
}

const gte = (fact: string, value: number) => ({ fact, operator: 'greaterThanInclusive', value })

export const FIXTURE_RULES = {
  rules: [
    { id: 'scale-30', name: '涉及人数达到30人', conditions: { all: [gte('people.total', 30)] }, event: { type: 'score', params: { dimension: 'scale', points: 40 } }, examples: [{ lead: { people: { total: 30 } }, fires: true }, { lead: { people: { total: 29 } }, fires: false }] },
    { id: 'scale-150', name: '涉及人数达到150人', conditions: { all: [gte('people.total', 150)] }, event: { type: 'score', params: { dimension: 'scale', points: 60 } }, examples: [{ lead: { people: { total: 150 } }, fires: true }] },
    { id: 'scale-elderly', name: '老年人占比过半', conditions: { all: [gte('derived.elderlyShare', 0.5)] }, event: { type: 'score', params: { dimension: 'scale', points: 20 } } },
    { id: 'exposure-100w', name: '集资金额达到100万元', conditions: { all: [gte('money.raised', 1_000_000)] }, event: { type: 'score', params: { dimension: 'exposure', points: 100 } } },
    { id: 'attention-complaints', name: '举报投诉3次以上', conditions: { all: [gte('attention.complaints', 3)] }, event: { type: 'score', params: { dimension: 'attention', points: 100 } } },
    { id: 'stability-overdue', name: '逾期兑付', conditions: { all: [{ fact: 'stability.overdue', operator: 'equal', value: true }] }, event: { type: 'score', params: { dimension: 'stability', points: 60 } } },
    { id: 'stability-gatherings', name: '发生聚集上访', conditions: { all: [gte('stability.gatherings', 1)] }, event: { type: 'score', params: { dimension: 'stability', points: 40 } } },
    { id: 'pattern-livestock', name: '牲畜托管', conditions: { any: [{ fact: 'text.all', operator: 'mentionsAny', value: ['托管', '代养'] }] }, event: { type: 'pattern', params: { pattern: 'livestock-custody' } }, examples: [{ lead: { text: { description: '肉牛代养，每月返利' } }, fires: true }, { lead: { text: { description: '未发现代养业务' } }, fires: false }] },
    { id: 'escalate-missing', name: '实控人失联且有未兑付', conditions: { all: [{ fact: 'stability.controllerMissing', operator: 'equal', value: true }, { fact: 'money.outstanding', operator: 'greaterThan', value: 0 }] }, event: { type: 'escalate', params: { tier: 'orange' } } },
    { id: 'dispose-prosecute', name: '集资金额达到立案追诉标准', conditions: { all: [gte('money.raised', 1_000_000)] }, event: { type: 'disposition', params: { disposition: 'prosecute' } } },
    { id: 'dispose-interview', name: '有承诺收益', conditions: { all: [{ fact: 'money.promisedReturn', operator: 'greaterThan', value: 0 }] }, event: { type: 'disposition', params: { disposition: 'interview' } } },
  ],
}

/** The fixture as pack files (path → JSON text), with optional extra or replaced files. */
export const fixtureFiles = (extra: Record<string, unknown> = {}): Record<string, string> => {
  const files: Record<string, string> = {
    'pack.json': JSON.stringify(FIXTURE_PACK, null, 2),
    'rules.json': JSON.stringify(FIXTURE_RULES, null, 2),
  }
  for (const [path, value] of Object.entries(extra)) files[path] = typeof value === 'string' ? value : JSON.stringify(value, null, 2)
  return files
}
