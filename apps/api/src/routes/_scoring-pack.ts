import type { RulePack, RulePackFiles } from '@chufei/core'
import type { StoreContext } from './_store'

/*
 * The pack that scored a stored sweep, when the server has it: the pack being served if its hash is the sweep's,
 * else a published version with that hash — validated off the request thread (as a publish is) under a turn of
 * the parse gate, and kept by hash (a hash names one content, so the copy is safe to share between requests and
 * apps). A few are kept: explanations and backtests read the last sweeps, scored by one or two packs.
 */

const MAX_KEPT = 4
const kept = new Map<string, RulePack>()

const keep = (pack: RulePack): RulePack => {
  kept.delete(pack.hash)
  kept.set(pack.hash, pack)
  for (const hash of kept.keys()) if (kept.size > MAX_KEPT) kept.delete(hash)
  return pack
}

/**
 * The pack with `hash`; `files` reads the published files with that hash (null when it was never published).
 * Undefined when the server has no such pack — or a stored version no longer validates under this release.
 */
export const scoringPack = async (s: StoreContext, hash: string, files: () => Promise<Readonly<RulePackFiles> | null>): Promise<RulePack | undefined> => {
  const served = s.rules.current()?.pack
  if (served !== undefined && served.hash === hash) return served
  const cached = kept.get(hash)
  if (cached !== undefined) return keep(cached)
  const published = await files()
  if (published === null) return undefined
  const leave = await s.gate.enter()
  try {
    const validated = await s.validatePack({ ...published })
    return validated.success && validated.data.hash === hash ? keep(validated.data) : undefined
  } finally {
    leave()
  }
}
