#!/usr/bin/env node
/*
 * `npm run bench` — chufei's benchmark, in one run (see docs/performance.md for method and figures):
 *
 *   1. in-process scoring with the default pack (rules/), full reasons: json-rules-engine (reference)
 *      and the compiled engine, leads/s and the ratio;
 *   2. a 1M-row GB18030 CSV through the CLI to a JSONL, a CSV and an XLSX ledger: rows/s, CPU seconds and
 *      peak RSS, each against the csv-parse floor (TextDecoder + csv-parse, nothing else; targets JSONL ≤ 3×,
 *      CSV ≤ 4×, XLSX ≤ 8× its CPU), with the parse-only figure of @chufei/sheets beside it; and the same
 *      on the first --flat-rows rows (default 100,000), so that peak RSS can be checked flat (≤ 300 MB,
 *      the full run within 15 % of the small one);
 *   3. a 200k-row XLSX through the CLI: seconds and peak RSS;
 *   4. the HTTP API (apps/api) scoring single leads on loopback: requests/s and p50/p99 latency;
 *   5. the case store (scripts/bench-store.mjs): `chufei import` of a --store-rows sheet against `chufei score` of
 *      it to JSONL, side by side (medians of --store-rounds, default 3; target ≤ 2×), and the daily lists over a
 *      store of --store-leads leads (default 1,000,000) in 20 sweeps, median of --store-runs (default 25;
 *      target ≤ 50 ms). The large store is built once (minutes) in the temp folder and reused.
 *
 *   0. entry weight (createScorer + parseRulePack bundled for the browser, gzip) and cold start of the
 *      CLI: `chufei --version` and scoring a one-row sheet;
 *
 * Options: --rows N (CSV rows, default 1000000) --csv-runs N (each leg of the CSV part N times, round-robin; medians;
 * default 1) --xlsx-rows N (default 200000) --seconds S (API load,
 * default 10) --connections C (default 32) --skip-build --keep (keep the generated files)
 * --only entries,engines,csv,xlsx,api,store (run only those parts; default all)
 * --formats jsonl,csv,xlsx (the ledger formats of the CSV part; default all three)
 * --store-rows N (default 100000) --store-rounds R (default 3) --store-leads N (default 1000000) --store-runs N (default 25) --api-client wrk|node (the API load
 * generator; default wrk when installed, else a raw-socket Node client) --json.
 * Generated files go to a temporary folder, removed afterwards unless --keep.
 */
import { execFile, execFileSync, spawn } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { connect, createServer } from 'node:net'
import { availableParallelism, cpus, tmpdir, totalmem } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { promisify } from 'node:util'
import { createSweep, writeSweep } from './generate-sweep.mjs'

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..')
const args = process.argv.slice(2)
const opt = (name, fallback) => {
  const i = args.indexOf(`--${name}`)
  return i >= 0 ? args[i + 1] : fallback
}
const flag = (name) => args.includes(`--${name}`)
const CSV_ROWS = Number(opt('rows', 1_000_000))
const FLAT_ROWS = Math.min(CSV_ROWS, Number(opt('flat-rows', 100_000)))
/** Runs of each leg of the CSV part; its figures are medians. */
const CSV_RUNS = Math.max(1, Number(opt('csv-runs', 1)))
const ALL_LEDGER_FORMATS = ['jsonl', 'csv', 'xlsx']
/** --formats jsonl,csv: the ledger formats the CSV part runs (default all three; the XLSX leg is the slow one). */
const LEDGER_FORMATS = opt('formats', ALL_LEDGER_FORMATS.join(',')).split(',').map((f) => f.trim()).filter(Boolean)
for (const f of LEDGER_FORMATS) if (!ALL_LEDGER_FORMATS.includes(f)) throw new Error(`--formats: unknown format "${f}" (choose from ${ALL_LEDGER_FORMATS.join(', ')})`)
/** Issue 13's CPU targets: each ledger format's CPU time ≤ this many times the csv-parse floor's. */
const FLOOR_TARGET = { jsonl: 3, csv: 4, xlsx: 8 }
const XLSX_ROWS = Number(opt('xlsx-rows', 200_000))
const API_SECONDS = Number(opt('seconds', 10))
const CONNECTIONS = Number(opt('connections', 32))
const SEED = 7
const PARTS = ['entries', 'engines', 'csv', 'xlsx', 'api', 'store']
const STORE_ROWS = Number(opt('store-rows', 100_000))
const STORE_ROUNDS = Number(opt('store-rounds', 3))
const STORE_LEADS = Number(opt('store-leads', 1_000_000))
const STORE_RUNS = Number(opt('store-runs', 25))
const ONLY = opt('only', PARTS.join(',')).split(',').map((p) => p.trim()).filter(Boolean)
for (const p of ONLY) if (!PARTS.includes(p)) throw new Error(`--only: unknown part "${p}" (choose from ${PARTS.join(', ')})`)
const want = (part) => ONLY.includes(part)
const RULES = join(ROOT, 'rules')

