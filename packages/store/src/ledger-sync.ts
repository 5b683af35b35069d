import { ChufeiError } from '@chufei/core'
import { isIsoDate, unneutraliseFormula } from '@chufei/ledger'
import { parseDate, type Cell } from '@chufei/sheets'
import { z } from 'zod'
import { readableUnitIds, type Actor } from './actor'
import { CASE_STATUSES, CASE_STATUS_EN, type CaseStatus } from './case-status'
import { CASE_SELECT, listCases, type CaseView } from './cases'
import type { Db } from './db'
import { updateCase } from './follow-up'
import { LEDGER_EDITABLE_FIELDS, LEDGER_SYNC_HEADERS, type LedgerEditableField, type LedgerImportRow, type LedgerSyncField } from './ledger-sync-columns'
import { replayCases, type Replay } from './_case-replay'
import { invalidInput } from './_invalid-input'

/*
 * The case ledger out to Excel/WPS and back (台账导出与回填). Staff keep the follow-up in a spreadsheet; the
 * import turns their edits into ordinary follow-up events through `updateCase`, on the version the sheet was
 * exported at. A case changed in the store since then and edited in the sheet too is a conflict: refused and
 * listed with the case as it is now, never written over. Every access check is the store's own.
 */

/** One exported row: a case as of the export date. */
export interface LedgerSyncRow {
  readonly caseId: number
  readonly version: number
  readonly unit: string
  readonly subject: string
  readonly creditCode: string | null
  readonly tier: string
  readonly total: number
  readonly disposition: string
  readonly status: string
  readonly measures: string
  readonly deadline: string | null
  readonly plan: string
  readonly notes: string
}

const PAGE = 10_000

/** Every case the actor can read (of one unit and the units under it, when given), by id. */
const readAll = async (db: Db, actor: Actor, unit: number | string | undefined): Promise<CaseView[]> => {
  const all: CaseView[] = []
  for (let offset = 0; ; offset += PAGE) {
    const page = await listCases(db, actor, { ...(unit === undefined ? {} : { unit }), limit: PAGE, offset })
    all.push(...page)
    if (page.length < PAGE) break
  }
  return all.sort((a, b) => a.id - b.id)
}

const rowOf = (c: CaseView): LedgerSyncRow => ({
  caseId: c.id,
  version: c.version,
  unit: c.unit,
  subject: c.subject.name,
  creditCode: c.subject.creditCode,
  tier: c.tier,
  total: c.total,
  disposition: c.disposition,
  status: c.status,
  measures: c.measures,
  deadline: c.deadline,
  plan: c.plan,
  notes: c.notes,
})

/** The first instant after `date` in the store's clock (UTC). */
const endOf = (date: string): string => new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString()

/**
 * The case ledger of the cases the actor can read — of `unit` (and the units under it) when given — by case
 * id. With `asOf` (YYYY-MM-DD), each case as it stood at the end of that day (UTC), replayed from its events,
 * with the version it had then; cases opened later are left out.
 * @throws {ChufeiError} `USAGE` (bad date), `NOT_FOUND` (a unit outside the actor's)
 */
export const exportCaseLedger = async (db: Db, actor: Actor, options: { unit?: number | string; asOf?: string } = {}): Promise<LedgerSyncRow[]> => {
  if (options.asOf !== undefined && !isIsoDate(options.asOf)) throw new ChufeiError('USAGE', `日期「${options.asOf}」无效：请写成 2024-06-30 的形式`)
  const cases = await readAll(db, actor, options.unit)
  if (options.asOf === undefined) return cases.map(rowOf)
  const until = endOf(options.asOf)
  const replays = await replayCases(db, new Map(cases.map((c) => [c.id, c.version])))
  return cases.flatMap((c) => {
    const then = replays.get(c.id)!.snapshots.filter((s) => s.at < until).at(-1)
    if (then === undefined) return []
    return [{ ...rowOf(c), ...then.state, version: then.version, status: then.state.status }]
  })
}

