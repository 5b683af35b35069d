import { DISPOSITIONS, TIERS, enumLabel, tierRank } from '@chufei/core'
import type ExcelJS from 'exceljs'
import { loadExcelJS } from './excel'
import { fillSheets } from './fill-sheets'
import { neutraliseFormula } from './formula-guard'
import { LEDGER_COLUMN_SPECS, type LedgerColumnSpec, type LedgerField } from './ledger-columns'
import { guideRows, ledgerSheetName, type GuidePack, type GuideSheet } from './ledger-guide'
import type { ExtraColumn } from './ledger-sheets'
import { createPatternLabels, patternLabel, type Lang, type PatternLabels } from './labels'
import { REASONS_SHEET_HEADERS, REASONS_SHEET_WIDTHS, mainReasonsCell, reasonRows } from './main-reasons'
import { leadColumnCells } from './lead-columns'
import { EXCEL_MAX_ROWS } from './sheet-continuation'
import { STAFF_STATUSES, type LedgerRecord } from './record'
import { CHANGE_LABELS, type TrackResult, type TrackedLead } from './track'
import { excelDate, fillTier, formatDateCells, styleHeaderRow } from './xlsx-style'

/*
 * The ledger `chufei track --out` writes: the columns `chufei score` writes, in the same order (备注 carried
 * from the previous ledger, then the lead facts that let the next sweep match by credit code and let
 * `chufei stats` read people and money back), then 动态 and 上期预警等级 — with every column staff added to
 * the previous ledger (督办人, 联系电话…) carried, each after the column it followed there. Dates are Excel
 * dates; 主要依据 shows the weightiest reasons (all on 评分依据). The previous leads not in this sweep have
 * a sheet of their own, so none is lost.
 */

type Cell = string | number | null

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

/** One column of the written ledger: a ledger field, or a column staff added (written where it was). */
type OutColumn = { readonly field: LedgerField; readonly spec: LedgerColumnSpec } | { readonly extra: ExtraColumn }

/** The ledger's columns with staff's added columns each after the ledger column it followed. */
const outColumns = (extras: readonly ExtraColumn[]): OutColumn[] => {
  const after = (f: LedgerField | null) => extras.filter((e) => e.after === f).map((extra) => ({ extra }))
  return [...after(null), ...LEDGER_COLUMN_SPECS.flatMap((spec) => [{ field: spec.field, spec }, ...after(spec.field)])]
}

const addSheet = (wb: ExcelJS.Workbook, name: string, columns: readonly OutColumn[], lang: Lang) => {
  const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1, xSplit: 0 }] })
  ws.columns = columns.map((c) => ({ width: 'spec' in c ? c.spec.width : 14 }))
  styleHeaderRow(ws.addRow(columns.map((c) => neutraliseFormula('spec' in c ? c.spec[lang] : c.extra.header))))
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } }
  return ws
}

const textCell = (v: string | number | boolean | Date | null | undefined): string | number | boolean | Date | null =>
  typeof v === 'string' ? (v === '' ? null : neutraliseFormula(v)) : (v ?? null)

const addRecord = (ws: ExcelJS.Worksheet, columns: readonly OutColumn[], r: LedgerRecord, lead: TrackedLead | undefined, lang: Lang, labels: PatternLabels) => {
  const cells = cellsOf(r, lead, lang, labels)
  const row = ws.addRow(
    columns.map((c) => {
      if (!('spec' in c)) return textCell(r.extras?.get(c.extra.key))
      if (c.field === 'reasons') return textCell(mainReasonsCell(r.reasons, lang))
      const v = textCell(cells[c.field])
      return c.spec.date ? excelDate(v) : v
    }),
  )
  columns.forEach((c, i) => {
    if ('spec' in c && c.field === 'tier') fillTier(row.getCell(i + 1), r.tier)
    if ('spec' in c && c.field === 'reasons') row.getCell(i + 1).alignment = { wrapText: true, vertical: 'top' }
  })
  formatDateCells(row)
}

const addRows = (ws: ExcelJS.Worksheet, rows: ReadonlyArray<ReadonlyArray<string | number | Date | null>>) => {
  for (const cells of rows) formatDateCells(ws.addRow(cells.map((c) => (typeof c === 'string' ? neutraliseFormula(c) : c))))
}