const log = (...a) => console.error('·', ...a)
const fmt = (n) => Math.round(n).toLocaleString('en-US')
const mb = (kb) => `${Math.round(kb / 1024)} MB`

if (!flag('skip-build')) {
  log('building (npm run build)…')
  execFileSync('npm', ['run', 'build', '--silent'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] })
}
const core = await import(pathToFileURL(join(ROOT, 'packages/core/dist/index.js')).href)
const coreNode = await import(pathToFileURL(join(ROOT, 'packages/core/dist/node/index.js')).href)

const dir = mkdtempSync(join(tmpdir(), 'chufei-bench-'))
const rssProbe = join(dir, 'max-rss.cjs')
// Preloaded into each child: writes the process's peak RSS (KB; worker threads included) and CPU seconds
// (user + system, all threads) on exit. CPU time is the steadier figure on a machine shared with other work.
writeFileSync(rssProbe, "process.on('exit', () => { const u = process.resourceUsage(); require('node:fs').writeFileSync(process.env.CHUFEI_BENCH_RSS, JSON.stringify({ maxRss: u.maxRSS, cpu: (u.userCPUTime + u.systemCPUTime) / 1e6 })) })\n")

/** Runs a node script in a child; resolves with wall seconds, CPU seconds, peak RSS (KB) and stdout. */
const measure = (script, scriptArgs, env = {}) =>
  new Promise((resolve, reject) => {
    const rssFile = join(dir, `rss-${Math.random().toString(36).slice(2)}`)
    const started = process.hrtime.bigint()
    const child = spawn(process.execPath, ['--require', rssProbe, script, ...scriptArgs], {
      cwd: ROOT,
      env: { ...process.env, ...env, CHUFEI_BENCH_RSS: rssFile },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d) => (stdout += d))
    child.stderr.on('data', (d) => (stderr += d))
    child.on('error', reject)
    child.on('close', (code) => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9
      if (code !== 0) return reject(new Error(`${script} exited with ${code}: ${stderr.slice(-2000)}`))
      const probe = existsSync(rssFile) ? JSON.parse(readFileSync(rssFile, 'utf8')) : { maxRss: NaN, cpu: NaN }
      resolve({ seconds, cpuSeconds: probe.cpu, rssKb: probe.maxRss, stdout })
    })
  })

const results = { machine: { cpus: availableParallelism(), model: cpus()[0]?.model, memoryGb: Math.round(totalmem() / 2 ** 30), node: process.version } }

// ---- 0. entry weight and cold start (bytes from esbuild; CPU of the built bin) ------------------------
if (want('entries')) {
  const { ENTRIES, SCORER_ENTRY_BUDGET, measureEntry } = await import('./entry-weight.mjs')
  const scorer = await measureEntry(ENTRIES.scorer)
  const oneRow = join(dir, 'one-row.csv')
  writeFileSync(oneRow, readFileSync(join(ROOT, 'fixtures/sheets/sweep-2024q1.csv'), 'utf8').split('\n').slice(0, 2).join('\n') + '\n')
  const bin = join(ROOT, 'apps/cli/bin/chufei.mjs')
  const best = async (args) => {
    const runs = []
    for (let i = 0; i < 3; i++) runs.push(await measure(bin, args))
    return runs.reduce((a, b) => (b.seconds < a.seconds ? b : a))
  }
  results.entries = { scorer, budget: SCORER_ENTRY_BUDGET, version: await best(['--version']), oneRow: await best(['score', oneRow, '--quiet']) }
}