/** One change an import would make: a field of a case, before → after. */
export interface LedgerChange {
  readonly caseId: number
  readonly subject: string
  /** The sheet line it came from. */
  readonly row: number
  /** The version the sheet was exported at: the expected version of the update. */
  readonly version: number
  readonly field: LedgerEditableField
  readonly before: string | null
  readonly after: string | null
}

/** A case edited in the sheet that changed in the store since the export: refused. */
export interface LedgerConflict {
  readonly caseId: number
  readonly row: number
  readonly exportedVersion: number
  readonly currentVersion: number
  /** The sheet's edits that were refused. */
  readonly edits: readonly { field: LedgerEditableField; after: string | null }[]
  readonly current: CaseView
}

/** A cell that cannot be read or a row that cannot be applied. */
export interface LedgerRowError {
  readonly row: number
  readonly field: LedgerSyncField | null
  /** The column as staff read it (Chinese header). */
  readonly column: string | null
  readonly message: string
  readonly messageEn: string
}

/** What an import would do. Nothing is written until {@link applyLedgerImport}. */
export interface LedgerImportPlan {
  readonly changes: readonly LedgerChange[]
  readonly conflicts: readonly LedgerConflict[]
  readonly errors: readonly LedgerRowError[]
  /** Data rows read. */
  readonly rows: number
}

type Edits = Partial<Record<LedgerEditableField, string | null>>

const STATUS_BY_TEXT: ReadonlyMap<string, CaseStatus> = new Map(
  CASE_STATUSES.flatMap((s) => [[s, s] as const, [CASE_STATUS_EN[s].toLowerCase(), s] as const]),
)

const text = (cell: Cell): string => (cell === null ? '' : cell instanceof Date ? cell.toISOString().slice(0, 10) : typeof cell === 'string' ? unneutraliseFormula(cell) : String(cell))

const wholeNumber = (cell: Cell): number | undefined => {
  const t = typeof cell === 'number' ? cell : typeof cell === 'string' && /^\s*\d{1,15}\s*$/.test(cell) ? Number(cell) : undefined
  return t !== undefined && Number.isSafeInteger(t) && t >= 1 ? t : undefined
}

/** Reads one row's identity and edits; problems go to `errors`. */
const readRow = (row: LedgerImportRow, errors: LedgerRowError[]): { caseId: number; version: number; edits: Edits } | undefined => {
  const fail = (field: LedgerSyncField, message: string, messageEn: string) => {
    errors.push({ row: row.line, field, column: LEDGER_SYNC_HEADERS[field].zh, message: `第 ${row.line} 行“${LEDGER_SYNC_HEADERS[field].zh}”列：${message}`, messageEn: `row ${row.line}, column ${LEDGER_SYNC_HEADERS[field].en}: ${messageEn}` })
  }
  const before = errors.length
  const caseId = wholeNumber(row.cells.caseId ?? null)
  if (caseId === undefined) fail('caseId', `“${text(row.cells.caseId ?? null)}”不是案件编号（应为正整数）`, `"${text(row.cells.caseId ?? null)}" is not a case ID (a positive whole number)`)
  const version = wholeNumber(row.cells.version ?? null)
  if (version === undefined) fail('version', `“${text(row.cells.version ?? null)}”不是版本号（应为正整数，请勿修改此列）`, `"${text(row.cells.version ?? null)}" is not a version (a positive whole number; do not edit this column)`)
  const edits: Edits = {}
  for (const field of LEDGER_EDITABLE_FIELDS) {
    if (!(field in row.cells)) continue
    const cell = row.cells[field] ?? null
    if (field === 'status') {
      const status = STATUS_BY_TEXT.get(text(cell).trim().toLowerCase()) ?? STATUS_BY_TEXT.get(text(cell).trim())
      if (status === undefined) fail('status', `“${text(cell)}”不是有效的状态，应为：${CASE_STATUSES.join('、')}`, `"${text(cell)}" is not a status: use ${CASE_STATUSES.join(', ')}`)
      else edits.status = status
    } else if (field === 'deadline') {
      if (cell === null || (typeof cell === 'string' && cell.trim() === '')) edits.deadline = null
      else {
        const parsed = parseDate(typeof cell === 'string' ? cell.trim() : cell)
        if (parsed.value === undefined) fail('deadline', `“${text(cell)}”不是有效日期（请写成 2024-06-30 的形式）`, `"${text(cell)}" is not a date (write 2024-06-30)`)
        else edits.deadline = parsed.value
      }
    } else edits[field] = text(cell)
  }
  return errors.length > before || caseId === undefined || version === undefined ? undefined : { caseId, version, edits }
}

