import { describe, expect, it } from 'vitest'
import { ENTRIES, SCORER_ENTRY_BUDGET, measureEntry } from '../../../scripts/entry-weight.mjs'

/*
 * Entries by weight (入口体积): a web page that scores downloads the scorer and the pack parser, not the
 * analyst's property checker (fast-check) nor json-rules-engine until a rule needs it. Bytes from esbuild,
 * deterministic on any machine; the figures are in docs/performance.md.
 */

describe('entry weight', () => {
  it('createScorer + parseRulePack bundle for the browser within the budget, gzip', async () => {
    const scorer = await measureEntry(ENTRIES.scorer)
    expect(scorer.static.gzip).toBeLessThanOrEqual(SCORER_ENTRY_BUDGET)
    expect(scorer.static.packages).toEqual(expect.arrayContaining(['@chufei/core', 're2js', 'zod']))
  })

  it('the main entry reaches neither fast-check nor json-rules-engine statically', async () => {
    const main = await measureEntry(ENTRIES.main)
    expect(main.static.packages).not.toContain('fast-check')
    expect(main.static.packages).not.toContain('json-rules-engine')
    // The reference engine is still there, in a chunk loaded when used.
    expect(main.lazy.packages).toContain('json-rules-engine')
  })

  it('the analyst subpath carries fast-check', async () => {
    const analyst = await measureEntry(ENTRIES.analyst)
    expect(analyst.static.packages).toContain('fast-check')
  })
})
