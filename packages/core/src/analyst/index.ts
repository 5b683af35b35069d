/*
 * The analyst's tools (规则调优工具) underneath `chufei rules …`, `chufei explain` and `chufei diff`, for the
 * CLI and the API alike. Browser-safe, and a subpath of its own (`@chufei/core/analyst`): the property
 * checker uses fast-check at run time, which a page that only scores must not download.
 */
export { checkRulePackFiles, formatPackReport } from './check-pack-files'
export { findUnreachableConditions, factRange } from './condition-reachability'
export { createRulePackJsonSchema, renderRulePackJsonSchema } from './editor-schema'
export { describeEvent, explainDimensions, explainDisposition, explainTier, formatExplanation, formatRuleTrace } from './format-explanation'
export type { ExplanationFormatOptions } from './format-explanation'
export { flattenLead, formatLead } from './format-lead'
export { describeFactCondition, formatConditionTrace } from './format-trace'
export type { TraceFormatOptions } from './format-trace'
export { completeLead, formatPackTestReport, formatTestFailure, runPackTests } from './pack-tests'
export type { Mismatch, PackTestOutcome, PackTestReport, TestSite } from './pack-tests'
export { PackTestCaseSchema, PackTestExpectationSchema, PackTestFileSchema, isPackTestFile } from './pack-tests-schema'
export type { PackTestCase, PackTestExpectation, PackTestFile } from './pack-tests-schema'
export { diffBacktest } from './backtest-diff'
export type { BacktestDiff, BacktestPackInfo, BacktestPair, LeadSide, MovedLead, RuleHits, RuleMove } from './backtest-diff'
export { describeReasonEffect, describeRuleMove, formatBacktestHtml, formatBacktestText } from './format-backtest'
export { COHERENCE, GROWTHS, checkPackProperties, leadArbitrary } from './pack-properties'
export type { GeneratedLead, Growth, PackCheckOptions, PackCheckReport, PackViolation } from './pack-properties'
export { collectPackKeywords, collectPackThresholds } from './pack-inventory'
export { formatPackCheckReport, formatPackViolation } from './format-pack-check'
