import type { Lang } from '@chufei/core'

/*
 * Every help text of `chufei` (帮助文字): the program, each command, argument and option, in Chinese
 * (default) and English (`--lang en`). What a run prints is in `../messages.ts`. This module imports
 * nothing at run time, so `chufei --version` and `--help` load no command.
 */

/** The XLSX limits' defaults and environment variables, shown in `score --help`. */
export interface XlsxLimitHelp {
  readonly partMb: number
  readonly partEnv: string
  readonly stringsMb: number
  readonly stringsEnv: string
}

const zh = {
  programDescription: '处非：非法集资风险线索评分工具（排查表 → 风险台账）',
  programUsage: '[选项] [命令]' as string | null,
  optHelp: '显示帮助',
  optVersion: '显示版本号',
  helpCommand: '显示某个命令的帮助',
  titles: { 'Usage:': '用法：', 'Options:': '选项：', 'Commands:': '命令：', 'Arguments:': '参数：', 'Global Options:': '全局选项：' } as Readonly<Record<string, string>>,
  lang: '输出语言：zh（中文，默认）或 en（英文）',
  rulesDir: '规则包文件夹（默认：当前目录下的 rules/，没有则用内置规则包）',
  rulesAsScore: '规则包文件夹（默认同 score）',

  score: '对排查表（CSV/XLSX/JSON/JSONL）逐行评分，输出风险台账',
  scoreUsage: '[选项] <排查表>' as string | null,
  scoreSheet: '排查表文件路径（“-” 表示从标准输入读取）',
  scoreFormat: '输出格式：jsonl（默认）、json、csv、xlsx',
  scoreOut: '输出文件（csv、xlsx 必须指定；不指定时 jsonl/json 输出到标准输出）',
  scoreSheetName: 'XLSX 工作表名称（默认：第一个有表头的可见工作表）',
  scoreEncoding: 'CSV 文件编码（默认自动识别：utf-8、gb18030、utf-16le…）',
  scoreColumns: '列名映射 JSON 文件：{"表头": "字段路径"}，补充识别自定义表头',
  scoreStrict: '严格模式：有拒收行时退出码为 1',
  scoreQuiet: '不显示进度条和提示，只显示错误',
  scoreEngine: '评分引擎：compiled（编译执行，默认）或 reference（json-rules-engine 参考实现，慢）',
  scoreXlsxPart: (x: XlsxLimitHelp) => `Excel 文件中每个部件解压后的上限（MiB，默认 ${x.partMb}；环境变量 ${x.partEnv}）`,
  scoreXlsxStrings: (x: XlsxLimitHelp) => `Excel 共享字符串的内存上限（MiB，默认 ${x.stringsMb}；环境变量 ${x.stringsEnv}）`,

  rules: '规则包工具：校验、测试、性质检查',
  rulesValidate: '校验规则包：一次列出全部问题（文件:行:列  JSON 指针  说明）',
  rulesTest: '运行规则示例（examples）和 tests/*.json 中的案例',
  rulesCheck: '检查规则包的性质：人数、金额、投诉、聚集增加时各维度得分和综合得分不下降等',
  rulesSeed: '随机种子（默认 20240101；同一种子生成同样的线索）',
  rulesRuns: '每项性质生成的线索条数（默认 100）',
  explain: '解释一条线索的评分：条件树、各维度得分、预警等级和处置建议的依据',
  explainInput: '一条线索的 JSON 文件，或排查表（CSV/XLSX/JSON/JSONL）',
  explainId: '只解释这个线索编号',
  explainAll: '显示所有规则的条件树（默认只显示已触发和部分条件成立的规则）',
  diff: '回测规则修改：比较两个规则包在同一批排查表上的结果',
  diffSheets: '排查表（可多个）',
  diffBase: '修改前的规则包文件夹（基线）',
  diffHead: '修改后的规则包文件夹',
  diffFormat: '输出格式：text（默认）、json 或 html',
  diffOut: '输出文件（默认输出到标准输出）',

  stats: '量化分析：按行业、村、区域类型、来源、预警等级、处置建议和重点行为统计线索数、人数和金额，列出重点线索',
  track: '动态监测：与上期台账比对，标出新增、升级、降级、持平、已化解和逾期线索，沿用上期的状态和备注',
  report: '生成风险排查总结报告（HTML 可打印为 A4，或 Markdown）',
  ledgerInput: '排查表（CSV/XLSX/JSON/JSONL，现场评分）或风险台账（chufei score 生成的 XLSX，或 JSONL 结果）',
  ledgerSheet: '本期排查表（或台账）',
  ledgerPrevious: '上期风险台账（XLSX 或 JSONL）',
  ledgerFormat: '输出格式：text（默认）或 json',
  ledgerOut: '输出文件',
  ledgerToday: '以该日期判断是否逾期（YYYY-MM-DD，默认今天）',
  ledgerAllow: '上期台账的规则版本不同时仍然比较（升降级可能由规则修改引起）',
  trackOut: '写出新的风险台账（.xlsx），沿用上期的状态和备注',
  reportFormat: '报告格式：html 或 md（默认按 --out 的扩展名）',
  reportOut: '报告文件（.html 或 .md；不指定时输出到标准输出）',
  reportTitle: '报告标题（默认：非法集资风险排查总结报告）',
  reportOrg: '报告单位，如“双桥镇处非办”',
}

