import type { Cell } from '../types'
import { fail, ok, unknown, type Parsed } from './_result'
import { parseChineseNumber } from './chinese-number'
import { compact, isoDateFromUtc, isUnknownMarker, pad2, toHalfWidth } from './_text'

/*
 * Dates (排查日期) to ISO `YYYY-MM-DD`: `2024-03-05`, `2024/3/5`, `2024.3.5`, `2024年3月5日`,
 * `二〇二四年三月五日`, `20240305`, an Excel serial (`45356`, as a number or as text) and Date objects from
 * XLSX readers (their UTC parts). A date that does not exist (`2024-02-30`) warns `invalid-date`.
 */

// Linear: fixed digit counts, one optional time part.
const NUMERIC = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[T ]?\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/
const CHINESE = /^([^年]{1,8})年([^月]{1,4})月([^日号]{1,5})[日号]?$/
const COMPACT = /^(\d{4})(\d{2})(\d{2})$/
const SERIAL = /^\d{1,7}(?:\.\d+)?$/

/** 1900 date system: serial 1 is 1900-01-01 and serial 60 the 1900-02-29 Lotus kept (it never existed). */
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30)
const DAY_MS = 86_400_000
/** 9999-12-31, the last date Excel knows. */
const MAX_SERIAL = 2_958_465

const isLeap = (y: number): boolean => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0
const daysIn = (y: number, m: number): number =>
  m === 2 ? (isLeap(y) ? 29 : 28) : m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31

/** The ISO date of an Excel (1900 date system) serial, or `undefined` for serials that are no date. */
export const excelSerialToIsoDate = (serial: number): string | undefined => {
  if (!Number.isFinite(serial) || serial < 1 || serial >= MAX_SERIAL + 1) return undefined
  const day = Math.floor(serial)
  if (day === 60) return undefined // 1900-02-29
  // Before the phantom leap day serials count from 1899-12-31.
  const ms = EXCEL_EPOCH_MS + (day < 60 ? day + 1 : day) * DAY_MS
  return isoDateFromUtc(new Date(ms))
}

const build = (y: number, m: number, d: number, cell: Cell, header: string | undefined): Parsed<string> => {
  if (!Number.isInteger(y) || !Number.isInteger(m) || !Number.isInteger(d) || y < 1000 || y > 9999) {
    return fail('invalid-date', cell, header, '不是有效日期，按未知处理')
  }
  if (m < 1 || m > 12 || d < 1 || d > daysIn(y, m)) return fail('invalid-date', cell, header, '不是有效日期，按未知处理')
  return ok(`${y}-${pad2(m)}-${pad2(d)}`)
}

const fromSerial = (serial: number, cell: Cell, header: string | undefined): Parsed<string> => {
  const iso = excelSerialToIsoDate(serial)
  return iso ? ok(iso) : fail('invalid-date', cell, header, '不是有效日期，按未知处理')
}

/**
 * Reads a date as ISO `YYYY-MM-DD`. Never throws.
 * @param header the column header, for warning messages
 */
export const parseDate = (cell: Cell, header?: string): Parsed<string> => {
  if (cell === null) return unknown()
  if (cell instanceof Date) {
    const iso = isoDateFromUtc(cell)
    return iso ? ok(iso) : fail('unreadable-date', cell, header, '无法识别为日期，按未知处理')
  }
  if (typeof cell === 'number') return fromSerial(cell, cell, header)
  if (typeof cell !== 'string') return fail('unreadable-date', cell, header, '无法识别为日期，按未知处理')
  // Spaces separate a time from the date (`2024-03-05 10:00`); elsewhere they are typing noise.
  const half = toHalfWidth(cell).trim()
  const s = half.includes(':') ? half.replace(/\s+/g, ' ') : compact(half)
  if (isUnknownMarker(s)) return unknown()
  if (s.length > 40) return fail('unreadable-date', cell, header, '无法识别为日期，按未知处理')
  let m = NUMERIC.exec(s)
  if (m) return build(Number(m[1]), Number(m[2]), Number(m[3]), cell, header)
  m = COMPACT.exec(s)
  if (m) return build(Number(m[1]), Number(m[2]), Number(m[3]), cell, header)
  m = CHINESE.exec(s)
  if (m) {
    const y = parseChineseNumber(m[1]!)
    const mo = parseChineseNumber(m[2]!)
    const d = parseChineseNumber(m[3]!)
    if (y !== undefined && mo !== undefined && d !== undefined) return build(y, mo, d, cell, header)
    return fail('unreadable-date', cell, header, '无法识别为日期，按未知处理')
  }
  if (SERIAL.test(s)) return fromSerial(Number(s), cell, header)
  return fail('unreadable-date', cell, header, '无法识别为日期，按未知处理')
}
