import type { ConditionTrace, Explanation, Issue, RuleEvent } from '@chufei/core'

/*
 * The console's calls to chufei-api, on the same origin. When the server requires a token
 * (CHUFEI_API_TOKEN), the user enters it once; it is kept for this tab only (sessionStorage).
 */

/** One rule as `GET /v1/rules` lists it. */
export interface RuleSummary {
  id: string
  name: string
  description?: string
  file: string
  type: RuleEvent['type']
  dimension?: string
  points?: number
  pattern?: string
  tier?: string
  disposition?: string
}

/** `GET /v1/rules`. */
export interface RulesListing {
  name: string
  version: string
  hash: string
  description?: string
  patterns: Array<{ id: string; zh: string; en?: string }>
  rules: RuleSummary[]
}

/** `GET /v1/rules/files`: the served pack's files, path → JSON text. */
export interface PackFiles {
  name: string
  version: string
  hash: string
  files: Record<string, string>
}

/** One problem of a pack or a lead, as the API reports it (its `IssueDetail`): the core issue with its dotted field. */
export interface ApiIssue extends Issue {
  readonly field: string
  readonly pointer: string
}

/** `POST /v1/rules/validate`. */
export interface ValidationResult {
  valid: boolean
  issues: ApiIssue[]
  rulePack?: { name: string; version: string; hash: string; rules: number }
}

/** An error response of the API. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly messageZh: string,
    readonly messageEn: string,
    readonly details: unknown,
  ) {
    super(messageEn)
  }
}

const TOKEN_KEY = 'chufei.token'

/** Sets (or with '' clears) the API token for this tab. */
export const setToken = (token: string): void => {
  if (token === '') sessionStorage.removeItem(TOKEN_KEY)
  else sessionStorage.setItem(TOKEN_KEY, token)
}

const request = async <T>(path: string, init: RequestInit = {}): Promise<T> => {
  const headers = new Headers(init.headers)
  headers.set('accept', 'application/json')
  const token = sessionStorage.getItem(TOKEN_KEY)
  if (token) headers.set('authorization', `Bearer ${token}`)
  const res = await fetch(path, { ...init, headers, credentials: 'same-origin' })
  const body: unknown = await res.json().catch(() => null)
  if (!res.ok) {
    const error = (body as { error?: { code?: string; message?: string; messageEn?: string; details?: unknown } } | null)?.error
    throw new ApiError(res.status, error?.code ?? 'HTTP', error?.message ?? `HTTP ${res.status}`, error?.messageEn ?? `HTTP ${res.status}`, error?.details ?? null)
  }
  return body as T
}

const postJson = <T>(path: string, body: unknown): Promise<T> =>
  request<T>(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })

/** The API paths, relative to the console (served at /console/). */
const API = '../v1'

/** The rules of the served pack. */
export const fetchRules = (): Promise<RulesListing> => request(`${API}/rules`)

/** The served pack's files. */
export const fetchPackFiles = (): Promise<PackFiles> => request(`${API}/rules/files`)

/** Validates a pack (its files, path → JSON text) without loading it. */
export const validatePack = (files: Record<string, string>): Promise<ValidationResult> => postJson(`${API}/rules/validate`, { files })

/** Scores one lead and explains it condition by condition. */
export const explainLead = (lead: unknown): Promise<Explanation> => postJson(`${API}/explain`, lead)

export type { ConditionTrace, Explanation }
