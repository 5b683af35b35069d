#!/usr/bin/env node
// Regenerates fixtures/sheets/golden/<file>.jsonl from every sheet in fixtures/sheets with the bundled rules/.
// Run from anywhere:  npm run golden -w @chufei/cli
// (that is: node --conditions=source --import tsx apps/cli/scripts/update-golden.mjs — it runs the TypeScript sources).
// Review the diff before committing: a golden change is a change in what the ledger says about real leads.
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { relative } from 'node:path'
import { GOLDEN_DIR, REPO_ROOT, goldenPath, listSheetFixtures, scoreFixture } from '../src/_golden.ts'

const fixtures = await listSheetFixtures()
if (fixtures.length === 0) {
  console.error('fixtures/sheets 中没有排查表 / no sheet fixtures found')
  process.exit(1)
}
await mkdir(GOLDEN_DIR, { recursive: true })
let changed = 0
for (const fixture of fixtures) {
  const text = await scoreFixture(fixture)
  const path = goldenPath(fixture)
  const before = await readFile(path, 'utf8').catch(() => null)
  if (before !== text) {
    await writeFile(path, text)
    changed += 1
  }
  const rows = text.split('\n').filter(Boolean).length
  console.log(`${before === text ? '  ' : '✎ '}${relative(REPO_ROOT, path)}  (${rows} rows)`)
}
console.log(`${fixtures.length} fixtures, ${changed} golden file(s) updated`)
