import { creditCodeKey, nameKey } from '@chufei/ledger'

/*
 * What identifies a subject across sweeps: 统一社会信用代码, the name as people type it (normalised), and the
 * 实际控制人 — the person behind a firm that moves and comes back under a new name.
 */

/** The identifying facts of one lead's subject, read defensively (the lead is as the sheet gave it). */
export interface SubjectKeys {
  readonly name: string
  readonly nameKey: string | null
  readonly creditCode: string | null
  readonly controller: string | null
  readonly controllerKey: string | null
  readonly region: string | null
  readonly places: Record<string, string>
}

const text = (v: unknown): string | null => (typeof v === 'string' && v.trim() !== '' ? v.trim() : null)

/** The keys of a lead (an object as read from a sheet). */
export const subjectKeys = (lead: unknown): SubjectKeys => {
  const l = (typeof lead === 'object' && lead !== null ? lead : {}) as Record<string, unknown>
  const s = (typeof l.subject === 'object' && l.subject !== null ? l.subject : {}) as Record<string, unknown>
  const r = (typeof l.region === 'object' && l.region !== null ? l.region : {}) as Record<string, unknown>
  const name = text(s.name) ?? ''
  const controller = text(s.controller)
  const places: Record<string, string> = {}
  for (const [key, value] of [['registeredIn', s.registeredIn], ['operatesIn', s.operatesIn], ['region', r.name]] as const) {
    const t = text(value)
    if (t !== null) places[key] = t
  }
  return {
    name,
    nameKey: nameKey(name),
    creditCode: creditCodeKey(text(s.creditCode)),
    controller,
    controllerKey: nameKey(controller),
    region: text(r.name),
    places,
  }
}
