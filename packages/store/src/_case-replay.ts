import type { Db } from './db'

/*
 * A case's state version by version, replayed from its events (事件). The ledger's round trip needs two
 * things the cases table does not keep: the state as of a past date (export --as-of) and the follow-up as it
 * was at the version a sheet was exported at (to tell what staff edited in the sheet from what changed in
 * the store since). Versions move as the writers move them: `opened` is version 1, each `updated` adds one,
 * and a sweep that rescores an existing case adds one (several leads of one sweep on one case: still one).
 * A replay whose last version is not the case's version (a history this rule does not describe) is marked
 * untrusted, and callers then fall back to the cautious answer.
 */

/** The fields a snapshot carries. */
export interface ReplayedState {
  status: string
  measures: string
  deadline: string | null
  plan: string
  notes: string
  tier: string
  total: number
  disposition: string
}

/** The state right after the last event of one version. */
export interface Snapshot {
  readonly version: number
  /** When that version came to be (ISO, UTC). */
  readonly at: string
  readonly state: Readonly<ReplayedState>
}

/** A case's replay: snapshots oldest first, and whether the replay reached the case's current version. */
export interface Replay {
  readonly snapshots: readonly Snapshot[]
  readonly trusted: boolean
}

interface EventRow {
  caseId: number
  at: string
  kind: string
  sweepId: number | null
  after: Record<string, unknown> | null
}

const FOLLOW_UP_KEYS = ['status', 'measures', 'deadline', 'plan', 'notes', 'tier', 'total', 'disposition'] as const

/** Replays one case's events (oldest first). */
const replayOne = (events: readonly EventRow[], currentVersion: number): Replay => {
  const snapshots: Snapshot[] = []
  let state: ReplayedState | undefined
  let version = 0
  let lastSweep: number | null = null
  for (const e of events) {
    const after = e.after ?? {}
    if (e.kind === 'opened') {
      state = { status: '待核查', measures: '', deadline: null, plan: '', notes: '', tier: '', total: 0, disposition: '' }
      version = 1
      lastSweep = e.sweepId
    } else if (state === undefined) continue
    else if (e.kind === 'updated') version += 1
    else if (e.sweepId !== null && e.sweepId !== lastSweep) {
      version += 1
      lastSweep = e.sweepId
    }
    for (const k of FOLLOW_UP_KEYS) if (k in after) (state as unknown as Record<string, unknown>)[k] = after[k] ?? (k === 'deadline' ? null : '')
    const snapshot = { version, at: e.at, state: { ...state } }
    if (snapshots.at(-1)?.version === version) snapshots[snapshots.length - 1] = snapshot
    else snapshots.push(snapshot)
  }
  return { snapshots, trusted: version === currentVersion }
}

/** The replays of the given cases (id → current version), in one query. */
export const replayCases = async (db: Db, versions: ReadonlyMap<number, number>): Promise<Map<number, Replay>> => {
  const ids = [...versions.keys()]
  const replays = new Map<number, Replay>()
  if (ids.length === 0) return replays
  const { rows } = await db.query<EventRow>(
    `SELECT case_id AS "caseId", at, kind, sweep_id AS "sweepId", after FROM events WHERE case_id = ANY($1::bigint[]) ORDER BY case_id, id`,
    [`{${ids.join(',')}}`],
  )
  const byCase = new Map<number, EventRow[]>()
  for (const r of rows) {
    const list = byCase.get(r.caseId) ?? []
    list.push(r)
    byCase.set(r.caseId, list)
  }
  for (const [id, version] of versions) replays.set(id, replayOne(byCase.get(id) ?? [], version))
  return replays
}
