import { addDays, isIsoDate } from '@chufei/ledger'
import { CLOSED_SQL, OPEN_SQL, rankOf } from './case-status'
import { JsonBytes, type Db } from './db'
import { openedAfter } from './_opened-event'
import { opensCase } from './_opens-case'
import type { SubjectKeys } from './_subject-keys'
import type { PreparedRow } from './_sweep-rows'

/*
 * Links each lead of a sweep to its case (案件), batch by batch inside the import's transaction: an open case
 * of the sweep's units by credit code, else by normalised name within the lead's unit, else by controller
 * within the unit; otherwise a new case — flagged resurfacing (卷土重来) when a closed, transferred or
 * sanctioned case in ANY unit has the same credit code, name or controller — but only for a lead `opensCase`
 * lets open one; any other lead is kept on the sweep's total list with no case. Lookups are one query per batch
 * and writes are set-based (jsonb_to_recordset), so 100,000 rows are a few hundred statements, not 400,000.
 */

/** A case as the linker tracks it while the sweep goes in. */
interface CaseState {
  id: number
  unitId: number
  tier: string
  total: number
  disposition: string
  isNew: boolean
  escalated: boolean
}

/** A case this sweep escalated (tier rose since the case's previous sweep). */
export interface Escalation {
  readonly caseId: number
  readonly subject: string
  readonly from: string
  readonly to: string
}

/** A new case whose subject matches a closed case somewhere (卷土重来). */
export interface Resurfacing {
  readonly caseId: number
  readonly subject: string
  readonly line: number | null
  readonly earlierCaseId: number
  readonly earlierUnit: string
  readonly earlierStatus: string
  readonly earlierSubject: string
  readonly matchedBy: 'credit-code' | 'name' | 'controller'
}

/** What the linker found over the whole sweep. */
export interface LinkOutcome {
  newCases: number
  linked: number
  /** Scored leads kept on the total list (总量风险清单) only: no open case matched and none opened. */
  listedOnly: number
  escalations: Escalation[]
  resurfacing: Resurfacing[]
}

interface ClosedMatch {
  id: number
  unit: string
  status: string
  subject: string
  creditCode: string | null
  nameKey: string | null
  controllerKey: string | null
}

/** The sweep the linker writes into. */
export interface LinkContext {
  readonly sweepId: number
  readonly sweepDate: string
  readonly sweepUnitId: number
  /** The units under the sweep's unit, by name: a row whose 村（社区） names one is that unit's lead. */
  readonly childUnits: ReadonlyMap<string, number>
  /** The sweep's unit and those under it: where an open case can be matched. */
  readonly scopeIds: readonly number[]
  readonly userId: number | null
}

/**
 * The subjects with any of a batch's credit codes, name keys or controller keys (params $n, $n+1, $n+2: JSON
 * arrays). A UNION of three lookups, each on its own partial index, so a batch costs a few thousand index probes
 * whatever the store holds; one WHERE with the three ORed could not use them and scanned every subject and
 * every closed case once a batch (0.2–0.35 s a batch at 1,000,000 leads).
 */
export const MATCHING_SUBJECTS = (n: number): string =>
  `SELECT id FROM subjects WHERE credit_code IN (SELECT jsonb_array_elements_text($${n}::jsonb))
   UNION SELECT id FROM subjects WHERE name_key IN (SELECT jsonb_array_elements_text($${n + 1}::jsonb))
   UNION SELECT id FROM subjects WHERE controller_key IN (SELECT jsonb_array_elements_text($${n + 2}::jsonb))`

const keysParam = (values: Iterable<string | null>) => JSON.stringify([...new Set([...values].filter((v): v is string => v !== null))])

const nextIds = async (db: Db, table: string, n: number): Promise<number[]> => {
  if (n === 0) return []
  const { rows } = await db.query<{ id: number }>(`SELECT nextval(pg_get_serial_sequence('${table}', 'id')) AS id FROM generate_series(1, $1)`, [n])
  return rows.map((r) => r.id)
}