// ---- 1. engines in-process -------------------------------------------------------------------------
if (want('engines')) {
  const pack = await coreNode.loadRulePack(RULES)
  const sweep = createSweep(SEED)
  const N = 200_000
  const leads = Array.from({ length: N }, (_, i) => sweep.lead(i))
  const reference = core.createScorer(pack, { engine: 'reference' })
  const compiled = core.createScorer(pack)
  const rate = async (fn, count, rounds) => {
    let best = 0
    for (let r = 0; r < rounds; r++) {
      const t = process.hrtime.bigint()
      await fn(count)
      best = Math.max(best, count / (Number(process.hrtime.bigint() - t) / 1e9))
    }
    return best
  }
  log(`engines: ${pack.rules.length} rules, ${N.toLocaleString()} generated leads…`)
  // json-rules-engine is slow enough that a few thousand leads (after a warm-up) give a stable figure.
  for (let i = 0; i < 300; i++) await reference.score(leads[N - 1 - i])
  const referenceRate = await rate(async (n) => { for (let i = 0; i < n; i++) await reference.score(leads[i]) }, 2_000, 1)
  const compiledSync = await rate((n) => { for (let i = 0; i < n; i++) compiled.scoreSync(leads[i]) }, N, 3)
  const compiledAsync = await rate(async (n) => { for (let i = 0; i < n; i++) await compiled.score(leads[i]) }, N, 3)
  const sample = await compiled.score(leads[0])
  results.engines = { rules: pack.rules.length, fullReasons: Array.isArray(sample.reasons), reference: referenceRate, compiledSync, compiledAsync, ratio: compiledSync / referenceRate }
}