/** Whether the actor may follow up cases of `unitId` (what `assertCanFollowUp` allows). */
const canFollowUp = (actor: Actor, unitId: number, readable: number[] | null): boolean =>
  actor.role === 'admin' || (actor.role === 'unit' && actor.unitId === unitId) || (actor.role === 'town-admin' && (readable?.includes(unitId) ?? false))

/** The fields whose value in `edits` differs from `state`. */
const differing = (edits: Edits, state: Record<LedgerEditableField, string | null>): LedgerEditableField[] =>
  LEDGER_EDITABLE_FIELDS.filter((f) => f in edits && edits[f] !== (state[f] ?? (f === 'deadline' ? null : '')))

/**
 * Compares an edited ledger with the store and says what importing it would do, writing nothing: every
 * change (case, field, before → after), every conflict (edited in the sheet and changed in the store since
 * the export) and every row that cannot be read or applied (row and column named) — a bad row never hides the
 * others. A row equal to the store is nothing to do, whatever its version.
 */
export const planLedgerImport = async (db: Db, actor: Actor, rows: readonly LedgerImportRow[]): Promise<LedgerImportPlan> => {
  const errors: LedgerRowError[] = []
  const read = rows.flatMap((row) => {
    const r = readRow(row, errors)
    return r === undefined ? [] : [{ ...r, line: row.line }]
  })
  const readable = await readableUnitIds(db, actor)
  const ids = [...new Set(read.map((r) => r.caseId))]
  const { rows: found } =
    ids.length === 0
      ? { rows: [] as CaseView[] }
      : readable === null
        ? await db.query<CaseView>(`${CASE_SELECT} WHERE c.id = ANY($1::bigint[])`, [`{${ids.join(',')}}`])
        : await db.query<CaseView>(`${CASE_SELECT} WHERE c.id = ANY($1::bigint[]) AND c.unit_id = ANY($2::int[])`, [`{${ids.join(',')}}`, `{${readable.join(',')}}`])
  const current = new Map(found.map((c) => [c.id, c]))
  const stale = read.filter((r) => current.has(r.caseId) && current.get(r.caseId)!.version !== r.version)
  const replays: Map<number, Replay> = await replayCases(db, new Map(stale.map((r) => [r.caseId, current.get(r.caseId)!.version])))
  const changes: LedgerChange[] = []
  const conflicts: LedgerConflict[] = []
  const seen = new Map<number, number>()
  const rowError = (line: number, field: LedgerSyncField | null, message: string, messageEn: string) =>
    errors.push({ row: line, field, column: field === null ? null : LEDGER_SYNC_HEADERS[field].zh, message: `第 ${line} 行：${message}`, messageEn: `row ${line}: ${messageEn}` })
  for (const r of read) {
    const now = current.get(r.caseId)
    if (now === undefined) {
      rowError(r.line, 'caseId', `没有编号为 ${r.caseId} 的案件（或不在你的单位范围内）`, `no case ${r.caseId} (or not within your units)`)
      continue
    }
    if (seen.has(r.caseId)) {
      rowError(r.line, 'caseId', `案件 ${r.caseId} 在第 ${seen.get(r.caseId)} 行已出现过，本行未处理`, `case ${r.caseId} is already on row ${seen.get(r.caseId)}; this row is left out`)
      continue
    }
    seen.set(r.caseId, r.line)
    if (r.version > now.version) {
      rowError(r.line, 'version', `案件 ${r.caseId} 的版本 ${r.version} 比案件库中的第 ${now.version} 版还新，不是本案件库导出的台账`, `version ${r.version} of case ${r.caseId} is newer than the store's ${now.version}: not a ledger exported from this store`)
      continue
    }
    const edited = differing(r.edits, now)
    if (edited.length === 0) continue
    if (!canFollowUp(actor, now.unitId, readable)) {
      rowError(r.line, null, `无权修改案件 ${r.caseId}（${now.subject.name}）：你的角色不能更新该案件的处置情况`, `you may not update case ${r.caseId} (${now.subject.name})`)
      continue
    }
    if (r.version === now.version) {
      for (const f of edited) changes.push({ caseId: r.caseId, subject: now.subject.name, row: r.line, version: r.version, field: f, before: now[f], after: r.edits[f] ?? null })
      continue
    }
    // Exported at an older version: an edit made in the sheet meets whatever changed in the store since.
    const replay = replays.get(r.caseId)
    const base = replay?.trusted === true ? replay.snapshots.find((s) => s.version === r.version)?.state : undefined
    const inSheet = base === undefined ? edited : differing(r.edits, base)
    if (inSheet.length === 0) continue
    conflicts.push({ caseId: r.caseId, row: r.line, exportedVersion: r.version, currentVersion: now.version, edits: inSheet.map((f) => ({ field: f, after: r.edits[f] ?? null })), current: now })
  }
  return { changes, conflicts, errors: errors.sort((a, b) => a.row - b.row), rows: rows.length }
}

