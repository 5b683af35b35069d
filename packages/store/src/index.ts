/**
 * @chufei/store — the case store (案件库): sweeps (排查批次), subjects, cases and their follow-up (一事一策) in
 * PostgreSQL, embedded (PGlite) by default or on a server through DATABASE_URL. Every function takes the
 * actor and checks its access itself.
 *
 * @packageDocumentation
 */
export { openDb, dbOptionsFromEnv, defaultDataDir, redactUrl } from './db'
export type { Db, OpenDb, OpenDbOptions, QueryResult, SqlParam } from './db'
export { MIGRATIONS, SCHEMA_VERSION, migrate, schemaVersion } from './migrations'
export type { Migration, MigrateOutcome } from './migrations'
export { ROLES, ROLE_LABELS, ActorSchema, LOCAL_ADMIN, readableUnitIds, assertCanRead, assertCanManage, assertCanFollowUp } from './actor'
export type { Actor, Role } from './actor'
export { UNIT_KINDS, UnitSchema, NewUnitSchema, addUnit, listUnits, findUnit } from './units'
export type { Unit, UnitKind, NewUnit } from './units'
export { UserSchema, NewUserSchema, addUser, listUsers, issueToken, revokeToken, actorFromToken, actorFromPassword } from './users'
export type { User, NewUser } from './users'
export { CASE_STATUSES, OPEN_STATUSES, CLOSED_STATUSES, CASE_STATUS_EN } from './case-status'
export type { CaseStatus } from './case-status'
export { importSweep } from './import-sweep'
export type { ImportSweepInput, ImportOutcome, RejectedRowInfo, Escalation, Resurfacing } from './import-sweep'
export { CaseFilterSchema, listCases, getCase, caseHistory, caseLeads, overdueCases, escalatedCases, openCasesByUnit } from './cases'
export type { CaseView, CaseFilter, CaseEvent, CaseLead, OverdueCase, UnitOpenCases } from './cases'
export { CaseUpdateSchema, updateCase } from './follow-up'
export type { CaseUpdate } from './follow-up'
export { listSweeps, sweepLeads } from './sweeps'
export type { SweepView, SweepLead } from './sweeps'
export { DUMP_TABLES, dumpStore, restoreStore } from './dump'
export type { DumpHeader, RestoreOutcome } from './dump'
export { caseTrend } from './trend'
export type { Trend, TrendFigures, UnitTrend } from './trend'
export { LEDGER_SYNC_FIELDS, LEDGER_EDITABLE_FIELDS, LEDGER_SYNC_HEADERS, ledgerSyncHeaders, ledgerRowsFromCells } from './ledger-sync-columns'
export type { LedgerSyncField, LedgerEditableField, LedgerImportRow } from './ledger-sync-columns'
export { exportCaseLedger, planLedgerImport, applyLedgerImport } from './ledger-sync'
export type { LedgerSyncRow, LedgerChange, LedgerConflict, LedgerRowError, LedgerImportPlan, LedgerImportOutcome } from './ledger-sync'
export { latestSweepRecords } from './report-records'
export { latestSweepCases } from './latest-sweep-cases'
export type { LatestSweepCases } from './latest-sweep-cases'
export type { ReportSweep, StoreReportRecords } from './report-records'
