import type { Cell } from '../types'
import { fail, ok, unknown, warn, type Parsed } from './_result'
import { scanNumber, startsNumber } from './chinese-number'
import { compact, isUnknownMarker, roundSignificant, times10 } from './_text'

/*
 * Promised returns (承诺收益), as an annualised fraction (0.18 = 18% a year):
 *   `年化18%` `18%` `0.18` → 0.18;  `月息2分` → 0.24;  `月息1分5` / `月息1.5分` → 0.18;  `年息1分` → 0.10;
 *   `月息8厘` → 0.096;  `日息千分之三` → 1.095;  `每月返3%` → 0.36;  `每天返1%` → 3.65.
 * Folk rates (民间借贷): 分 is a tenth of the period's base and 厘 a hundredth — 年息1分 = 10%,
 * 月息1分 = 1%, 日息1分 = 0.1% — and a rate in 分/厘 without a period (`2分利`) is monthly, as people
 * say it. Rates are not compounded: a daily rate × 365. A bare number above 1 (`18`) is read as a
 * percent with an `assumed-percent` warning; a bare number up to 1 is the fraction itself.
 * `无` / `没有` / `不承诺` state "no promised return" and read as 0. A percent of profit or turnover (`利润50%分红`) is
 * a share, not a rate: unknown, with a warning that says so.
 */

/** The largest annual return a lead accepts (LeadSchema): 1000 = 100000%. */
export const MAX_RETURN = 1000

const ZERO_WORDS: ReadonlySet<string> = new Set(['无', '没有', '暂无', '不承诺', '未承诺', '无承诺', '没有承诺', '无收益'])

/** Periods per year, by the character that names the period. */
const PERIODS: ReadonlyMap<string, number> = new Map([
  ['年', 1],
  ['月', 12],
  ['日', 365],
  ['天', 365],
  ['周', 52],
  ['季', 4],
])

/** 分/厘 as a fraction of the period, for the periods that use them. */
const FEN: ReadonlyMap<number, number> = new Map([
  [1, 0.1],
  [12, 0.01],
  [365, 0.001],
])

const FRACTION_WORDS: ReadonlyArray<readonly [string, number]> = [
  ['百分之', -2],
  ['千分之', -3],
  ['万分之', -4],
]

const RANGE_SEPARATORS: ReadonlySet<string> = new Set(['-', '~', '〜', '至', '到', '—', '–', '−'])

const APPROXIMATE_WORDS: readonly string[] = ['约', '左右', '以上', '超过', '不低于', '不少于', '高于']

type Unit = 'percent' | 'fraction' | 'fen' | 'li' | 'bare'

interface Rate {
  readonly value: number
  readonly unit: Unit
  readonly start: number
  readonly end: number
}

/** The rate written at `i`, if a number starts there; `unit` says what it is in. */
const readRateAt = (s: string, i: number): Rate | undefined => {
  for (const [word, power] of FRACTION_WORDS) {
    if (s.startsWith(word, i)) {
      const n = scanNumber(s, i + word.length)
      return n ? { value: times10(n.value, power), unit: 'fraction', start: i, end: n.end } : undefined
    }
  }
  if (!startsNumber(s, i)) return undefined
  const n = scanNumber(s, i)
  if (!n) return undefined
  const next = s[n.end]
  if (next === '%') return { value: times10(n.value, -2), unit: 'percent', start: i, end: n.end + 1 }
  if (next === '‰') return { value: times10(n.value, -3), unit: 'percent', start: i, end: n.end + 1 }
  if (next === '厘') return { value: n.value, unit: 'li', start: i, end: n.end + 1 }
  if (next === '分') {
    // 1分5 / 1分5厘 = 1.5分
    const more = startsNumber(s, n.end + 1) ? scanNumber(s, n.end + 1) : undefined
    if (more && more.value < 10 && Number.isInteger(more.value)) {
      const end = s[more.end] === '厘' ? more.end + 1 : more.end
      return { value: n.value + more.value / 10, unit: 'fen', start: i, end }
    }
    return { value: n.value, unit: 'fen', start: i, end: n.end + 1 }
  }
  return { value: n.value, unit: 'bare', start: i, end: n.end }
}

/** The period named nearest before `end` in s[from, end), or after the rate when none is before. */
const findPeriod = (s: string, before: number, after: number): number | undefined => {
  for (let i = before - 1; i >= 0; i--) {
    const p = PERIODS.get(s[i]!)
    if (p !== undefined) return p
  }
  for (let i = after; i < s.length; i++) {
    const p = PERIODS.get(s[i]!)
    if (p !== undefined) return p
  }
  return undefined
}

/** Whether the number ending at `end` is followed by a money unit (元, 块, 万元…), so it is an amount. */
const isMoneyAmount = (s: string, end: number): boolean => {
  const next = s[end]
  if (next === '元' || next === '块') return true
  return (next === '万' || next === '千' || next === '百' || next === '亿') && (s[end + 1] === '元' || s[end + 1] === '块')
}

/**
 * Units after which a number counts something else — a term (`三年后原价回购`, `5年期`, `存满12个月`), a multiple
 * (`翻3倍`, `翻一番`), heads, mu, people, shares — so it is never the bare number read as a percent. Before round 13 `三年后原价回购`
 * read as a 3% yearly return.
 */
const COUNTED_UNITS: readonly string[] = ['个月', '年', '月', '天', '日', '周', '期', '季度', '岁', '倍', '番', '头', '只', '亩', '人', '份', '股', '斤', '公斤', '吨', '套', '户', '次']

