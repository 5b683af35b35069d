export { loadRulePack, readRulePackFiles, safeLoadRulePack } from './load-rule-pack'
export { createScorerPool } from './scorer-pool'
export type { PoolItem, ScorerPool, ScorerPoolOptions } from './scorer-pool'
