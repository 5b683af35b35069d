import { describe, expect, it } from 'vitest'
import { renderDefaultRulesDoc } from '../../../scripts/default-rules-tables.mjs'

/*
 * docs/default-rules.md section 六 lists every rule of the bundled pack with its conditions in words. It is
 * generated, and analysts read it instead of the JSON: a pack change that did not regenerate it would leave
 * the page describing rules that no longer score that way.
 */

describe('docs/default-rules.md', () => {
  it('lists the bundled rules as they are (regenerate: npx tsx scripts/default-rules-tables.mts)', async () => {
    const { current, next } = await renderDefaultRulesDoc()
    expect(current === next, 'docs/default-rules.md 六、逐条规则 is out of date: run npx tsx scripts/default-rules-tables.mjs').toBe(true)
  })
})
