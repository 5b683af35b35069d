import { describe, expect, it } from 'vitest'
import { safeParseRulePack } from '../rule-pack'
import { PACK_JSON, RULES_JSON } from '../../test/_pack'
import { createPackValidator } from './pack-validator'

/* The long-lived validation thread gives what the loader gives, call after call, and starts again after close. */

const good = { 'pack.json': JSON.stringify(PACK_JSON), 'rules.json': JSON.stringify(RULES_JSON) }
const bad = { ...good, 'rules.json': good['rules.json'].replace('"people.total"', '"people.totl"') }

describe('createPackValidator', () => {
  it('validates packs one after another in its worker, as the loader does in this thread', async () => {
    const validator = createPackValidator()
    try {
      const [a, b, c] = await Promise.all([validator.validate(good), validator.validate(bad), validator.validate(good)])
      const here = safeParseRulePack(good)
      expect(a.success && here.success && a.data.hash === here.data.hash).toBe(true)
      expect(c.success).toBe(true)
      expect(b.success).toBe(false)
      if (b.success) return
      expect(b.error.code).toBe('INVALID_RULE_PACK')
      const expected = safeParseRulePack(bad)
      expect(expected.success).toBe(false)
      if (!expected.success) expect(b.error.issues).toEqual(expected.error.issues)
    } finally {
      await validator.close()
    }
  })

  it('starts a new worker after close', async () => {
    const validator = createPackValidator()
    expect((await validator.validate(good)).success).toBe(true)
    await validator.close()
    expect((await validator.validate(good)).success).toBe(true)
    await validator.close()
  })
})