// ---- 2. 1M-row GB18030 CSV ---------------------------------------------------------------------------
/** The median of each figure over runs (wall, CPU and peak RSS taken apart: one run's RSS is as noisy as its time). */
const medianRun = (runs) => {
  const med = (key) => {
    const v = runs.map((r) => r[key]).sort((a, b) => a - b)
    return v.length % 2 ? v[(v.length - 1) / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2
  }
  return { seconds: med('seconds'), cpuSeconds: med('cpuSeconds'), rssKb: med('rssKb'), runs: runs.length }
}

/**
 * One sweep size: the csv-parse floor, the sheets parse-only figure, and the CLI to each ledger format. With
 * --csv-runs N every leg runs N times, round-robin (floor, parse, each format, then again), so that load
 * that comes and goes falls on all of them alike; each figure is the median of its N runs.
 */
const measureCsv = async (rows, file) => {
  await writeSweep({ rows, format: 'csv-gb18030', out: file, seed: SEED })
  const run = { rows, bytes: statSync(file).size }
  const legs = { floor: [], parse: [], ...Object.fromEntries(LEDGER_FORMATS.map((f) => [f, []])) }
  for (let round = 1; round <= CSV_RUNS; round++) {
    const of = CSV_RUNS > 1 ? ` (${round}/${CSV_RUNS})` : ''
    log(`${fmt(rows)} rows: csv-parse floor${of}…`)
    const floor = await measure(join(ROOT, 'scripts/bench-csv-floor.mjs'), [file])
    if (JSON.parse(floor.stdout).records !== rows + 1) throw new Error(`the csv-parse floor read ${JSON.parse(floor.stdout).records} records, expected ${rows + 1}`)
    legs.floor.push(floor)
    log(`${fmt(rows)} rows: parse only (@chufei/sheets)${of}…`)
    const parse = await measure(join(ROOT, 'scripts/bench-parse-only.mjs'), [file])
    if (JSON.parse(parse.stdout).rows !== rows) throw new Error(`parse-only read ${JSON.parse(parse.stdout).rows} rows, expected ${rows}`)
    legs.parse.push(parse)
    for (const format of LEDGER_FORMATS) {
      log(`${fmt(rows)} rows: CLI score → ${format}${of}…`)
      const out = join(dir, `ledger.${format}`)
      const cli = await measure(join(ROOT, 'apps/cli/bin/chufei.mjs'), ['score', file, '--rules', RULES, '--format', format, '--out', out, '--quiet'])
      if (format !== 'xlsx') {
        const lines = Number(execFileSync('wc', ['-l', out]).toString().trim().split(/\s+/)[0])
        const expected = format === 'csv' ? rows + 1 : rows
        if (lines < expected) throw new Error(`the CLI wrote ${lines} ${format} lines, expected at least ${expected}`)
      }
      legs[format].push(cli)
      rmSync(out)
    }
  }
  run.floor = medianRun(legs.floor)
  run.parse = medianRun(legs.parse)
  for (const format of LEDGER_FORMATS) run[format] = { ...medianRun(legs[format]), ratioToFloor: medianRun(legs[format]).cpuSeconds / run.floor.cpuSeconds }
  return run
}

const csv = join(dir, 'sweep-gb18030.csv')
if (want('csv')) {
  log(`generating and measuring a ${fmt(CSV_ROWS)}-row GB18030 CSV…`)
  results.csv = await measureCsv(CSV_ROWS, csv)
  if (FLAT_ROWS < CSV_ROWS) results.csv.small = await measureCsv(FLAT_ROWS, join(dir, 'sweep-small.csv'))
}

// ---- 5. the case store ---------------------------------------------------------------------------------
if (want('store')) {
  const bench = await import('./bench-store.mjs')
  const sheet = join(dir, 'store-sweep.csv')
  log(`store: generating a ${fmt(STORE_ROWS)}-row GB18030 CSV…`)
  await writeSweep({ rows: STORE_ROWS, format: 'csv-gb18030', out: sheet, seed: SEED })
  const bin = join(ROOT, 'apps/cli/bin/chufei.mjs')
  results.store = { import: await bench.measureImport({ measure, bin, rules: RULES, sheet, dir, rounds: STORE_ROUNDS, log }) }
  const store = await import(pathToFileURL(join(ROOT, 'packages/store/dist/index.js')).href)
  const opened = await bench.openBenchStore({ store, leads: STORE_LEADS, log })
  log(`store: timing the lists (${STORE_RUNS} runs each)…`)
  results.store.lists = { data: opened.data, built: opened.built, leads: opened.leads, cases: opened.cases, sweeps: opened.sweeps, asOf: bench.AS_OF, runs: STORE_RUNS }
  results.store.lists.queries = await bench.timeStoreQueries({ db: opened.db, queries: bench.storeQueries(store), runs: STORE_RUNS })
  await opened.db.close()
}

// ---- 3. 200k-row XLSX --------------------------------------------------------------------------------
if (want('xlsx')) {
  const xlsx = join(dir, 'sweep.xlsx')
  log(`generating ${XLSX_ROWS.toLocaleString()}-row XLSX…`)
  await writeSweep({ rows: XLSX_ROWS, format: 'xlsx', out: xlsx, seed: SEED })
  results.xlsx = { rows: XLSX_ROWS, bytes: statSync(xlsx).size }
  const parse = await measure(join(ROOT, 'scripts/bench-parse-only.mjs'), [xlsx])
  if (JSON.parse(parse.stdout).rows !== XLSX_ROWS + 1) throw new Error(`parse-only read ${JSON.parse(parse.stdout).rows} XLSX rows, expected ${XLSX_ROWS} and the footer`)
  results.xlsx.parse = { seconds: parse.seconds, cpuSeconds: parse.cpuSeconds, rssKb: parse.rssKb }
  log('CLI score XLSX → JSONL…')
  const out = join(dir, 'ledger-xlsx.jsonl')
  const cli = await measure(join(ROOT, 'apps/cli/bin/chufei.mjs'), ['score', xlsx, '--rules', RULES, '--format', 'jsonl', '--out', out, '--quiet'])
  const lines = Number(execFileSync('wc', ['-l', out]).toString().trim().split(/\s+/)[0])
  if (lines !== XLSX_ROWS) throw new Error(`the CLI wrote ${lines} results for the XLSX, expected ${XLSX_ROWS}`)
  results.xlsx.cli = { seconds: cli.seconds, cpuSeconds: cli.cpuSeconds, rssKb: cli.rssKb }
}

// ---- 4. HTTP API on loopback --------------------------------------------------------------------------
// The load generator shares the 2 cores with the server, so it must be lean: `wrk` (C, one thread) when
// it is installed, else a small HTTP/1.1 client on raw sockets (node:http's client needed about 3× its
// CPU per request: 64 µs against 19 µs). Either way, closed loop: each connection sends its next request when the
// previous answer is complete. The CPU time of the generator and of the server is measured and printed.
const freePort = () =>
  new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address()
      s.close(() => resolve(port))
    })
  })

