#!/usr/bin/env node
/*
 * The floor of `npm run bench`: read a sheet with @chufei/sheets and do nothing else (no scoring, no
 * output), so the CLI's end-to-end time can be compared with the time reading alone takes.
 *
 *   node scripts/bench-parse-only.mjs <sheet>   → prints { rows, leads, rejected, skipped } as JSON
 */
import { readSheet } from '@chufei/sheets'

const file = process.argv[2]
if (!file) {
  console.error('usage: node scripts/bench-parse-only.mjs <sheet>')
  process.exit(2)
}
const counts = { rows: 0, leads: 0, rejected: 0, skipped: 0 }
for await (const event of readSheet(file)) {
  if (event.kind === 'lead') counts.leads++
  else if (event.kind === 'rejected') counts.rejected++
  else if (event.kind === 'skipped') counts.skipped++
  else continue
  counts.rows++
}
console.log(JSON.stringify(counts))
