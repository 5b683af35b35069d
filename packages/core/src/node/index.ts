export { loadRulePack, readRulePackFiles, safeLoadRulePack } from './load-rule-pack'
export { createScorerPool } from './scorer-pool'
export { safeParseRulePackOffThread } from './validate-off-thread'
export type { PoolItem, ScorerPool, ScorerPoolOptions } from './scorer-pool'
