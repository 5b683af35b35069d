import { TIERS, enumLabel, tierRank, type Issue } from '@chufei/core'
import type { ExtraColumn } from './ledger-sheets'
import { creditCodeKey, idKey, nameKey } from './match-key'
import { isOverdue, type LedgerRecord, type StaffStatus } from './record'

/*
 * 动态监测: the plan asks that key leads be followed up over the year (实现对风险处置情况的动态监测管理).
 * A new sweep is matched against the previous ledger; each lead is classified, and what staff typed into
 * the previous ledger (状态, 备注, 整改时限) is carried forward, never overwritten.
 */

export const CHANGE_KINDS = ['new', 'escalated', 'de-escalated', 'unchanged', 'resolved'] as const
export type ChangeKind = (typeof CHANGE_KINDS)[number]

export const CHANGE_LABELS: Readonly<Record<ChangeKind, { zh: string; en: string }>> = {
  new: { zh: '新增', en: 'New' },
  escalated: { zh: '升级', en: 'Escalated' },
  'de-escalated': { zh: '降级', en: 'De-escalated' },
  unchanged: { zh: '持平', en: 'Unchanged' },
  resolved: { zh: '已化解', en: 'Resolved' },
}

export type MatchedBy = 'id' | 'credit-code' | 'name'

export interface TrackedLead {
  readonly change: ChangeKind
  /** For `resolved`: marked 已化解 by staff, or gone from the sweep. */
  readonly resolvedBy: 'staff' | 'gone' | null
  readonly matchedBy: MatchedBy | null
  /** The lead in this sweep, with the previous ledger's staff edits carried forward (null when gone). */
  readonly current: LedgerRecord | null
  readonly previous: LedgerRecord | null
  /** 整改时限 passed while not 已化解 (only leads still in the sweep). */
  readonly overdue: boolean
  /** Things staff should check (`编号相同但主体名称不同`…), Chinese. */
  readonly notes: readonly string[]
}

export interface TrackResult {
  readonly today: string
  /** Leads of this sweep in input order, then the previous leads gone from it in ledger order. */
  readonly leads: readonly TrackedLead[]
  /** This sweep's records with staff edits carried (what the new ledger holds and stats count). */
  readonly records: readonly LedgerRecord[]
  /** Earlier leads not in this sweep (上期线索（本轮未出现）). */
  readonly gone: readonly LedgerRecord[]
  readonly counts: Readonly<Record<ChangeKind, number>> & { readonly overdue: number }
  /**
   * Rows of the previous ledger made with another rule pack, grouped by pack: `error` when the version
   * differs or none is named, `warning` when only the content hash differs.
   */
  readonly packMismatches: readonly Issue[]
  /** Rows of the previous ledger that cannot be matched to anything (no id, no name). */
  readonly unmatchable: readonly Issue[]
  /** Columns staff added to the previous ledger, carried into the new one in place. */
  readonly extraColumns: readonly ExtraColumn[]
  /** Staff edits carried into this sweep's leads, by column: 状态, 备注, 整改时限, then added columns by key. */
  readonly carried: CarriedEdits
}

/** How many cells of each column the new ledger took from the previous one (where they differ from the sweep's). */
export interface CarriedEdits {
  readonly status: number
  readonly notes: number
  readonly deadline: number
  /** Added columns by key, non-blank cells carried. */
  readonly extras: ReadonlyMap<string, number>
}

export interface TrackOptions {
  /** YYYY-MM-DD: overdue is judged against this day. */
  readonly today: string
  /** The current pack's 规则版本 label. */
  readonly rulePack: string
  /** The previous ledger's file name, for issues. */
  readonly previousFile: string
  /** Columns staff added to the previous ledger (from `readLedger`), to carry in place. */
  readonly extraColumns?: readonly ExtraColumn[]
}

const isBlank = (v: unknown): boolean => v === null || v === undefined || (typeof v === 'string' && v.trim() === '')

/** Statuses staff set by hand; 持续监测 and 问题行 are the CLI's own and are recomputed each sweep. */
const HAND_STATUSES: ReadonlySet<StaffStatus> = new Set(['pending', 'in-progress', 'resolved'])

