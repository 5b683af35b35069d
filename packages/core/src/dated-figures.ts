import type { Issue } from './errors'
import type { FactDefinition } from './facts'
import type { Lead } from './lead'
import type { DatedFigure, PackConfig } from './rule-pack-schema'
import { makeIssue } from './_zod-issues'
import type { IssueLocation } from './_zod-issues'
import { escapePointerToken } from './json-source'

/*
 * Dated figures (按日期取值的法律口径): legal lines that change with a published rate, such as the usury
 * line of four times the one-year loan prime rate (法释〔2020〕17号第二十五条). The pack keeps the rate as a
 * table of values by the date each took effect (pack.json → datedFigures), and a figure may be a multiple
 * of such a table. A rule compares with the fact `dated.<id>`: the value in force on the lead's 排查日期
 * (reportedAt), or on today when that is blank. A rule name may show the figure it used: `{id}` is the
 * value, `{id.from}` the date it took effect, both for the same date as the comparison.
 */

/** The prefix of the facts of dated figures: `dated.lpr-1y`. */
export const DATED_FACT_PREFIX = 'dated.'

/** One row of a resolved figure: its value from `from` (ISO date) until the next row's date. */
export interface DatedRow {
  readonly from: string
  readonly value: number
}

/** A figure resolved to rows (a multiple gets its base's dates and multiplied values). */
export interface ResolvedFigure {
  readonly id: string
  readonly zh: string
  readonly en: string
  readonly unit: 'rate' | 'yuan'
  /** Rows by date, earliest first. */
  readonly rows: readonly DatedRow[]
}

/** The figures of a pack by id (empty when it has none). */
export type DatedFigures = ReadonlyMap<string, ResolvedFigure>

const EMPTY: DatedFigures = new Map()
const resolved = new WeakMap<PackConfig, DatedFigures>()

/**
 * The dated figures of a validated pack's config, resolved once per config. Rows out of order or a
 * multiple of a missing table (which the loader refuses) are skipped, never guessed at.
 */
export const datedFiguresOf = (config: PackConfig): DatedFigures => {
  const table = config.datedFigures
  if (!table) return EMPTY
  let figures = resolved.get(config)
  if (figures) return figures
  const out = new Map<string, ResolvedFigure>()
  const rowsOf = (f: DatedFigure): DatedRow[] | undefined => {
    if (!f.values) return undefined
    const rows: DatedRow[] = []
    for (const v of f.values) if (rows.length === 0 || v.from > rows[rows.length - 1]!.from) rows.push({ from: v.from, value: v.value })
    return rows
  }
  for (const [id, f] of Object.entries(table)) {
    let rows = rowsOf(f)
    let unit = f.unit
    if (!rows && f.of !== undefined && f.times !== undefined && Object.hasOwn(table, f.of)) {
      const base = table[f.of]!
      const times = f.times
      // Rounded to 12 significant digits, so 4 × 0.031 is 0.124 and not 0.12400000000000001.
      rows = rowsOf(base)?.map((r) => ({ from: r.from, value: Number((r.value * times).toPrecision(12)) }))
      unit ??= base.unit
    }
    if (rows) out.set(id, { id, zh: f.zh, en: f.en ?? f.zh, unit: unit ?? 'rate', rows })
  }
  figures = out
  resolved.set(config, figures)
  return figures
}

/** The row in force on `date` (ISO), or undefined before the first one. */
export const rowAt = (figure: ResolvedFigure, date: string): DatedRow | undefined => {
  const { rows } = figure
  for (let i = rows.length - 1; i >= 0; i--) if (rows[i]!.from <= date) return rows[i]
  return undefined
}

/** The fact definition of `dated.<id>`, when the pack defines that figure. */
export const datedFactDefinition = (config: PackConfig | undefined, name: string): FactDefinition | undefined => {
  if (!config || !name.startsWith(DATED_FACT_PREFIX)) return undefined
  const figure = datedFiguresOf(config).get(name.slice(DATED_FACT_PREFIX.length))
  if (!figure) return undefined
  return { type: 'number', zh: figure.zh, en: figure.en, ...(figure.unit === 'yuan' ? { unit: '元' } : {}), derived: true }
}

/** The names of the dated facts a pack defines. */
export const datedFactNames = (config: PackConfig | undefined): string[] =>
  config ? [...datedFiguresOf(config).keys()].map((id) => `${DATED_FACT_PREFIX}${id}`) : []

