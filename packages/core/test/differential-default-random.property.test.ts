import fc from 'fast-check'
import { describe, it } from 'vitest'
import { RUNS, expectSameOutput, leadArb, useDefaultPackEngines } from './_differential'

/*
 * The compiled engine against json-rules-engine on the default pack, over random leads (the fixture leads are
 * in differential-default-fixtures.test.ts). The runs are split over a few properties, each with its own
 * seed, so that no single test comes near the suite's backstop on a loaded machine.
 *
 * 60 leads by default (RUNS / 5): json-rules-engine takes some 9 s of CPU a random lead on this pack, the most
 * of any test in CI, while the leads come from small domains the first few dozen runs already cover and the
 * engines' semantics are tested on 300 random packs (differential.property.test.ts). DIFFERENTIAL_RUNS=1500
 * gives 300 leads here.
 */

const PARTS = 4
const RUNS_PER_PART = Math.ceil(RUNS / 5 / PARTS)

describe('compiled engine ≡ json-rules-engine on the default pack: random leads', () => {
  const engines = useDefaultPackEngines()

  it.each(Array.from({ length: PARTS }, (_, i) => i + 1))(`agrees on random leads, part %i of ${PARTS} (${RUNS_PER_PART} leads)`, async () => {
    await fc.assert(
      fc.asyncProperty(leadArb, async (lead) => expectSameOutput(engines.reference, engines.compiled, [lead])),
      { numRuns: RUNS_PER_PART },
    )
  })
})
