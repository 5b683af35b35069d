#!/usr/bin/env node
/*
 * The csv-parse floor of `npm run bench`: a GB18030 CSV decoded with TextDecoder and split into records by
 * csv-parse, and nothing else — the least any CSV reader built on csv-parse can spend. The CLI's CPU time
 * per output format is compared with this (issue 13's targets: JSONL ≤ 3×, CSV ledger ≤ 4×, XLSX ≤ 8×).
 *
 *   node scripts/bench-csv-floor.mjs <file.csv> [encoding]   → prints { records } as JSON
 */
import { createReadStream } from 'node:fs'
import { parse } from 'csv-parse'

const [file, encoding = 'gb18030'] = process.argv.slice(2)
if (!file) {
  console.error('usage: node scripts/bench-csv-floor.mjs <file.csv> [encoding]')
  process.exit(2)
}
const decoder = new TextDecoder(encoding)
const parser = parse({ relax_column_count: true })
let records = 0
const counted = (async () => {
  for await (const _ of parser) records++
})()
for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 })) {
  if (!parser.write(decoder.decode(chunk, { stream: true }))) await new Promise((r) => parser.once('drain', r))
}
parser.end(decoder.decode())
await counted
console.log(JSON.stringify({ records }))