/** CPU seconds (user + system) a process has used, from /proc (Linux); NaN elsewhere. */
const cpuSecondsOf = (pid, children = false) => {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ')
    // utime, stime (fields 14, 15) or, for waited-for children, cutime, cstime (16, 17); clock ticks of 1/100 s
    return children ? (Number(fields[13]) + Number(fields[14])) / 100 : (Number(fields[11]) + Number(fields[12])) / 100
  } catch {
    return NaN
  }
}

const hasWrk = () => {
  try {
    execFileSync('wrk', ['--version'], { stdio: 'ignore' })
    return true
  } catch (error) {
    return error.code !== 'ENOENT' // wrk --version exits 1 but exists
  }
}

/** The lean client: raw keep-alive sockets, one request in flight per connection. */
const loadWithSockets = (port, bodies, seconds, connections) =>
  new Promise((resolve) => {
    const requests = bodies.map((b) => Buffer.from(`POST /v1/score HTTP/1.1\r\nhost: 127.0.0.1:${port}\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(b)}\r\n\r\n${b}`))
    const latencies = []
    const cpu = process.cpuUsage()
    const started = performance.now()
    const deadline = started + seconds * 1000
    let errors = 0
    let next = 0
    let open = connections
    for (let i = 0; i < connections; i++) {
      let sentAt = 0
      let buffer = Buffer.alloc(0)
      const socket = connect(port, '127.0.0.1')
      socket.setNoDelay(true)
      const send = () => {
        sentAt = performance.now()
        socket.write(requests[next++ % requests.length])
      }
      socket.on('connect', send)
      socket.on('data', (chunk) => {
        buffer = buffer.length === 0 ? chunk : Buffer.concat([buffer, chunk])
        const end = buffer.indexOf('\r\n\r\n')
        if (end < 0) return
        const head = buffer.toString('latin1', 0, end)
        const length = /\r\ncontent-length: *(\d+)/i.exec(head)
        if (!length) {
          errors++ // the API answers /v1/score with a Content-Length; anything else is a failure
          socket.destroy()
          return
        }
        if (buffer.length < end + 4 + Number(length[1])) return
        const now = performance.now()
        latencies.push(now - sentAt)
        if (!head.startsWith('HTTP/1.1 200')) errors++
        buffer = buffer.subarray(end + 4 + Number(length[1]))
        if (now < deadline) send()
        else socket.end()
      })
      socket.on('error', () => errors++)
      socket.on('close', () => {
        if (--open > 0) return
        const elapsed = (performance.now() - started) / 1000
        const used = process.cpuUsage(cpu)
        resolve({ latencies, errors, elapsed, clientCpuSeconds: (used.user + used.system) / 1e6 })
      })
    }
  })

