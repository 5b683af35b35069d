import { ChufeiError } from '@chufei/core'
import type { Db } from './db'

/*
 * The references an import writes (引用完整性), checked once for the whole sweep. On the embedded store the
 * import runs with `session_replication_role = replica`, which turns PostgreSQL's per-row foreign-key triggers
 * off for that transaction only: a trigger is a query per reference per row (four for a lead, three for an
 * event), about a fifth of what an import cost in WebAssembly. The import writes only rows that refer to what
 * the same transaction inserted or read, and this check proves it before the commit with one set-based query
 * per reference — the same guarantee the triggers give, at a fraction of the cost. Every other writer (follow-up,
 * ledger sync, restore) keeps the triggers; so does an import into a PostgreSQL server, where they run natively.
 */

/** Each reference an import writes: the rows of the sweep that hold it, and the table it must name a row of. */
const REFERENCES: readonly { readonly name: string; readonly rows: string; readonly column: string; readonly target: string }[] = [
  { name: 'sweeps.unit_id', rows: 'sweeps WHERE id = $1', column: 'unit_id', target: 'units' },
  { name: 'sweeps.imported_by', rows: 'sweeps WHERE id = $1', column: 'imported_by', target: 'users' },
  { name: 'leads.unit_id', rows: 'leads WHERE sweep_id = $1', column: 'unit_id', target: 'units' },
  { name: 'leads.case_id', rows: 'leads WHERE sweep_id = $1', column: 'case_id', target: 'cases' },
  { name: 'leads.resurfaced_from', rows: 'leads WHERE sweep_id = $1', column: 'resurfaced_from', target: 'cases' },
  { name: 'events.case_id', rows: 'events WHERE sweep_id = $1', column: 'case_id', target: 'cases' },
  { name: 'events.unit_id', rows: 'events WHERE sweep_id = $1', column: 'unit_id', target: 'units' },
  { name: 'events.user_id', rows: 'events WHERE sweep_id = $1', column: 'user_id', target: 'users' },
  { name: 'cases.subject_id', rows: 'cases WHERE first_sweep_id = $1', column: 'subject_id', target: 'subjects' },
  { name: 'cases.unit_id', rows: 'cases WHERE first_sweep_id = $1', column: 'unit_id', target: 'units' },
  { name: 'cases.resurfaced_from', rows: 'cases WHERE first_sweep_id = $1', column: 'resurfaced_from', target: 'cases' },
]

/**
 * Turns the per-row foreign-key triggers off for the rest of this transaction, on the embedded store only
 * (PGlite's user is its superuser; on a server the setting may be refused and the triggers cost little).
 * @returns whether they are off, so that {@link assertImportReferences} must run before the commit
 */
export const deferReferenceChecks = async (tx: Db): Promise<boolean> => {
  if (tx.kind !== 'pglite') return false
  await tx.query('SET LOCAL session_replication_role = replica')
  return true
}

/**
 * Checks every reference the import of `sweepId` wrote, in one statement.
 * @throws {ChufeiError} `INTERNAL` naming the references that point nowhere (the transaction then rolls back)
 */
export const assertImportReferences = async (tx: Db, sweepId: number): Promise<void> => {
  const sql = REFERENCES.map(
    (r) =>
      `SELECT '${r.name}' AS name, count(*)::int AS n FROM (SELECT ${r.column} AS ref FROM ${r.rows}) x
       WHERE x.ref IS NOT NULL AND NOT EXISTS (SELECT 1 FROM ${r.target} t WHERE t.id = x.ref)`,
  ).join('\nUNION ALL\n')
  const broken = (await tx.query<{ name: string; n: number }>(sql, [sweepId])).rows.filter((r) => r.n > 0)
  if (broken.length > 0) {
    throw new ChufeiError('INTERNAL', `导入写入了指向不存在记录的引用（${broken.map((b) => `${b.name} ${b.n} 行`).join('、')}），已全部撤销，未导入任何数据`)
  }
}