/** The help texts in one language. */
export type HelpText = typeof zh

const en: HelpText = {
  programDescription: 'chufei: risk scoring of illegal-fundraising leads (investigation sheet → risk ledger)',
  programUsage: null,
  optHelp: 'show help',
  optVersion: 'show the version',
  helpCommand: 'show help for a command',
  titles: {},
  lang: 'language of output: zh (Chinese, default) or en',
  rulesDir: 'rule-pack folder (default: rules/ in the current folder, else the bundled pack)',
  rulesAsScore: 'rule-pack folder (default as for score)',

  score: 'Score an investigation sheet (CSV/XLSX/JSON/JSONL) row by row into a risk ledger',
  scoreUsage: null,
  scoreSheet: 'path of the sheet ("-" reads standard input)',
  scoreFormat: 'output format: jsonl (default), json, csv, xlsx',
  scoreOut: 'output file (required for csv and xlsx; jsonl/json go to standard output without it)',
  scoreSheetName: 'XLSX worksheet name (default: the first visible sheet with a header row)',
  scoreEncoding: 'CSV encoding (default: detected — utf-8, gb18030, utf-16le…)',
  scoreColumns: 'JSON file mapping extra headers to lead fields: {"header": "field.path"}',
  scoreStrict: 'strict: exit 1 when any row is rejected',
  scoreQuiet: 'no progress bar or notes, errors only',
  scoreEngine: 'scoring engine: compiled (default) or reference (json-rules-engine itself, slow)',
  scoreXlsxPart: (x) => `limit on the inflated size of each part of an Excel file (MiB, default ${x.partMb}; env ${x.partEnv})`,
  scoreXlsxStrings: (x) => `memory limit of an Excel file's shared strings (MiB, default ${x.stringsMb}; env ${x.stringsEnv})`,

  rules: 'rule-pack tools: validate, test, check properties',
  rulesValidate: 'validate a rule pack: every problem at once (file:line:column  JSON pointer  message)',
  rulesTest: 'run the rules’ examples and the cases in tests/*.json',
  rulesCheck: 'check properties of the pack: scores never fall when people, money, complaints or gatherings grow, …',
  rulesSeed: 'random seed (default 20240101; the same seed generates the same leads)',
  rulesRuns: 'generated leads per property (default 100)',
  explain: 'explain a lead’s score: condition tree, points per dimension, why this tier and disposition',
  explainInput: 'a JSON file with one lead, or a sheet (CSV/XLSX/JSON/JSONL)',
  explainId: 'explain only the lead with this id',
  explainAll: 'show the tree of every rule (default: fired rules and near misses)',
  diff: 'backtest a rule edit: compare two packs on the same sheets',
  diffSheets: 'sheets (one or more)',
  diffBase: 'rule-pack folder before the edit (baseline)',
  diffHead: 'rule-pack folder after the edit',
  diffFormat: 'output format: text (default), json or html',
  diffOut: 'output file (default: standard output)',

  stats: 'quantitative analysis: leads, people and money by sector, village, region kind, source, tier, disposition and pattern; key leads ranked',
  track: 'dynamic monitoring: compare with the previous ledger — new, escalated, de-escalated, unchanged, resolved, overdue — carrying status and notes forward',
  report: 'write the summary report (HTML printable on A4, or Markdown)',
  ledgerInput: 'an investigation sheet (CSV/XLSX/JSON/JSONL, scored now) or a ledger (XLSX from chufei score, or JSONL results)',
  ledgerSheet: 'this sweep’s sheet (or ledger)',
  ledgerPrevious: 'the previous ledger (XLSX or JSONL)',
  ledgerFormat: 'output format: text (default) or json',
  ledgerOut: 'output file',
  ledgerToday: 'judge overdue against this date (YYYY-MM-DD, default today)',
  ledgerAllow: 'compare even when the previous ledger was scored with another rule pack',
  trackOut: 'write the new ledger (.xlsx) with status and notes carried forward',
  reportFormat: 'report format: html or md (default: from the --out extension)',
  reportOut: 'report file (.html or .md; standard output without it)',
  reportTitle: 'report title',
  reportOrg: 'reporting office, e.g. 双桥镇处非办',
}

/** The help texts in one language. */
export const helpTextFor = (lang: Lang): HelpText => (lang === 'en' ? en : zh)