/** wrk, one thread, the same bodies in turn (a Lua script), latency percentiles from its histogram. */
const loadWithWrk = async (port, bodiesFile, seconds, connections) => {
  const script = join(dir, 'wrk-score.lua')
  writeFileSync(
    script,
    `local requests, i = {}, 0
init = function(args)
  for line in io.lines(args[1]) do
    requests[#requests + 1] = wrk.format('POST', '/v1/score', { ['Content-Type'] = 'application/json' }, line)
  end
end
request = function()
  i = i % #requests + 1
  return requests[i]
end
done = function(s, latency)
  local e = s.errors
  io.write(string.format('WRK {"requests":%d,"errors":%d,"seconds":%f,"p50":%f,"p99":%f,"max":%f}\\n', s.requests,
    e.connect + e.read + e.write + e.status + e.timeout, s.duration / 1e6,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
end
`,
  )
  // The shell waits for wrk and then reads its own /proc entry, whose children's CPU time is wrk's.
  // Asynchronous: this process must keep draining the server's log pipe meanwhile.
  const { stdout: out } = await execFileAsync('sh', ['-c', 'wrk "$@" && cat /proc/$$/stat', 'sh', '-t1', `-c${connections}`, `-d${seconds}s`, '--timeout', '10s', '-s', script, `http://127.0.0.1:${port}`, '--', bodiesFile])
  const summary = JSON.parse(/^WRK (.*)$/m.exec(out)[1])
  const stat = out.slice(out.lastIndexOf(') ') + 2).split(' ')
  return { ...summary, clientCpuSeconds: (Number(stat[13]) + Number(stat[14])) / 100 }
}

const execFileAsync = promisify(execFile)
const API_CLIENT = opt('api-client', undefined) ?? (hasWrk() ? 'wrk' : 'node')
if (!['wrk', 'node'].includes(API_CLIENT)) throw new Error(`--api-client: "${API_CLIENT}" (choose wrk or node)`)

