import { DISPOSITIONS, TIERS, enumLabel, tierRank } from '@chufei/core'
import type { PlainCell } from './_cells'
import { neutraliseFormula } from './formula-guard'
import { LEDGER_COLUMN_SPECS, type LedgerColumnSpec, type LedgerField } from './ledger-columns'
import type { GuideSheet } from './ledger-guide'
import type { ExtraColumn } from './ledger-sheets'
import { patternLabel, type Lang, type PatternLabels } from './labels'
import { leadColumnCells } from './lead-columns'
import { mainReasonsCell } from './main-reasons'
import { STAFF_STATUSES, type LedgerRecord } from './record'
import { CHANGE_LABELS, type TrackResult, type TrackedLead } from './track'
import { excelDate } from './xlsx-style'

/*
 * What goes in the cells of the ledger `chufei track --out` writes, apart from how they are written: its columns
 * (the columns `chufei score` writes, in its order, then 动态 and 上期预警等级, with every column staff added to the
 * previous ledger carried after the column it followed), each row's values, which leads go on 重点线索台账, and
 * which tracked lead a row belongs to. The streaming writer (write-ledger.ts) and the exceljs writer it replaced
 * (kept as the differential test's oracle, `_write-ledger-exceljs.ts`) share it, so the test compares the writing.
 */

/** A cell of the tracked ledger: text (formula-guarded), a number, a boolean staff typed, an Excel date, or none. */
export type TrackCell = PlainCell

/** One column of the written ledger: a ledger field, or a column staff added (written where it was). */
export type OutColumn = { readonly field: LedgerField; readonly spec: LedgerColumnSpec } | { readonly extra: ExtraColumn }

/** The sheets of the tracked ledger, in order, as 说明 lists them. */
export const TRACK_SHEETS: readonly GuideSheet[] = ['main', 'key', 'gone', 'reasons', 'guide']

/** Width of a column staff added (the ledger's own columns have theirs in LEDGER_COLUMN_SPECS). */
const EXTRA_WIDTH = 14

const changeText = (lead: TrackedLead | undefined, lang: Lang): string => {
  if (lead === undefined) return ''
  const label = CHANGE_LABELS[lead.change][lang]
  const why =
    lead.change === 'resolved' && lead.resolvedBy === 'gone'
      ? lang === 'zh'
        ? '（本轮未出现）'
        : ' (not in this sweep)'
      : ''
  const overdue = lead.overdue ? (lang === 'zh' ? '；已逾期' : '; overdue') : ''
  const notes = lead.notes.length > 0 ? `；${lead.notes.join('；')}` : ''
  return `${label}${why}${overdue}${notes}`
}

type Cell = string | number | null

const cellsOf = (r: LedgerRecord, lead: TrackedLead | undefined, lang: Lang, labels: PatternLabels): Record<LedgerField, Cell> => {
  const listSep = lang === 'zh' ? '、' : ', '
  return {
    ...leadColumnCells(r, lang),
    id: r.id,
    total: r.total,
    tier: r.tier === null ? null : enumLabel(TIERS, r.tier, lang),
    scale: r.scores?.scale ?? null,
    exposure: r.scores?.exposure ?? null,
    attention: r.scores?.attention ?? null,
    stability: r.scores?.stability ?? null,
    patterns: r.patterns.map((p) => patternLabel(labels, p, lang)).join(listSep),
    reasons: r.reasons.join(lang === 'zh' ? '；' : '; '),
    disposition: r.disposition === null ? null : enumLabel(DISPOSITIONS, r.disposition, lang),
    units: r.units.join(listSep),
    measures: r.measures,
    deadline: r.deadline,
    status: r.statusText ?? (r.status === null ? null : STAFF_STATUSES[r.status][lang]),
    rulePack: r.rulePack,
    problems: r.problems,
    notes: r.notes,
    change: changeText(lead, lang),
    previousTier: lead?.previous?.tier ? enumLabel(TIERS, lead.previous.tier, lang) : null,
  }
}

/** The ledger's columns with staff's added columns each after the ledger column it followed. */
export const outColumns = (extras: readonly ExtraColumn[]): OutColumn[] => {
  const after = (f: LedgerField | null) => extras.filter((e) => e.after === f).map((extra) => ({ extra }))
  return [...after(null), ...LEDGER_COLUMN_SPECS.flatMap((spec) => [{ field: spec.field, spec }, ...after(spec.field)])]
}

/** A column's header text, guarded (staff may have typed anything), and its width in characters. */
export const columnHeader = (c: OutColumn, lang: Lang): string => neutraliseFormula('spec' in c ? c.spec[lang] : c.extra.header)
export const columnWidth = (c: OutColumn): number => ('spec' in c ? c.spec.width : EXTRA_WIDTH)

/** The 状态 column's place, 1-based, where staff choose 待处置 / 处置中 / 已化解 (0 if absent). */
export const statusColumnOf = (columns: readonly OutColumn[]): number => columns.findIndex((c) => 'spec' in c && c.field === 'status') + 1

/** A text cell guarded, empty text as no cell. */
const textCell = (v: PlainCell | undefined): TrackCell => (typeof v === 'string' ? (v === '' ? null : neutraliseFormula(v)) : (v ?? null))

/** One record's cells in `columns` order: 主要依据 as its weightiest reasons, dates as Excel dates, text guarded. */
export const trackRowCells = (columns: readonly OutColumn[], r: LedgerRecord, lead: TrackedLead | undefined, lang: Lang, labels: PatternLabels): TrackCell[] => {
  const cells = cellsOf(r, lead, lang, labels)
  return columns.map((c) => {
    if (!('spec' in c)) return textCell(r.extras?.get(c.extra.key))
    if (c.field === 'reasons') return textCell(mainReasonsCell(r.reasons, lang))
    const v = textCell(cells[c.field])
    return c.spec.date ? excelDate(v) : v
  })
}

/** Which tracked lead each current record, and each previous record gone from the sweep, belongs to. */
export const leadsByRecord = (track: TrackResult) => {
  const byCurrent = new Map<LedgerRecord, TrackedLead>()
  const byPrevious = new Map<LedgerRecord, TrackedLead>()
  for (const l of track.leads) {
    if (l.current !== null) byCurrent.set(l.current, l)
    else if (l.previous !== null) byPrevious.set(l.previous, l)
  }
  return { byCurrent, byPrevious }
}

/** The 重点线索台账 rows: scored yellow and above, highest total first, ties in ledger order. */
export const keyRecords = (records: readonly LedgerRecord[]): LedgerRecord[] =>
  records
    .map((r, i) => ({ r, i }))
    .filter(({ r }) => r.kind === 'scored' && r.tier !== null && tierRank(r.tier) >= tierRank('yellow'))
    .sort((a, b) => (b.r.total ?? 0) - (a.r.total ?? 0) || a.i - b.i)
    .map(({ r }) => r)
