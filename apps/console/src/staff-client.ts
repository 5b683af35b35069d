import { ApiError } from './api-client'
import { sessionCsrf, storeCall, type CasePage, type CaseView } from './store-client'

/*
 * The calls of the staff pages home (首页), upload (上传排查表) and report (总结报告). An upload goes through
 * XMLHttpRequest: fetch reports no upload progress, and a village's workbook on a slow line takes a while.
 */

/** What an import did (`POST /v1/sweeps`, 201). */
export interface ImportOutcome {
  sweepId: number
  unit: { id: number; name: string }
  date: string
  fileName: string
  counts: { read: number; scored: number; rejected: number; skipped: number }
  newCases: number
  linked: number
  /** Scored leads kept on the sweep's total list only (no case). */
  listedOnly: number
  escalations: Array<{ caseId: number; subject: string; from: string; to: string }>
  resurfacing: Array<{
    caseId: number
    subject: string
    line: number | null
    earlierCaseId: number
    earlierUnit: string
    earlierStatus: string
    earlierSubject: string
    matchedBy: 'credit-code' | 'name' | 'controller'
  }>
  rejected: Array<{ line: number | null; leadRef: string | null; reason: string }>
}

/** One line of a breakdown (`GET /v1/overview`). */
export interface OverviewGroup {
  key: string
  label: string
  leads: number
  keyLeads: number
}

/** `GET /v1/overview`. */
export interface Overview {
  from: string
  to: string
  rows: { read: number; scored: number; rejected: number; skipped: number }
  byTier: OverviewGroup[]
  byVillage: OverviewGroup[]
  bySector: OverviewGroup[]
  byPattern: OverviewGroup[]
  latestSweep: { id: number; date: string; unit: string; fileName: string } | null
  opened: number
  newCases: CaseView[]
}

/** The five figures of a period (`GET /v1/trend`). */
export interface TrendFigures {
  opened: number
  escalated: number
  deEscalated: number
  resolved: number
  overdue: number
  open: number
}

/** `GET /v1/trend`. */
export interface Trend {
  from: string
  to: string
  units: Array<TrendFigures & { unitId: number; unit: string }>
  total: TrendFigures
}

/** Open cases of a unit (`GET /v1/open-cases`). */
export interface UnitOpenCases {
  unitId: number
  unit: string
  open: number
  byTier: Record<string, number>
  overdue: number
}

/** An overdue case (`GET /v1/overdue`). */
export type OverdueCase = CaseView & { daysOverdue: number }

/** `POST /v1/samples`. */
export interface SampleImport {
  unit: { id: number; name: string }
  sweeps: Array<{
    fileName: string
    date: string
    status: 'imported' | 'already'
    sweepId: number | null
    counts: { read: number; scored: number; rejected: number; skipped: number } | null
    newCases: number | null
    listedOnly: number | null
  }>
}

const query = (params: Record<string, string | undefined>): string => {
  const q = new URLSearchParams()
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') q.set(k, v)
  const s = q.toString()
  return s === '' ? '' : `?${s}`
}

/** The home page's breakdowns and the latest sweep's new cases. */
export const fetchOverview = (unit?: string): Promise<Overview> => storeCall(`/overview${query({ unit, newCases: '10' })}`)

/** The trend of a period. */
export const fetchTrend = (from: string, to: string, unit?: string): Promise<Trend> => storeCall(`/trend${query({ from, to, unit })}`)


/** Open cases by unit and tier. */
export const fetchOpenCases = (): Promise<UnitOpenCases[]> => storeCall('/open-cases')

/** The `limit` most overdue cases, most overdue first (how many in all: `overdue` of {@link fetchOpenCases}). */
export const fetchOverdue = (limit: number, unit?: string): Promise<OverdueCase[]> => storeCall(`/overdue${query({ unit, limit: String(limit) })}`)

/** Open cases that match a closed one (卷土重来). */
export const fetchResurfacing = (limit: number): Promise<CasePage> => storeCall(`/cases${query({ resurfacing: 'true', open: 'true', limit: String(limit) })}`)

/** Imports the bundled sample sweeps into the user's town. */
export const importSamples = (): Promise<SampleImport> => storeCall('/samples', { method: 'POST' })

/** The address of the summary report of a unit and period (for an iframe on the same origin). */
export const reportUrl = (p: { unit?: string; from: string; to: string }): string => `../v1/report.html${query(p)}`

/** What {@link uploadSweep} reports while the file goes up: bytes sent of the total. */
export type UploadProgress = (sent: number, total: number) => void

/**
 * Uploads a sheet as a new sweep (multipart `file`, `unit`, `date`) with the session cookie and CSRF value.
 * Resolves with the outcome; rejects with the API's error (409: the same file was imported before, naming the sweep).
 */
export const uploadSweep = (file: File, fields: { unit: string; date: string }, onProgress: UploadProgress): Promise<ImportOutcome> =>
  new Promise((resolve, reject) => {
    const form = new FormData()
    form.set('file', file)
    form.set('unit', fields.unit)
    form.set('date', fields.date)
    const xhr = new XMLHttpRequest()
    xhr.open('POST', '../v1/sweeps')
    xhr.setRequestHeader('accept', 'application/json')
    const csrf = sessionCsrf()
    if (csrf !== null) xhr.setRequestHeader('x-csrf-token', csrf)
    xhr.upload.addEventListener('progress', (e) => onProgress(e.loaded, e.lengthComputable ? e.total : file.size))
    xhr.addEventListener('load', () => {
      let body: unknown = null
      try {
        body = JSON.parse(xhr.responseText)
      } catch {
        // Not JSON (a proxy's error page): the status speaks.
      }
      if (xhr.status === 201) return resolve(body as ImportOutcome)
      const error = (body as { error?: { code?: string; message?: string; messageEn?: string; details?: unknown } } | null)?.error
      reject(new ApiError(xhr.status, error?.code ?? 'HTTP', error?.message ?? `HTTP ${xhr.status}`, error?.messageEn ?? `HTTP ${xhr.status}`, error?.details ?? null))
    })
    xhr.addEventListener('error', () => reject(new ApiError(0, 'NETWORK', '上传失败：连接中断，请重试', 'Upload failed: the connection dropped; try again', null)))
    xhr.send(form)
  })