/** A linker for one sweep; `link` each batch in input order, `finish`, then read `outcome`. */
export const createCaseLinker = (db: Db, context: LinkContext) => {
  const cases = new Map<number, CaseState>()
  const byCredit = new Map<string, number>()
  const byName = new Map<string, number>()
  const byController = new Map<string, number>()
  const outcome: LinkOutcome = { newCases: 0, linked: 0, listedOnly: 0, escalations: [], resurfacing: [] }
  const scope = `{${context.scopeIds.join(',')}}`

  // The cases rescored so far (written once by `finish`).
  const touchedCases = new Set<CaseState>()
  // The map entries of each case opened in this batch, so its provisional id is swapped for the real one
  // without scanning the maps (which grow to the whole sweep).
  const freshKeys = new Map<number, [Map<string, number>, string][]>()

  const index = (c: CaseState, k: Pick<SubjectKeys, 'creditCode' | 'nameKey' | 'controllerKey'>) => {
    cases.set(c.id, c)
    const set = (map: Map<string, number>, key: string | null) => {
      if (key === null || map.has(key)) return
      map.set(key, c.id)
      if (c.id < 0) freshKeys.set(c.id, [...(freshKeys.get(c.id) ?? []), [map, key]])
    }
    set(byCredit, k.creditCode)
    set(byName, k.nameKey === null ? null : `${c.unitId}|${k.nameKey}`)
    set(byController, k.controllerKey === null ? null : `${c.unitId}|${k.controllerKey}`)
  }

  const loadOpen = async (keys: readonly SubjectKeys[]) => {
    const { rows } = await db.query<CaseState & { creditCode: string | null; nameKey: string | null; controllerKey: string | null }>(
      `SELECT c.id, c.unit_id AS "unitId", c.tier, c.total, c.disposition, s.credit_code AS "creditCode", s.name_key AS "nameKey", s.controller_key AS "controllerKey"
       FROM cases c JOIN subjects s ON s.id = c.subject_id
       WHERE c.status IN (${OPEN_SQL}) AND c.unit_id = ANY($1::int[]) AND s.id IN (${MATCHING_SUBJECTS(2)})
       ORDER BY c.id`,
      [scope, keysParam(keys.map((k) => k.creditCode)), keysParam(keys.map((k) => k.nameKey)), keysParam(keys.map((k) => k.controllerKey))],
    )
    for (const r of rows) if (!cases.has(r.id)) index({ ...r, isNew: false, escalated: false }, r)
  }

  const loadClosed = async (keys: readonly SubjectKeys[]): Promise<ClosedMatch[]> =>
    (
      await db.query<ClosedMatch>(
        `SELECT c.id, u.name AS unit, c.status, s.name AS subject, s.credit_code AS "creditCode", s.name_key AS "nameKey", s.controller_key AS "controllerKey"
         FROM cases c JOIN subjects s ON s.id = c.subject_id JOIN units u ON u.id = c.unit_id
         WHERE c.status IN (${CLOSED_SQL}) AND s.id IN (${MATCHING_SUBJECTS(1)})
         ORDER BY c.id DESC`,
        [keysParam(keys.map((k) => k.creditCode)), keysParam(keys.map((k) => k.nameKey)), keysParam(keys.map((k) => k.controllerKey))],
      )
    ).rows

  const unitOf = (keys: SubjectKeys | null) => (keys?.region ? context.childUnits.get(keys.region) : undefined) ?? context.sweepUnitId

  const link = async (batch: readonly PreparedRow[]): Promise<void> => {
    const scoredKeys = batch.flatMap((row) => (row.status === 'scored' && row.keys !== null ? [row.keys] : []))
    if (scoredKeys.length > 0) await loadOpen(scoredKeys)
    const closed = scoredKeys.length > 0 ? await loadClosed(scoredKeys) : []
    const subjects: Record<string, unknown>[] = []
    const newCases: Record<string, unknown>[] = []
    const events: Record<string, unknown>[] = []
    const leads: LeadRow[] = []
    const fresh: CaseState[] = []
    const resurfaced: { state: CaseState; entry: Omit<Resurfacing, 'caseId'> }[] = []
    for (const row of batch) {
      const { keys } = row
      const unitId = unitOf(keys)
      const base = { unit_id: unitId, line: row.line, lead_ref: row.leadRef, row }
      if (row.status === 'rejected' || keys === null) {
        leads.push({ ...base, status: 'rejected', reason: row.reason })
        continue
      }
      const result = { tier: row.tier!, total: row.total!, disposition: row.disposition! }
      const matched: [number | undefined, 'credit-code' | 'name' | 'controller'][] = [
        [keys.creditCode === null ? undefined : byCredit.get(keys.creditCode), 'credit-code'],
        [keys.nameKey === null ? undefined : byName.get(`${unitId}|${keys.nameKey}`), 'name'],
        [keys.controllerKey === null ? undefined : byController.get(`${unitId}|${keys.controllerKey}`), 'controller'],
      ]
      const hit = matched.find(([id]) => id !== undefined)
      if (hit !== undefined) {
        const c = cases.get(hit[0]!)!
        const before = { tier: c.tier, total: c.total, disposition: c.disposition }
        const rise = rankOf(result.tier) - rankOf(c.tier)
        c.tier = result.tier
        c.total = result.total
        c.disposition = result.disposition
        touchedCases.add(c)
        if (!c.isNew) {
          c.escalated = rise > 0
          outcome.linked += 1
          if (rise > 0) outcome.escalations.push({ caseId: c.id, subject: keys.name, from: before.tier, to: result.tier })
        }
        const kind = rise > 0 ? 'escalated' : rise < 0 ? 'de-escalated' : 'rescored'
        // By the case itself, not its id: a case opened earlier in this batch has only a provisional id yet.
        events.push({ case: c, unit_id: c.unitId, kind, before, after: { tier: c.tier, total: c.total, disposition: c.disposition, line: base.line, leadRef: base.lead_ref } })
        leads.push({ ...base, unit_id: c.unitId, status: 'scored', tier: result.tier, total: result.total, case: c, matched_by: hit[1] })
        continue
      }
      const earlier =
        (keys.creditCode !== null ? closed.find((m) => m.creditCode === keys.creditCode) : undefined) ??
        (keys.nameKey !== null ? closed.find((m) => m.nameKey === keys.nameKey) : undefined) ??
        (keys.controllerKey !== null ? closed.find((m) => m.controllerKey === keys.controllerKey) : undefined)
      if (!opensCase(row, earlier !== undefined)) {
        outcome.listedOnly += 1
        leads.push({ ...base, status: 'scored', tier: result.tier, total: result.total })
        continue
      }
      const c: CaseState = { id: -(fresh.length + 1), unitId, tier: result.tier, total: result.total, disposition: result.disposition, isNew: true, escalated: false }
      fresh.push(c)
      const start = isIsoDate(row.reportedAt) ? row.reportedAt : context.sweepDate
      const deadline = row.deadlineDays === null ? null : addDays(start, row.deadlineDays)
      subjects.push({ name: keys.name, name_key: keys.nameKey, credit_code: keys.creditCode, controller: keys.controller, controller_key: keys.controllerKey, places: keys.places, case: c })
      newCases.push({ unit_id: unitId, measures: row.measures, deadline, resurfaced_from: earlier?.id ?? null, case: c })
      const matchedBy = earlier === undefined ? undefined : earlier.creditCode === keys.creditCode && keys.creditCode !== null ? 'credit-code' : earlier.nameKey === keys.nameKey && keys.nameKey !== null ? 'name' : 'controller'
      events.push({
        case: c,
        unit_id: unitId,
        kind: 'opened',
        before: null,
        after: openedAfter({ ...result, measures: row.measures, deadline, line: base.line, leadRef: base.lead_ref, resurfaced: earlier === undefined ? null : { from: earlier.id, matchedBy: matchedBy! } }),
      })
      leads.push({ ...base, status: 'scored', tier: result.tier, total: result.total, case: c, matched_by: 'new', resurfaced_from: earlier?.id ?? null })
      if (earlier !== undefined) {
        const entry = { subject: keys.name, line: base.line, earlierCaseId: earlier.id, earlierUnit: earlier.unit, earlierStatus: earlier.status, earlierSubject: earlier.subject }
        resurfaced.push({ state: c, entry: { ...entry, matchedBy: matchedBy! } })
      }
      index(c, keys)
    }
    // Real ids for the new subjects and cases, then every write of the batch as one statement a table.
    const subjectIds = await nextIds(db, 'subjects', fresh.length)
    const caseIds = await nextIds(db, 'cases', fresh.length)
    fresh.forEach((c, i) => {
      cases.delete(c.id)
      for (const [map, key] of freshKeys.get(c.id) ?? []) if (map.get(key) === c.id) map.set(key, caseIds[i]!)
      c.id = caseIds[i]!
      cases.set(c.id, c)
    })
    freshKeys.clear()
    const idOf = (r: Record<string, unknown>) => {
      const { case: c, ...rest } = r
      return c === undefined ? rest : { ...rest, case_id: (c as CaseState).id }
    }
    for (const r of resurfaced) outcome.resurfacing.push({ caseId: r.state.id, ...r.entry })
    outcome.newCases += fresh.length
    await insertRows(db, 'subjects', subjects.map((s, i) => ({ ...idOf(s), id: subjectIds[i] })), SUBJECT_COLUMNS)
    await insertRows(
      db,
      'cases',
      // The case as it stands after the batch: a subject named again later in the batch rescored it.
      newCases.map((row, i) => {
        const c = row.case as CaseState
        return { ...idOf(row), tier: c.tier, total: c.total, disposition: c.disposition, id: caseIds[i], subject_id: subjectIds[i], first_sweep_id: context.sweepId, last_sweep_id: context.sweepId }
      }),
      CASE_COLUMNS,
    )
    await insertRows(db, 'events', events.map((e) => ({ ...idOf(e), sweep_id: context.sweepId, user_id: context.userId })), EVENT_COLUMNS)
    await insertLeads(db, context.sweepId, leads)
  }

  /**
   * Writes the rescored cases once, after the last batch: a sweep is one change of a case however many of its
   * rows name it (one version, as the event replay counts it), and one UPDATE instead of one a batch. Cases of
   * earlier sweeps get a new version; those this sweep opened keep version 1.
   */
  const finish = async (): Promise<void> => {
    const touched = [...touchedCases]
    touchedCases.clear()
    if (touched.length === 0) return
    await db.query(
      `UPDATE cases c SET tier = x.tier, total = x.total, disposition = x.disposition, escalated = x.escalated,
         last_sweep_id = $2, version = c.version + x.bump, updated_at = now()
       FROM jsonb_to_recordset($1::jsonb) AS x(id bigint, tier text, total int, disposition text, escalated boolean, bump int) WHERE c.id = x.id`,
      [JSON.stringify(touched.map(({ id, tier, total, disposition, escalated, isNew }) => ({ id, tier, total, disposition, escalated, bump: isNew ? 0 : 1 }))), context.sweepId],
    )
  }

  return { link, finish, outcome }
}

