import { factLabel, formatFactValue } from '../format-value'
import type { Lang } from '../format-value'

/*
 * A lead (or a fragment of one) with Chinese field names, for examples, test cases and counterexamples:
 * `涉及人数：420人；集资金额：1800万元；是否逾期兑付：是`.
 */

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)

/** The dotted fields of a lead-like object, in the object's order. */
export const flattenLead = (lead: unknown, prefix = ''): [string, unknown][] => {
  if (!isObject(lead)) return []
  return Object.entries(lead).flatMap(([key, value]): [string, unknown][] =>
    isObject(value) ? flattenLead(value, `${prefix}${key}.`) : [[`${prefix}${key}`, value]],
  )
}

/**
 * Formats a lead with Chinese field names and readable values, one `名称：值` per field.
 *
 * @example formatLead({ people: { total: 420 } }) // '涉及人数：420人'
 */
export const formatLead = (lead: unknown, lang: Lang = 'zh', separator = lang === 'zh' ? '；' : '; '): string =>
  flattenLead(lead)
    .filter(([, value]) => value !== undefined)
    .map(([field, value]) => `${factLabel(field, lang)}${lang === 'zh' ? '：' : ': '}${formatFactValue(field, value, lang)}`)
    .join(separator)
