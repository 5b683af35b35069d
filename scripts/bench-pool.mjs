#!/usr/bin/env node
/*
 * Part of `npm run bench`: the same sheet as the CLI figure, read with @chufei/sheets and scored by a
 * worker pool (createScorerPool) into a JSONL file — what the CLI can do once it uses the pool.
 *
 *   node scripts/bench-pool.mjs <sheet> <rules-dir> <out.jsonl> <threads>   → prints { rows } as JSON
 */
import { createWriteStream } from 'node:fs'
import { once } from 'node:events'
import { createScorerPool } from '@chufei/core/node'
import { readSheet } from '@chufei/sheets'

const [file, rules, out, threads = '2'] = process.argv.slice(2)
if (!file || !rules || !out) {
  console.error('usage: node scripts/bench-pool.mjs <sheet> <rules-dir> <out.jsonl> [threads]')
  process.exit(2)
}
const pool = await createScorerPool(rules, { threads: Number(threads) })
if (pool.reason) console.error(pool.reason)
let rows = 0
async function* items() {
  for await (const event of readSheet(file)) {
    if (event.kind !== 'lead') continue
    rows++
    yield { lead: event.lead, line: event.line, warnings: event.warnings }
  }
}
const stream = createWriteStream(out)
for await (const chunk of pool.scoreStreamJsonl(items())) if (!stream.write(chunk)) await once(stream, 'drain')
stream.end()
await once(stream, 'finish')
await pool.close()
console.log(JSON.stringify({ rows, mode: pool.mode, threads: pool.threads }))
