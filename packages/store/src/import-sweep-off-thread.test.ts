import { readFile } from 'node:fs/promises'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { importSweep } from './import-sweep'
import { openDb, type OpenDb } from './db'
import { bundledScorer, fixturePath, seedTown, type TestTown } from './_test-store'

/*
 * A large sheet is read and scored in a worker thread beside the writes (importSweep with a pack). What it
 * stores must be exactly what scoring in the importing thread stores — every lead, case, subject and event,
 * in the same order with the same ids — and a sheet that cannot be read fails the same way. The worker does
 * not touch the database, so PGlite alone is enough here (import-sweep.test.ts runs the import on both).
 */

/**
 * The Q2 sweep 60 times over, each id made unique, and a row without a subject name in each copy (3,840 rows):
 * several batches, subjects seen again and again, rejected rows among them.
 */
const largeSheet = async (): Promise<Uint8Array> => {
  const [header, ...rows] = (await readFile(fixturePath('sweeps/2024q2.csv'), 'utf8')).replace(/\r?\n$/, '').split(/\r?\n/)
  const out = [header]
  for (let copy = 0; copy < 60; copy++) {
    for (const row of rows) out.push(row.replace(/^([^,]*)/, (id) => (id === '' ? id : `${id}-${copy}`)))
    out.push(rows[0]!.replace(/^[^,]*,[^,]*/, `NO-NAME-${copy},`))
  }
  return new TextEncoder().encode(`${out.join('\r\n')}\r\n`)
}

/** Every stored row of the tables an import writes, without the clock's columns. */
const snapshot = async (db: OpenDb) => {
  const table = async (name: string, drop: string[]) =>
    (await db.query<{ row: unknown }>(`SELECT to_jsonb(t) ${drop.map((c) => `- '${c}'`).join(' ')} AS row FROM ${name} t ORDER BY id`)).rows.map((r) => r.row)
  return {
    sweeps: await table('sweeps', ['imported_at']),
    subjects: await table('subjects', ['created_at']),
    cases: await table('cases', ['created_at', 'updated_at']),
    events: await table('events', ['at']),
    leads: await table('leads', []),
  }
}

describe('importSweep in a worker thread', () => {
  const dbs: OpenDb[] = []
  let bytes: Uint8Array
  const fresh = async (): Promise<{ db: OpenDb; town: TestTown }> => {
    const db = await openDb({ dataDir: 'memory://' })
    dbs.push(db)
    return { db, town: await seedTown(db) }
  }
  beforeAll(async () => {
    bytes = await largeSheet()
  })
  afterAll(async () => {
    for (const db of dbs) await db.close()
  })

  it('stores exactly what scoring in this thread stores, and says the same', async () => {
    const scorer = await bundledScorer()
    const inline = await fresh()
    const worker = await fresh()
    const input = { bytes, fileName: 'q2-x60.csv', unit: '芮集镇', date: '2024-06-30' }
    const here = await importSweep(inline.db, inline.town.actors.town, { ...input, scorer })
    const there = await importSweep(worker.db, worker.town.actors.town, { ...input, scorer: { pack: scorer.pack }, offThread: true })
    expect(here.counts).toEqual({ read: 3840, scored: expect.any(Number), rejected: expect.any(Number), skipped: expect.any(Number) })
    expect(here.counts.rejected).toBe(60)
    expect(there).toEqual(here)
    const stored = await snapshot(worker.db)
    expect(stored.leads).toHaveLength(here.counts.scored + here.counts.rejected)
    // Each subject comes back in every copy: its case, opened once, is rescored by each later row.
    expect(stored.events.length).toBeGreaterThan(here.newCases * 10)
    expect(stored).toEqual(await snapshot(inline.db))
  })

  it('given a pack, a large sheet (scored in a worker by default) gives the outcome it gives in this thread', async () => {
    const scorer = await bundledScorer()
    const a = await fresh()
    const b = await fresh()
    const input = { bytes, fileName: 'q2-x60.csv', unit: '芮集镇', date: '2024-06-30' }
    const auto = await importSweep(a.db, a.town.actors.town, { ...input, scorer: { pack: scorer.pack } })
    const here = await importSweep(b.db, b.town.actors.town, { ...input, scorer: { pack: scorer.pack }, offThread: false })
    expect(auto).toEqual(here)
  })

  it('fails on a sheet it cannot read as this thread does, naming the file, and stores nothing', async () => {
    const scorer = await bundledScorer()
    const { db, town } = await fresh()
    const broken = { bytes: new TextEncoder().encode('这不是一个 Excel 文件'), fileName: '坏表.xlsx', unit: '芮集镇', date: '2024-06-30' }
    const here = await importSweep(db, town.actors.town, { ...broken, scorer }).catch((e: unknown) => e)
    const there = await importSweep(db, town.actors.town, { ...broken, scorer: { pack: scorer.pack }, offThread: true }).catch((e: unknown) => e)
    expect(here).toMatchObject({ code: 'UNREADABLE_INPUT', message: expect.stringContaining('坏表.xlsx') })
    expect(there).toMatchObject({ code: (here as { code: string }).code, message: (here as Error).message })
    expect((await db.query<{ n: number }>('SELECT count(*)::int AS n FROM sweeps')).rows[0]!.n).toBe(0)
  })
})