export interface WriteTrackedLedgerOptions {
  readonly lang?: Lang
  readonly patternLabels?: PatternLabels
  /** The pack that scored the sweep, for the 说明 sheet (null: only its 规则版本 label is known). */
  readonly pack?: GuidePack | null
  /** The day the ledger is written, YYYY-MM-DD (default: the tracking day). */
  readonly runDate?: string
  /** Rows per sheet, header included, before it goes on in a （续N） sheet: EXCEL_MAX_ROWS unless a test wants a few. */
  readonly maxSheetRows?: number
}

/**
 * Writes the tracked ledger as XLSX bytes: `风险台账` (this sweep, staff edits and added columns carried),
 * `重点线索台账` (yellow and above, highest first), `上期线索（本轮未出现）` (previous leads gone from the
 * sweep, as they were), `评分依据` (every reason with its points) and `说明`.
 */
export const writeTrackedLedger = async (track: TrackResult, options: WriteTrackedLedgerOptions = {}): Promise<Uint8Array> => {
  const lang = options.lang ?? 'zh'
  const labels = options.patternLabels ?? createPatternLabels()
  const wb = new (await loadExcelJS()).Workbook()
  wb.creator = 'chufei'
  const columns = outColumns(track.extraColumns)
  const byCurrent = new Map<LedgerRecord, TrackedLead>()
  const byPrevious = new Map<LedgerRecord, TrackedLead>()
  for (const l of track.leads) {
    if (l.current !== null) byCurrent.set(l.current, l)
    else if (l.previous !== null) byPrevious.set(l.previous, l)
  }
  // Each sheet past Excel's row limit goes on in （续N） sheets, right after it (fillSheets); 说明 says so.
  const maxRows = options.maxSheetRows ?? EXCEL_MAX_ROWS
  const ledgerSheet = (sheet: 'main' | 'key' | 'gone', records: readonly LedgerRecord[], leads: ReadonlyMap<LedgerRecord, TrackedLead>) =>
    fillSheets((name) => addSheet(wb, name, columns, lang), ledgerSheetName(sheet, lang), lang, maxRows, records, (ws, r) => addRecord(ws, columns, r, leads.get(r), lang, labels))
  const keyRecords = track.records
    .map((r, i) => ({ r, i }))
    .filter(({ r }) => r.kind === 'scored' && r.tier !== null && tierRank(r.tier) >= tierRank('yellow'))
    .sort((a, b) => (b.r.total ?? 0) - (a.r.total ?? 0) || a.i - b.i)
    .map(({ r }) => r)
  const continued = [
    ledgerSheet('main', track.records, byCurrent),
    ledgerSheet('key', keyRecords, byCurrent),
    ledgerSheet('gone', track.gone, byPrevious),
    fillSheets(
      (name) => {
        const reasons = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1, xSplit: 0 }] })
        reasons.columns = REASONS_SHEET_WIDTHS.map((width) => ({ width }))
        styleHeaderRow(reasons.addRow([...REASONS_SHEET_HEADERS[lang]]))
        return reasons
      },
      ledgerSheetName('reasons', lang),
      lang,
      maxRows,
      track.records.flatMap((r) => reasonRows(r.id, r.name, r.reasons)),
      (ws, cells) => addRows(ws, [cells]),
    ),
  ].filter((c) => c !== null)

  const guide = wb.addWorksheet(ledgerSheetName('guide', lang))
  guide.columns = [{ width: 22 }, { width: 100 }]
  styleHeaderRow(guide.addRow(lang === 'zh' ? ['项目', '内容'] : ['Item', 'What']))
  const rulePack = track.records.find((r) => r.rulePack !== null)?.rulePack ?? null
  addRows(guide, guideRows(options.pack ?? null, rulePack, { lang, runDate: options.runDate ?? track.today, today: track.today, sheets: TRACK_SHEETS, continued }))
  guide.getColumn(2).alignment = { wrapText: true, vertical: 'top' }
  return new Uint8Array(await wb.xlsx.writeBuffer())
}

const TRACK_SHEETS: readonly GuideSheet[] = ['main', 'key', 'gone', 'reasons', 'guide']
