import { basename, resolve } from 'node:path'
import type { Lang } from '@chufei/core'
import {
  LEDGER_SYNC_HEADERS,
  applyLedgerImport,
  exportCaseLedger,
  planLedgerImport,
  type CaseView,
  type LedgerChange,
  type LedgerConflict,
  type LedgerImportOutcome,
  type LedgerImportPlan,
  type LedgerRowError,
} from '@chufei/store'
import { EXIT_FAILURE, EXIT_OK, EXIT_REFUSED, type ExitCode } from '../exit-codes'
import type { CommandIO } from '../score-command'
import { usageError } from './command-options'
import { ledgerFileKind, readLedgerFile, writeLedgerFile } from './ledger-store-file'
import { withSession } from './store-session'
import type { StoreCommandOptions } from './store-commands'

/*
 * `chufei ledger export` and `chufei ledger import` (台账导出与回填): the case ledger out to Excel/WPS, and
 * the edited sheet back as follow-up events. Import previews by default — every change, every conflict,
 * every bad cell — and writes only with --apply; a conflict is never written over (exit 3).
 */

const say = (io: CommandIO, text: string) => io.stdout.write(`${text}\n`)

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/

const shown = (v: string | null, lang: Lang): string => (v === null || v === '' ? '—' : lang === 'zh' ? `“${v}”` : `"${v}"`)
const column = (field: keyof typeof LEDGER_SYNC_HEADERS, lang: Lang) => LEDGER_SYNC_HEADERS[field][lang]

const zh = {
  exported: (n: number, file: string, asOf: string | undefined) => `已导出 ${n} 件案件到 ${file}${asOf === undefined ? '（当前状态）' : `（截至 ${asOf}）`}；修改“状态、处置措施、整改时限、一事一策、备注”后用 chufei ledger import 回填，请勿修改“案件编号”和“版本”`,
  summary: (file: string, p: LedgerImportPlan) =>
    `台账 ${file}：读取 ${p.rows} 行；修改 ${p.changes.length} 处（${new Set(p.changes.map((c) => c.caseId)).size} 件案件），冲突 ${p.conflicts.length} 件，有问题 ${p.errors.length} 处`,
  changesHead: '修改（原值 → 新值）：',
  change: (c: LedgerChange) => `  案件 ${c.caseId} ${c.subject}（第 ${c.row} 行）  ${column(c.field, 'zh')}：${shown(c.before, 'zh')} → ${shown(c.after, 'zh')}`,
  conflictsHead: '冲突（导出后案件库中已被修改，表格中的修改不回填，请重新导出后再改）：',
  conflict: (c: LedgerConflict) =>
    `  案件 ${c.caseId} ${c.current.subject.name}（第 ${c.row} 行）：导出时第 ${c.exportedVersion} 版，现在第 ${c.currentVersion} 版；表格中改为 ${c.edits.map((e) => `${column(e.field, 'zh')} ${shown(e.after, 'zh')}`).join('，')}；案件库现为 ${currentText(c.current, c.edits.map((e) => e.field), 'zh')}`,
  errorsHead: '有问题的行（未处理）：',
  error: (e: LedgerRowError) => `  ${e.message}`,
  preview: (n: number): string => (n === 0 ? '没有需要回填的修改。' : '以上为预览，未作任何修改；确认无误后加 --apply 写入。'),
  applied: (o: LedgerImportOutcome): string => (o.updated.length === 0 ? '没有回填任何案件。' : `已回填 ${o.updated.length} 件案件，每件记一条修改记录。`),
  raced: (o: LedgerImportOutcome) => o.conflicts.map((c) => `  案件 ${c.caseId} ${c.current.subject.name}：预览后又被修改（导出时第 ${c.exportedVersion} 版，现在第 ${c.currentVersion} 版），未回填`).join('\n'),
  refused: (n: number) => `冲突 ${n} 件未回填（退出码 3）：请重新导出台账，在新版本上修改后再回填。`,
}

type Text = typeof zh

