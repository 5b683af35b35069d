import type { Scorer } from '../create-scorer'
import type { Reason } from '../result'
import type { RulePack } from '../rule-pack'
import { tierRank } from '../vocabulary'
import type { Tier } from '../vocabulary'
import { completeLead } from './pack-tests'
import type { PackCheckReport, PackViolation } from './pack-properties'

/*
 * A cap (预警封顶) and an escalation (升级预警) above it on one lead: the escalation wins (docs/rules.md §1), so
 * the cap says nothing there. A pack may mean that — a fraud sign or a repayment crisis is never hidden by a
 * cap — but where the pack's own rule examples show it, an analyst who wrote the cap for "leads with no sign
 * of fundraising" wrote a condition that also holds on leads with a crisis: the cap's condition is too wide,
 * or the floor's. So `rules check` lists the first rule example on which a cap and a higher floor both fire.
 * Checked on the examples (leads an analyst wrote and judged), not on generated leads: a random lead with
 * three gatherings and no text is no case anyone has to tier.
 */

const PROPERTY = {
  property: 'coherent:floor-over-cap',
  zh: '规则示例中没有线索同时触发封顶规则和高于封顶等级的升级规则（同时触发时以升级为准，封顶不起作用）',
  en: 'no rule example fires a cap and an escalation above it (where both fire, the escalation wins and the cap does nothing)',
} as const

/** The lowest cap among a result's reasons; undefined when no cap fired. */
const lowestCap = (reasons: readonly Reason[]): Tier | undefined => {
  let lowest: Tier | undefined
  for (const r of reasons) if (r.cap !== undefined && (lowest === undefined || tierRank(r.cap) < tierRank(lowest))) lowest = r.cap
  return lowest
}

/**
 * Scores every rule example of a pack that has a cap and reports the first one on which an escalation above
 * the lowest cap fired too; undefined for a pack without caps (there is nothing to check). Examples that
 * are not valid leads are left to `rules test`, which reports them.
 */
export const checkFloorOverCap = async (pack: RulePack, scorer: Scorer): Promise<{ check: PackCheckReport['checks'][number]; violation?: PackViolation } | undefined> => {
  if (!pack.rules.some((r) => r.event.type === 'cap')) return undefined
  let runs = 0
  for (const rule of pack.rules) {
    for (const [i, example] of (rule.examples ?? []).entries()) {
      runs++
      const lead = completeLead(example.lead, `${rule.id}#${i + 1}`)
      const scored = await scorer.safeScore(lead)
      if (!scored.success) continue
      const after = scored.data
      const cap = lowestCap(after.reasons)
      if (cap === undefined) continue
      const over = after.reasons.filter((r) => r.tier !== undefined && tierRank(r.tier) > tierRank(cap))
      if (over.length === 0) continue
      const caps = after.reasons.filter((r) => r.cap !== undefined)
      return {
        check: { ...PROPERTY, passed: false, runs },
        violation: {
          ...PROPERTY,
          lead: example.lead,
          after,
          involved: [...caps, ...over],
          detail: { zh: `规则 ${rule.id} 的示例 ${i + 1}（${rule.file}）`, en: `example ${i + 1} of rule ${rule.id} (${rule.file})` },
        },
      }
    }
  }
  return { check: { ...PROPERTY, passed: true, runs } }
}
