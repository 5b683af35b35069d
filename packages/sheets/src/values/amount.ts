import type { AmountUnit, Cell } from '../types'
import { fail, ok, unknown, warn, type Parsed } from './_result'
import { times10 } from './_text'
import { parseQuantityText } from './quantity'

/*
 * Amounts (金额) in yuan. A bare number is in the column's unit — 万元 unless the header says otherwise
 * (`集资金额（元）`) — and a value with its own unit wins: `120` → 1,200,000; `120万` → 1,200,000;
 * `1.2亿` → 120,000,000; `3000000元` → 3,000,000; `壹佰贰拾万元` → 1,200,000.
 */

/** The largest amount a lead accepts (LeadSchema): 10^15 yuan. */
export const MAX_AMOUNT = 1e15

const UNIT_POWER: Record<AmountUnit, number> = { 元: 0, 万元: 4, 亿元: 8 }

/**
 * Reads an amount in yuan from a cell.
 * @param unit the column unit for bare numbers (default 万元, the unit of the canonical sheet)
 */
export const parseAmount = (cell: Cell, header?: string, unit: AmountUnit = '万元'): Parsed<number> => {
  if (cell === null) return unknown()
  if (typeof cell === 'number') return check(times10(cell, UNIT_POWER[unit]), cell, header)
  if (typeof cell !== 'string') return fail('unreadable-amount', cell, header, '无法识别为金额，按未知处理')
  const q = parseQuantityText(cell)
  if (q.kind === 'unknown') return unknown()
  if (q.kind === 'unreadable' || q.percent) return fail('unreadable-amount', cell, header, '无法识别为金额，按未知处理')
  const yuan = q.currency || q.magnitude ? q.value : times10(q.value, UNIT_POWER[unit])
  const checked = check(yuan, cell, header)
  if (checked.value === undefined) return checked
  if (q.range) {
    return { value: yuan, warning: warn('range-lower-bound', cell, header, `为区间，按下限${formatAmount(yuan)}计`) }
  }
  if (q.approximate) {
    return { value: yuan, warning: warn('approximate-number', cell, header, `为约数，按${formatAmount(yuan)}计`) }
  }
  return checked
}

const check = (yuan: number, cell: Cell, header: string | undefined): Parsed<number> => {
  if (!Number.isFinite(yuan)) return fail('unreadable-amount', cell, header, '无法识别为金额，按未知处理')
  if (yuan < 0 || yuan > MAX_AMOUNT) return fail('out-of-range', cell, header, '超出合理范围，按未知处理')
  return ok(yuan)
}

/**
 * An amount in yuan as people write it: `1.2亿元`, `120万元`, `3500元`. `parseAmount` reads it back to
 * the same number.
 */
export const formatAmount = (yuan: number): string => {
  if (!Number.isFinite(yuan)) return String(yuan)
  const abs = Math.abs(yuan)
  if (abs >= 1e8) return `${times10(yuan, -8)}亿元`
  if (abs >= 1e4) return `${times10(yuan, -4)}万元`
  return `${yuan}元`
}
