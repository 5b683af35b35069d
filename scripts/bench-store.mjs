/*
 * The store part of `npm run bench` (`--only store`; docs/performance.md), issue 14's targets:
 *
 *   1. `chufei import <sheet> --unit --date` of a generated sweep against `chufei score <sheet> --out x.jsonl` of
 *      the same sheet, side by side, alternating, median wall and CPU seconds: import ≤ 2× score;
 *   2. a store of 1,000,000 leads over 20 sweeps (a town with 20 villages), then the daily lists through the
 *      store functions the API calls: a village's open cases, its overdue list, the town's overdue list, the
 *      town's open cases by unit — median of many runs each: ≤ 50 ms.
 *
 * The large store is written straight in SQL (generating it through `importSweep` would take an hour), into a
 * PGlite folder under the temp directory keyed by STORE_VERSION and the lead count, reused (and migrated) by later runs:
 * delete the folder (its path is printed) or bump STORE_VERSION when the schema or the shape below changes.
 */
import { cpSync, existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/** Bump when the generated store's shape or the schema it is written against changes. */
export const STORE_VERSION = 2
export const SWEEPS = 20
export const VILLAGES = 20
/** The date the lists are read as of: a month after the last sweep. */
export const AS_OF = '2025-01-31'

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b)
  return s.length % 2 === 1 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2
}
const quantile = (xs, q) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))]

/**
 * Import against score, side by side: `rounds` rounds, each a score to JSONL then an import into a fresh copy
 * of a migrated store holding only the town. `measure(script, args, env)` is bench.mjs's child runner.
 */
export const measureImport = async ({ measure, bin, rules, sheet, dir, rounds, log }) => {
  const template = join(dir, 'store-template')
  await measure(bin, ['unit', 'add', '双桥镇'], { CHUFEI_DATA: template, DATABASE_URL: '' })
  const runs = { score: [], import: [] }
  for (let r = 0; r < rounds; r++) {
    log(`store: round ${r + 1}/${rounds}: chufei score → JSONL…`)
    runs.score.push(await measure(bin, ['score', sheet, '--rules', rules, '--out', join(dir, 'scored.jsonl'), '--quiet']))
    const data = join(dir, `store-${r}`)
    cpSync(template, data, { recursive: true })
    log(`store: round ${r + 1}/${rounds}: chufei import…`)
    const imported = await measure(bin, ['import', sheet, '--rules', rules, '--unit', '双桥镇', '--date', '2024-03-31', '--json'], { CHUFEI_DATA: data, DATABASE_URL: '' })
    const outcome = JSON.parse(imported.stdout)
    runs.import.push({ ...imported, read: outcome.counts.read, newCases: outcome.newCases })
    rmSync(data, { recursive: true, force: true })
  }
  const pick = (list, key) => median(list.map((m) => m[key]))
  const score = { seconds: pick(runs.score, 'seconds'), cpuSeconds: pick(runs.score, 'cpuSeconds'), rssKb: pick(runs.score, 'rssKb') }
  const imp = { seconds: pick(runs.import, 'seconds'), cpuSeconds: pick(runs.import, 'cpuSeconds'), rssKb: pick(runs.import, 'rssKb') }
  return {
    rounds,
    rows: runs.import[0].read,
    newCases: runs.import[0].newCases,
    score,
    import: imp,
    ratio: imp.seconds / score.seconds,
    cpuRatio: imp.cpuSeconds / score.cpuSeconds,
    all: { score: runs.score.map((m) => m.seconds), import: runs.import.map((m) => m.seconds) },
  }
}

/** Runs `sql` with a progress line. */
const step = async (db, log, what, sql, params) => {
  const t = process.hrtime.bigint()
  await db.query(sql, params)
  log(`store: ${what} (${(Number(process.hrtime.bigint() - t) / 1e9).toFixed(1)} s)`)
}

