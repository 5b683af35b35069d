import type { LeadWarning } from '@chufei/core'

/** The lead under construction, as the row converter holds it: the lead, its groups by name, its warnings. */
export interface LeadDraft {
  readonly lead: Record<string, unknown>
  readonly groups: Map<string, Record<string, unknown>>
  readonly warnings: LeadWarning[]
}

/** The draft's group `name` (`subject`, `money`, `text`…), created and attached to the lead on first use. */
export const groupOf = (draft: LeadDraft, name: string): Record<string, unknown> => {
  let group = draft.groups.get(name)
  if (!group) {
    group = {}
    draft.groups.set(name, group)
    draft.lead[name] = group
  }
  return group
}
