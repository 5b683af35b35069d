import { ENUM_FIELDS, type Disposition, type Issue, type Label, type Scores, type Tier } from '@chufei/core'
import { cellText, type PlainCell } from './_cells'
import { LEDGER_FIELDS, type LedgerField } from './ledger-columns'
import { LEAD_COLUMNS, type LeadColumn, type LeadColumnValues } from './lead-columns'
import { splitReasonsCell } from './main-reasons'
import {
  DISPOSITION_INDEX,
  STATUS_INDEX,
  TIER_INDEX,
  createReverseIndex,
  lookup,
  normaliseLabel,
  type PatternLabels,
} from './labels'
import { emptyRecord, isIsoDate, type LedgerRecord, type StaffStatus } from './record'

/*
 * One row of a ledger worksheet → a record, with a located issue for every cell that cannot be read.
 * A row is never dropped: what cannot be read stays unknown and the issue says where and why.
 */

/** The lead columns in the ledger's column order (so a row's problems are said left to right). */
const LEAD_COLUMNS_IN_LEDGER_ORDER: readonly LeadColumn[] = [...LEAD_COLUMNS].sort(
  (a, b) => LEDGER_FIELDS.indexOf(a.key) - LEDGER_FIELDS.indexOf(b.key),
)

/** Label → id of each enum field's vocabulary, both languages. */
const ENUM_INDEXES = new Map(
  Object.entries(ENUM_FIELDS as Record<string, Readonly<Record<string, Label>>>).map(([path, vocabulary]) => [path, createReverseIndex(vocabulary)]),
)
const enumIndex = (path: string): ReadonlyMap<string, string> => ENUM_INDEXES.get(path) ?? new Map()

const pad = (n: number) => String(n).padStart(2, '0')

/** A ledger date cell (Date, Excel serial, 2024-03-05, 2024/3/5, 2024.3.5, 2024年3月5日) → YYYY-MM-DD, or null. */
export const parseLedgerDate = (cell: PlainCell): string | null => {
  if (cell instanceof Date) return Number.isNaN(cell.getTime()) ? null : cell.toISOString().slice(0, 10)
  if (typeof cell === 'number') {
    if (!Number.isInteger(cell) || cell < 1 || cell > 2_958_465) return null
    return new Date((cell - 25_569) * 86_400_000).toISOString().slice(0, 10)
  }
  const text = cellText(cell)
  const m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(text)
  if (m === null) return null
  const iso = `${m[1]}-${pad(Number(m[2]))}-${pad(Number(m[3]))}`
  return isIsoDate(iso) ? iso : null
}

const parseNumber = (cell: PlainCell): number | null => {
  if (typeof cell === 'number') return Number.isFinite(cell) ? cell : null
  const text = cellText(cell).replace(/,/g, '')
  if (!/^-?\d+(\.\d+)?$/.test(text)) return null
  return Number(text)
}

const splitList = (text: string): string[] =>
  text
    .split(/[、，,；;]/)
    .map((s) => s.trim())
    .filter((s) => s !== '')

/** Longest run of list items that can make up one pattern label (labels with 、 in them have a few). */
const MAX_LABEL_PARTS = 6

/**
 * 命中模式 → pattern ids. Labels are joined with 、 and some labels contain 、 themselves
 * (以残疾人、贫困人群为目标), so at each item the longest run of items that is a known label wins; an item
 * that is no label is kept as typed.
 */
export const splitPatterns = (text: string, index: ReadonlyMap<string, string>): string[] => {
  // Items at even positions, separators at odd ones.
  const parts = text.split(/([、，,；;])/)
  const out: string[] = []
  for (let i = 0; i < parts.length; ) {
    let taken = 0
    for (let n = Math.min(MAX_LABEL_PARTS, Math.ceil((parts.length - i) / 2)); n >= 1 && taken === 0; n--) {
      const id = index.get(normaliseLabel(parts.slice(i, i + 2 * n - 1).join('')))
      if (id !== undefined) {
        out.push(id)
        taken = 2 * n
      }
    }
    if (taken === 0) {
      const item = (parts[i] ?? '').trim()
      if (item !== '') out.push(item)
      taken = 2
    }
    i += taken
  }
  return out
}

export interface RowContext {
  readonly file: string
  readonly row: number
  readonly patternIndex: ReadonlyMap<string, string>
  readonly issues: Issue[]
}

/** Pattern label → id over a pack's labels (both languages). */
export const createPatternIndex = (labels: PatternLabels): ReadonlyMap<string, string> => {
  const index = new Map<string, string>()
  for (const [id, label] of labels) {
    index.set(normaliseLabel(id), id)
    index.set(normaliseLabel(label.zh), id)
    index.set(normaliseLabel(label.en), id)
  }
  return index
}