/** Whether the number ending at `end` counts something (a term, a multiple, things): not a rate. */
const isCount = (s: string, end: number): boolean => COUNTED_UNITS.some((u) => s.startsWith(u, end))

/**
 * What a percent may be a share OF when it is not a rate on the money put in: profit, turnover, sales. `利润50%分红`,
 * `按营业额的5%分成`, `50%的利润归投资人` promise a share of a business's results — a return the text rules read from
 * the words (分红, 分成) — not 50 % a year on the principal, which is what the exposure rules would compare with the
 * 10 % and 4×LPR lines. (收益 is not here: 年收益10% is a rate.)
 */
const SHARE_BASES: readonly string[] = ['净利润', '利润', '盈利', '营业额', '营收', '流水', '销售额', '分成', '提成']

/** Whether the rate at [start, end) is written as a share of a base (`利润50%`, `利润的50%`, `50%的利润`). */
const isShareOfBase = (s: string, rate: Rate): boolean => {
  const before = s.slice(Math.max(0, rate.start - 5), rate.start).replace(/[的之]$/, '')
  if (SHARE_BASES.some((base) => before.endsWith(base))) return true
  const after = s.slice(rate.end).replace(/^[的之]/, '')
  return SHARE_BASES.some((base) => after.startsWith(base))
}

/** `0.18` → `18%`, for messages. */
export const formatPercent = (fraction: number): string => `${roundSignificant(times10(fraction, 2), 10)}%`

/**
 * Reads a promised return as an annualised fraction. Never throws.
 * @param header the column header, for warning messages
 */
export const parsePromisedReturn = (cell: Cell, header?: string): Parsed<number> => {
  if (cell === null) return unknown()
  if (typeof cell === 'number') {
    if (!Number.isFinite(cell) || cell < 0) return fail('unreadable-return', cell, header, '无法识别为收益率，按未知处理')
    if (cell <= 1) return ok(cell)
    return assumePercent(times10(cell, -2), cell, header)
  }
  if (typeof cell !== 'string') return fail('unreadable-return', cell, header, '无法识别为收益率，按未知处理')
  const s = compact(cell).replaceAll(',', '')
  if (isUnknownMarker(s)) return unknown()
  if (ZERO_WORDS.has(s)) return ok(0)
  const unreadable = (): Parsed<number> => fail('unreadable-return', cell, header, '无法识别为收益率，按未知处理')

  // The first number with a rate unit wins; a lone bare number is accepted as is.
  let rate: Rate | undefined
  let bare: Rate | undefined
  let bareCount = 0
  let amounts = 0
  for (let i = 0; i < s.length; ) {
    const r = readRateAt(s, i)
    if (!r) {
      i++
      continue
    }
    if (r.unit !== 'bare') {
      rate = r
      break
    }
    // A number with a money unit (`420元/公斤`, `30块`, `2万元`) is a price or an amount, never a rate: it does
    // not count as the lone bare number, and with one the cell says no rate.
    if (isMoneyAmount(s, r.end)) amounts++
    else if (isCount(s, r.end)) {
      // A term or a count (`三年后原价回购`, `翻3倍`) neither is the rate nor makes the cell rateless.
    } else {
      bare ??= r
      bareCount++
    }
    i = r.end
  }
  if (!rate) {
    if (!bare || bareCount > 1 || amounts > 0) return unreadable()
    rate = bare
  }
  if (rate.unit !== 'bare' && isShareOfBase(s, rate)) {
    return fail('unreadable-return', cell, header, '是利润、营业额等的分成比例，不是本金的收益率，按未知处理')
  }
  const named = findPeriod(s, rate.start, rate.end)
  let perYear: number
  let perPeriod: number
  if (rate.unit === 'fen' || rate.unit === 'li') {
    perYear = named ?? 12
    const fen = FEN.get(perYear)
    if (fen === undefined) return unreadable()
    perPeriod = rate.value * (rate.unit === 'fen' ? fen : fen / 10)
  } else {
    perYear = named ?? 1
    perPeriod = rate.value
  }
  let annual = roundSignificant(perPeriod * perYear, 10)
  let assumed = false
  if (rate.unit === 'bare' && rate.value > 1) {
    annual = roundSignificant(times10(rate.value, -2) * perYear, 10)
    assumed = true
  }
  if (!Number.isFinite(annual) || annual < 0 || annual > MAX_RETURN) {
    return fail('out-of-range', cell, header, '超出合理范围，按未知处理')
  }
  const sep = s[rate.end]
  if (sep !== undefined && RANGE_SEPARATORS.has(sep) && readRateAt(s, rate.end + 1)) {
    return { value: annual, warning: warn('range-lower-bound', cell, header, `为区间，按下限年化${formatPercent(annual)}计`) }
  }
  if (assumed) return assumePercent(annual, cell, header)
  if (APPROXIMATE_WORDS.some((w) => s.includes(w))) {
    return { value: annual, warning: warn('approximate-number', cell, header, `为约数，按年化${formatPercent(annual)}计`) }
  }
  return ok(annual)
}

const assumePercent = (annual: number, cell: Cell, header: string | undefined): Parsed<number> => {
  if (annual > MAX_RETURN) return fail('out-of-range', cell, header, '超出合理范围，按未知处理')
  return { value: annual, warning: warn('assumed-percent', cell, header, `未写明单位，按年化${formatPercent(annual)}计`) }
}
