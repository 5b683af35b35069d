export { loadRulePack, readRulePackFiles, safeLoadRulePack } from './load-rule-pack'