const en: Text = {
  exported: (n, file, asOf) => `Exported ${n} cases to ${file}${asOf === undefined ? ' (as they are now)' : ` (as of ${asOf})`}; edit Status, Measures, Deadline, Plan or Notes and bring it back with chufei ledger import — leave Case ID and Version as they are`,
  summary: (file, p) => `Ledger ${file}: ${p.rows} rows read; ${p.changes.length} changes (${new Set(p.changes.map((c) => c.caseId)).size} cases), ${p.conflicts.length} conflicts, ${p.errors.length} problems`,
  changesHead: 'Changes (before → after):',
  change: (c) => `  case ${c.caseId} ${c.subject} (row ${c.row})  ${column(c.field, 'en')}: ${shown(c.before, 'en')} → ${shown(c.after, 'en')}`,
  conflictsHead: 'Conflicts (changed in the store since the export; the sheet’s edits are not applied — export again and redo them):',
  conflict: (c) =>
    `  case ${c.caseId} ${c.current.subject.name} (row ${c.row}): exported at version ${c.exportedVersion}, now ${c.currentVersion}; the sheet says ${c.edits.map((e) => `${column(e.field, 'en')} ${shown(e.after, 'en')}`).join(', ')}; the store now has ${currentText(c.current, c.edits.map((e) => e.field), 'en')}`,
  errorsHead: 'Rows with problems (left out):',
  error: (e) => `  ${e.messageEn}`,
  preview: (n) => (n === 0 ? 'Nothing to bring back.' : 'This is a preview; nothing was changed. Add --apply to write it.'),
  applied: (o) => (o.updated.length === 0 ? 'No case was changed.' : `Brought back ${o.updated.length} cases, one history entry each.`),
  raced: (o) => o.conflicts.map((c) => `  case ${c.caseId} ${c.current.subject.name}: changed after the preview (exported at version ${c.exportedVersion}, now ${c.currentVersion}); not applied`).join('\n'),
  refused: (n) => `${n} conflicts not applied (exit 3): export the ledger again and redo the edits on the new version.`,
}

const currentText = (c: CaseView, fields: readonly LedgerConflict['edits'][number]['field'][], lang: Lang): string =>
  fields.map((f) => `${column(f, lang)} ${shown(c[f], lang)}`).join(lang === 'zh' ? '，' : ', ')

/** `chufei ledger export --unit <单位> [--as-of 日期] --out 台账.xlsx|.csv`. */
export const ledgerExportCommand = async (options: StoreCommandOptions & { unit?: string; asOf?: string; out: string }, io: CommandIO): Promise<ExitCode> => {
  const t = options.lang === 'en' ? en : zh
  if (options.asOf !== undefined && !ISO_DATE.test(options.asOf)) {
    throw usageError(`--as-of 的取值“${options.asOf}”不是日期：请写成 2024-06-30 的形式`, `--as-of "${options.asOf}" is not a date: write 2024-06-30`)
  }
  const path = resolve(io.cwd, options.out)
  ledgerFileKind(path) // a bad extension is a usage error before the store is opened
  const rows = await withSession(options.env, options.token, ({ db, actor }) =>
    exportCaseLedger(db, actor, { ...(options.unit === undefined ? {} : { unit: options.unit }), ...(options.asOf === undefined ? {} : { asOf: options.asOf }) }),
  )
  await writeLedgerFile(path, rows, options.lang)
  if (options.json === true) say(io, JSON.stringify({ file: options.out, cases: rows.length }))
  else say(io, t.exported(rows.length, options.out, options.asOf))
  return EXIT_OK
}

const printPlan = (io: CommandIO, t: Text, file: string, plan: LedgerImportPlan) => {
  say(io, t.summary(file, plan))
  if (plan.changes.length > 0) say(io, t.changesHead)
  for (const c of plan.changes) say(io, t.change(c))
  if (plan.conflicts.length > 0) say(io, t.conflictsHead)
  for (const c of plan.conflicts) say(io, t.conflict(c))
  if (plan.errors.length > 0) say(io, t.errorsHead)
  for (const e of plan.errors) say(io, t.error(e))
}

/**
 * `chufei ledger import <edited.xlsx|csv> [--apply]`. Without --apply: the preview, exit 0, nothing written.
 * With --apply: writes the changes; exit 3 when any case was refused as a conflict, else 1 when a row had a
 * problem (the other rows were written), else 0.
 */
export const ledgerImportCommand = async (options: StoreCommandOptions & { file: string; apply: boolean }, io: CommandIO): Promise<ExitCode> => {
  const t = options.lang === 'en' ? en : zh
  const path = resolve(io.cwd, options.file)
  const rows = await readLedgerFile(path, options.file)
  const { plan, outcome } = await withSession(options.env, options.token, async ({ db, actor }) => {
    const plan = await planLedgerImport(db, actor, rows)
    return { plan, outcome: options.apply ? await applyLedgerImport(db, actor, plan) : undefined }
  })
  const refused = plan.conflicts.length + (outcome?.conflicts.length ?? 0)
  if (options.json === true) say(io, JSON.stringify({ plan, ...(outcome === undefined ? {} : { outcome }) }, null, 2))
  else {
    printPlan(io, t, basename(path), plan)
    if (outcome === undefined) say(io, t.preview(plan.changes.length))
    else {
      say(io, t.applied(outcome))
      if (outcome.conflicts.length > 0) say(io, t.raced(outcome))
      if (refused > 0) io.stderr.write(`${t.refused(refused)}\n`)
    }
  }
  if (outcome === undefined) return EXIT_OK
  return refused > 0 ? EXIT_REFUSED : plan.errors.length > 0 ? EXIT_FAILURE : EXIT_OK
}
