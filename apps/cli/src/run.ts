import type { Readable, Writable } from 'node:stream'
import { ChufeiError, formatIssue, type Issue } from '@chufei/core'
import { Command, CommanderError, Option } from 'commander'
import { OUTPUT_FORMATS, type Lang, type OutputFormat } from '@chufei/ledger'
import packageJson from '../package.json'
import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE, exitCodeFor } from './exit-codes'
import { fail } from './_fail'
import { messagesFor, type Messages } from './messages'
import { scoreCommand, type CommandIO } from './score-command'
import { registerAnalystCommands } from './commands/rules-register'
import { registerLedgerCommands } from './commands/stats-register'
import { parseXlsxLimits } from './xlsx-limit-options'

/*
 * The `chufei` command line. `run` never calls process.exit: it returns the exit code, and commander is
 * told (exitOverride) to throw instead of exiting, so tests can call it with captured streams.
 */

/** Streams and environment of a run; everything defaults to the real process. */
export interface RunIO {
  stdout: Writable
  stderr: Writable
  stdin?: Readable
  cwd?: string
  env?: Record<string, string | undefined>
  /** Whether stderr is a terminal (progress bar). Defaults to `process.stderr.isTTY` for the real stderr, else false. */
  isTTY?: boolean
  /** Aborted on SIGINT by the bin. */
  signal?: AbortSignal
  /** The clock (deadlines of leads without a 排查日期). */
  now?: () => Date
}

const LANGS = ['zh', 'en'] as const

/** The language to speak before options are parsed (help, commander errors): `--lang`, else CHUFEI_LANG. */
const preScanLang = (argv: readonly string[], env: Record<string, string | undefined>): Lang => {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]
    if (a === '--') break
    if (a === '--lang' && argv[i + 1] === 'en') return 'en'
    if (a === '--lang=en') return 'en'
  }
  return env.CHUFEI_LANG === 'en' ? 'en' : 'zh'
}

const quoted = (message: string): string => /'([^']*)'/.exec(message)?.[1] ?? ''
const suggestion = (message: string): string | null => /Did you mean ([^?\s]+)\?/i.exec(message)?.[1] ?? null

/** Commander's own errors, in the user's language. */
const commanderMessage = (err: CommanderError, m: Messages): string => {
  switch (err.code) {
    case 'commander.unknownOption':
      return m.unknownOption(quoted(err.message), suggestion(err.message))
    case 'commander.unknownCommand':
      return m.unknownCommand(quoted(err.message), suggestion(err.message))
    case 'commander.missingArgument':
      return m.missingArgument(quoted(err.message))
    case 'commander.optionMissingArgument':
      return m.optionMissingArgument(quoted(err.message).split(' ')[0] ?? '')
    case 'commander.excessArguments':
      return m.excessArguments(quoted(err.message))
    default:
      return err.message.replace(/^error: /, '')
  }
}

const location = (issue: Issue): string => [issue.file, issue.line, issue.column].filter((p) => p !== undefined).join(':')

/** Prints a ChufeiError: one line when it has one issue, else a headline and every issue. */
const printError = (err: ChufeiError, lang: Lang, stderr: Writable): void => {
  const m = messagesFor(lang)
  const say = (text: string) => stderr.write(`${text}\n`)
  const text = (i: Issue) => (lang === 'zh' ? i.message : i.messageEn)
  if (err.code === 'USAGE') {
    say(`${m.errorPrefix}${err.issues[0] ? text(err.issues[0]) : err.message}`)
    say(m.usageHint)
    return
  }
  const only = err.issues.length === 1 ? err.issues[0] : undefined
  if (only !== undefined && err.code !== 'INVALID_RULE_PACK') {
    const where = location(only)
    say(`${m.errorPrefix}${where === '' ? '' : `${where}  `}${only.pointer ? `${only.pointer}  ` : ''}${text(only)}`)
    return
  }
  if (err.issues.length === 0) {
    say(`${m.errorPrefix}${err.code === 'INTERNAL' ? m.internal(err.message) : err.message}`)
    return
  }
  const headline =
    err.code === 'INVALID_RULE_PACK'
      ? m.rulePackInvalid(err.issues.filter((i) => i.severity === 'error').length)
      : err.code === 'RULE_PACK_NOT_FOUND'
        ? m.rulePackUnreadable
        : err.code === 'OUTPUT_FAILED'
          ? m.outputFailed(err.issues[0]?.file ?? '')
          : err.code === 'INTERNAL'
            ? m.internal(err.message)
            : m.inputUnreadable(err.issues[0]?.file ?? '')
  say(`${m.errorPrefix}${headline}`)
  for (const issue of err.issues) say(`  ${formatIssue(issue, lang)}`)
}

const choice = <T extends string>(option: string, value: string | undefined, allowed: readonly T[], fallback: T): T => {
  if (value === undefined) return fallback
  if ((allowed as readonly string[]).includes(value)) return value as T
  throw fail('USAGE', (m) => m.badChoice(option, value, allowed))
}

const ENGINES = ['compiled', 'reference'] as const

interface RawScoreOptions {
  rules?: string
  format?: string
  out?: string
  sheet?: string
  encoding?: string
  columns?: string
  strict?: boolean
  lang?: string
  quiet?: boolean
  engine?: string
  threads?: string
  maxXlsxPartMb?: string
  maxXlsxStringsMb?: string
}

