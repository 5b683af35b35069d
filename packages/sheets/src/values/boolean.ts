import type { Cell } from '../types'
import { fail, ok, unknown, type Parsed } from './_result'
import { compact, isUnknownMarker } from './_text'

/*
 * Yes/no cells (是否逾期兑付、实际控制人是否失联): 是/否, 有/无, Y/N, yes/no, true/false, 1/0, √/×, ✓/✗,
 * case- and width-insensitive. `是（已逾期3个月）` reads as yes: a 是/否/有/无 answer followed by a remark.
 */

const WORDS: ReadonlyMap<string, boolean> = new Map([
  ...['是', '有', '对', '是的', '已', '存在', 'y', 'yes', 'true', 't', '1', '√', '✓', '✔', '☑', '■', 'ok'].map(
    (w) => [w, true] as const,
  ),
  ...['否', '无', '没有', '不是', '未', '不存在', 'n', 'no', 'false', 'f', '0', '×', '✗', '✘', 'x', '╳', '☒', '□'].map(
    (w) => [w, false] as const,
  ),
])

/** A one-character answer followed by a remark: `是（…）`, `否，已兑付`. */
const LEADING: ReadonlyMap<string, boolean> = new Map([
  ['是', true],
  ['有', true],
  ['否', false],
  ['无', false],
])
const REMARK_START: ReadonlySet<string> = new Set(['(', '[', '【', ',', '，', '、', ';', '；', ':', '：', '.', '。', '-'])

/**
 * Reads a yes/no cell. Never throws.
 * @param header the column header, for warning messages
 */
export const parseBoolean = (cell: Cell, header?: string): Parsed<boolean> => {
  if (cell === null) return unknown()
  if (typeof cell === 'boolean') return ok(cell)
  if (typeof cell === 'number') {
    if (cell === 1) return ok(true)
    if (cell === 0) return ok(false)
    return fail('unreadable-boolean', cell, header, '无法识别为“是/否”，按未知处理')
  }
  if (typeof cell !== 'string') return fail('unreadable-boolean', cell, header, '无法识别为“是/否”，按未知处理')
  const s = compact(cell)
  if (isUnknownMarker(s)) return unknown()
  const word = WORDS.get(s) ?? WORDS.get(s.toLowerCase())
  if (word !== undefined) return ok(word)
  const lead = LEADING.get(s[0]!)
  if (lead !== undefined && REMARK_START.has(s[1]!)) return ok(lead)
  return fail('unreadable-boolean', cell, header, '无法识别为“是/否”，按未知处理')
}
