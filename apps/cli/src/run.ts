import type { Readable, Writable } from 'node:stream'
import type { ChufeiError, Issue, Lang } from '@chufei/core'
import { Command, CommanderError, Help, Option } from 'commander'
import packageJson from '../package.json'
import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE, exitCodeFor } from './exit-codes'
import { messagesFor, type Messages } from './messages'
import type { CommandIO } from './score-command'
import { COMMANDS, type CommandContext, type CommandSpec } from './commands/command-table'
import { helpTextFor, type HelpText, type XlsxLimitHelp } from './commands/help-text'

/*
 * The `chufei` command line. `run` never calls process.exit: it returns the exit code, and commander is
 * told (exitOverride) to throw instead of exiting, so tests can call it with captured streams.
 *
 * Cold start is what staff feel: this module imports only commander, the help texts and the messages.
 * Every command of the table is declared with its name, arguments and description (what `chufei --help`
 * lists); the command being run is declared whole (options too), and imports its modules when it runs.
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
    case 'commander.missingMandatoryOptionValue':
      return m.missingOption(quoted(err.message))
    case 'commander.excessArguments':
      return m.excessArguments(quoted(err.message))
    default:
      return err.message.replace(/^error: /, '')
  }
}

const location = (issue: Issue): string => [issue.file, issue.line, issue.column].filter((p) => p !== undefined).join(':')

/** Prints a ChufeiError: one line when it has one issue, else a headline and every issue. */
const printError = (err: ChufeiError, lang: Lang, stderr: Writable, formatIssue: (issue: Issue, lang: Lang) => string, command: string | undefined): void => {
  const m = messagesFor(lang)
  const say = (text: string) => stderr.write(`${text}\n`)
  const text = (i: Issue) => (lang === 'zh' ? i.message : i.messageEn)
  if (err.code === 'USAGE') {
    say(`${m.errorPrefix}${err.issues[0] ? text(err.issues[0]) : err.message}`)
    say(m.usageHint(command))
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

/** The first command word of argv (after `help`, the command whose help is asked for). */
const COMMAND_NAMES = new Set(COMMANDS.map((c) => c.name))

/** The command a usage error belongs to (`diff`, `rules validate`), for the hint; undefined when none is named. */
const commandOf = (argv: readonly string[]): string | undefined => {
  const words = argv.filter((a) => !a.startsWith('-'))
  for (let i = 0; i < words.length; i++) {
    const two = `${words[i]} ${words[i + 1]}`
    if (COMMAND_NAMES.has(two)) return two
    if (COMMAND_NAMES.has(words[i]!)) return words[i]
  }
  return undefined
}

/**
 * `chufei --lang en score …`: a language given before the command moves after it, where every command takes
 * `--lang` (the language itself is read from anywhere, `preScanLang`).
 */
const hoistLang = (argv: readonly string[]): readonly string[] => {
  if (argv[0] === '--lang' && argv.length >= 2) return argv.length === 2 ? [] : [...argv.slice(2), '--lang', argv[1]!]
  if (argv[0]?.startsWith('--lang=')) return argv.length === 1 ? [] : [...argv.slice(1), argv[0]]
  return argv
}

const invokedCommand = (argv: readonly string[]): string | undefined => {
  const words = argv.filter((a) => !a.startsWith('-'))
  return words[0] === 'help' ? words[1] : words[0]
}

const xlsxLimitHelp = async (): Promise<XlsxLimitHelp> => {
  const { DEFAULT_XLSX_LIMITS, XLSX_LIMIT_SETTINGS } = await import('@chufei/sheets')
  return {
    partMb: DEFAULT_XLSX_LIMITS.partBytes / 2 ** 20,
    partEnv: XLSX_LIMIT_SETTINGS.part.env,
    stringsMb: DEFAULT_XLSX_LIMITS.sharedStringsBytes / 2 ** 20,
    stringsEnv: XLSX_LIMIT_SETTINGS['shared-strings'].env,
  }
}

/**
 * Declares one command of the table on its parent. `whole`: with its options and action (the command
 * being run, or whose help is shown); otherwise name, arguments and description, which is all the
 * program's help and commander's routing and suggestions read.
 */
const declare = async (parent: Command, spec: CommandSpec, t: HelpText, whole: boolean, onRun: (spec: CommandSpec, args: unknown[], cmd: Command) => Promise<void>): Promise<Command> => {
  const cmd = parent.command(spec.name.split(' ').at(-1)!).description(spec.text(t))
  for (const [name, text] of spec.args ?? []) cmd.argument(name, text(t))
  cmd.helpOption('-h, --help', t.optHelp)
  const usage = spec.usage?.(t)
  if (usage !== undefined && usage !== null) cmd.usage(usage)
  if (!whole) return cmd
  const xlsx = spec.showsXlsxLimits ? await xlsxLimitHelp() : ({} as XlsxLimitHelp)
  for (const o of spec.options ?? []) {
    if (o.hidden === true) cmd.addOption(new Option(o.flags).hideHelp())
    else if (o.required) cmd.requiredOption(o.flags, o.text(t, xlsx))
    else cmd.option(o.flags, o.text(t, xlsx))
  }
  if (spec.run) cmd.action((...a: unknown[]) => onRun(spec, a.slice(0, -2), a.at(-1) as Command))
  return cmd
}

/** Commander's `[options]` / `[command]` in a usage line, in the help's language. */
const translateUsage = (usage: string, t: HelpText): string => usage.replace(/\[options\]|\[command\]/g, (w) => t.usageWords[w] ?? w)

const buildProgram = async (t: HelpText, io: RunIO, invoked: string | undefined, onRun: (spec: CommandSpec, args: unknown[], cmd: Command) => Promise<void>): Promise<Command> => {
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
      styleTitle: (s) => t.titles[s] ?? s,
      // Commander writes `score [options] <sheet>` in the command list; show the (translated) usage instead.
      subcommandTerm: (cmd) => translateUsage(`${cmd.name()} ${cmd.usage()}`.trimEnd(), t),
      commandUsage(cmd) {
        return translateUsage(Help.prototype.commandUsage.call(this, cmd), t)
      },
    })
    .showSuggestionAfterError(true)
    .description(t.programDescription)
    .version(packageJson.version, '-V, --version', t.optVersion)
    .helpOption('-h, --help', t.optHelp)
    .helpCommand('help [command]', t.helpCommand)
  if (t.programUsage !== null) program.usage(t.programUsage)
  const declared = new Map<string, Command>()
  for (const spec of COMMANDS) {
    const group = spec.name.includes(' ') ? spec.name.slice(0, spec.name.lastIndexOf(' ')) : undefined
    const parent = group === undefined ? program : declared.get(group)!
    declared.set(spec.name, await declare(parent, spec, t, spec.name.split(' ')[0] === invoked, onRun))
  }
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
export const run = async (given: readonly string[], io: RunIO = { stdout: process.stdout, stderr: process.stderr }): Promise<number> => {
  const env = io.env ?? process.env
  let lang = preScanLang(given, env)
  const argv = hoistLang(given)
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
  const context: CommandContext = { io: commandIO, lang, env, setLang: (chosen) => (lang = chosen) }
  const onRun = async (spec: CommandSpec, args: unknown[], cmd: Command): Promise<void> => {
    exitCode = await spec.run!(args, cmd.opts(), context)
  }
  try {
    const program = await buildProgram(helpTextFor(lang), io, invokedCommand(argv), onRun)
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
      io.stderr.write(`${m.errorPrefix}${commanderMessage(e, m)}\n${m.usageHint(commandOf(argv))}\n`)
      return EXIT_USAGE
    }
    // The core (and its error class) is loaded by the commands that use it, not to print `--version`.
    const { ChufeiError, formatIssue } = await import('@chufei/core')
    if (e instanceof ChufeiError) {
      // The reader of our stdout went away (`chufei score x | head`): stop quietly, like any Unix filter.
      if (e.code === 'OUTPUT_FAILED' && (e.cause as { code?: unknown } | undefined)?.code === 'EPIPE') return EXIT_FAILURE
      printError(e, lang, io.stderr, formatIssue, commandOf(argv))
      return exitCodeFor(e.code)
    }
    const detail = e instanceof Error ? (e.stack ?? e.message) : String(e)
    io.stderr.write(`${m.errorPrefix}${m.internal(detail)}\n`)
    return EXIT_FAILURE
  }
}