/** `2–5、7` — row numbers as ranges. */
export const formatRows = (rows: readonly number[]): string => {
  const sorted = [...new Set(rows)].sort((a, b) => a - b)
  const parts: string[] = []
  for (let i = 0; i < sorted.length; ) {
    let j = i
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j]! + 1) j++
    parts.push(i === j ? String(sorted[i]) : `${sorted[i]}–${sorted[j]}`)
    i = j + 1
  }
  return parts.join('、')
}

/** `default@2024.1.0` of a 规则版本 label `default@2024.1.0 (3f2a9b1c0d4e)`. */
const packVersion = (label: string): string => label.replace(/\s*\([0-9a-f]*\)\s*$/, '')

/**
 * Rows scored with another pack version (name@version differs, or none named) are errors: their tiers
 * cannot be compared. Rows with the same version but another content hash (rules edited without a version
 * bump) are warnings: compared, but said.
 */
const checkPacks = (previous: readonly LedgerRecord[], options: TrackOptions): Issue[] => {
  const byPack = new Map<string, number[]>()
  for (const r of previous) {
    if (r.kind !== 'scored' || r.rulePack === options.rulePack) continue
    const key = r.rulePack ?? ''
    byPack.set(key, [...(byPack.get(key) ?? []), r.row ?? 0])
  }
  return [...byPack].map(([pack, rows]): Issue => {
    const where = formatRows(rows)
    const base = { file: options.previousFile, line: Math.min(...rows) }
    if (pack === '') {
      return {
        ...base,
        code: 'rule-pack-unknown',
        severity: 'error',
        message: `第${where}行没有“规则版本”，无法确认与本次规则包 ${options.rulePack} 相同，预警等级不能直接比较`,
        messageEn: `rows ${where} name no rule pack; cannot confirm they were scored with ${options.rulePack}, so tiers cannot be compared`,
      }
    }
    if (packVersion(pack) === packVersion(options.rulePack)) {
      return {
        ...base,
        code: 'rule-pack-edited',
        severity: 'warning',
        message: `第${where}行由 ${pack} 评分，本次为 ${options.rulePack}：版本号相同但规则内容有改动，部分升降可能由规则修改引起`,
        messageEn: `rows ${where} were scored with ${pack}, this run uses ${options.rulePack}: same version, edited rules; some changes may come from the edit`,
      }
    }
    return {
      ...base,
      code: 'rule-pack-changed',
      severity: 'error',
      message: `第${where}行由规则包 ${pack} 评分，本次为 ${options.rulePack}；规则版本不同，预警等级升降不能直接比较`,
      messageEn: `rows ${where} were scored with rule pack ${pack}, this run uses ${options.rulePack}; tiers cannot be compared directly`,
    }
  })
}

/**
 * 备注 of a matched lead: what staff wrote in the previous ledger is kept; the new sheet's own 备注 is added
 * after it when it says something the ledger does not already hold (so tracking the same sweep twice does
 * not repeat it).
 */
export const carryNotes = (previous: string, current: string): string => {
  if (current === '' || previous.includes(current)) return previous
  return previous === '' ? current : `${previous}；${current}`
}

/**
 * Matches this sweep's records against the previous ledger's and classifies every lead. Matching is one
 * to one, by id first (over all leads), then credit code, then normalised subject name.
 */
