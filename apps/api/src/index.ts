export { createApp, DEFAULT_LIMITS } from './app'
export type { AppDeps, BodyLimits, ChufeiApp } from './app'
export { createRulePackHolder } from './rule-pack-holder'
export type { RulePackHolder } from './rule-pack-holder'
export { startServer, handleSignals } from './server'
export type { ReloadOutcome, RunningServer, ServerOptions } from './server'
export { readServerConfig, DEFAULT_RATE } from './config'
export { ERROR_STATUS, HTTP_ERROR_CODES } from './errors'
export type { ApiErrorCode, ErrorBody, HttpErrorCode, IssueDetail } from './errors'
export { createJsonLogger, silentLogger } from './logger'
export type { LogEntry, Logger } from './logger'
export type { RateLimitOptions } from './middleware/rate-limit'
export {
  ErrorBodySchema,
  ExplanationSchema,
  HealthSchema,
  IssueDetailSchema,
  ReadySchema,
  RulesSchema,
  ValidationReportSchema,
} from './schemas'
