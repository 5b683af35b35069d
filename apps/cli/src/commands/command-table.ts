import type { Lang } from '@chufei/core'
import type { ExitCode } from '../exit-codes'
import type { CommandIO } from '../score-command'
import type { HelpText, XlsxLimitHelp } from './help-text'
import type { RawScoreOptions } from './score-options'

/*
 * Every `chufei` command, declared once (命令表): its name, help texts, arguments and options, and how it
 * runs. `run` turns the table into commander commands. A command's modules are imported by its `run`
 * only, so `chufei --version` loads none and `chufei score` loads the scorer, not the report writer.
 */

/** What `run` hands a command. */
export interface CommandContext {
  readonly io: CommandIO
  /** The language found before options were parsed (`--lang`, else CHUFEI_LANG). */
  readonly lang: Lang
  readonly env: Record<string, string | undefined>
  /** A command that chose another language from its own options reports it, for the error printed after. */
  readonly setLang: (lang: Lang) => void
}

/** One option: commander's flags and its help text. */
export interface OptionSpec {
  readonly flags: string
  readonly text: (t: HelpText, xlsx: XlsxLimitHelp) => string
  readonly required?: boolean
  /** Accepted but left out of the help (an option kept so old scripts still run). */
  readonly hidden?: boolean
}

/** One command of the table. */
export interface CommandSpec {
  /** `score`, or `rules validate` for a subcommand of `rules`. */
  readonly name: string
  readonly text: (t: HelpText) => string
  /** A translated usage line; null or absent keeps commander's. */
  readonly usage?: (t: HelpText) => string | null
  readonly args?: readonly (readonly [name: string, text: (t: HelpText) => string])[]
  readonly options?: readonly OptionSpec[]
  /** Whether the option texts show the XLSX limits (read from @chufei/sheets, so loaded only when shown). */
  readonly showsXlsxLimits?: boolean
  /** Loads the command's modules and runs it: positional arguments, then commander's options. */
  run?(args: readonly unknown[], raw: Record<string, unknown>, context: CommandContext): Promise<ExitCode>
}

type Raw<T> = Record<string, unknown> & T & { lang?: string }
const lang = (t: HelpText) => t.lang

const opt = (flags: string, text: OptionSpec['text'], required = false): OptionSpec => ({ flags, text, required })
const LANG = opt('--lang <lang>', lang)
const RULES_AS_SCORE = opt('--rules <dir>', (t) => t.rulesAsScore)
const PREVIOUS = opt('--previous <ledger>', (t) => t.ledgerPrevious)
const TODAY = opt('--today <date>', (t) => t.ledgerToday)
const ALLOW = opt('--allow-pack-change', (t) => t.ledgerAllow)
const FORMAT = opt('--format <format>', (t) => t.ledgerFormat)
const TOKEN = opt('--token <token>', (t) => t.storeToken)
const JSON_OUT = opt('--json', (t) => t.storeJson)

/** The options every store command reads. */
type StoreRaw = { token?: string; json?: boolean }
const storeOptions = async (raw: Raw<StoreRaw>, context: CommandContext) => {
  const lang = await langOf(raw, context)
  context.setLang(lang)
  return { lang, env: context.env, json: raw.json === true, ...(raw.token === undefined ? {} : { token: raw.token }) }
}

/** `--lang` of a command, else the language `run` found. */
const langOf = async (raw: { lang?: string }, context: CommandContext): Promise<Lang> =>
  (await import('./command-options')).parseLang(raw.lang, context.lang)

/**
 * `{ [key]: value }` when the user gave the option, `{}` when not: command options are exact (an absent
 * option is a missing key, never `undefined`), so spread this instead.
 */
export const whenGiven = <K extends string, V>(key: K, value: V | undefined): Partial<Record<K, V>> =>
  value === undefined ? {} : ({ [key]: value } as Record<K, V>)
const given = whenGiven

