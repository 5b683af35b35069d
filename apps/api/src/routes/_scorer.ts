import type { Scorer } from '@chufei/core'
import { apiFailure } from '../errors'
import type { RulePackHolder } from '../rule-pack-holder'

/** The scorer to use for this whole request, or 503 when no valid pack has loaded yet. */
export const currentScorer = (rules: RulePackHolder): Scorer => {
  const scorer = rules.current()
  if (!scorer) {
    throw apiFailure({
      code: 'NOT_READY',
      message: '规则包尚未加载成功，暂不能评分',
      messageEn: 'No valid rule pack is loaded yet',
    })
  }
  return scorer
}

/** name, version and hash of the pack a scorer serves (as results carry it). */
export const packRef = (scorer: Scorer) => ({
  name: scorer.pack.name,
  version: scorer.pack.version,
  hash: scorer.pack.hash,
})
