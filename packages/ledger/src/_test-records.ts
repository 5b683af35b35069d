import type { Tier } from '@chufei/core'
import { emptyRecord, type LedgerRecord } from './record'

/** A scored record with sensible defaults, for tests. */
export const scored = (over: Partial<LedgerRecord> & { id: string; tier?: Tier }): LedgerRecord => ({
  ...emptyRecord(),
  kind: 'scored',
  name: `主体${over.id}`,
  total: over.tier === 'red' ? 80 : over.tier === 'orange' ? 60 : over.tier === 'yellow' ? 40 : over.tier === 'blue' ? 20 : 5,
  tier: 'none',
  scores: { scale: 10, exposure: 10, attention: 10, stability: 10 },
  disposition: 'monitor',
  status: 'monitor',
  rulePack: 'default@1.0.0 (aaaaaaaaaaaa)',
  ...over,
})