/*
 * The generated town: subject j (0-based) is in sweep k (1-based) when shift·(k-1) ≤ j < shift·(k-1) + perSweep,
 * shift = perSweep / 10: each sweep keeps 90 % of the previous one's subjects and adds 10 % new ones, so a
 * subject is seen in up to ten sweeps, in one of the 20 villages (5 % stay with the town). Tiers as the default
 * pack gives them on the generated sweeps (about 82 % none). As the import does since round 8, a subject opens a
 * case (id = subject id = j + 1) only when its lead is a key lead or asks for more than monitoring — here every
 * tier but none; a none-tier subject's leads stay on the sweep (总量风险清单) with no case and no event.
 * A case whose subject left the sweeps is closed; one still swept is in hand or closed by a hash of its id;
 * deadlines follow the tier from the case's first sweep, sometimes extended — so the lists hold cases from
 * every year, as a town's do.
 */
const generate = async (db, store, { leads, log }) => {
  const perSweep = leads / SWEEPS
  const shift = perSweep / 10
  const subjects = shift * (SWEEPS - 1) + perSweep
  await store.migrate(db)
  await db.query(`INSERT INTO units (id, name, kind) VALUES (1, '双桥镇', 'town')`)
  await db.query(`INSERT INTO units (id, name, kind, parent_id) SELECT 1 + v, '第' || v || '村', 'village', 1 FROM generate_series(1, $1) v`, [VILLAGES])
  await db.query(`SELECT setval(pg_get_serial_sequence('units', 'id'), (SELECT max(id) FROM units))`)
  await db.query(
    `INSERT INTO sweeps (id, unit_id, sweep_date, file_name, file_sha256, pack_name, pack_version, pack_hash, rows_read, rows_scored, rows_rejected, rows_skipped)
     SELECT k, 1, (DATE '2020-03-31' + make_interval(months => 3 * (k - 1)))::date, 'sweep-' || k || '.csv', md5('bench-' || k), 'default', '2024.2.0', 'sha256:bench', $1, $1, 0, 0
     FROM generate_series(1, $2) k`,
    [perSweep, SWEEPS],
  )
  await db.query(`SELECT setval(pg_get_serial_sequence('sweeps', 'id'), $1)`, [SWEEPS])
  const h = (salt) => `(abs(hashint4(j * 31 + ${salt})) % 1000)`
  await step(db, log, `${subjects.toLocaleString('en-US')} subjects`,
    `INSERT INTO subjects (id, name, name_key, credit_code, controller, controller_key, places)
     SELECT j + 1, '主体' || j || '号', '主体' || j || '号', '91340422' || lpad(j::text, 10, '0'), '控制人' || (j % 50000), '控制人' || (j % 50000),
       jsonb_build_object('region', '第' || (1 + j % $2) || '村')
     FROM generate_series(0, $1 - 1) j`,
    [subjects, VILLAGES],
  )
  // Each subject's tier, unit, first and last sweep, computed once; the cases are the subjects with a tier.
  await step(db, log, 'subject facts',
    `CREATE TABLE bench_subjects AS
     SELECT j, CASE WHEN ${h(1)} < 50 THEN 1 ELSE 2 + j % $4 END AS unit_id, tier,
       CASE tier WHEN 'red' THEN 90 WHEN 'orange' THEN 75 WHEN 'yellow' THEN 55 WHEN 'blue' THEN 35 ELSE ${h(2)} % 20 END AS total,
       CASE WHEN tier = 'none' THEN 'monitor' ELSE 'verify' END AS disposition, f, l
     FROM (SELECT j, greatest(1, floor((j - $2)::numeric / $5)::int + 2) AS f, least($3, floor(j::numeric / $5)::int + 1) AS l,
             CASE WHEN ${h(0)} < 820 THEN 'none' WHEN ${h(0)} < 950 THEN 'blue' WHEN ${h(0)} < 985 THEN 'yellow' WHEN ${h(0)} < 996 THEN 'orange' ELSE 'red' END AS tier
           FROM generate_series(0, $1 - 1) j) x`,
    [subjects, perSweep, SWEEPS, VILLAGES, shift],
  )
  await db.query('CREATE UNIQUE INDEX ON bench_subjects (j)')
  await step(db, log, 'cases of the key subjects',
    `INSERT INTO cases (id, subject_id, unit_id, tier, total, disposition, measures, deadline, status, escalated, first_sweep_id, last_sweep_id, version)
     SELECT j + 1, j + 1, unit_id, tier, total, disposition, '纳入日常监测',
       (SELECT sweep_date FROM sweeps WHERE id = f) + CASE tier WHEN 'red' THEN 3 WHEN 'orange' THEN 7 WHEN 'yellow' THEN 15 ELSE 30 END + (${h(3)} % 4) * 30,
       CASE WHEN l < $1 THEN (CASE WHEN ${h(4)} < 750 THEN '已化解' WHEN ${h(4)} < 950 THEN '已销号' ELSE '已移送公安' END)
            ELSE (CASE WHEN ${h(4)} < 400 THEN '待核查' WHEN ${h(4)} < 850 THEN '处置中' WHEN ${h(4)} < 950 THEN '已化解' ELSE '已移送公安' END) END,
       ${h(5)} < 50, f, l, l - f + 1
     FROM bench_subjects WHERE tier <> 'none'`,
    [SWEEPS],
  )
  for (const table of ['subjects', 'cases']) await db.query(`SELECT setval(pg_get_serial_sequence('${table}', 'id'), (SELECT max(id) FROM ${table}))`)
  for (let k = 1; k <= SWEEPS; k++) {
    await db.transaction(async (tx) => {
      const params = [k, shift * (k - 1), perSweep]
      await tx.query(
        `INSERT INTO leads (sweep_id, unit_id, line, lead_ref, status, tier, total, case_id, matched_by, input, result)
         SELECT $1::int, b.unit_id, j - $2 + 2, 'SQ-' || lpad((j - $2 + 1)::text, 7, '0'), 'scored', b.tier, b.total, c.id,
           CASE WHEN c.id IS NULL THEN NULL WHEN c.first_sweep_id = $1::int THEN 'new' ELSE 'credit-code' END,
           jsonb_build_object('id', 'SQ-' || lpad((j - $2 + 1)::text, 7, '0'), 'subject', jsonb_build_object('name', s.name, 'creditCode', s.credit_code, 'controller', s.controller), 'region', jsonb_build_object('name', s.places->>'region'), 'text', jsonb_build_object('description', '经排查，未发现非法集资行为。')),
           jsonb_build_object('id', 'SQ-' || lpad((j - $2 + 1)::text, 7, '0'), 'status', 'scored', 'line', j - $2 + 2, 'total', b.total, 'tier', b.tier, 'disposition', b.disposition, 'reasons', '[]'::jsonb, 'assignment', jsonb_build_object('measures', '纳入日常监测'))
         FROM generate_series($2::int, $2::int + $3::int - 1) j JOIN bench_subjects b USING (j) JOIN subjects s ON s.id = j + 1 LEFT JOIN cases c ON c.id = j + 1`,
        params,
      )
      await tx.query(
        `INSERT INTO events (case_id, unit_id, sweep_id, at, kind, before, after)
         SELECT c.id, c.unit_id, $1::int, (SELECT sweep_date FROM sweeps WHERE id = $1::int)::timestamptz, CASE WHEN c.first_sweep_id = $1::int THEN 'opened' ELSE 'rescored' END,
           CASE WHEN c.first_sweep_id = $1::int THEN NULL ELSE jsonb_build_object('tier', c.tier, 'total', c.total) END, jsonb_build_object('tier', c.tier, 'total', c.total, 'line', j - $2 + 2)
         FROM generate_series($2::int, $2::int + $3::int - 1) j JOIN cases c ON c.id = j + 1`,
        params,
      )
    })
    log(`store: sweep ${k}/${SWEEPS} written`)
  }
  await db.query('DROP TABLE bench_subjects')
  await step(db, log, 'ANALYZE', 'ANALYZE')
}