const pad = (n: number) => (n < 10 ? `0${n}` : String(n))

/** A local calendar day as `YYYY-MM-DD`. */
export const isoDay = (d: Date): string => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`

/**
 * Today's date (local time) as `YYYY-MM-DD`, from `now` when given (tests, a command's fixed clock), else
 * from the system clock, worked out once per day.
 */
export const createToday = (now?: () => Date): (() => string) => {
  if (now) return () => isoDay(now())
  let since = Infinity
  let until = -Infinity
  let day = ''
  return () => {
    const t = Date.now()
    if (t < since || t >= until) {
      const d = new Date(t)
      day = isoDay(d)
      since = new Date(d.getFullYear(), d.getMonth(), d.getDate()).getTime()
      until = new Date(d.getFullYear(), d.getMonth(), d.getDate() + 1).getTime()
    }
    return day
  }
}

/** The date a lead's dated figures are taken at: its 排查日期, else today. */
export const figureDate = (lead: Lead, today: () => string): string => lead.reportedAt ?? today()

/** The reader of the fact `dated.<id>` of a pack, or undefined when the name is not one of its figures. */
export const datedFactReader = (config: PackConfig, name: string, today: () => string): ((lead: Lead) => number | undefined) | undefined => {
  if (!name.startsWith(DATED_FACT_PREFIX)) return undefined
  const figure = datedFiguresOf(config).get(name.slice(DATED_FACT_PREFIX.length))
  if (!figure) return undefined
  return (lead) => rowAt(figure, figureDate(lead, today))?.value
}

/** Adds the pack's dated facts of a lead to its facts (for json-rules-engine and traces). */
export const addDatedFacts = (facts: Record<string, unknown>, lead: Lead, config: PackConfig, today: () => string): void => {
  const figures = datedFiguresOf(config)
  if (figures.size === 0) return
  const date = figureDate(lead, today)
  for (const [id, figure] of figures) {
    const row = rowAt(figure, date)
    if (row) facts[`${DATED_FACT_PREFIX}${id}`] = row.value
  }
}

// ---- rule names with figures ------------------------------------------------------------------------

const PLACEHOLDER = /\{([^{}]*)\}/g

/** A placeholder of a rule name: `{lpr-1y}` or `{lpr-1y.from}`. */
interface Placeholder {
  readonly figure: string
  readonly part: 'value' | 'from'
}

const parsePlaceholder = (inner: string): Placeholder | undefined => {
  const m = /^([a-z0-9]+(?:-[a-z0-9]+)*)(\.from)?$/.exec(inner.trim())
  return m ? { figure: m[1]!, part: m[2] ? 'from' : 'value' } : undefined
}

/** `0.03` → `3.0%`, `0.0345` → `3.45%`, `0.124` → `12.4%`: at least one decimal, at most two. */
export const formatRate = (rate: number): string => {
  const pct = Math.round(rate * 10_000) / 100
  const fixed = pct.toFixed(2)
  return `${fixed.endsWith('0') ? pct.toFixed(1) : fixed}%`
}

/** `2025-05-20` → `2025年5月20日`. */
export const formatChineseDate = (iso: string): string => `${Number(iso.slice(0, 4))}年${Number(iso.slice(5, 7))}月${Number(iso.slice(8, 10))}日`

const formatFigureValue = (figure: ResolvedFigure, value: number): string =>
  figure.unit === 'rate' ? formatRate(value) : `${Number(value.toPrecision(12))}元`

/**
 * The label of a rule with figures in its name, for a date; undefined for a name without placeholders
 * (its label is the name). A figure with no value on the date reads `（无数据）`.
 */
export const compileRuleLabel = (name: string, config: PackConfig): ((date: string) => string) | undefined => {
  if (!name.includes('{')) return undefined
  const figures = datedFiguresOf(config)
  const parts: (string | ((date: string) => string))[] = []
  let last = 0
  for (const m of name.matchAll(PLACEHOLDER)) {
    const p = parsePlaceholder(m[1]!)
    const figure = p ? figures.get(p.figure) : undefined
    if (!p || !figure) continue
    parts.push(name.slice(last, m.index))
    parts.push((date) => {
      const row = rowAt(figure, date)
      if (!row) return '（无数据）'
      return p.part === 'from' ? formatChineseDate(row.from) : formatFigureValue(figure, row.value)
    })
    last = m.index + m[0].length
  }
  if (parts.length === 0) return undefined
  parts.push(name.slice(last))
  return (date) => parts.map((p) => (typeof p === 'string' ? p : p(date))).join('')
}

// ---- validation -------------------------------------------------------------------------------------

const isRealDate = (s: string): boolean => {
  const d = new Date(`${s}T00:00:00Z`)
  return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(s)
}

/**
 * Checks the dated figures of pack.json beyond their shape: each is a table or a multiple of one, dates
 * exist and rise row by row, rates are fractions. Every problem at its own pointer, in Chinese.
 */
export const checkDatedFigures = (config: PackConfig, at: (pointer: string) => IssueLocation): Issue[] => {
  const issues: Issue[] = []
  const table = config.datedFigures ?? {}
  const bad = (pointer: string, zh: string, en: string) => issues.push(makeIssue('invalid-dated-figure', { detail: zh, detailEn: en }, at(pointer)))
  for (const [id, f] of Object.entries(table)) {
    const base = `/datedFigures/${escapePointerToken(id)}`
    const isMultiple = f.of !== undefined || f.times !== undefined
    if (f.values && isMultiple) {
      bad(base, `“${id}”既有取值表 values 又有倍数 of/times，只能二选一`, `"${id}" has both values and of/times; give one`)
      continue
    }
    if (!f.values && !isMultiple) {
      bad(base, `“${id}”需要取值表 values，或倍数口径 of 和 times`, `"${id}" needs values, or of and times`)
      continue
    }
    if (f.values) {
      if (f.source === undefined) bad(base, `取值表“${id}”缺少数据来源 source`, `the table "${id}" has no source`)
      const rate = (f.unit ?? 'rate') === 'rate'
      f.values.forEach((v, i) => {
        const row = `${base}/values/${i}`
        if (!isRealDate(v.from)) bad(`${row}/from`, `日期“${v.from}”不存在`, `no such date "${v.from}"`)
        else if (i > 0 && !(v.from > f.values![i - 1]!.from)) {
          bad(`${row}/from`, `日期必须从早到晚排列且不重复：“${v.from}”不晚于上一行的“${f.values![i - 1]!.from}”`, `dates must rise row by row: "${v.from}" is not after "${f.values![i - 1]!.from}" above`)
        }
        if (rate && !(v.value > 0 && v.value <= 1)) {
          bad(`${row}/value`, `利率应为大于0、不超过1的小数（3.45% 写 0.0345），实际为 ${v.value}`, `a rate is a fraction above 0 and at most 1 (3.45% is 0.0345), not ${v.value}`)
        }
      })
      continue
    }
    if (f.of === undefined || f.times === undefined) {
      bad(base, `倍数口径“${id}”需要同时写 of（基数）和 times（倍数）`, `the multiple "${id}" needs both of and times`)
      continue
    }
    if (f.basis === undefined) bad(base, `倍数口径“${id}”缺少依据 basis`, `the multiple "${id}" has no basis`)
    const target = Object.hasOwn(table, f.of) ? table[f.of] : undefined
    if (!target || !target.values) {
      bad(`${base}/of`, `“${f.of}”不是 datedFigures 中的取值表（须有 values）`, `"${f.of}" is not a table of datedFigures (one with values)`)
    }
  }
  return issues
}

/**
 * Checks the placeholders of a rule name: each must name a figure of the pack, as `{id}` or `{id.from}`.
 */
export const checkRuleNamePlaceholders = (name: string, config: PackConfig | undefined, location: IssueLocation): Issue[] => {
  if (!name.includes('{') && !name.includes('}')) return []
  const figures = config ? datedFiguresOf(config) : EMPTY
  const known = [...figures.keys()]
  const issues: Issue[] = []
  for (const m of name.matchAll(PLACEHOLDER)) {
    const p = parsePlaceholder(m[1]!)
    if (!p || !figures.has(p.figure)) {
      issues.push(makeIssue('unknown-figure', { placeholder: m[0], allowed: known.length > 0 ? known.map((k) => `{${k}}、{${k}.from}`).join('、') : '（pack.json 没有 datedFigures）' }, location))
    }
  }
  const stray = name.replace(PLACEHOLDER, '')
  if (stray.includes('{') || stray.includes('}')) issues.push(makeIssue('unknown-figure', { placeholder: stray.includes('{') ? '{' : '}', allowed: '成对的 { }' }, location))
  return issues
}