if (!want('api')) {
  // not asked for (--only)
} else if (existsSync(join(ROOT, 'apps/api/bin/chufei-api.mjs')) && existsSync(join(ROOT, 'apps/api/dist/bin.js'))) {
  log(`API: ${API_SECONDS} s of POST /v1/score, ${CONNECTIONS} keep-alive connections, load from ${API_CLIENT === 'wrk' ? 'wrk' : 'a raw-socket Node client'}…`)
  const port = await freePort()
  const server = spawn(process.execPath, [join(ROOT, 'apps/api/bin/chufei-api.mjs')], {
    cwd: ROOT,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', CHUFEI_RULES: RULES, CHUFEI_RATE_LIMIT: '0', CHUFEI_WATCH: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  try {
    await new Promise((resolve, reject) => {
      let seen = ''
      const onData = (d) => {
        seen = (seen + d).slice(-4000)
        if (!seen.includes('listening')) return
        // From now on the request log (one line per request) is drained, not kept.
        server.stdout.off('data', onData)
        server.stderr.off('data', onData)
        server.stdout.resume()
        server.stderr.resume()
        resolve()
      }
      server.stdout.on('data', onData)
      server.stderr.on('data', onData)
      server.on('exit', (code) => reject(new Error(`API exited with ${code}: ${seen.slice(-1000)}`)))
      setTimeout(() => reject(new Error(`API did not start: ${seen.slice(-1000)}`)), 20_000)
    })
    const sweep = createSweep(SEED + 1)
    const bodies = Array.from({ length: 2_000 }, (_, i) => JSON.stringify(sweep.lead(i)))
    const bodiesFile = join(dir, 'api-bodies.jsonl')
    writeFileSync(bodiesFile, `${bodies.join('\n')}\n`)
    const load = (seconds) => (API_CLIENT === 'wrk' ? loadWithWrk(port, bodiesFile, seconds, CONNECTIONS) : loadWithSockets(port, bodies, seconds, CONNECTIONS))
    await load(2) // warm-up
    const serverCpu = cpuSecondsOf(server.pid)
    const run = await load(API_SECONDS)
    const serverCpuSeconds = cpuSecondsOf(server.pid) - serverCpu
    let figures
    if (run.latencies) {
      const sorted = Float64Array.from(run.latencies).sort()
      const q = (p) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? NaN
      figures = { requests: sorted.length, errors: run.errors, seconds: run.elapsed, p50: q(0.5), p99: q(0.99), max: sorted.at(-1) }
    } else figures = run
    results.api = {
      client: API_CLIENT,
      connections: CONNECTIONS,
      ...figures,
      rps: figures.requests / figures.seconds,
      // cores busy on average during the run: how much of the machine each side took
      clientCores: run.clientCpuSeconds / figures.seconds,
      serverCores: serverCpuSeconds / figures.seconds,
    }
  } finally {
    server.kill('SIGTERM')
  }
} else results.api = { skipped: 'apps/api is not built' }

if (!flag('keep')) rmSync(dir, { recursive: true, force: true })
else log(`files kept in ${dir}`)

// ---- report -------------------------------------------------------------------------------------------
const e = results.engines
const c = results.csv
const x = results.xlsx
const en = results.entries
const a = results.api
const check = (ok) => (ok ? '✓' : '✗')
const lines = [`\nchufei benchmark — ${results.machine.cpus} cores (${results.machine.model}), ${results.machine.memoryGb} GB, Node ${results.machine.node}`]
if (en) lines.push(`
Entries and cold start (best of 3; CPU = user + system):
  createScorer + parseRulePack for the browser  ${(en.scorer.static.gzip / 1024).toFixed(1)} KiB gzip (+ ${(en.scorer.lazy.gzip / 1024).toFixed(1)} KiB loaded on use)   ${check(en.scorer.static.gzip <= en.budget)} target ≤ ${en.budget / 1024} KiB
  chufei --version                ${en.version.seconds.toFixed(2).padStart(8)} s  CPU ${en.version.cpuSeconds.toFixed(2)} s  peak RSS ${mb(en.version.rssKb)}   ${check(en.version.seconds <= 0.3)} target ≤ 0.3 s
  chufei score (one-row CSV)      ${en.oneRow.seconds.toFixed(2).padStart(8)} s  CPU ${en.oneRow.cpuSeconds.toFixed(2)} s  peak RSS ${mb(en.oneRow.rssKb)}   ${check(en.oneRow.seconds <= 0.6)} target ≤ 0.6 s`)
if (e) lines.push(`
In-process scoring, default pack (${e.rules} rules), full reasons, one core:
  reference (json-rules-engine)   ${fmt(e.reference).padStart(10)} leads/s
  compiled, score()  (async)      ${fmt(e.compiledAsync).padStart(10)} leads/s
  compiled, scoreSync()           ${fmt(e.compiledSync).padStart(10)} leads/s   ${check(e.compiledSync >= 250_000)} target ≥ 250,000
  ratio compiled / reference      ${e.ratio.toFixed(0).padStart(10)} ×        ${check(e.ratio >= 60)} target ≥ 60×`)
if (c) {
  const row = (label, m, target) =>
    `  ${label.padEnd(30)}${m.seconds.toFixed(1).padStart(8)} s  CPU ${m.cpuSeconds.toFixed(1).padStart(6)} s  peak RSS ${mb(m.rssKb).padStart(7)}` +
    (target === undefined ? '' : `   ${check(m.ratioToFloor <= target)} ${m.ratioToFloor.toFixed(2)}× floor CPU (target ≤ ${target}×)  ${check(m.rssKb <= 300 * 1024)} RSS ≤ 300 MB`)
  const block = (run) => [
    `${fmt(run.rows)}-row GB18030 CSV (${Math.round(run.bytes / 2 ** 20)} MiB)${run.floor.runs > 1 ? `, medians of ${run.floor.runs} runs` : ''}:`,
    row('csv-parse floor', run.floor),
    row('parse only (@chufei/sheets)', run.parse) + `   ${(run.parse.cpuSeconds / run.floor.cpuSeconds).toFixed(2)}× floor CPU`,
    ...LEDGER_FORMATS.map((f) => row(`CLI chufei score → ${f}`, run[f], FLOOR_TARGET[f])),
  ]
  lines.push('', ...block(c))
  if (c.small) {
    lines.push('', ...block(c.small), '', `Peak RSS flat (${fmt(c.rows)} rows within 15 % of ${fmt(c.small.rows)}):`)
    for (const f of LEDGER_FORMATS) {
      const growth = c[f].rssKb / c.small[f].rssKb - 1
      lines.push(`  ${f.padEnd(6)} ${mb(c.small[f].rssKb).padStart(7)} → ${mb(c[f].rssKb).padStart(7)}  ${(growth * 100).toFixed(0).padStart(4)} %   ${check(growth <= 0.15)}`)
    }
  }
}
if (x) lines.push(`
${fmt(x.rows)}-row XLSX (${Math.round(x.bytes / 2 ** 20)} MiB) → JSONL ledger:
  parse only (floor)              ${x.parse.seconds.toFixed(1).padStart(8)} s  ${fmt(x.rows / x.parse.seconds).padStart(9)} rows/s  CPU ${x.parse.cpuSeconds.toFixed(1)} s  peak RSS ${mb(x.parse.rssKb)}
  CLI  chufei score               ${x.cli.seconds.toFixed(1).padStart(8)} s  ${fmt(x.rows / x.cli.seconds).padStart(9)} rows/s  CPU ${x.cli.cpuSeconds.toFixed(1)} s  peak RSS ${mb(x.cli.rssKb)}   ${check(x.cli.seconds <= 15)} ≤ 15 s  ${check(x.cli.rssKb <= 500 * 1024)} RSS ≤ 500 MB`)
if (a) lines.push(a.skipped ? `\nAPI: skipped (${a.skipped})` : `
API POST /v1/score, single leads, ${a.connections} keep-alive connections, ${a.seconds.toFixed(0)} s, load from ${a.client === 'wrk' ? 'wrk -t1' : 'the raw-socket Node client'} on the same machine:
  ${fmt(a.rps).padStart(10)} req/s   p50 ${a.p50.toFixed(2)} ms   p99 ${a.p99.toFixed(2)} ms   max ${a.max.toFixed(1)} ms   errors ${a.errors}   ${check(a.rps >= 5000)} ≥ 5,000 req/s  ${check(a.p99 <= 20)} p99 ≤ 20 ms
  CPU: server ${a.serverCores.toFixed(2)} cores, load generator ${a.clientCores.toFixed(2)} cores (of ${results.machine.cpus})`)
const st = results.store
if (st) {
  const i = st.import
  lines.push(`
Case store, ${fmt(i.rows)}-row GB18030 CSV, median of ${i.rounds} rounds side by side (${fmt(i.newCases)} new cases):
  chufei score → JSONL            ${i.score.seconds.toFixed(1).padStart(8)} s  CPU ${i.score.cpuSeconds.toFixed(1).padStart(6)} s  peak RSS ${mb(i.score.rssKb).padStart(7)}
  chufei import (PGlite)          ${i.import.seconds.toFixed(1).padStart(8)} s  CPU ${i.import.cpuSeconds.toFixed(1).padStart(6)} s  peak RSS ${mb(i.import.rssKb).padStart(7)}
  ratio import / score            ${i.ratio.toFixed(2).padStart(8)} ×  CPU ${i.cpuRatio.toFixed(2)} ×   ${check(i.ratio <= 2)} target ≤ 2×`)
  const l = st.lists
  lines.push(`
Daily lists over ${fmt(l.leads)} leads in ${l.sweeps} sweeps (${fmt(l.cases)} cases; PGlite in ${l.data}), as of ${l.asOf}, ${l.runs} runs each:`)
  for (const [name, q] of Object.entries(l.queries)) {
    lines.push(`  ${name.padEnd(38)}${q.median.toFixed(1).padStart(8)} ms median  p90 ${q.p90.toFixed(1).padStart(6)} ms  CPU ${q.cpuMedian.toFixed(1).padStart(6)} ms  ${fmt(q.rows).padStart(6)} rows   ${q.target ? `${check(q.median <= 50)} ≤ 50 ms` : '(no target)'}`)
  }
}
console.log(lines.join('\n') + '\n')
if (flag('json')) console.log(JSON.stringify(results, null, 2))
