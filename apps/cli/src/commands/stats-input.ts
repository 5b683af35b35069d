import { stat } from 'node:fs/promises'
import { resolve } from 'node:path'
import { ChufeiError, createScorer, formatIssue, type Issue, type RulePack } from '@chufei/core'
import { loadRulePack } from '@chufei/core/node'
import {
  createPatternLabels,
  isIsoDate,
  isLedgerFile,
  localIsoDate,
  readLedger,
  rulePackLabel,
  scoreSheet,
  trackLeads,
  type Lang,
  type LedgerRecord,
  type PatternLabels,
  type SweepCounts,
  type TrackResult,
} from '@chufei/ledger'
import { createAtomicFile } from '../atomic-file'
import { resolveRulesDir } from '../resolve-rules'
import type { CommandIO } from '../score-command'
import { usageError } from './command-options'

/*
 * What `stats`, `track` and `report` share: an input that is either an investigation sheet (scored on the
 * fly with the pack) or a ledger (XLSX with Chinese headers, JSONL/JSON results); the previous ledger of
 * `--previous`; "today"; writing the output atomically.
 */

/** A sweep ready for analysis. */
export interface LoadedSweep {
  readonly file: string
  readonly kind: 'sheet' | 'ledger'
  readonly records: LedgerRecord[]
  readonly counts: SweepCounts
  /** The pack that scored it (sheets), or the pack found for labels (ledgers), if any. */
  readonly pack: RulePack | null
  readonly patternLabels: PatternLabels
  /** The 规则版本 the records were scored with: the pack's for a sheet, the ledger's first otherwise. */
  readonly rulePack: string | null
}

const say = (lang: Lang, zh: string, en: string) => (lang === 'zh' ? zh : en)

/** `--today YYYY-MM-DD`, else the clock's local date. */
export const resolveToday = (today: string | undefined, io: CommandIO): string => {
  if (today === undefined) return localIsoDate(io.now())
  if (!isIsoDate(today)) throw usageError(`--today 的取值“${today}”不是日期，应为 YYYY-MM-DD`, `--today "${today}" is not a date: use YYYY-MM-DD`)
  return today
}

/** Prints located warnings (cells of a ledger that could not be read) to stderr. */
export const printIssues = (issues: readonly Issue[], lang: Lang, io: CommandIO): void => {
  for (const i of issues) io.stderr.write(`${say(lang, '提示：', 'note: ')}${formatIssue(i, lang)}\n`)
}

const existingFile = async (path: string, shown: string): Promise<void> => {
  const info = await stat(path).catch(() => null)
  if (info === null || !info.isFile()) {
    const message = `找不到文件：${shown}`
    throw new ChufeiError('UNREADABLE_INPUT', message, { issues: [{ code: 'not-found', severity: 'error', file: shown, message, messageEn: `file not found: ${shown}` }] })
  }
}

const loadPack = async (rules: string | undefined, io: CommandIO): Promise<RulePack> => loadRulePack(await resolveRulesDir(rules, io.cwd))

/**
 * Loads a sheet (scored with the pack) or a ledger. Cell problems of a ledger are printed as notes;
 * an unreadable file throws `UNREADABLE_INPUT` naming it.
 */
export const loadSweep = async (input: string, options: { rules?: string; lang: Lang; runDate: string }, io: CommandIO): Promise<LoadedSweep> => {
  const path = resolve(io.cwd, input)
  await existingFile(path, input)
  if (await isLedgerFile(path)) {
    // The pack only names custom patterns here; a ledger is readable without one.
    const pack = await loadPack(options.rules, io).catch(() => null)
    const patternLabels = createPatternLabels(pack?.patterns)
    const read = await readLedger(path, { patternLabels })
    printIssues(read.issues.map((i) => ({ ...i, file: input })), options.lang, io)
    return { file: input, kind: 'ledger', records: read.records, counts: read.counts, pack, patternLabels, rulePack: read.records.find((r) => r.rulePack !== null)?.rulePack ?? null }
  }
  const pack = await loadPack(options.rules, io)
  const sweep = await scoreSheet(path, createScorer(pack), { runDate: options.runDate })
  return { file: input, kind: 'sheet', records: sweep.records, counts: sweep.counts, pack, patternLabels: createPatternLabels(pack.patterns), rulePack: rulePackLabel(pack) }
}

/** The previous ledger of `--previous`, tracked against this sweep. Pack changes fail unless allowed. */
export const trackAgainst = async (
  previousPath: string,
  current: LoadedSweep,
  options: { lang: Lang; today: string; allowPackChange: boolean },
  io: CommandIO,
): Promise<TrackResult> => {
  const path = resolve(io.cwd, previousPath)
  await existingFile(path, previousPath)
  const previous = await readLedger(path, { patternLabels: current.patternLabels }).catch((e: unknown) => {
    if (e instanceof ChufeiError) throw new ChufeiError(e.code, e.message, { cause: e, issues: e.issues.map((i) => ({ ...i, file: previousPath })) })
    throw e
  })
  printIssues(previous.issues.map((i) => ({ ...i, file: previousPath })), options.lang, io)
  const track = trackLeads(previous.records, current.records, {
    today: options.today,
    rulePack: current.rulePack ?? '',
    previousFile: previousPath,
    ...(previous.extraColumns ? { extraColumns: previous.extraColumns } : {}),
  })
  printIssues(track.unmatchable, options.lang, io)
  const changed = track.packMismatches.filter((i) => i.severity === 'error')
  printIssues(track.packMismatches.filter((i) => i.severity === 'warning'), options.lang, io)
  if (changed.length > 0) {
    if (!options.allowPackChange) {
      const message = `上期台账 ${previousPath} 与本次使用的规则版本不同；确需比较请加 --allow-pack-change`
      throw new ChufeiError('UNREADABLE_INPUT', message, {
        issues: [
          ...changed,
          { code: 'rule-pack-changed', severity: 'error', file: previousPath, message: '确需跨规则版本比较，请加 --allow-pack-change（升降级可能由规则修改引起）', messageEn: 'to compare across rule packs anyway, add --allow-pack-change (changes may come from the rule edit)' },
        ],
      })
    }
    printIssues(changed.map((i) => ({ ...i, severity: 'warning' as const })), options.lang, io)
  }
  return track
}

/** Writes bytes or text to `out` atomically (temp file, then rename), or to stdout when out is undefined. */
export const writeOutput = async (out: string | undefined, data: string | Uint8Array, io: CommandIO): Promise<void> => {
  if (out === undefined) {
    await new Promise<void>((resolve, reject) => io.stdout.write(data, (e) => (e ? reject(e) : resolve())))
    return
  }
  const file = await createAtomicFile(resolve(io.cwd, out))
  try {
    await new Promise<void>((resolve, reject) => file.stream.write(data, (e) => (e ? reject(e) : resolve())))
    await file.commit()
  } catch (e) {
    await file.abort()
    throw e
  }
}
