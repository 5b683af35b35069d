import { ApiError } from './api-client'

/*
 * The console's calls to the case store (案件库). The session is an HttpOnly cookie the page cannot read; the
 * browser sends it on these same-origin requests. What the page holds is the session's CSRF value, sent as
 * X-CSRF-Token with every change (the server refuses a change made with the cookie without it). The API key
 * of the scoring routes (sessionStorage) is never sent here: a bearer header would take the cookie's place.
 */

/** The five follow-up statuses, in the store's order (待核查 → 已销号). */
export const CASE_STATUSES = ['待核查', '处置中', '已移送公安', '已化解', '已销号'] as const
export type CaseStatus = (typeof CASE_STATUSES)[number]

/** A store user. */
export interface StoreUser {
  id: number
  login: string
  displayName: string
  role: 'admin' | 'town-admin' | 'unit' | 'readonly'
  unitId: number | null
}

/** A signed-in session. */
export interface Session {
  user: StoreUser
  csrf: string | null
}

/** A case (案件) as the API gives it. */
export interface CaseView {
  id: number
  unitId: number
  unit: string
  subject: { id: number; name: string; creditCode: string | null; controller: string | null; places: Record<string, string> }
  tier: string
  total: number
  disposition: string
  measures: string
  deadline: string | null
  status: CaseStatus
  plan: string
  notes: string
  escalated: boolean
  resurfacedFrom: number | null
  firstSweepId: number
  lastSweepId: number
  version: number
  createdAt: string
  updatedAt: string
}

/** A lead of a case in one sweep. */
export interface CaseLead {
  id: number
  sweepId: number
  sweepDate: string
  line: number | null
  leadRef: string | null
  tier: string | null
  total: number | null
  matchedBy: string | null
  result: Record<string, unknown>
}

/** One change of a case. */
export interface CaseEvent {
  id: number
  at: string
  kind: string
  user: string | null
  sweepId: number | null
  before: Record<string, unknown> | null
  after: Record<string, unknown> | null
}

/** `GET /v1/cases/{id}`. */
export interface CaseDetail {
  case: CaseView
  leads: CaseLead[]
  events: CaseEvent[]
}

/** A page of `GET /v1/cases`. */
export interface CasePage {
  items: CaseView[]
  limit: number
  offset: number
  more: boolean
}

/** The follow-up a user sends. */
export interface CaseUpdate {
  version: number
  status: CaseStatus
  measures: string
  deadline: string | null
  plan: string
  notes: string
}

let csrf: string | null = null

const API = '../v1'

// Told when the server stops honouring the session (it ended, or was revoked elsewhere): the page then
// shows the sign-in form instead of an error under every table.
const sessionEndedListeners = new Set<() => void>()

/** Calls `listener` whenever a request is refused because the session ended; returns the unsubscribe. */
export const onSessionEnded = (listener: () => void): (() => void) => {
  sessionEndedListeners.add(listener)
  return () => sessionEndedListeners.delete(listener)
}

const call = async <T>(path: string, init: RequestInit = {}): Promise<T> => {
  const headers = new Headers(init.headers)
  headers.set('accept', 'application/json')
  if ((init.method ?? 'GET') !== 'GET' && csrf !== null) headers.set('x-csrf-token', csrf)
  const res = await fetch(`${API}${path}`, { ...init, headers, credentials: 'same-origin' })
  const body: unknown = res.status === 204 ? null : await res.json().catch(() => null)
  if (!res.ok) {
    if (res.status === 401 && path !== '/session' && csrf !== null) {
      csrf = null
      for (const listener of sessionEndedListeners) listener()
    }
    const error = (body as { error?: { code?: string; message?: string; messageEn?: string; details?: unknown } } | null)?.error
    throw new ApiError(res.status, error?.code ?? 'HTTP', error?.message ?? `HTTP ${res.status}`, error?.messageEn ?? `HTTP ${res.status}`, error?.details ?? null)
  }
  return body as T
}

const sendJson = <T>(method: string, path: string, body: unknown): Promise<T> =>
  call<T>(path, { method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })

const remember = (session: Session): Session => {
  csrf = session.csrf
  return session
}

