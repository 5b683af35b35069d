import { DISPOSITIONS, REGION_KINDS, SECTORS, SOURCES, TIERS, enumLabel } from '@chufei/core'
import ExcelJS from 'exceljs'
import { neutraliseFormula } from './formula-guard'
import { LEDGER_COLUMN_SPECS, LEDGER_SHEET_NAMES, ledgerHeaders, type LedgerField } from './ledger-columns'
import { createPatternLabels, patternLabel, type Lang, type PatternLabels } from './labels'
import { STAFF_STATUSES, toWan, type LedgerRecord } from './record'
import { CHANGE_LABELS, type TrackResult, type TrackedLead } from './track'
import { fillTier, styleHeaderRow } from './xlsx-style'

/*
 * The ledger `chufei track --out` writes: the columns `chufei score` writes, in the same order (备注 carried
 * from the previous ledger, then the lead facts that let the next sweep match by credit code and let
 * `chufei stats` read people and money back), then 动态 and 上期预警等级. Sheet 2 lists the previous leads
 * not in this sweep, so none is lost.
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
    id: r.id,
    name: r.name,
    village: r.village,
    sector: r.sector === null ? null : enumLabel(SECTORS, r.sector, lang),
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
    creditCode: r.creditCode,
    regionKind: r.regionKind === null ? null : enumLabel(REGION_KINDS, r.regionKind, lang),
    source: r.source === null ? null : enumLabel(SOURCES, r.source, lang),
    people: r.people,
    raised: toWan(r.raised),
    outstanding: toWan(r.outstanding),
    reportedAt: r.reportedAt,
  }
}

const addSheet = (wb: ExcelJS.Workbook, name: string, lang: Lang) => {
  const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1, xSplit: 0 }] })
  ws.columns = LEDGER_COLUMN_SPECS.map((c) => ({ width: c.width }))
  styleHeaderRow(ws.addRow(ledgerHeaders(LEDGER_COLUMN_SPECS, lang)))
  return ws
}

const tierCol = LEDGER_COLUMN_SPECS.findIndex((c) => c.field === 'tier') + 1

const addRecord = (ws: ExcelJS.Worksheet, r: LedgerRecord, lead: TrackedLead | undefined, lang: Lang, labels: PatternLabels) => {
  const cells = cellsOf(r, lead, lang, labels)
  const row = ws.addRow(LEDGER_COLUMN_SPECS.map((c) => {
    const v = cells[c.field]
    return typeof v === 'string' ? (v === '' ? null : neutraliseFormula(v)) : v
  }))
  fillTier(row.getCell(tierCol), r.tier)
}

/**
 * Writes the tracked ledger as XLSX bytes: `风险台账` (this sweep, staff edits carried) and
 * `上期线索（本轮未出现）` (previous leads gone from the sweep, as they were).
 */
export const writeTrackedLedger = async (track: TrackResult, options: { lang?: Lang; patternLabels?: PatternLabels } = {}): Promise<Uint8Array> => {
  const lang = options.lang ?? 'zh'
  const labels = options.patternLabels ?? createPatternLabels()
  const wb = new ExcelJS.Workbook()
  wb.creator = 'chufei'
  const main = addSheet(wb, LEDGER_SHEET_NAMES.main[lang], lang)
  const byCurrent = new Map<LedgerRecord, TrackedLead>()
  const byPrevious = new Map<LedgerRecord, TrackedLead>()
  for (const l of track.leads) {
    if (l.current !== null) byCurrent.set(l.current, l)
    else if (l.previous !== null) byPrevious.set(l.previous, l)
  }
  for (const r of track.records) addRecord(main, r, byCurrent.get(r), lang, labels)
  main.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: LEDGER_COLUMN_SPECS.length } }
  const gone = addSheet(wb, LEDGER_SHEET_NAMES.gone[lang], lang)
  for (const r of track.gone) addRecord(gone, r, byPrevious.get(r), lang, labels)
  return new Uint8Array(await wb.xlsx.writeBuffer())
}