const SUBJECT_COLUMNS = 'id bigint, name text, name_key text, credit_code text, controller text, controller_key text, places jsonb'
const CASE_COLUMNS =
  'id bigint, subject_id bigint, unit_id int, tier text, total int, disposition text, measures text, deadline date, resurfaced_from bigint, first_sweep_id int, last_sweep_id int'
const EVENT_COLUMNS = 'case_id bigint, unit_id int, user_id int, sweep_id int, kind text, before jsonb, after jsonb'
const LEAD_COLUMNS =
  'sweep_id int, unit_id int, line int, lead_ref text, status text, tier text, total int, case_id bigint, matched_by text, resurfaced_from bigint, reason text, input jsonb, result jsonb'

/** A lead of the batch to write: its columns, its case once known, and its row (whose JSON bytes are spliced in). */
interface LeadRow {
  readonly unit_id: number
  readonly line: number | null
  readonly lead_ref: string | null
  readonly status: 'scored' | 'rejected'
  readonly tier?: string
  readonly total?: number
  readonly case?: CaseState
  readonly matched_by?: string
  readonly resurfaced_from?: number | null
  readonly reason?: string
  readonly row: PreparedRow
}

/**
 * Inserts a batch's leads in one statement, like {@link insertRows}; the lead and result, serialised and encoded
 * where they were scored (perhaps another thread), are spliced into the parameter's bytes as they are, never
 * decoded, parsed or written again here.
 */
