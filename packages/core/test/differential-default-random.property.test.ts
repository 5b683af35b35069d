import fc from 'fast-check'
import { describe, it } from 'vitest'
import { RUNS, expectSameOutput, leadArb, useDefaultPackEngines } from './_differential'

/*
 * The compiled engine against json-rules-engine on the default pack, over random leads (the fixture leads are
 * in differential-default-fixtures.test.ts), split over a few properties, each with its own seed.
 *
 * 300 leads by default (RUNS). Until round 14 json-rules-engine took some 9 s of CPU a random lead on this pack,
 * so only 60 ran; with shared conditions evaluated once a lead (reference-engine.ts) it takes milliseconds.
 * DIFFERENTIAL_RUNS=2000 gives 2,000 leads here.
 */

const PARTS = 4
const RUNS_PER_PART = Math.ceil(RUNS / PARTS)

describe('compiled engine ≡ json-rules-engine on the default pack: random leads', () => {
  const engines = useDefaultPackEngines()

  it.each(Array.from({ length: PARTS }, (_, i) => i + 1))(`agrees on random leads, part %i of ${PARTS} (${RUNS_PER_PART} leads)`, async () => {
    await fc.assert(
      fc.asyncProperty(leadArb, async (lead) => expectSameOutput(engines.reference, engines.compiled, [lead])),
      { numRuns: RUNS_PER_PART },
    )
  })
})
