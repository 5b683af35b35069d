import { FACTS, isFactName } from './facts'
import type { FactName } from './facts'
import { ENUM_FIELDS, enumLabel } from './vocabulary'

/*
 * Values as an analyst reads them (可读的取值): money in 万元, shares and returns in per cent, enums by their
 * Chinese label, yes/no for booleans, "未知" for what the sheet left blank.
 */

/** Output language of the analyst tools. */
export type Lang = 'zh' | 'en'

const trim = (n: number, digits: number): string => {
  const s = n.toFixed(digits)
  return s.includes('.') ? s.replace(/\.?0+$/, '') : s
}

/** An amount in yuan: `1800万元` from 10,000 元 up, `1.2亿元` from 100,000,000 元, else `3500元`. */
export const formatYuan = (yuan: number, lang: Lang = 'zh'): string => {
  if (lang === 'en') return `${yuan.toLocaleString('en-US')} yuan`
  const abs = Math.abs(yuan)
  if (abs >= 1e8) return `${trim(yuan / 1e8, 4)}亿元`
  if (abs >= 1e4) return `${trim(yuan / 1e4, 2)}万元`
  return `${trim(yuan, 2)}元`
}

/** A fraction as a per cent: 0.18 → `18%`. */
export const formatPercent = (fraction: number): string => `${trim(fraction * 100, 2)}%`

const TEXT_LIMIT = 60

const quote = (text: string, lang: Lang): string => {
  const t = text.length > TEXT_LIMIT ? `${text.slice(0, TEXT_LIMIT)}…` : text
  return lang === 'zh' ? `“${t}”` : `"${t}"`
}

const enumOf = (fact: FactName): Record<string, { zh: string; en: string }> | undefined =>
  Object.hasOwn(ENUM_FIELDS, fact) ? (ENUM_FIELDS as Record<string, Record<string, { zh: string; en: string }>>)[fact] : undefined

/**
 * A value of a fact, as written in a case note: `420人`, `1800万元`, `年化18%`, `是`, `涉农领域`.
 * `undefined` or `null` is unknown (未知).
 */
export const formatFactValue = (fact: string, value: unknown, lang: Lang = 'zh'): string => {
  if (value === undefined || value === null) return lang === 'zh' ? '未知（未填写）' : 'unknown (not filled in)'
  // A dated figure of the pack (`dated.usury-line`): rates are fractions, amounts are yuan.
  if (fact.startsWith('dated.') && typeof value === 'number') return value <= 1 ? formatPercent(value) : formatYuan(value, lang)
  if (!isFactName(fact)) return typeof value === 'string' ? quote(value, lang) : JSON.stringify(value)
  const def = FACTS[fact]
  if (typeof value === 'boolean') return lang === 'zh' ? (value ? '是' : '否') : value ? 'yes' : 'no'
  if (typeof value === 'number') {
    if (fact.endsWith('Share')) return formatPercent(value)
    if (fact === 'money.promisedReturn') return lang === 'zh' ? `年化${formatPercent(value)}` : `${formatPercent(value)} a year`
    if ('unit' in def && def.unit === '元') return formatYuan(value, lang)
    if ('unit' in def && def.unit) return lang === 'zh' ? `${value}${def.unit}` : String(value)
    return String(value)
  }
  if (typeof value === 'string') {
    const vocabulary = enumOf(fact)
    if (vocabulary) return Object.hasOwn(vocabulary, value) ? `${enumLabel(vocabulary, value, lang)}（${value}）` : value
    return quote(value, lang)
  }
  if (Array.isArray(value)) return value.map((v) => formatFactValue(fact, v, lang)).join(lang === 'zh' ? '、' : ', ')
  return JSON.stringify(value)
}

/** The Chinese (or English) name of a fact, e.g. `涉及人数`. */
export const factLabel = (fact: string, lang: Lang = 'zh'): string => (isFactName(fact) ? FACTS[fact][lang] : fact)
