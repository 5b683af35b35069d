import { times10 } from './_text'

/*
 * Numbers as people type them in sheets: Arabic digits (`1200`, `1.2`), Chinese numerals (`一千二百`,
 * `两万五`), capital numerals (大写数字, `壹佰贰拾万`), digit strings (`二〇二四`) and Arabic digits with
 * Chinese magnitudes (`1.2万`, `3千`, `5亿`). The scanner is one left-to-right pass without regexes.
 */

/** Chinese digit characters (incl. capital forms and 两) → value. */
const DIGITS: ReadonlyMap<string, number> = new Map([
  ['零', 0], ['〇', 0], ['○', 0], ['洞', 0],
  ['一', 1], ['壹', 1], ['幺', 1],
  ['二', 2], ['贰', 2], ['貳', 2], ['两', 2], ['兩', 2],
  ['三', 3], ['叁', 3], ['參', 3], ['叄', 3],
  ['四', 4], ['肆', 4],
  ['五', 5], ['伍', 5],
  ['六', 6], ['陆', 6], ['陸', 6],
  ['七', 7], ['柒', 7],
  ['八', 8], ['捌', 8],
  ['九', 9], ['玖', 9],
])

/** Units inside a section (十百千) as powers of ten. */
const SMALL_UNITS: ReadonlyMap<string, number> = new Map([
  ['十', 1], ['拾', 1],
  ['百', 2], ['佰', 2],
  ['千', 3], ['仟', 3],
])

/** Section units (万, 亿) as powers of ten. */
const BIG_UNITS: ReadonlyMap<string, number> = new Map([
  ['万', 4], ['萬', 4],
  ['亿', 8], ['億', 8],
])

const isAsciiDigit = (c: number): boolean => c >= 48 && c <= 57

/** Whether `s[i]` can start a number (a digit of either kind, or 十 as in 十五). */
export const startsNumber = (s: string, i: number): boolean => {
  const c = s.charCodeAt(i)
  if (isAsciiDigit(c)) return true
  const ch = s[i]
  return ch !== undefined && (DIGITS.has(ch) || ch === '十' || ch === '拾')
}

/** What {@link scanNumber} found. */
export interface ScannedNumber {
  /** The value, exact for integers up to 2^53. */
  readonly value: number
  /** Index just after the number. */
  readonly end: number
  /**
   * The number carries its own magnitude: 万 or 亿 (`120万`), or 十百千 on Arabic digits (`5千`).
   * An amount with its own magnitude is in yuan whatever the column unit.
   */
  readonly magnitude: boolean
  /** The power of ten of a big unit the number ends with (`200万` → 4), else 0: ranges share it. */
  readonly trailingPower: number
}

/**
 * Scans the longest number starting at `start` in a compacted (half-width, no spaces, no thousands
 * separators) string. Returns `undefined` when no number starts there.
 */
export const scanNumber = (s: string, start: number): ScannedNumber | undefined => {
  if (!startsNumber(s, start)) return undefined
  let total = 0 // completed 亿 groups
  let wan = 0 // the 万 part of the current 亿 group
  let section = 0 // 十百千 part of the current 万 group
  let pending: number | null = null // a digit not yet multiplied by a unit
  let pendingSingle = false // pending is one Chinese or Arabic digit 1–9 (for 一千二 = 1200)
  let pendingAfterZero = false
  let digitString = false // 二〇二四: digits without units
  let zeroSeen = false
  let lastPower = 0 // power of the last unit applied
  let magnitude = false
  let trailingPower = 0
  let i = start
  while (i < s.length) {
    const c = s.charCodeAt(i)
    const ch = s[i]!
    if (isAsciiDigit(c)) {
      if (pending !== null) break
      let j = i + 1
      while (j < s.length && isAsciiDigit(s.charCodeAt(j))) j++
      if (s[j] === '.' && j + 1 < s.length && isAsciiDigit(s.charCodeAt(j + 1))) {
        j += 2
        while (j < s.length && isAsciiDigit(s.charCodeAt(j))) j++
      }
      // Very long digit runs are not numbers anyone typed; cap so Number() stays meaningful.
      if (j - i > 30) return undefined
      const text = s.slice(i, j)
      pending = Number(text)
      pendingSingle = j - i === 1 && pending !== 0
      pendingAfterZero = zeroSeen
      zeroSeen = false
      trailingPower = 0
      i = j
      // An Arabic number followed by a unit carries its own magnitude (5千, 1.2万).
      const next = s[i]
      if (next !== undefined && (SMALL_UNITS.has(next) || BIG_UNITS.has(next))) magnitude = true
      continue
    }
    const digit = DIGITS.get(ch)
    if (digit !== undefined) {
      if (pending !== null) {
        // 二〇二四, 一二〇〇: a digit right after a digit is positional notation.
        if (!Number.isInteger(pending)) break
        pending = pending * 10 + digit
        digitString = true
        pendingSingle = false
      } else if (digit === 0) {
        zeroSeen = true
        // A lone 零 is a number too.
        if (section === 0 && wan === 0 && total === 0 && i === start) pending = 0
      } else {
        pending = digit
        pendingSingle = true
        pendingAfterZero = zeroSeen
        zeroSeen = false
      }
      trailingPower = 0
      i++
      // 一点五, 三点二万: Chinese decimal point.
      if (s[i] === '点' && pending !== null && !digitString) {
        let frac = ''
        let j = i + 1
        for (; j < s.length; j++) {
          const d = DIGITS.get(s[j]!)
          if (d === undefined) break
          frac += String(d)
        }
        if (frac !== '') {
          pending = Number(`${pending}.${frac}`)
          pendingSingle = false
          i = j
        }
      }
      continue
    }
    const small = SMALL_UNITS.get(ch)
    if (small !== undefined) {
      if (digitString) break
      if (pending === 0) pending = null
      section += times10(pending ?? 1, small)
      pending = null
      zeroSeen = false
      lastPower = small
      trailingPower = 0
      i++
      continue
    }
    const big = BIG_UNITS.get(ch)
    if (big !== undefined) {
      if (digitString) break
      const part = section + (pending ?? 0)
      if (part === 0 && wan === 0 && total === 0) break // 万 with nothing before it is not a number
      if (big === 8) {
        total += times10(wan + part, 8)
        wan = 0
      } else {
        wan += times10(part, 4)
      }
      section = 0
      pending = null
      zeroSeen = false
      lastPower = big
      trailingPower = big
      magnitude = true
      i++
      continue
    }
    break
  }
  if (i === start) return undefined
  let tail = pending ?? 0
  // 一千二 = 1200, 两万五 = 25000, 3万5 = 35000: a last bare digit counts in the next lower unit.
  if (pending !== null && pendingSingle && !pendingAfterZero && !digitString && lastPower >= 1) {
    tail = times10(pending, lastPower - 1)
  }
  return { value: total + wan + section + tail, end: i, magnitude, trailingPower }
}