export const trackLeads = (previous: readonly LedgerRecord[], current: readonly LedgerRecord[], options: TrackOptions): TrackResult => {
  const matchOf = new Map<number, { prev: number; by: MatchedBy }>()
  const taken = new Set<number>()
  const phases: Array<[MatchedBy, (r: LedgerRecord) => string | null]> = [
    ['id', (r) => idKey(r.id)],
    ['credit-code', (r) => creditCodeKey(r.creditCode)],
    ['name', (r) => nameKey(r.name)],
  ]
  for (const [by, keyOf] of phases) {
    const index = new Map<string, number[]>()
    previous.forEach((p, i) => {
      const k = keyOf(p)
      if (k !== null && !taken.has(i)) index.set(k, [...(index.get(k) ?? []), i])
    })
    current.forEach((c, ci) => {
      if (matchOf.has(ci)) return
      const k = keyOf(c)
      if (k === null) return
      const candidates = index.get(k) ?? []
      const pi = candidates.find((i) => !taken.has(i))
      if (pi === undefined) return
      taken.add(pi)
      matchOf.set(ci, { prev: pi, by })
    })
  }

  const leads: TrackedLead[] = []
  const records: LedgerRecord[] = []
  const carriedCounts = { status: 0, notes: 0, deadline: 0 }
  const carriedExtras = new Map<string, number>()
  current.forEach((c, ci) => {
    const m = matchOf.get(ci)
    if (m === undefined) {
      const overdue = isOverdue(c, options.today)
      records.push(c)
      leads.push({ change: 'new', resolvedBy: null, matchedBy: null, current: c, previous: null, overdue, notes: [] })
      return
    }
    const p = previous[m.prev]!
    const notes: string[] = []
    if (m.by === 'id') {
      const a = nameKey(p.name)
      const b = nameKey(c.name)
      if (a !== null && b !== null && a !== b) notes.push(`编号相同但主体名称不同（上期：${p.name}），请核实是否同一主体`)
    }
    const extras = new Map(c.extras ?? [])
    for (const [k, v] of p.extras ?? []) {
      if (isBlank(v)) continue
      extras.set(k, v)
      carriedExtras.set(k, (carriedExtras.get(k) ?? 0) + 1)
    }
    const carried: LedgerRecord = {
      ...c,
      ...(p.status !== null && HAND_STATUSES.has(p.status) ? { status: p.status, statusText: null } : {}),
      ...(p.statusText !== null ? { status: null, statusText: p.statusText } : {}),
      notes: carryNotes(p.notes, c.notes),
      deadline: p.deadline ?? c.deadline,
      ...(extras.size > 0 ? { extras } : {}),
    }
    if (carried.status !== c.status || carried.statusText !== c.statusText) carriedCounts.status += 1
    if (carried.notes !== c.notes) carriedCounts.notes += 1
    if (carried.deadline !== c.deadline) carriedCounts.deadline += 1
    notes.push(...(p.conflicts ?? []))
    records.push(carried)
    let change: ChangeKind
    let resolvedBy: 'staff' | null = null
    if (c.kind !== 'scored' || c.tier === null) {
      change = 'unchanged'
      notes.push('本期为问题行（未评分），无法比较预警等级，请更正排查表')
    } else if (p.kind !== 'scored' || p.tier === null) {
      change = 'new'
      notes.push('上期为问题行，本期首次评分')
    } else {
      const delta = tierRank(c.tier) - tierRank(p.tier)
      change = delta > 0 ? 'escalated' : delta < 0 ? 'de-escalated' : 'unchanged'
      if (p.status === 'resolved') {
        if (change === 'escalated') notes.push(`上期已标记已化解，本期升为${enumLabel(TIERS, c.tier)}，请重新核查`)
        else {
          change = 'resolved'
          resolvedBy = 'staff'
        }
      }
    }
    const overdue = isOverdue(carried, options.today)
    leads.push({ change, resolvedBy, matchedBy: m.by, current: carried, previous: p, overdue, notes })
  })

  const gone: LedgerRecord[] = []
  const unmatchable: Issue[] = []
  previous.forEach((p, i) => {
    if (taken.has(i)) return
    gone.push(p)
    const notes: string[] = [...(p.conflicts ?? [])]
    if (p.id === null && p.name === null) {
      notes.push('上期该行没有线索编号和主体名称，无法与本期匹配')
      unmatchable.push({
        code: 'unmatchable-row',
        severity: 'warning',
        file: options.previousFile,
        ...(p.row !== null ? { line: p.row } : {}),
        message: `第${p.row ?? '?'}行没有线索编号和主体名称，无法与本期匹配，已列入“本轮未出现”`,
        messageEn: `row ${p.row ?? '?'} has neither id nor subject name and cannot be matched; listed as not in this sweep`,
      })
    }
    leads.push({ change: 'resolved', resolvedBy: p.status === 'resolved' ? 'staff' : 'gone', matchedBy: null, current: null, previous: p, overdue: false, notes })
  })

  const counts = { new: 0, escalated: 0, 'de-escalated': 0, unchanged: 0, resolved: 0, overdue: 0 }
  for (const l of leads) {
    counts[l.change] += 1
    if (l.overdue) counts.overdue += 1
  }
  return {
    today: options.today,
    leads,
    records,
    gone,
    counts,
    packMismatches: checkPacks(previous, options),
    unmatchable,
    extraColumns: options.extraColumns ?? [],
    carried: { ...carriedCounts, extras: carriedExtras },
  }
}