const buildProgram = (m: Messages, io: RunIO, onScore: (sheet: string, raw: RawScoreOptions) => Promise<void>): Command => {
  const program = new Command('chufei')
  program
    .exitOverride()
    .configureOutput({
      writeOut: (s) => io.stdout.write(s),
      writeErr: (s) => io.stderr.write(s),
      // run prints commander's errors itself, translated.
      outputError: () => {},
    })
    .configureHelp({
      styleTitle: (s) => m.titles[s] ?? s,
      // Commander writes `score [options] <sheet>` in the command list; show the (translated) usage instead.
      subcommandTerm: (cmd) => `${cmd.name()} ${cmd.usage()}`.trimEnd(),
    })
    .showSuggestionAfterError(true)
    .description(m.programDescription)
    .version(packageJson.version, '-V, --version', m.optVersion)
    .helpOption('-h, --help', m.optHelp)
    .helpCommand('help [command]', m.helpCommand)
  if (m.programUsage !== null) program.usage(m.programUsage)

  const score = program
    .command('score')
    .description(m.scoreDescription)
    .argument('<sheet>', m.argSheet)
    .option('--rules <dir>', m.optRules)
    .option('--format <format>', m.optFormat)
    .option('--out <file>', m.optOut)
    .option('--sheet <name>', m.optSheet)
    .option('--encoding <enc>', m.optEncoding)
    .option('--columns <map.json>', m.optColumns)
    .option('--strict', m.optStrict)
    .option('--lang <lang>', m.optLang)
    .option('--quiet', m.optQuiet)
    .option('--engine <engine>', m.optEngine)
    // Removed with the worker pool; still accepted (hidden) so old scripts run, with a notice.
    .addOption(new Option('--threads <n>').hideHelp())
    .option('--max-xlsx-part-mb <n>', m.optMaxXlsxPartMb)
    .option('--max-xlsx-strings-mb <n>', m.optMaxXlsxStringsMb)
    .helpOption('-h, --help', m.optHelp)
    .action(onScore)
  if (m.scoreUsage !== null) score.usage(m.scoreUsage)
  return program
}

/**
 * Runs the `chufei` command line and returns its exit code (see `exit-codes.ts`).
 *
 * @example
 * ```ts
 * const code = await run(['score', 'sheet.xlsx', '--format', 'xlsx', '--out', 'ledger.xlsx'], { stdout, stderr })
 * ```
 */
export const run = async (argv: readonly string[], io: RunIO = { stdout: process.stdout, stderr: process.stderr }): Promise<number> => {
  const env = io.env ?? process.env
  let lang = preScanLang(argv, env)
  let exitCode: number = EXIT_OK
  const commandIO: CommandIO = {
    stdout: io.stdout,
    stderr: io.stderr,
    ...(io.stdin !== undefined ? { stdin: io.stdin } : io.stdout === process.stdout ? { stdin: process.stdin } : {}),
    cwd: io.cwd ?? process.cwd(),
    isTTY: io.isTTY ?? (io.stderr === process.stderr && process.stderr.isTTY === true),
    ...(io.signal !== undefined ? { signal: io.signal } : {}),
    now: io.now ?? (() => new Date()),
  }
  const program = buildProgram(messagesFor(lang), io, async (sheet, raw) => {
    lang = choice('--lang', raw.lang, LANGS, lang)
    const format = choice<OutputFormat>('--format', raw.format, OUTPUT_FORMATS, 'jsonl')
    const engine = choice('--engine', raw.engine, ENGINES, 'compiled')
    if (raw.threads !== undefined) io.stderr.write(`${messagesFor(lang).warningPrefix}${messagesFor(lang).threadsRemoved}\n`)
    const xlsxLimits = parseXlsxLimits(raw, env)
    exitCode = await scoreCommand(
      {
        sheet,
        format,
        lang,
        engine,
        xlsxLimits,
        strict: raw.strict === true,
        quiet: raw.quiet === true,
        ...(raw.rules !== undefined ? { rules: raw.rules } : {}),
        ...(raw.out !== undefined ? { out: raw.out } : {}),
        ...(raw.sheet !== undefined ? { sheetName: raw.sheet } : {}),
        ...(raw.encoding !== undefined ? { encoding: raw.encoding } : {}),
        ...(raw.columns !== undefined ? { columns: raw.columns } : {}),
      },
      commandIO,
    )
  })
  registerAnalystCommands(program, { io: commandIO, lang, setExit: (code) => (exitCode = code) })
  registerLedgerCommands(program, { io: commandIO, lang, setExit: (code) => (exitCode = code) })
  try {
    if (argv.length === 0) {
      program.outputHelp({ error: true })
      return EXIT_USAGE
    }
    await program.parseAsync([...argv], { from: 'user' })
    return exitCode
  } catch (e) {
    const m = messagesFor(lang)
    if (e instanceof CommanderError) {
      // --help and --version end with exit code 0; a bare `chufei help`-style fallback is a usage error.
      if (e.exitCode === 0) return EXIT_OK
      if (e.code === 'commander.help') return EXIT_USAGE
      io.stderr.write(`${m.errorPrefix}${commanderMessage(e, m)}\n${m.usageHint}\n`)
      return EXIT_USAGE
    }
    if (e instanceof ChufeiError) {
      // The reader of our stdout went away (`chufei score x | head`): stop quietly, like any Unix filter.
      if (e.code === 'OUTPUT_FAILED' && (e.cause as { code?: unknown } | undefined)?.code === 'EPIPE') return EXIT_FAILURE
      printError(e, lang, io.stderr)
      return exitCodeFor(e.code)
    }
    const detail = e instanceof Error ? (e.stack ?? e.message) : String(e)
    io.stderr.write(`${m.errorPrefix}${m.internal(detail)}\n`)
    return EXIT_FAILURE
  }
}
