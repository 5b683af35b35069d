export { loadRulePack, readRulePackFiles, safeLoadRulePack } from './load-rule-pack'
export { safeParseRulePackOffThread } from './validate-off-thread'
export { startModuleWorker } from './module-worker'
