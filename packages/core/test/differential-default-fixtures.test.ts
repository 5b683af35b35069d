import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { ROOT, expectSameOutput, useDefaultPackEngines } from './_differential'

/*
 * The compiled engine against json-rules-engine (the reference) on the default pack, over every fixture lead.
 * The leads are compared in groups, each its own test, so a disagreement names its group. (Until round 14 the
 * reference took seconds a rich lead on this pack and the groups kept each test below the suite's backstop.)
 * Random leads on the default pack are in differential-default-random.property.test.ts.
 */

const LEADS_FILE = join(ROOT, 'fixtures/leads/leads.json')
const GROUP = 10

// Read when the file is collected, so the groups are known; no skip when the fixture is missing — reading fails.
const fixtures: unknown[] = JSON.parse(readFileSync(LEADS_FILE, 'utf8'))
const groups = Array.from({ length: Math.ceil(fixtures.length / GROUP) }, (_, g) => ({
  name: `${g * GROUP + 1}–${Math.min(fixtures.length, (g + 1) * GROUP)}`,
  leads: fixtures.slice(g * GROUP, (g + 1) * GROUP),
}))

describe('compiled engine ≡ json-rules-engine on the default pack: fixture leads', () => {
  const engines = useDefaultPackEngines()

  it('compiles the whole default pack, with nothing left to the reference engine', () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(50)
    expect(engines.compiled.engineInfo.fallback).toEqual([])
  })

  it.each(groups)('agrees on fixture leads $name', async ({ leads }) => {
    await expectSameOutput(engines.reference, engines.compiled, leads)
  })
})