/**
 * Opens (building it the first time, minutes) the store of `leads` leads in the temp folder and reports its
 * size. `store` is @chufei/store's built module.
 */
export const openBenchStore = async ({ store, leads, log }) => {
  const data = join(tmpdir(), `chufei-bench-store-v${STORE_VERSION}-${leads}`)
  const done = join(data, '..', `${data.split('/').pop()}.complete`)
  let built = false
  if (!existsSync(done)) {
    rmSync(data, { recursive: true, force: true })
    mkdirSync(data, { recursive: true })
    log(`store: building ${leads.toLocaleString('en-US')} leads over ${SWEEPS} sweeps in ${data} (minutes; reused by later runs)…`)
    const t = process.hrtime.bigint()
    const db = await store.openDb({ dataDir: data })
    await generate(db, store, { leads, log })
    await db.close()
    writeFileSync(done, `${Number(process.hrtime.bigint() - t) / 1e9}\n`)
    built = true
  } else log(`store: reusing ${data} (delete it to rebuild)`)
  const db = await store.openDb({ dataDir: data })
  await store.migrate(db)
  const count = async (table) => (await db.query(`SELECT count(*)::int AS n FROM ${table}`)).rows[0].n
  return { db, data, built, leads: await count('leads'), cases: await count('cases'), sweeps: await count('sweeps') }
}

