import type { Measure } from './stats'

/*
 * Numbers as a Chinese office writes them: money in 万元 with two decimals at most, thousands separated.
 */

const group = (digits: string): string => digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',')

/** 1234.5 → "1,234.5"; integers without decimals; at most `decimals` places, trailing zeros dropped. */
export const formatNumber = (n: number, decimals = 2): string => {
  let fixed = (Math.round(n * 10 ** decimals) / 10 ** decimals).toFixed(decimals)
  if (fixed.includes('.')) fixed = fixed.replace(/0+$/, '').replace(/\.$/, '')
  const [int = '0', frac] = fixed.split('.')
  const sign = int.startsWith('-') ? '-' : ''
  return `${sign}${group(int.replace('-', ''))}${frac ? `.${frac}` : ''}`
}

/** Yuan → 万元 text: 18,000,000 → "1,800". */
export const formatWan = (yuan: number): string => formatNumber(yuan / 10_000, 2)

/** A measure with how many leads did not give it: "1,800（3条未填）". */
export const formatMeasure = (m: Measure, kind: 'people' | 'money', lang: 'zh' | 'en' = 'zh'): string => {
  const value = kind === 'money' ? formatWan(m.sum) : formatNumber(m.sum, 0)
  if (m.unknown === 0) return value
  return lang === 'zh' ? `${value}（${m.unknown}条未填）` : `${value} (${m.unknown} not given)`
}

/** A share as a percentage with one decimal: "12.5%". */
export const formatShare = (part: number, whole: number): string => (whole === 0 ? '0%' : `${formatNumber((part / whole) * 100, 1)}%`)