const problem = (ctx: RowContext, header: string, text: string, zh: string, en: string, severity: Issue['severity'] = 'warning') => {
  ctx.issues.push({
    code: 'ledger-cell',
    severity,
    file: ctx.file,
    line: ctx.row,
    message: `第${ctx.row}行“${header}”列：“${text}”${zh}`,
    messageEn: `row ${ctx.row}, column “${header}”: “${text}” ${en}`,
  })
}

/** Reads one ledger row. `cells` holds the row's values by field; `headers` the header text of each field. */
export const readLedgerRow = (
  cells: ReadonlyMap<LedgerField, PlainCell>,
  headers: ReadonlyMap<LedgerField, string>,
  ctx: RowContext,
): LedgerRecord => {
  const text = (f: LedgerField) => cellText(cells.get(f) ?? null)
  const opt = (f: LedgerField) => text(f) || null
  const header = (f: LedgerField) => headers.get(f) ?? f

  const vocab = <T extends string>(f: LedgerField, index: ReadonlyMap<string, string>): T | null => {
    const t = text(f)
    if (t === '') return null
    const id = lookup(index, t)
    if (id === null) problem(ctx, header(f), t, '不是可识别的取值，按未知处理', 'is not a known value; treated as unknown')
    return id as T | null
  }
  const num = (f: LedgerField, scale = 1): number | null => {
    const cell = cells.get(f) ?? null
    if (cellText(cell) === '') return null
    const n = parseNumber(cell)
    if (n === null || n < 0) {
      problem(ctx, header(f), cellText(cell), '不是数字，按未知处理', 'is not a number; treated as unknown')
      return null
    }
    return n * scale
  }

  const status = ((): { status: StaffStatus | null; statusText: string | null } => {
    const t = text('status')
    if (t === '') return { status: null, statusText: null }
    const id = lookup(STATUS_INDEX, t) as StaffStatus | null
    if (id === null) {
      problem(ctx, header('status'), t, '不是“待处置/处置中/已化解”之一，按未化解处理', 'is not 待处置/处置中/已化解; treated as not resolved')
      return { status: null, statusText: t }
    }
    return { status: id, statusText: null }
  })()

  const deadlineCell = cells.get('deadline') ?? null
  let deadline: string | null = null
  if (cellText(deadlineCell) !== '') {
    deadline = parseLedgerDate(deadlineCell)
    if (deadline === null) problem(ctx, header('deadline'), cellText(deadlineCell), '不是日期，无法判断是否逾期', 'is not a date; cannot tell whether it is overdue')
  }

  const total = num('total')
  const tierText = text('tier')
  const tier = vocab<Tier>('tier', TIER_INDEX)
  const s = { scale: num('scale'), exposure: num('exposure'), attention: num('attention'), stability: num('stability') }
  const scores: Scores | null =
    s.scale !== null && s.exposure !== null && s.attention !== null && s.stability !== null
      ? { scale: s.scale, exposure: s.exposure, attention: s.attention, stability: s.stability }
      : null
  const scored = tier !== null
  if (!scored && (tierText !== '' || total !== null)) {
    problem(ctx, header('tier'), tierText, '无法识别预警等级，本行按问题行统计', 'has no readable warning tier; the row counts as a problem row', 'warning')
  }

  /** A lead column by its field's value kind (its problems in ledger column order). */
  const readLeadColumn = (c: LeadColumn): unknown => {
    const key = c.key
    switch (c.field.value.kind) {
      case 'enum':
        return vocab(key, enumIndex(c.path))
      case 'count':
        return num(key)
      case 'amount':
        // 万元 in the ledger, yuan in the record.
        return num(key, 10_000)
      case 'date': {
        const cell = cells.get(key) ?? null
        return cellText(cell) === '' ? null : parseLedgerDate(cell)
      }
      case 'credit-code':
        return opt(key)?.toUpperCase() ?? null
      default:
        return opt(key)
    }
  }
  const readLeadColumns = (): LeadColumnValues =>
    Object.fromEntries(LEAD_COLUMNS_IN_LEDGER_ORDER.map((c) => [c.key, readLeadColumn(c)])) as LeadColumnValues

  return {
    ...emptyRecord(),
    row: ctx.row,
    id: opt('id'),
    kind: scored ? 'scored' : 'rejected',
    ...readLeadColumns(),
    total: scored ? total : null,
    tier,
    scores: scored ? scores : null,
    patterns: splitPatterns(text('patterns'), ctx.patternIndex),
    disposition: scored ? vocab<Disposition>('disposition', DISPOSITION_INDEX) : null,
    reasons: splitReasonsCell(text('reasons')),
    units: splitList(text('units')),
    measures: text('measures'),
    deadline,
    ...status,
    notes: text('notes'),
    rulePack: opt('rulePack'),
    problems: text('problems'),
  }
}
