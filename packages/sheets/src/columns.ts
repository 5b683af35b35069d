import { ChufeiError, LEAD_FIELD_PATHS } from '@chufei/core'
import type { AmountUnit, Cell, ColumnBinding, HeaderMatch } from './types'
import { FIELD_HEADERS, FIELD_KINDS, MAPPABLE_FIELDS } from './_fields'
import { cellText } from './values/_text'

/*
 * Header recognition (表头识别) for investigation sheets: the canonical headers of docs/spec.md §2 and their aliases
 * (core's field table, LEAD_FIELDS), ignoring spaces, full/half-width brackets and a unit in brackets (`集资金额（万元）`). Lookups go through
 * Maps, so header text never becomes a key of a plain object.
 */

/** Generic id headers: the id only when the sheet has no 线索编号 column (docs/spec.md §2). */
const WEAK_ID_HEADERS: readonly string[] = ['编号', '序号', '序', 'no', 'no.']

const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype'])

const OPEN = new Set(['(', '[', '【', '〔', '〖', '{', '「', '<', '《'])
const CLOSE = new Set([')', ']', '】', '〕', '〗', '}', '」', '>', '》'])
const TRIM = new Set(['*', '※', '★', '☆', ':', '：', '#', '△', '▲'])

const normalizeOnce = (text: string): string => {
  const nfkc = text.normalize('NFKC')
  let out = ''
  for (const ch of nfkc) {
    if (/\s/.test(ch) || ch === '\u200b' || ch === '\ufeff') continue
    if (OPEN.has(ch)) out += '('
    else if (CLOSE.has(ch)) out += ')'
    else if (ch >= 'A' && ch <= 'Z') out += ch.toLowerCase()
    else out += ch
  }
  let start = 0
  let end = out.length
  while (start < end && TRIM.has(out[start]!)) start++
  while (end > start && TRIM.has(out[end - 1]!)) end--
  return out.slice(start, end)
}

/**
 * The comparable form of a header: NFKC (full-width to half-width), no whitespace, one kind of
 * bracket, ASCII lower case, no required-field marks (`*`) or trailing colon. Idempotent: removing
 * spaces can bring characters together that NFKC composes, so it is applied until nothing changes.
 */
export const normalizeHeader = (text: string): string => {
  let s = normalizeOnce(text)
  for (let i = 0; i < 4; i++) {
    const next = normalizeOnce(s)
    if (next === s) break
    s = next
  }
  return s
}

const AMOUNT_UNITS: ReadonlyMap<string, AmountUnit> = new Map([
  ['元', '元'],
  ['人民币元', '元'],
  ['万元', '万元'],
  ['万', '万元'],
  ['人民币万元', '万元'],
  ['亿元', '亿元'],
  ['亿', '亿元'],
])

/** `单位:万元` → `万元`. */
const unitOf = (content: string): AmountUnit | undefined => {
  let c = content
  if (c.startsWith('单位')) c = c.slice(2)
  if (c.startsWith(':')) c = c.slice(1)
  return AMOUNT_UNITS.get(c)
}

interface Candidates {
  readonly keys: readonly string[]
  readonly unit?: AmountUnit
}

/** The lookup keys of a normalized header, most specific first, and the amount unit it names. */
const headerCandidates = (norm: string): Candidates => {
  let unit: AmountUnit | undefined
  let withoutGroups = ''
  let depth = 0
  let group = ''
  for (const ch of norm) {
    if (ch === '(') {
      depth++
      group = ''
      continue
    }
    if (ch === ')') {
      if (depth > 0) {
        depth--
        unit ??= unitOf(group)
      }
      continue
    }
    if (depth === 0) withoutGroups += ch
    else group += ch
  }
  const keepContent = norm.replaceAll('(', '').replaceAll(')', '')
  const keys = [keepContent, withoutGroups]
  // 集资金额/万元, 集资金额万元, 集资金额单位:元 — a unit written without brackets.
  for (const suffix of ['单位:万元', '单位:亿元', '单位:元', '/万元', '/亿元', '/元', '万元', '亿元', '元']) {
    if (withoutGroups.endsWith(suffix) && withoutGroups.length > suffix.length) {
      keys.push(withoutGroups.slice(0, -suffix.length).replace(/[/:]$/, ''))
      unit ??= unitOf(suffix.replace('/', '').replace('单位:', ''))
      break
    }
  }
  const nonEmpty = keys.filter((k) => k !== '')
  return unit === undefined ? { keys: nonEmpty } : { keys: nonEmpty, unit }
}

interface KnownHeader {
  readonly field: string
  readonly weak: boolean
}

const buildKnownHeaders = (): ReadonlyMap<string, KnownHeader> => {
  const map = new Map<string, KnownHeader>()
  const add = (header: string, field: string, weak: boolean): void => {
    for (const key of headerCandidates(normalizeHeader(header)).keys) {
      const existing = map.get(key)
      if (existing && existing.field !== field) throw new Error(`header ${key} maps to ${existing.field} and ${field}`)
      if (!existing) map.set(key, { field, weak })
    }
  }
  for (const [field, headers] of FIELD_HEADERS) for (const h of headers) add(h, field, false)
  // The field paths themselves (`people.total`), for sheets exported from JSON.
  for (const path of LEAD_FIELD_PATHS) add(path, path, false)
  for (const h of WEAK_ID_HEADERS) add(h, 'id', true)
  return map
}

