import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { OpenDb } from './db'
import { migrate } from './migrations'
import { MATCHING_SUBJECTS } from './_case-linker'
import { TEST_BACKENDS } from './_test-dbs'

/*
 * The linker finds a batch's subjects with a UNION of three index lookups; it replaced one WHERE with the three
 * key lists ORed. A differential test: random subjects (keys shared, missing, repeated) and random batches of
 * keys (some absent, some repeated, some lists empty) give the same subjects both ways.
 */

const OR_REFERENCE = `SELECT id FROM subjects s
  WHERE s.credit_code IN (SELECT jsonb_array_elements_text($1::jsonb)) OR s.name_key IN (SELECT jsonb_array_elements_text($2::jsonb))
     OR s.controller_key IN (SELECT jsonb_array_elements_text($3::jsonb)) ORDER BY id`

/** mulberry32: a seeded generator, so a failure names its seed. */
const rng = (seed: number) => {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

describe.each(TEST_BACKENDS)('the linker lookup on $name', (backend) => {
  let db: OpenDb
  beforeAll(async () => {
    db = await backend.open()
    await migrate(db)
    const r = rng(14)
    const key = (prefix: string, n: number) => (r() < 0.25 ? null : `${prefix}${Math.floor(r() * n)}`)
    const subjects = Array.from({ length: 400 }, (_, i) => ({ name: `主体${i}`, name_key: key('名', 150), credit_code: key('9134', 250), controller_key: key('人', 60) }))
    await db.query(
      `INSERT INTO subjects (name, name_key, credit_code, controller_key) SELECT name, name_key, credit_code, controller_key
       FROM jsonb_to_recordset($1::jsonb) AS x(name text, name_key text, credit_code text, controller_key text)`,
      [JSON.stringify(subjects)],
    )
  })
  afterAll(() => db?.close())

  it.each(Array.from({ length: 12 }, (_, i) => i + 1))('gives the same subjects as the ORed WHERE (seed %i)', async (seed) => {
    const r = rng(seed)
    const keys = (prefix: string, n: number) => JSON.stringify(Array.from({ length: Math.floor(r() * 40) }, () => `${prefix}${Math.floor(r() * n * 1.2)}`))
    const params = [keys('9134', 250), keys('名', 150), keys('人', 60)]
    const union = (await db.query<{ id: number }>(`SELECT id FROM subjects WHERE id IN (${MATCHING_SUBJECTS(1)}) ORDER BY id`, params)).rows
    const reference = (await db.query<{ id: number }>(OR_REFERENCE, params)).rows
    expect(union).toEqual(reference)
  })

  it('finds something for most seeds (the test is not comparing empty lists)', async () => {
    const params = [JSON.stringify(['91341', '91342']), JSON.stringify(['名1', '名2']), JSON.stringify(['人1'])]
    expect((await db.query(`SELECT id FROM subjects WHERE id IN (${MATCHING_SUBJECTS(1)})`, params)).rows.length).toBeGreaterThan(0)
  })
})