/** The commands, in the order `chufei --help` lists them. */
export const COMMANDS: readonly CommandSpec[] = [
  {
    name: 'score',
    text: (t) => t.score,
    usage: (t) => t.scoreUsage,
    args: [['<sheet>', (t) => t.scoreSheet]],
    options: [
      opt('--rules <dir>', (t) => t.rulesDir),
      opt('--format <format>', (t) => t.scoreFormat),
      opt('--out <file>', (t) => t.scoreOut),
      opt('--sheet <name>', (t) => t.scoreSheetName),
      opt('--encoding <enc>', (t) => t.scoreEncoding),
      opt('--columns <map.json>', (t) => t.scoreColumns),
      opt('--strict', (t) => t.scoreStrict),
      LANG,
      opt('--quiet', (t) => t.scoreQuiet),
      opt('--engine <engine>', (t) => t.scoreEngine),
      // Removed with the worker pool; still accepted (hidden) so old scripts run, with a notice.
      { flags: '--threads <n>', text: () => '', hidden: true },
      opt('--max-xlsx-part-mb <n>', (t, x) => t.scoreXlsxPart(x)),
      opt('--max-xlsx-strings-mb <n>', (t, x) => t.scoreXlsxStrings(x)),
    ],
    showsXlsxLimits: true,
    run: async ([sheet], raw: Raw<RawScoreOptions>, context) => {
      const { parseScoreOptions } = await import('./score-options')
      const options = parseScoreOptions(sheet as string, raw, context.lang, context.env)
      context.setLang(options.lang)
      if (raw.threads !== undefined) {
        const m = (await import('../messages')).messagesFor(options.lang)
        context.io.stderr.write(`${m.warningPrefix}${m.threadsRemoved}\n`)
      }
      const { scoreCommand } = await import('../score-command')
      return scoreCommand(options, context.io)
    },
  },
  { name: 'rules', text: (t) => t.rules },
  {
    name: 'rules validate',
    text: (t) => t.rulesValidate,
    args: [['[dir]', (t) => t.rulesDir]],
    options: [LANG],
    run: async ([dir], raw, context) =>
      (await import('./rules-validate')).rulesValidateCommand({ lang: await langOf(raw, context), ...given('dir', dir as string | undefined) }, context.io),
  },
  {
    name: 'rules test',
    text: (t) => t.rulesTest,
    args: [['[dir]', (t) => t.rulesDir]],
    options: [LANG],
    run: async ([dir], raw, context) =>
      (await import('./rules-test')).rulesTestCommand({ lang: await langOf(raw, context), ...given('dir', dir as string | undefined) }, context.io),
  },
  {
    name: 'rules check',
    text: (t) => t.rulesCheck,
    args: [['[dir]', (t) => t.rulesDir]],
    options: [opt('--seed <n>', (t) => t.rulesSeed), opt('--runs <n>', (t) => t.rulesRuns), LANG],
    run: async ([dir], raw: Raw<{ seed?: string; runs?: string }>, context) => {
      const { parseWholeNumber, rulesCheckCommand } = await import('./rules-check')
      const seed = parseWholeNumber('--seed', raw.seed, 2 ** 31 - 1)
      const runs = parseWholeNumber('--runs', raw.runs, 10_000)
      return rulesCheckCommand({ lang: await langOf(raw, context), ...given('dir', dir as string | undefined), ...given('seed', seed), ...given('runs', runs) }, context.io)
    },
  },
  {
    name: 'explain',
    text: (t) => t.explain,
    args: [['<input>', (t) => t.explainInput]],
    options: [opt('--id <id>', (t) => t.explainId), RULES_AS_SCORE, opt('--all', (t) => t.explainAll), LANG],
    run: async ([input], raw: Raw<{ id?: string; rules?: string; all?: boolean }>, context) =>
      (await import('./explain-command')).explainCommand(
        { input: input as string, lang: await langOf(raw, context), all: raw.all === true, ...given('id', raw.id), ...given('rules', raw.rules) },
        context.io,
      ),
  },
  {
    name: 'diff',
    text: (t) => t.diff,
    args: [['<sheets...>', (t) => t.diffSheets]],
    options: [
      opt('--base <dir>', (t) => t.diffBase, true),
      opt('--head <dir>', (t) => t.diffHead, true),
      opt('--format <format>', (t) => t.diffFormat),
      opt('--out <file>', (t) => t.diffOut),
      LANG,
    ],
    run: async ([sheets], raw: Raw<{ base: string; head: string; format?: string; out?: string }>, context) => {
      const { diffCommand, parseDiffFormat } = await import('./diff-command')
      const options = { sheets: sheets as string[], base: raw.base, head: raw.head, format: parseDiffFormat(raw.format), lang: await langOf(raw, context), ...given('out', raw.out) }
      return diffCommand(options, context.io)
    },
  },
  {
    name: 'stats',
    text: (t) => t.stats,
    args: [['<input>', (t) => t.ledgerInput]],
    options: [RULES_AS_SCORE, FORMAT, PREVIOUS, TODAY, ALLOW, opt('--out <file>', (t) => t.ledgerOut), LANG],
    run: async ([input], raw: Raw<{ rules?: string; format?: string; previous?: string; today?: string; out?: string; allowPackChange?: boolean }>, context) => {
      const lang = await langOf(raw, context)
      const { parseStatsFormat, statsCommand } = await import('./stats-command')
      return statsCommand(
        { input: input as string, lang, format: parseStatsFormat(raw.format), allowPackChange: raw.allowPackChange === true, ...given('rules', raw.rules), ...given('previous', raw.previous), ...given('today', raw.today), ...given('out', raw.out) },
        context.io,
      )
    },
  },
  {
    name: 'track',
    text: (t) => t.track,
    args: [['<sheet>', (t) => t.ledgerSheet]],
    options: [opt('--previous <ledger>', (t) => t.ledgerPrevious, true), opt('--out <ledger.xlsx>', (t) => t.trackOut), RULES_AS_SCORE, FORMAT, TODAY, ALLOW, LANG],
    run: async ([input], raw: Raw<{ previous: string; rules?: string; format?: string; today?: string; out?: string; allowPackChange?: boolean }>, context) => {
      const lang = await langOf(raw, context)
      const { parseStatsFormat } = await import('./stats-command')
      const { trackCommand } = await import('./track-command')
      return trackCommand(
        { input: input as string, previous: raw.previous, lang, format: parseStatsFormat(raw.format), allowPackChange: raw.allowPackChange === true, ...given('rules', raw.rules), ...given('today', raw.today), ...given('out', raw.out) },
        context.io,
      )
    },
  },
  {
    name: 'report',
    text: (t) => t.report,
    args: [['[input]', (t) => t.ledgerInput]],
    options: [
      PREVIOUS,
      opt('--out <file>', (t) => t.reportOut),
      opt('--format <format>', (t) => t.reportFormat),
      RULES_AS_SCORE,
      TODAY,
      opt('--title <title>', (t) => t.reportTitle),
      opt('--org <name>', (t) => t.reportOrg),
      ALLOW,
      opt('--store', (t) => t.reportStore),
      opt('--unit <unit>', (t) => t.storeUnit),
      opt('--from <date>', (t) => t.trendFrom),
      opt('--to <date>', (t) => t.trendTo),
      TOKEN,
      LANG,
    ],
    run: async ([input], raw: Raw<StoreRaw & { previous?: string; out?: string; format?: string; rules?: string; today?: string; title?: string; org?: string; allowPackChange?: boolean; store?: boolean; unit?: string; from?: string; to?: string }>, context) => {
      if (raw.store === true) return (await import('./store-report-command')).runStoreReport(input as string | undefined, raw, await storeOptions(raw, context), context.io)
      const lang = await langOf(raw, context)
      if (input === undefined) throw (await import('./command-options')).usageError('请指定排查表或台账，或用 --store 从案件库生成报告', 'give a sheet or ledger, or --store to report from the case store')
      const { reportCommand } = await import('./report-command')
      return reportCommand(
        {
          input: input as string,
          lang,
          allowPackChange: raw.allowPackChange === true,
          ...given('previous', raw.previous),
          ...given('out', raw.out),
          ...given('format', raw.format),
          ...given('rules', raw.rules),
          ...given('today', raw.today),
          ...given('title', raw.title),
          ...given('organisation', raw.org),
        },
        context.io,
      )
    },
  },
  {
    name: 'trend',
    text: (t) => t.trendCmd,
    options: [opt('--unit <unit>', (t) => t.storeUnit), opt('--from <date>', (t) => t.trendFrom), opt('--to <date>', (t) => t.trendTo), TOKEN, JSON_OUT, LANG],
    run: async (_args, raw: Raw<StoreRaw & { unit?: string; from?: string; to?: string }>, context) =>
      (await import('./trend-command')).trendCommand({ ...(await storeOptions(raw, context)), ...given('unit', raw.unit), ...given('from', raw.from), ...given('to', raw.to) }, context.io),
  },
  // The case store (案件库). Only these commands open it; each loads @chufei/store when it runs.
  {
    name: 'import',
    text: (t) => t.importCmd,
    args: [['<sheet>', (t) => t.importSheet]],
    options: [
      opt('--unit <unit>', (t) => t.importUnit, true),
      opt('--date <date>', (t) => t.importDate, true),
      RULES_AS_SCORE,
      opt('--sheet <name>', (t) => t.importSheetName),
      opt('--encoding <enc>', (t) => t.importEncoding),
      TOKEN,
      JSON_OUT,
      LANG,
    ],
    run: async ([sheet], raw: Raw<StoreRaw & { unit: string; date: string; rules?: string; sheet?: string; encoding?: string }>, context) =>
      (await import('./store-commands')).importCommand(
        { ...(await storeOptions(raw, context)), sheet: sheet as string, unit: raw.unit, date: raw.date, ...given('rules', raw.rules), ...given('sheetName', raw.sheet), ...given('encoding', raw.encoding) },
        context.io,
      ),
  },
  { name: 'case', text: (t) => t.caseCmd },
  {
    name: 'case list',
    text: (t) => t.caseList,
    options: [
      opt('--unit <unit>', (t) => t.storeUnit),
      opt('--status <status>', (t) => t.caseStatusFilter),
      opt('--open', (t) => t.caseOpen),
      opt('--escalated', (t) => t.caseEscalated),
      opt('--resurfacing', (t) => t.caseResurfacing),
      opt('--search <text>', (t) => t.caseSearch),
      TOKEN,
      JSON_OUT,
      LANG,
    ],
    run: async (_args, raw: Raw<StoreRaw & { unit?: string; status?: string; open?: boolean; escalated?: boolean; resurfacing?: boolean; search?: string }>, context) =>
      (await import('./store-commands')).caseListCommand(
        {
          ...(await storeOptions(raw, context)),
          open: raw.open === true,
          escalated: raw.escalated === true,
          resurfacing: raw.resurfacing === true,
          ...given('unit', raw.unit),
          ...given('status', raw.status),
          ...given('search', raw.search),
        },
        context.io,
      ),
  },
  {
    name: 'case show',
    text: (t) => t.caseShow,
    args: [['<id>', (t) => t.caseId]],
    options: [TOKEN, JSON_OUT, LANG],
    run: async ([id], raw: Raw<StoreRaw>, context) => (await import('./store-commands')).caseShowCommand({ ...(await storeOptions(raw, context)), id: id as string }, context.io),
  },
  {
    name: 'case update',
    text: (t) => t.caseUpdate,
    args: [['<id>', (t) => t.caseId]],
    options: [
      opt('--expect-version <n>', (t) => t.caseVersion),
      opt('--status <status>', (t) => t.caseStatus),
      opt('--measures <text>', (t) => t.caseMeasures),
      opt('--deadline <date>', (t) => t.caseDeadline),
      opt('--plan <text>', (t) => t.casePlan),
      opt('--notes <text>', (t) => t.caseNotes),
      TOKEN,
      JSON_OUT,
      LANG,
    ],
    run: async ([id], raw: Raw<StoreRaw & { expectVersion?: string; status?: string; measures?: string; deadline?: string; plan?: string; notes?: string }>, context) =>
      (await import('./store-commands')).caseUpdateCommand(
        {
          ...(await storeOptions(raw, context)),
          id: id as string,
          ...given('version', raw.expectVersion),
          ...given('status', raw.status),
          ...given('measures', raw.measures),
          ...given('deadline', raw.deadline),
          ...given('plan', raw.plan),
          ...given('notes', raw.notes),
        },
        context.io,
      ),
  },
  {
    name: 'case open',
    text: (t) => t.caseOpenByHand,
    options: [
      opt('--lead <id>', (t) => t.caseLead),
      opt('--sweep <n>', (t) => t.caseSweep),
      opt('--line <row>', (t) => t.caseLine),
      opt('--reason <text>', (t) => t.caseReason),
      opt('--deadline <date>', (t) => t.caseOpenDeadline),
      TOKEN,
      JSON_OUT,
      LANG,
    ],
    run: async (_args, raw: Raw<StoreRaw & { lead?: string; sweep?: string; line?: string; reason?: string; deadline?: string }>, context) =>
      (await import('./case-open-command')).caseOpenCommand(
        {
          ...(await storeOptions(raw, context)),
          ...given('lead', raw.lead),
          ...given('sweep', raw.sweep),
          ...given('line', raw.line),
          ...given('reason', raw.reason),
          ...given('deadline', raw.deadline),
        },
        context.io,
      ),
  },
  {
    name: 'overdue',
    text: (t) => t.overdueCmd,
    options: [opt('--today <date>', (t) => t.overdueToday), opt('--unit <unit>', (t) => t.storeUnit), TOKEN, JSON_OUT, LANG],
    run: async (_args, raw: Raw<StoreRaw & { today?: string; unit?: string }>, context) =>
      (await import('./store-commands')).overdueCommand({ ...(await storeOptions(raw, context)), ...given('today', raw.today), ...given('unit', raw.unit) }, context.io),
  },
  // 排查批次: the sweeps in the store and a sweep's risk ledger (sweep-commands.ts).
  { name: 'sweep', text: (t) => t.sweepCmd },
  {
    name: 'sweep list',
    text: (t) => t.sweepList,
    options: [TOKEN, JSON_OUT, LANG],
    run: async (_args, raw: Raw<StoreRaw>, context) => (await import('./sweep-commands')).sweepListCommand(await storeOptions(raw, context), context.io),
  },
  {
    name: 'sweep ledger',
    text: (t) => t.sweepLedger,
    args: [['<sweep>', (t) => t.sweepId]],
    options: [opt('--out <file>', (t) => t.sweepLedgerOut, true), RULES_AS_SCORE, TOKEN, JSON_OUT, LANG],
    run: async ([sweep], raw: Raw<StoreRaw & { out: string; rules?: string }>, context) =>
      (await import('./sweep-commands')).sweepLedgerCommand({ ...(await storeOptions(raw, context)), sweep: sweep as string, out: raw.out, ...given('rules', raw.rules) }, context.io),
  },
  // 台账导出与回填: the case ledger out to Excel/WPS and back (ledger-store-command.ts).
  { name: 'ledger', text: (t) => t.ledgerCmd },
  {
    name: 'ledger export',
    text: (t) => t.ledgerExport,
    options: [opt('--unit <unit>', (t) => t.storeUnit), opt('--as-of <date>', (t) => t.ledgerAsOf), opt('--out <file>', (t) => t.ledgerExportOut, true), TOKEN, JSON_OUT, LANG],
    run: async (_args, raw: Raw<StoreRaw & { unit?: string; asOf?: string; out: string }>, context) =>
      (await import('./ledger-store-command')).ledgerExportCommand({ ...(await storeOptions(raw, context)), out: raw.out, ...given('unit', raw.unit), ...given('asOf', raw.asOf) }, context.io),
  },
  {
    name: 'ledger import',
    text: (t) => t.ledgerImport,
    args: [['<file>', (t) => t.ledgerImportFile]],
    options: [opt('--apply', (t) => t.ledgerApply), TOKEN, JSON_OUT, LANG],
    run: async ([file], raw: Raw<StoreRaw & { apply?: boolean }>, context) =>
      (await import('./ledger-store-command')).ledgerImportCommand({ ...(await storeOptions(raw, context)), file: file as string, apply: raw.apply === true }, context.io),
  },
  { name: 'db', text: (t) => t.dbCmd },
  {
    name: 'db migrate',
    text: (t) => t.dbMigrate,
    options: [TOKEN, LANG],
    run: async (_args, raw: Raw<StoreRaw>, context) => (await import('./store-commands')).dbMigrateCommand(await storeOptions(raw, context), context.io),
  },
  {
    name: 'db dump',
    text: (t) => t.dbDump,
    options: [opt('--out <file>', (t) => t.dbDumpOut), TOKEN, LANG],
    run: async (_args, raw: Raw<StoreRaw & { out?: string }>, context) =>
      (await import('./store-commands')).dbDumpCommand({ ...(await storeOptions(raw, context)), ...given('out', raw.out) }, context.io),
  },
  {
    name: 'db restore',
    text: (t) => t.dbRestore,
    args: [['<file>', (t) => t.dbRestoreFile]],
    options: [TOKEN, LANG],
    run: async ([file], raw: Raw<StoreRaw>, context) => (await import('./store-commands')).dbRestoreCommand({ ...(await storeOptions(raw, context)), file: file as string }, context.io),
  },
  { name: 'unit', text: (t) => t.unitCmd },
  {
    name: 'unit add',
    text: (t) => t.unitAdd,
    args: [['<name>', (t) => t.unitName]],
    options: [opt('--town <town>', (t) => t.unitTown), opt('--kind <kind>', (t) => t.unitKind), TOKEN, JSON_OUT, LANG],
    run: async ([name], raw: Raw<StoreRaw & { town?: string; kind?: string }>, context) =>
      (await import('./store-commands')).unitAddCommand({ ...(await storeOptions(raw, context)), name: name as string, ...given('town', raw.town), ...given('kind', raw.kind) }, context.io),
  },
  { name: 'user', text: (t) => t.userCmd },
  {
    name: 'user add',
    text: (t) => t.userAdd,
    args: [['<login>', (t) => t.userLogin]],
    options: [opt('--role <role>', (t) => t.userRole, true), opt('--unit <unit>', (t) => t.storeUnit), opt('--name <name>', (t) => t.userName), TOKEN, JSON_OUT, LANG],
    run: async ([login], raw: Raw<StoreRaw & { role: string; unit?: string; name?: string }>, context) =>
      (await import('./store-commands')).userAddCommand(
        { ...(await storeOptions(raw, context)), login: login as string, role: raw.role, ...given('unit', raw.unit), ...given('name', raw.name) },
        context.io,
      ),
  },
  {
    name: 'user token',
    text: (t) => t.userToken,
    args: [['<login>', (t) => t.userLogin]],
    options: [opt('--label <text>', (t) => t.userTokenLabel), TOKEN, JSON_OUT, LANG],
    run: async ([login], raw: Raw<StoreRaw & { label?: string }>, context) =>
      (await import('./store-commands')).userTokenCommand({ ...(await storeOptions(raw, context)), login: login as string, ...given('label', raw.label) }, context.io),
  },
]
