import type { Lang } from '@chufei/core'

/*
 * Every sentence the command prints, in Chinese (default) and English (`--lang en`). Staff read these,
 * so they say what went wrong and where, in plain words. Help texts are in `commands/help-text.ts`.
 */

export interface Messages {
  /** `--threads` was given: the worker pool is gone, the option is accepted and ignored. */
  readonly threadsRemoved: string
  readonly errorPrefix: string
  readonly warningPrefix: string
  readonly unknownOption: (flag: string, suggestion: string | null) => string
  readonly unknownCommand: (name: string, suggestion: string | null) => string
  readonly missingArgument: (name: string) => string
  readonly optionMissingArgument: (flag: string) => string
  readonly excessArguments: (command: string) => string
  readonly missingOption: (flag: string) => string
  /** Where to read the usage: the command's own help when the command is known. */
  readonly usageHint: (command: string | undefined) => string
  readonly badChoice: (option: string, value: string, allowed: readonly string[]) => string
  readonly needsOut: (format: string) => string
  readonly outIsInput: (path: string) => string
  readonly inputNotFound: (path: string) => string
  readonly inputNotFile: (path: string) => string
  readonly inputTooLarge: (limit: string) => string
  readonly columnsUnreadable: (path: string, detail: string) => string
  readonly columnsInvalid: (path: string) => string
  readonly rulesNotFound: (tried: readonly string[]) => string
  readonly rulePackInvalid: (count: number) => string
  readonly rulePackWarnings: (dir: string, count: number) => string
  readonly inputUnreadable: (path: string) => string
  readonly rulePackUnreadable: string
  readonly outputFailed: (path: string) => string
  readonly internal: (detail: string) => string
  readonly interrupted: string
  readonly unknownColumns: (columns: readonly string[]) => string
  readonly sheetUsed: (sheet: string, line: number) => string
  readonly strictFailed: (rejected: number) => string
  readonly summary: (s: SummaryText) => string
  readonly wroteTo: (where: string) => string
  /** The sheet stopped being readable after `read` rows; those were written to `where` (the error follows). */
  readonly inputStopped: (read: number, where: string) => string
  readonly stdout: string
  readonly progress: (withTotal: boolean) => string
}

export interface SummaryText {
  read: number
  scored: number
  rejected: number
  skipped: number
  tiers: ReadonlyArray<readonly [label: string, count: number]>
  seconds: number
}

const zh: Messages = {
  threadsRemoved: '--threads 已不再使用，已忽略：评分在主线程进行（双核机器上多线程更慢，见 docs/performance.md）',
  errorPrefix: '错误：',
  warningPrefix: '提示：',
  unknownOption: (flag, s) => `未知选项 ${flag}${s ? `（是否想输入 ${s}？）` : ''}`,
  unknownCommand: (name, s) => `未知命令 ${name}${s ? `（是否想输入 ${s}？）` : ''}`,
  missingArgument: (name) => `缺少参数 <${name}>`,
  optionMissingArgument: (flag) => `选项 ${flag} 缺少取值`,
  excessArguments: (command) => `命令 ${command} 的参数过多`,
  missingOption: (flag) => `缺少必需的选项 ${flag}`,
  usageHint: (command) => (command === undefined ? '运行 chufei --help 查看用法。' : `运行 chufei ${command} --help 查看用法。`),
  badChoice: (option, value, allowed) => `选项 ${option} 的取值“${value}”无效，可选：${allowed.join('、')}`,
  needsOut: (format) => `${format} 台账需要用 --out 指定输出文件`,
  outIsInput: (path) => `输出文件与输入文件相同：${path}`,
  inputNotFound: (path) => `找不到排查表文件：${path}`,
  inputNotFile: (path) => `不是文件：${path}`,
  inputTooLarge: (limit) => `标准输入超过 ${limit}，请改用文件路径`,
  columnsUnreadable: (path, detail) => `无法读取列名映射文件 ${path}：${detail}`,
  columnsInvalid: (path) => `列名映射文件 ${path} 应为 {"表头": "字段路径"} 形式的 JSON 对象`,
  rulesNotFound: (tried) => `找不到规则包（已查找：${tried.join('、')}），请用 --rules 指定`,
  rulePackInvalid: (n) => `规则包无效，共 ${n} 个问题：`,
  rulePackWarnings: (dir, n) => `规则包 ${dir} 有 ${n} 个警告：`,
  inputUnreadable: (path) => `无法读取排查表 ${path}：`,
  rulePackUnreadable: '无法读取规则包：',
  outputFailed: (path) => `无法写入输出 ${path}：`,
  internal: (detail) => `内部错误（请报告此问题）：${detail}`,
  interrupted: '已中断，未写入任何输出文件。',
  unknownColumns: (cols) => `以下列未识别，已忽略：${cols.join('、')}`,
  sheetUsed: (sheet, line) => `读取工作表“${sheet}”（表头在第${line}行）`,
  strictFailed: (n) => `严格模式：有 ${n} 行被拒收，退出码为 1`,
  summary: (s) =>
    `读取 ${s.read} 行：评分 ${s.scored}，拒收 ${s.rejected}，跳过 ${s.skipped}；` +
    `${s.tiers.map(([label, n]) => `${label} ${n}`).join('，')}；用时 ${s.seconds.toFixed(1)} 秒`,
  wroteTo: (where) => `输出：${where}`,
  inputStopped: (read, where) => `排查表没有读完：出错之前的 ${read} 行已评分并写入 ${where}，之后的行未读取（原因见下）。修正后请重新运行整个文件。`,
  stdout: '标准输出',
  progress: (withTotal) =>
    withTotal ? '评分 [{bar}] {percentage}% | {value}/{total} 行 | {speed} 行/秒 | 剩余 {eta_formatted}' : '评分 {value} 行 | {speed} 行/秒 | 用时 {duration_formatted}',
}