/** The current session, or null when nobody is signed in (or the server has no store). */
export const fetchSession = async (): Promise<Session | null> => {
  const found = await call<{ user: StoreUser | null; csrf: string | null }>('/session')
  return found.user === null ? null : remember({ user: found.user, csrf: found.csrf })
}

/** Signs in; the server sets the cookie. */
export const signIn = async (login: string, password: string): Promise<Session> => remember(await sendJson<Session>('POST', '/session', { login, password }))

/** Signs out: the session's token is revoked and the cookie cleared. */
export const signOut = async (): Promise<void> => {
  await call<null>('/session', { method: 'DELETE' })
  csrf = null
}

/** The filters of the ledger. */
export interface CaseQuery {
  tier?: string
  status?: string
  unit?: string
  open?: boolean
  overdue?: boolean
  search?: string
  /** 处置建议 id. */
  disposition?: string
  /** 重点行为 id (of the case's last sweep). */
  pattern?: string
  /** severity (default), deadline, updated, subject or id. */
  sort?: string
  offset?: number
  limit?: number
}

/** The query string of a ledger query. */
export const caseQueryString = (q: CaseQuery): string => {
  const params = new URLSearchParams()
  if (q.tier) params.set('tier', q.tier)
  if (q.status) params.set('status', q.status)
  if (q.unit) params.set('unit', q.unit)
  if (q.open) params.set('open', 'true')
  if (q.overdue) params.set('overdue', 'true')
  if (q.search?.trim()) params.set('search', q.search.trim())
  if (q.disposition) params.set('disposition', q.disposition)
  if (q.pattern) params.set('pattern', q.pattern)
  if (q.sort) params.set('sort', q.sort)
  params.set('limit', String(q.limit ?? 50))
  params.set('offset', String(q.offset ?? 0))
  return params.toString()
}

/** A page of the ledger. */
export const fetchCases = (q: CaseQuery): Promise<CasePage> => call(`/cases?${caseQueryString(q)}`)

/** One case, its leads and its history. */
export const fetchCase = (id: number): Promise<CaseDetail> => call(`/cases/${id}`)

/** The user's units (for the ledger's unit filter). */
export const fetchUnits = (): Promise<Array<{ id: number; name: string; kind: string; parentId: number | null }>> => call('/units')

/** Saves a follow-up; a stale version is an ApiError 409 whose details hold `current`. */
export const updateCase = (id: number, update: CaseUpdate): Promise<CaseView> => sendJson('PATCH', `/cases/${id}`, update)

/* The ledger out and back (台账导出与回填): the download is a plain link (the browser sends the cookie), the
 * upload a multipart form with the CSRF value like every change. */

/** The editable fields of a ledger row. */
export type LedgerField = 'status' | 'measures' | 'deadline' | 'plan' | 'notes'

/** `POST /v1/ledger/preview`: what importing the file would do. */
export interface LedgerPreview {
  file: string
  planHash: string
  plan: {
    rows: number
    changes: Array<{ caseId: number; subject: string; row: number; version: number; field: LedgerField; before: string | null; after: string | null }>
    conflicts: Array<{ caseId: number; row: number; exportedVersion: number; currentVersion: number; edits: Array<{ field: LedgerField; after: string | null }>; current: CaseView }>
    errors: Array<{ row: number; column: string | null; message: string; messageEn: string }>
  }
}

/** `POST /v1/ledger/apply`: the cases written. */
export interface LedgerApplied {
  file: string
  updated: CaseView[]
  errors: LedgerPreview['plan']['errors']
}

/** The address of the ledger download of a unit (all the user's units when none), as of a date when given. */
/** The download of a stored sweep's risk ledger (风险台账: the total list, key leads, reasons, statistics). */
export const sweepLedgerHref = (sweepId: number, format: 'xlsx' | 'csv', lang: 'zh' | 'en'): string =>
  `${API}/sweeps/${sweepId}/ledger?format=${format}${lang === 'en' ? '&lang=en' : ''}`

