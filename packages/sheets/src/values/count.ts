import type { Cell } from '../types'
import { fail, ok, unknown, warn, type Parsed } from './_result'
import { compact } from './_text'
import { parseQuantityText } from './quantity'

/*
 * Counts (人数、次数、条数): non-negative integers. `约300人` and `300余人` are read as 300 with an
 * `approximate-number` warning; `100-200人` as 100 with `range-lower-bound`. `无` / `没有` / `暂无` state
 * "none" and read as 0 without a warning; `不详` / `-` / `/` / blank are unknown without a warning.
 * In a column that counts events (聚集上访次数、举报投诉次数…), a number of people (`200多人维权`,
 * `两三百人到北京饭店与领导对话`) says how many came, not how many times: it reads as at least one event.
 * In a people column, a number of a chat group's members or a meeting's attendees (`群里200多人`, `约400人参会`)
 * is not a number of people who paid: it reads as unknown with a warning.
 */

/** The largest count a lead accepts (LeadSchema). */
export const MAX_COUNT = 1e9

/** How a count column counts: people (涉及人数) by default, or events (次数). */
export interface CountOptions {
  /** The column counts events (its unit is 次): a number of people in it is the crowd at one event. */
  readonly events?: boolean
}

/** A people unit after the number (`200多人`, `50名`, `30户`), and no event unit anywhere (`次`, `起`, `场`, `批`, `回`). */
const PEOPLE_UNIT = /[\d一二两三四五六七八九十百千万余多几来](?:人|名|户)/
const EVENT_UNIT = /[次起场批回]/
const isPeopleCount = (text: string): boolean => PEOPLE_UNIT.test(text) && !EVENT_UNIT.test(text)

/**
 * A people count that counts an audience — a chat group's members, a meeting's attendees, followers — and says
 * nothing of who paid (`群里200多人`, `约400人参会`). 法释〔2022〕5号第三条 counts 集资参与人 (those money was taken
 * from), so such a number is not the column's 涉及人数; a cell that also says people paid (`进群交钱的200多人`) is.
 */
const AUDIENCE = /群里|群内|群中|群成员|群友|进群|入群|参会|与会|听课|听讲|粉丝|关注|围观|观看|浏览/
// 投诉/投票, 交流/交友 and 存在 are what an audience does or is, not paying: a group's 200 members who complain
// (`群里200多人投诉`) or chat are still an audience, not 200 people who paid.
const PAID = /交(?!流|友|谈)|缴|投(?!诉|票|稿)|出资|存(?!在)|买|购|入股|借给|受害|被骗|参与集资|集资参与/
const isAudienceCount = (text: string): boolean => AUDIENCE.test(text) && !PAID.test(text)

/**
 * Reads a count from a cell.
 * @param header the column header, for warning messages
 * @param options what the column counts (events: a number of people reads as at least one event)
 */
export const parseCount = (cell: Cell, header?: string, options: CountOptions = {}): Parsed<number> => {
  if (cell === null) return unknown()
  if (typeof cell === 'number') return checkCount(cell, cell, header)
  if (typeof cell !== 'string') return fail('unreadable-number', cell, header, '无法识别为数字，按未知处理')
  const q = parseQuantityText(cell)
  if (q.kind === 'unknown') return unknown()
  if (q.kind === 'unreadable' || q.currency || q.percent) {
    return fail('unreadable-number', cell, header, '无法识别为数字，按未知处理')
  }
  const checked = checkCount(q.value, cell, header)
  if (checked.value === undefined) return checked
  if (options.events !== true && isAudienceCount(compact(cell))) {
    return fail('unreadable-number', cell, header, '写的是群成员、参会或关注的人数，不是集资参与人数，按未知处理')
  }
  if (options.events === true && q.value > 0 && isPeopleCount(compact(cell))) {
    return { value: 1, warning: warn('approximate-number', cell, header, '写的是人数，不是次数，按至少1次计') }
  }
  if (q.range) return { value: q.value, warning: warn('range-lower-bound', cell, header, `为区间，按下限${q.value}计`) }
  if (q.approximate) return { value: q.value, warning: warn('approximate-number', cell, header, `为约数，按${q.value}计`) }
  return checked
}

const checkCount = (n: number, cell: Cell, header: string | undefined): Parsed<number> => {
  if (!Number.isFinite(n)) return fail('unreadable-number', cell, header, '无法识别为数字，按未知处理')
  if (n < 0 || n > MAX_COUNT) return fail('out-of-range', cell, header, '超出合理范围，按未知处理')
  if (!Number.isInteger(n)) return fail('not-integer', cell, header, '不是整数，按未知处理')
  return ok(n)
}