/**
 * The lists timed, as the API calls them (a village user, the town office), each with whether the ≤ 50 ms target
 * applies: the API answers a page (500 by default), so the pages are what staff wait for; the town's whole overdue
 * list is what `chufei overdue` writes to a file, timed for the record.
 */
export const storeQueries = (store) => {
  const village = { userId: null, role: 'unit', unitId: 5 }
  const town = { userId: null, role: 'town-admin', unitId: 1 }
  return {
    "a village's open cases (page of 500)": { target: true, run: (db) => store.listCases(db, village, { open: true, limit: 500 }) },
    "a village's overdue list (page of 500)": { target: true, run: (db) => store.overdueCases(db, village, { asOf: AS_OF, limit: 500 }) },
    "the town's open cases (page of 500)": { target: true, run: (db) => store.listCases(db, town, { open: true, limit: 500 }) },
    "the town's overdue list (page of 500)": { target: true, run: (db) => store.overdueCases(db, town, { asOf: AS_OF, limit: 500 }) },
    'open cases by unit (town)': { target: true, run: (db) => store.openCasesByUnit(db, town, { asOf: AS_OF }) },
    "the town's overdue list (all: the CLI's file)": { target: false, run: (db) => store.overdueCases(db, town, { asOf: AS_OF }) },
  }
}

/**
 * Times each query `runs` times, round-robin after a warm-up: median and p90 wall time, median CPU time (PGlite
 * runs in this process, so its CPU time is the query's — the steadier figure on a shared machine), and rows.
 */
export const timeStoreQueries = async ({ db, queries, runs }) => {
  const times = Object.fromEntries(Object.keys(queries).map((k) => [k, { wall: [], cpu: [] }]))
  const rows = {}
  for (const [name, q] of Object.entries(queries)) for (let i = 0; i < 3; i++) rows[name] = (await q.run(db)).length
  for (let r = 0; r < runs; r++) {
    for (const [name, q] of Object.entries(queries)) {
      const cpu = process.cpuUsage()
      const t = process.hrtime.bigint()
      await q.run(db)
      times[name].wall.push(Number(process.hrtime.bigint() - t) / 1e6)
      const used = process.cpuUsage(cpu)
      times[name].cpu.push((used.user + used.system) / 1e3)
    }
  }
  return Object.fromEntries(
    Object.entries(times).map(([name, { wall, cpu }]) => [name, { median: median(wall), p90: quantile(wall, 0.9), cpuMedian: median(cpu), rows: rows[name], target: queries[name].target }]),
  )
}
