import type { Cell } from './types'
import { compact } from './values/_text'

/*
 * Footer rows (表尾) under the data of a sheet: signatures (`填表人：张三  审核人：李四`), phone numbers,
 * notes and totals. They are skipped and counted, not rejected.
 */

/** Texts a footer row's first non-empty cell starts with (compared half-width, without spaces). */
const FOOTER_PREFIXES: readonly string[] = [
  '填表人',
  '审核人',
  '负责人',
  '制表人',
  '填报人',
  '填报单位',
  '填表单位',
  '联系电话',
  '联系人:',
  '填报日期',
  '填报时间',
  '填表日期',
  '制表日期',
  '单位负责人',
  '分管领导',
  '主要负责人',
  '注:',
  '备注:',
  '说明:',
  '合计:',
  '总计:',
  '小计:',
]

/** A first cell that is exactly one of these is a totals row. */
const TOTAL_WORDS: ReadonlySet<string> = new Set(['合计', '总计', '小计', '共计'])

/** A signature anywhere in the row (`……  填表人：张三`). */
const SIGNATURES: readonly string[] = ['填表人:', '审核人:', '制表人:', '填报人:']

/** Whether a row is a footer row (signatures, notes, totals). */
export const isFooterRow = (cells: readonly Cell[]): boolean => {
  let seenFirst = false
  for (const cell of cells) {
    if (typeof cell !== 'string') {
      // A number or date first (an id, a serial) is a data row unless a signature follows.
      if (cell !== null && cell !== undefined) seenFirst = true
      continue
    }
    if (!seenFirst) {
      const s = compact(cell)
      if (s === '') continue
      seenFirst = true
      if (TOTAL_WORDS.has(s) || FOOTER_PREFIXES.some((p) => s.startsWith(p))) return true
      if (hasSignature(s)) return true
    } else if (cell.length < 1000 && cell.includes('人') && (cell.includes(':') || cell.includes('：')) && hasSignature(compact(cell))) {
      // 人 first: every signature has it, and compact (which never makes one) costs most on long descriptions.
      return true
    }
  }
  return false
}

/**
 * Whether the row's first non-empty cell is itself footer text (`填表人：张三`, `合计`, `注：…`) — as opposed
 * to a signature further along the row, which a data row's description can also contain.
 */
export const startsAsFooter = (cells: readonly Cell[]): boolean => {
  for (const cell of cells) {
    if (cell === null || cell === undefined) continue
    if (typeof cell !== 'string') return false
    const s = compact(cell)
    if (s === '') continue
    return TOTAL_WORDS.has(s) || FOOTER_PREFIXES.some((p) => s.startsWith(p)) || hasSignature(s)
  }
  return false
}

const hasSignature = (s: string): boolean => SIGNATURES.some((p) => s.includes(p))
