import type { Lang } from '../i18n'
import { dispositionName, tierName } from '../labels'

/*
 * Words for the store's values the staff pages show: statuses (the store keeps them in Chinese), how a lead was
 * matched to its case, and the kinds of history events.
 */

const STATUS_EN: Record<string, string> = {
  待核查: 'To verify',
  处置中: 'In hand',
  已移送公安: 'Transferred to police',
  已化解: 'Resolved',
  已销号: 'Closed',
}

/** A follow-up status in the reader's language. */
export const statusName = (status: string, lang: Lang): string => (lang === 'zh' ? status : (STATUS_EN[status] ?? status))

const MATCHED: Record<string, { zh: string; en: string }> = {
  'credit-code': { zh: '统一社会信用代码', en: 'Credit code' },
  name: { zh: '主体名称', en: 'Name' },
  controller: { zh: '实际控制人', en: 'Controller' },
  new: { zh: '新立案', en: 'New case' },
}

/** How a lead was linked to its case. */
export const matchedByName = (matchedBy: string | null, lang: Lang): string => (matchedBy === null ? '—' : (MATCHED[matchedBy]?.[lang] ?? matchedBy))

const EVENTS: Record<string, { zh: string; en: string }> = {
  opened: { zh: '立案', en: 'Opened' },
  rescored: { zh: '重新评分', en: 'Rescored' },
  escalated: { zh: '升级', en: 'Escalated' },
  'de-escalated': { zh: '降级', en: 'De-escalated' },
  updated: { zh: '跟进处置', en: 'Follow-up' },
}

/** The kind of a history event; a case opened by a user rather than an import (`after.byHand`) says so. */
export const eventKindName = (kind: string, lang: Lang, after: Record<string, unknown> | null = null): string =>
  kind === 'opened' && after?.['byHand'] === true ? (lang === 'zh' ? '人工立案' : 'Opened by hand') : (EVENTS[kind]?.[lang] ?? kind)

const FIELDS: Record<string, { zh: string; en: string }> = {
  status: { zh: '状态', en: 'Status' },
  measures: { zh: '处置措施', en: 'Measures' },
  deadline: { zh: '整改时限', en: 'Deadline' },
  plan: { zh: '一事一策', en: 'Plan' },
  notes: { zh: '备注', en: 'Notes' },
  tier: { zh: '预警等级', en: 'Tier' },
  total: { zh: '综合得分', en: 'Total' },
  disposition: { zh: '处置建议', en: 'Disposition' },
}

/** A changed field's name. */
export const fieldName = (field: string, lang: Lang): string => FIELDS[field]?.[lang] ?? field

/** `a → b` for each field an event changed (fields only in `after` show as set). */
export const describeChange = (before: Record<string, unknown> | null, after: Record<string, unknown> | null, lang: Lang): string[] => {
  if (after === null) return []
  const show = (k: string, v: unknown) => {
    if (v === null || v === undefined || v === '') return '—'
    if (typeof v !== 'string') return JSON.stringify(v)
    return k === 'tier' ? tierName(v, lang) : k === 'disposition' ? dispositionName(v, lang) : statusName(v, lang)
  }
  return Object.keys(after)
    .filter((k) => k in FIELDS && JSON.stringify(before?.[k]) !== JSON.stringify(after[k]))
    .map((k) => `${fieldName(k, lang)}：${before === null || !(k in before) ? '' : `${show(k, before[k])} → `}${show(k, after[k])}`)
}