const insertLeads = async (db: Db, sweepId: number, leads: readonly LeadRow[]): Promise<void> => {
  if (leads.length === 0) return
  const parts: Uint8Array[] = []
  leads.forEach(({ row, case: c, ...columns }, i) => {
    const head = JSON.stringify({ sweep_id: sweepId, ...columns, ...(c === undefined ? {} : { case_id: c.id }) })
    parts.push(Buffer.from(`${i === 0 ? '[' : ','}${head.slice(0, -1)},"input":`), row.input, INPUT_END, row.result, ROW_END)
  })
  parts.push(ARRAY_END)
  await insertJson(db, 'leads', new JsonBytes(Buffer.concat(parts)), LEAD_COLUMNS)
}

const INPUT_END = Buffer.from(',"result":')
const ROW_END = Buffer.from('}')
const ARRAY_END = Buffer.from(']')

/** Inserts rows in one statement: the rows travel as one JSON parameter and are typed by `columns`. */
const insertRows = async (db: Db, table: string, rows: readonly Record<string, unknown>[], columns: string): Promise<void> => {
  if (rows.length > 0) await insertJson(db, table, JSON.stringify(rows), columns)
}

/** Inserts the rows of a JSON array (text or UTF-8 bytes) in one statement, typed by `columns`. */
const insertJson = async (db: Db, table: string, json: string | JsonBytes, columns: string): Promise<void> => {
  const names = columns.split(',').map((c) => c.trim().split(' ')[0]!)
  await db.query(`INSERT INTO ${table} (${names.join(', ')}) SELECT ${names.join(', ')} FROM jsonb_to_recordset($1::jsonb) AS x(${columns})`, [json])
}