const PlanSchema = z.object({
  changes: z.array(
    z.object({
      caseId: z.number().int().positive(),
      version: z.number().int().positive(),
      field: z.enum(LEDGER_EDITABLE_FIELDS),
      after: z.string().nullable(),
    }).loose(),
  ),
})

/** What an import wrote, and what it refused. */
export interface LedgerImportOutcome {
  /** Each case updated: one follow-up event each. */
  readonly updated: readonly CaseView[]
  /** Cases that changed between the plan and the write: refused, as at planning. */
  readonly conflicts: readonly { caseId: number; exportedVersion: number; currentVersion: number; current: CaseView }[]
}

/**
 * Writes a plan's changes: one `updateCase` a case, on the version the sheet was exported at, so a case that
 * changed since the plan is refused as a conflict too. The plan's conflicts and errors are never written.
 * @throws {ChufeiError} `USAGE` (not a plan), `FORBIDDEN`/`NOT_FOUND` (as `updateCase`)
 */
export const applyLedgerImport = async (db: Db, actor: Actor, plan: Pick<LedgerImportPlan, 'changes'>): Promise<LedgerImportOutcome> => {
  const parsed = PlanSchema.safeParse(plan)
  if (!parsed.success) throw invalidInput('台账回填计划', parsed.error)
  const byCase = new Map<number, { version: number; fields: Edits }>()
  for (const c of parsed.data.changes) {
    const entry = byCase.get(c.caseId) ?? { version: c.version, fields: {} }
    if (entry.version !== c.version) throw new ChufeiError('USAGE', `台账回填计划有误：案件 ${c.caseId} 有两个版本（${entry.version}、${c.version}）`)
    entry.fields[c.field] = c.after
    byCase.set(c.caseId, entry)
  }
  const updated: CaseView[] = []
  const conflicts: LedgerImportOutcome['conflicts'][number][] = []
  for (const [caseId, { version, fields }] of byCase) {
    try {
      updated.push(await updateCase(db, actor, caseId, { version, ...(fields as Record<string, string | null>) }))
    } catch (e) {
      if (!(e instanceof ChufeiError) || e.code !== 'CONFLICT') throw e
      const current = (e.data as { current: CaseView }).current
      conflicts.push({ caseId, exportedVersion: version, currentVersion: current.version, current })
    }
  }
  return { updated, conflicts }
}