/** Every recognised header key → field. Built once at module load. */
const KNOWN_HEADERS = buildKnownHeaders()

/** The extra mappings of a `columns` option, validated and normalized. */
const compiledExtras = new WeakMap<Record<string, string>, ReadonlyMap<string, string>>()

/**
 * Validates a `columns` option (header → field path, the CLI's `--columns map.json`).
 * @throws ChufeiError('USAGE') naming every bad entry
 */
export const compileColumnMap = (extra: Record<string, string>): ReadonlyMap<string, string> => {
  const cached = compiledExtras.get(extra)
  if (cached) return cached
  const map = new Map<string, string>()
  const problems: string[] = []
  const problemsEn: string[] = []
  for (const header of Object.keys(extra)) {
    const field: unknown = extra[header]
    const norm = normalizeHeader(header)
    if (FORBIDDEN_KEYS.has(header) || FORBIDDEN_KEYS.has(norm) || norm === '') {
      problems.push(`列名“${header}”不能用作映射`)
      problemsEn.push(`header "${header}" cannot be mapped`)
      continue
    }
    if (typeof field !== 'string' || !MAPPABLE_FIELDS.has(field)) {
      problems.push(`列“${header}”映射到的字段“${String(field)}”不存在`)
      problemsEn.push(`column "${header}" maps to unknown field "${String(field)}"`)
      continue
    }
    for (const key of headerCandidates(norm).keys) if (!map.has(key)) map.set(key, field)
  }
  if (problems.length > 0) {
    const fields = LEAD_FIELD_PATHS.join(', ')
    throw new ChufeiError('USAGE', `列映射有误：${problems.join('；')}。可用字段：${fields}`, {
      issues: problems.map((message, i) => ({
        code: 'invalid-column-mapping',
        severity: 'error' as const,
        message,
        messageEn: problemsEn[i]!,
      })),
    })
  }
  compiledExtras.set(extra, map)
  return map
}

interface Recognised {
  readonly index: number
  readonly header: string
  readonly field: string | null
  readonly weak: boolean
  readonly unit?: AmountUnit
}

const recognise = (text: string, index: number, extras: ReadonlyMap<string, string> | undefined): Recognised => {
  const header = text.trim()
  const { keys, unit } = headerCandidates(normalizeHeader(header))
  for (const key of keys) {
    const extra = extras?.get(key)
    if (extra !== undefined) return { index, header, field: extra, weak: false, ...(unit && { unit }) }
  }
  for (const key of keys) {
    const known = KNOWN_HEADERS.get(key)
    if (known) return { index, header, field: known.field, weak: known.weak, ...(unit && { unit }) }
  }
  return { index, header, field: null, weak: false }
}

/**
 * Recognises a header row (表头). Returns `null` when the row is not a header: it must have an id or
 * subject-name column and at least two recognised columns (title rows like `双桥镇非法集资风险排查表` are
 * not headers).
 *
 * `编号`/`序号` map to the id only when there is no `线索编号` column; when two columns map to the
 * same field the first wins and the other is ignored. Ignored and unrecognised columns are listed once in
 * `unknownColumns`. A money column's bracket unit (`（元）`, `（万元）`) sets the unit of bare numbers;
 * without one it is 万元.
 *
 * @param extra extra header → field-path mappings (the `columns` option); they win over built-ins
 * @throws ChufeiError('USAGE') when `extra` names a field that does not exist
 */
export const matchHeaderRow = (cells: readonly Cell[], extra?: Record<string, string>): HeaderMatch | null => {
  const extras = extra ? compileColumnMap(extra) : undefined
  const recognised: Recognised[] = []
  let width = 0
  for (let i = 0; i < cells.length; i++) {
    const text = cellText(cells[i] ?? null)
    if (text.trim() === '') continue
    width = i + 1
    if (text.length > 200) continue
    recognised.push(recognise(text, i, extras))
  }
  const hasStrongId = recognised.some((r) => r.field === 'id' && !r.weak)
  const taken = new Set<string>()
  const bindings: ColumnBinding[] = []
  const columns: Array<{ header: string; field: string | null }> = []
  const unknownColumns: string[] = []
  for (const r of recognised) {
    let field = r.field
    if (field !== null && ((r.weak && hasStrongId) || taken.has(field))) field = null
    if (field !== null) {
      taken.add(field)
      const kind = FIELD_KINDS.get(field)
      bindings.push(
        kind?.kind === 'amount'
          ? { index: r.index, header: r.header, field, unit: r.unit ?? '万元' }
          : { index: r.index, header: r.header, field },
      )
    } else if (!unknownColumns.includes(r.header)) {
      unknownColumns.push(r.header)
    }
    columns.push({ header: r.header, field })
  }
  if (!(taken.has('id') || taken.has('subject.name')) || bindings.length < 2) return null
  return { columns, unknownColumns, bindings, width }
}
