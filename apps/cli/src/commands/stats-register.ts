import type { Command } from 'commander'
import { parseLang, whenGiven, type CommandContext } from './command-options'
import { reportCommand } from './report-command'
import { parseStatsFormat, statsCommand } from './stats-command'
import { trackCommand } from './track-command'

/*
 * The ledger commands (从评分到工作): `stats` (量化分析), `track` (动态监测), `report` (风险排查总结报告).
 * `run` calls {@link registerLedgerCommands} once; each action reports its exit code through `setExit`.
 */

const TEXT = {
  zh: {
    stats: '量化分析：按行业、村、区域类型、来源、预警等级、处置建议和重点行为统计线索数、人数和金额，列出重点线索',
    track: '动态监测：与上期台账比对，标出新增、升级、降级、持平、已化解和逾期线索，沿用上期的状态和备注',
    report: '生成风险排查总结报告（HTML 可打印为 A4，或 Markdown）',
    input: '排查表（CSV/XLSX/JSON/JSONL，现场评分）或风险台账（chufei score 生成的 XLSX，或 JSONL 结果）',
    sheet: '本期排查表（或台账）',
    previous: '上期风险台账（XLSX 或 JSONL）',
    rules: '规则包文件夹（默认同 score）',
    format: '输出格式：text（默认）或 json',
    reportFormat: '报告格式：html 或 md（默认按 --out 的扩展名）',
    out: '输出文件',
    trackOut: '写出新的风险台账（.xlsx），沿用上期的状态和备注',
    reportOut: '报告文件（.html 或 .md；不指定时输出到标准输出）',
    today: '以该日期判断是否逾期（YYYY-MM-DD，默认今天）',
    allow: '上期台账的规则版本不同时仍然比较（升降级可能由规则修改引起）',
    title: '报告标题（默认：非法集资风险排查总结报告）',
    org: '报告单位，如“双桥镇处非办”',
    lang: '输出语言：zh（中文，默认）或 en（英文）',
    help: '显示帮助',
  },
  en: {
    stats: 'quantitative analysis: leads, people and money by sector, village, region kind, source, tier, disposition and pattern; key leads ranked',
    track: 'dynamic monitoring: compare with the previous ledger — new, escalated, de-escalated, unchanged, resolved, overdue — carrying status and notes forward',
    report: 'write the summary report (HTML printable on A4, or Markdown)',
    input: 'an investigation sheet (CSV/XLSX/JSON/JSONL, scored now) or a ledger (XLSX from chufei score, or JSONL results)',
    sheet: 'this sweep’s sheet (or ledger)',
    previous: 'the previous ledger (XLSX or JSONL)',
    rules: 'rule-pack folder (default as for score)',
    format: 'output format: text (default) or json',
    reportFormat: 'report format: html or md (default: from the --out extension)',
    out: 'output file',
    trackOut: 'write the new ledger (.xlsx) with status and notes carried forward',
    reportOut: 'report file (.html or .md; standard output without it)',
    today: 'judge overdue against this date (YYYY-MM-DD, default today)',
    allow: 'compare even when the previous ledger was scored with another rule pack',
    title: 'report title',
    org: 'reporting office, e.g. 双桥镇处非办',
    lang: 'language of output: zh (Chinese, default) or en',
    help: 'show help',
  },
}

interface Raw {
  rules?: string
  format?: string
  lang?: string
  previous?: string
  today?: string
  out?: string
  allowPackChange?: boolean
  title?: string
  org?: string
}

/** Adds `stats`, `track` and `report` to the program. */
export const registerLedgerCommands = (program: Command, context: CommandContext): void => {
  const t = TEXT[context.lang]
  const { io, setExit } = context

  program
    .command('stats')
    .description(t.stats)
    .argument('<input>', t.input)
    .option('--rules <dir>', t.rules)
    .option('--format <format>', t.format)
    .option('--previous <ledger>', t.previous)
    .option('--today <date>', t.today)
    .option('--allow-pack-change', t.allow)
    .option('--out <file>', t.out)
    .option('--lang <lang>', t.lang)
    .helpOption('-h, --help', t.help)
    .action(async (input: string, raw: Raw) => {
      const lang = parseLang(raw.lang, context.lang)
      setExit(
        await statsCommand(
          { input, lang, format: parseStatsFormat(raw.format), allowPackChange: raw.allowPackChange === true, ...whenGiven('rules', raw.rules), ...whenGiven('previous', raw.previous), ...whenGiven('today', raw.today), ...whenGiven('out', raw.out) },
          io,
        ),
      )
    })

  program
    .command('track')
    .description(t.track)
    .argument('<sheet>', t.sheet)
    .requiredOption('--previous <ledger>', t.previous)
    .option('--out <ledger.xlsx>', t.trackOut)
    .option('--rules <dir>', t.rules)
    .option('--format <format>', t.format)
    .option('--today <date>', t.today)
    .option('--allow-pack-change', t.allow)
    .option('--lang <lang>', t.lang)
    .helpOption('-h, --help', t.help)
    .action(async (input: string, raw: Raw & { previous: string }) => {
      const lang = parseLang(raw.lang, context.lang)
      setExit(
        await trackCommand(
          { input, previous: raw.previous, lang, format: parseStatsFormat(raw.format), allowPackChange: raw.allowPackChange === true, ...whenGiven('rules', raw.rules), ...whenGiven('today', raw.today), ...whenGiven('out', raw.out) },
          io,
        ),
      )
    })

  program
    .command('report')
    .description(t.report)
    .argument('<input>', t.input)
    .option('--previous <ledger>', t.previous)
    .option('--out <file>', t.reportOut)
    .option('--format <format>', t.reportFormat)
    .option('--rules <dir>', t.rules)
    .option('--today <date>', t.today)
    .option('--title <title>', t.title)
    .option('--org <name>', t.org)
    .option('--allow-pack-change', t.allow)
    .option('--lang <lang>', t.lang)
    .helpOption('-h, --help', t.help)
    .action(async (input: string, raw: Raw) => {
      const lang = parseLang(raw.lang, context.lang)
      setExit(
        await reportCommand(
          {
            input,
            lang,
            allowPackChange: raw.allowPackChange === true,
            ...whenGiven('previous', raw.previous),
            ...whenGiven('out', raw.out),
            ...whenGiven('format', raw.format),
            ...whenGiven('rules', raw.rules),
            ...whenGiven('today', raw.today),
            ...whenGiven('title', raw.title),
            ...whenGiven('organisation', raw.org),
          },
          io,
        ),
      )
    })
}