const en: Messages = {
  threadsRemoved: '--threads is no longer used and was ignored: scoring runs in the main thread (threads were slower on 2 cores, see docs/performance.md)',
  errorPrefix: 'error: ',
  warningPrefix: 'note: ',
  unknownOption: (flag, s) => `unknown option ${flag}${s ? ` (did you mean ${s}?)` : ''}`,
  unknownCommand: (name, s) => `unknown command ${name}${s ? ` (did you mean ${s}?)` : ''}`,
  missingArgument: (name) => `missing argument <${name}>`,
  optionMissingArgument: (flag) => `option ${flag} needs a value`,
  excessArguments: (command) => `too many arguments for ${command}`,
  missingOption: (flag) => `required option ${flag} is missing`,
  usageHint: (command) => (command === undefined ? 'Run chufei --help for usage.' : `Run chufei ${command} --help for usage.`),
  badChoice: (option, value, allowed) => `invalid value "${value}" for ${option}; allowed: ${allowed.join(', ')}`,
  needsOut: (format) => `a ${format} ledger needs --out <file>`,
  outIsInput: (path) => `the output file is the input file: ${path}`,
  inputNotFound: (path) => `sheet not found: ${path}`,
  inputNotFile: (path) => `not a file: ${path}`,
  inputTooLarge: (limit) => `standard input is larger than ${limit}; pass a file path instead`,
  columnsUnreadable: (path, detail) => `cannot read the column map ${path}: ${detail}`,
  columnsInvalid: (path) => `the column map ${path} must be a JSON object {"header": "field.path"}`,
  rulesNotFound: (tried) => `no rule pack found (looked in ${tried.join(', ')}); use --rules`,
  rulePackInvalid: (n) => `the rule pack is invalid, ${n} problem(s):`,
  rulePackWarnings: (dir, n) => `the rule pack ${dir} has ${n} warning(s):`,
  inputUnreadable: (path) => `cannot read the sheet ${path}:`,
  rulePackUnreadable: 'cannot read the rule pack:',
  outputFailed: (path) => `cannot write the output ${path}:`,
  internal: (detail) => `internal error (please report it): ${detail}`,
  interrupted: 'Interrupted; no output file was written.',
  unknownColumns: (cols) => `columns not recognised, ignored: ${cols.join(', ')}`,
  sheetUsed: (sheet, line) => `reading sheet "${sheet}" (header on row ${line})`,
  strictFailed: (n) => `strict mode: ${n} row(s) rejected, exit code 1`,
  summary: (s) =>
    `Read ${s.read} rows: ${s.scored} scored, ${s.rejected} rejected, ${s.skipped} skipped; ` +
    `${s.tiers.map(([label, n]) => `${label} ${n}`).join(', ')}; ${s.seconds.toFixed(1)} s`,
  wroteTo: (where) => `Output: ${where}`,
  inputStopped: (read, where) => `The sheet was not read to the end: the ${read} rows before the error were scored and written to ${where}; the rows after it were not read (see below). Fix it and run the whole file again.`,
  stdout: 'standard output',
  progress: (withTotal) =>
    withTotal ? 'Scoring [{bar}] {percentage}% | {value}/{total} rows | {speed} rows/s | ETA {eta_formatted}' : 'Scoring {value} rows | {speed} rows/s | {duration_formatted}',
}

/** The messages in one language. */
export const messagesFor = (lang: Lang): Messages => (lang === 'en' ? en : zh)
