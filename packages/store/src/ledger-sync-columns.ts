import { ChufeiError } from '@chufei/core'
import { normalizeHeader, type Cell } from '@chufei/sheets'

/*
 * The columns of the case ledger staff take out to Excel/WPS and bring back (台账导出与回填). 案件编号 and 版本
 * identify the case and the version the sheet was made from; only the follow-up columns (状态, 处置措施,
 * 整改时限, 一事一策, 备注) are read back as edits — the others are there for reading and sorting, and an edit
 * to them is ignored, as `updateCase` could not write it anyway.
 */

/** The fields of an exported ledger row, in column order. */
export const LEDGER_SYNC_FIELDS = [
  'caseId',
  'version',
  'unit',
  'subject',
  'creditCode',
  'tier',
  'total',
  'disposition',
  'status',
  'measures',
  'deadline',
  'plan',
  'notes',
] as const
export type LedgerSyncField = (typeof LEDGER_SYNC_FIELDS)[number]

/** The follow-up fields staff may edit in the sheet: what an import turns into `updateCase` fields. */
export const LEDGER_EDITABLE_FIELDS = ['status', 'measures', 'deadline', 'plan', 'notes'] as const
export type LedgerEditableField = (typeof LEDGER_EDITABLE_FIELDS)[number]

/** Column headers: Chinese (default) and English. */
export const LEDGER_SYNC_HEADERS: Readonly<Record<LedgerSyncField, { zh: string; en: string }>> = {
  caseId: { zh: '案件编号', en: 'Case ID' },
  version: { zh: '版本', en: 'Version' },
  unit: { zh: '所属单位', en: 'Unit' },
  subject: { zh: '主体名称', en: 'Subject' },
  creditCode: { zh: '统一社会信用代码', en: 'Credit code' },
  tier: { zh: '预警等级', en: 'Tier' },
  total: { zh: '综合得分', en: 'Total' },
  disposition: { zh: '处置建议', en: 'Disposition' },
  status: { zh: '状态', en: 'Status' },
  measures: { zh: '处置措施', en: 'Measures' },
  deadline: { zh: '整改时限', en: 'Deadline' },
  plan: { zh: '一事一策', en: 'Plan' },
  notes: { zh: '备注', en: 'Notes' },
}

/** The header cells of a ledger in one language. */
export const ledgerSyncHeaders = (lang: 'zh' | 'en' = 'zh'): string[] => LEDGER_SYNC_FIELDS.map((f) => LEDGER_SYNC_HEADERS[f][lang])

/** One data row of a ledger as read back: its sheet line and its cells by field (absent: no such column). */
export interface LedgerImportRow {
  /** 1-based CSV line or worksheet row, for messages. */
  readonly line: number
  readonly cells: Partial<Record<LedgerSyncField, Cell>>
}

// Either language's header, normalised the way the sweep reader matches headers (full-width, spaces…).
const BY_HEADER: ReadonlyMap<string, LedgerSyncField> = new Map(
  LEDGER_SYNC_FIELDS.flatMap((f) => [
    [normalizeHeader(LEDGER_SYNC_HEADERS[f].zh), f] as const,
    [normalizeHeader(LEDGER_SYNC_HEADERS[f].en), f] as const,
  ]),
)

/** How far down a sheet the header row may be (a title row or two above it is common). */
const HEADER_SCAN = 10

const isBlank = (cells: readonly Cell[]): boolean => cells.every((c) => c === null || (typeof c === 'string' && c.trim() === ''))

/**
 * Finds the header row (the first of the top rows with 案件编号 and 版本) and returns every data row below it
 * with its cells by field; blank rows are skipped. Columns may be reordered, added or renamed in the other
 * language; unknown columns are ignored.
 * @throws {ChufeiError} `UNREADABLE_INPUT` when no header row with 案件编号 and 版本 is found (the file, when
 *   given, is named in the issue): the input is wrong, not the command
 */
export const ledgerRowsFromCells = (rows: Iterable<{ line: number; cells: readonly Cell[] }>, file?: string): LedgerImportRow[] => {
  let columns: Map<number, LedgerSyncField> | undefined
  let scanned = 0
  const out: LedgerImportRow[] = []
  for (const row of rows) {
    if (columns === undefined) {
      scanned += 1
      const found = new Map<number, LedgerSyncField>()
      row.cells.forEach((c, i) => {
        const field = typeof c === 'string' ? BY_HEADER.get(normalizeHeader(c)) : undefined
        if (field !== undefined && ![...found.values()].includes(field)) found.set(i, field)
      })
      const fields = new Set(found.values())
      if (fields.has('caseId') && fields.has('version')) columns = found
      else if (scanned >= HEADER_SCAN) break
      continue
    }
    if (isBlank(row.cells)) continue
    const cells: Partial<Record<LedgerSyncField, Cell>> = {}
    for (const [i, field] of columns) cells[field] = row.cells[i] ?? null
    out.push({ line: row.line, cells })
  }
  if (columns === undefined) {
    const message = '找不到台账的表头：表头行须有“案件编号”和“版本”两列（请用 chufei ledger export 导出的台账修改后回填）'
    const messageEn = 'no ledger header: the header row needs 案件编号 (case number) and 版本 (version) (edit a ledger written by chufei ledger export)'
    throw new ChufeiError('UNREADABLE_INPUT', message, { issues: [{ code: 'no-header', severity: 'error', message, messageEn, ...(file === undefined ? {} : { file }) }] })
  }
  return out
}
