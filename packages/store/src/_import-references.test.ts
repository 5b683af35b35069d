import { readFile } from 'node:fs/promises'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { importSweep } from './import-sweep'
import { openDb, type OpenDb } from './db'
import { assertImportReferences, deferReferenceChecks } from './_import-references'
import { bundledScorer, fixturePath, seedTown, type TestTown } from './_test-store'

// The embedded store's import turns the per-row foreign-key triggers off and checks the sweep's references in
// one query instead: a reference that points nowhere must still be caught, and the import rolled back.
describe('the references of an import on the embedded store', () => {
  let db: OpenDb
  let town: TestTown
  let sweepId: number
  beforeAll(async () => {
    db = await openDb({ dataDir: 'memory://' })
    town = await seedTown(db)
    const bytes = await readFile(fixturePath('sweeps/2024q2.csv'))
    sweepId = (await importSweep(db, town.actors.town, { bytes, fileName: '2024q2.csv', unit: '芮集镇', date: '2024-06-30', scorer: await bundledScorer() })).sweepId
  })
  afterAll(() => db?.close())

  it('finds every reference of a real import in place', async () => {
    await expect(db.transaction((tx) => assertImportReferences(tx, sweepId))).resolves.toBeUndefined()
  })

  it('names a reference that points nowhere, and nothing of the transaction stays', async () => {
    const before = (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM leads')).rows[0]!.n
    const error = await db
      .transaction(async (tx) => {
        expect(await deferReferenceChecks(tx)).toBe(true)
        // With the triggers off PostgreSQL takes a lead of a case that does not exist…
        await tx.query(`INSERT INTO leads (sweep_id, unit_id, status, case_id, result) VALUES ($1, $2, 'scored', 999999, '{}')`, [sweepId, town.townId])
        await tx.query(`INSERT INTO events (case_id, unit_id, sweep_id, kind) VALUES (888888, $2, $1, 'rescored')`, [sweepId, town.townId])
        // …and the check refuses it before the commit.
        await assertImportReferences(tx, sweepId)
      })
      .catch((e: unknown) => e)
    expect(error).toMatchObject({ code: 'INTERNAL', message: expect.stringContaining('leads.case_id 1 行、events.case_id 1 行') })
    expect((await db.query<{ n: number }>('SELECT count(*)::int AS n FROM leads')).rows[0]!.n).toBe(before)
  })

  it('keeps the triggers outside an import: the same row is refused by PostgreSQL itself', async () => {
    const error = await db.query(`INSERT INTO leads (sweep_id, unit_id, status, case_id, result) VALUES ($1, $2, 'scored', 999999, '{}')`, [sweepId, town.townId]).catch((e: unknown) => e)
    expect(String((error as Error).message)).toMatch(/foreign key/)
  })
})