/**
 * Parses a whole string as a Chinese or Arabic number (`一千二百`, `壹佰贰拾万`, `1.2万`). Returns
 * `undefined` unless the whole (compacted) string is one number.
 */
export const parseChineseNumber = (s: string): number | undefined => {
  const r = scanNumber(s, 0)
  return r && r.end === s.length ? r.value : undefined
}

interface NumeralStyle {
  readonly digits: string
  readonly units: readonly [string, string, string, string]
  readonly wan: string
  readonly yi: string
}
const LOWER: NumeralStyle = { digits: '零一二三四五六七八九', units: ['', '十', '百', '千'], wan: '万', yi: '亿' }
const CAPITAL: NumeralStyle = { digits: '零壹贰叁肆伍陆柒捌玖', units: ['', '拾', '佰', '仟'], wan: '万', yi: '亿' }

/** 0–9999 as a section; `leading` drops the 一 of 一十 (十五 rather than 一十五). */
const formatSection = (n: number, style: NumeralStyle, leading: boolean): string => {
  let out = ''
  let zero = false
  for (let p = 3; p >= 0; p--) {
    const d = Math.floor(n / 10 ** p) % 10
    if (d === 0) {
      if (out !== '') zero = true
      continue
    }
    if (zero) out += style.digits.charAt(0)
    zero = false
    const omitOne = leading && out === '' && p === 1 && d === 1 && style === LOWER
    out += (omitOne ? '' : style.digits.charAt(d)) + style.units[p as 0 | 1 | 2 | 3]
  }
  return out
}

const formatInteger = (n: number, style: NumeralStyle, leading: boolean): string => {
  if (n >= 1e8) {
    const high = Math.floor(n / 1e8)
    const rest = n - high * 1e8
    let out = formatInteger(high, style, leading) + style.yi
    if (rest > 0) out += (rest < 1e7 ? style.digits.charAt(0) : '') + formatInteger(rest, style, false)
    return out
  }
  if (n >= 1e4) {
    const high = Math.floor(n / 1e4)
    const rest = n - high * 1e4
    let out = formatSection(high, style, leading) + style.wan
    if (rest > 0) out += (rest < 1000 ? style.digits.charAt(0) : '') + formatSection(rest, style, false)
    return out
  }
  return formatSection(n, style, leading)
}

/**
 * A non-negative safe integer in Chinese numerals: `formatChineseNumber(1200)` is `一千二百`,
 * `formatChineseNumber(1200000, { capital: true })` is `壹佰贰拾万` (大写, as on receipts and contracts).
 * @throws RangeError for negative, fractional or unsafe numbers.
 */
export const formatChineseNumber = (n: number, options: { capital?: boolean } = {}): string => {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`not a non-negative safe integer: ${n}`)
  const style = options.capital ? CAPITAL : LOWER
  if (n === 0) return style.digits.charAt(0)
  return formatInteger(n, style, true)
}