export const ledgerDownloadHref = (q: { unit?: string; format: 'xlsx' | 'csv'; asOf?: string; lang: 'zh' | 'en' }): string => {
  const params = new URLSearchParams()
  if (q.unit) params.set('unit', q.unit)
  params.set('format', q.format)
  if (q.asOf) params.set('asOf', q.asOf)
  if (q.lang === 'en') params.set('lang', 'en')
  return `${API}/ledger?${params.toString()}`
}

const ledgerForm = (file: File, fields: Record<string, string> = {}): FormData => {
  const form = new FormData()
  form.set('file', file)
  for (const [k, v] of Object.entries(fields)) form.set(k, v)
  return form
}

/** Previews an edited ledger: nothing is written. */
export const previewLedger = (file: File): Promise<LedgerPreview> => call('/ledger/preview', { method: 'POST', body: ledgerForm(file) })

/** Applies an edited ledger as previewed (its plan hash); a conflict or a changed plan is an ApiError 409. */
export const applyLedger = (file: File, planHash: string): Promise<LedgerApplied> => call('/ledger/apply', { method: 'POST', body: ledgerForm(file, { planHash }) })

/** The session's CSRF value: for a change made without `storeCall` (an upload through XMLHttpRequest, for its progress). */
export const sessionCsrf = (): string | null => csrf

/** A call to the store API (`path` under /v1), with the session's CSRF value on changes; for the pages' own clients. */
export const storeCall = call

/** A stored sweep (排查批次), as `GET /v1/sweeps` lists it. */
export interface SweepView {
  id: number
  unitId: number
  unit: string
  date: string
  importedBy: string | null
  importedAt: string
  fileName: string
  pack: { name: string; version: string; hash: string }
  counts: { read: number; scored: number; rejected: number; skipped: number }
}

/** The sweeps the user can read, newest first. */
export const fetchSweeps = (): Promise<SweepView[]> => call('/sweeps')

/** A published pack version (规则包版本). */
export interface PackVersionView {
  id: number
  name: string
  version: string
  hash: string
  publishedBy: string
  publishedAt: string
  reason: string
  replaced: { version: string; hash: string } | null
  rollbackOf: number | null
  current: boolean
}

/** `GET /v1/packs`: the pack served and the history, newest first. */
export interface PackHistory {
  serving: { name: string; version: string; hash: string } | null
  versions: PackVersionView[]
}

/** `POST /v1/packs` and a rollback. */
export interface Published {
  version: PackVersionView
  rulePack: { name: string; version: string; hash: string }
  warnings: number
}

/** The history of published packs. */
export const fetchPacks = (): Promise<PackHistory> => call('/packs')

/** Publishes the edited pack; an invalid one is an ApiError 422 whose details are the located issues. */
export const publishPack = (files: Record<string, string>, reason: string, version?: string): Promise<Published> =>
  sendJson('POST', '/packs', { files, reason, ...(version === undefined || version.trim() === '' ? {} : { version: version.trim() }) })

/** Rolls back to version `id` (published again as a new version). */
export const rollbackPack = (id: number, reason: string): Promise<Published> => sendJson('POST', `/packs/${id}/rollback`, { reason })

/** One side of a moved lead. */
export interface BacktestSide {
  status: 'scored' | 'rejected'
  total?: number
  tier?: string
  disposition?: string
}

/** `POST /v1/backtest`. */
export interface BacktestOutcome {
  sweep: { id: number; unit: string; date: string; fileName: string }
  base: { name: string; version: string; hash: string }
  head: { name: string; version: string; hash: string }
  leads: number
  scoredBoth: number
  tiers: Record<string, Record<string, number>>
  dispositions: Array<{ before: string; after: string; count: number }>
  moved: Array<{
    id: string | null
    line?: number
    subject?: string
    before: BacktestSide
    after: BacktestSide
    differences: string[]
    rules: Array<{ rule: string; name: string; change: 'fired' | 'stopped' | 'changed' }>
  }>
  movedCount: number
  ruleHits: Array<{ rule: string; name: string; before: number; after: number; presence: string }>
}

/** Backtests the edited pack on a stored sweep. */
export const backtestPack = (files: Record<string, string>, sweepId: number): Promise<BacktestOutcome> => sendJson('POST', '/backtest', { files, sweepId })
