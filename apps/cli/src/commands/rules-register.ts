import type { Command } from 'commander'
import { parseLang, whenGiven, type CommandContext } from './command-options'
import { diffCommand, parseDiffFormat } from './diff-command'
import { explainCommand } from './explain-command'
import { parseWholeNumber, rulesCheckCommand } from './rules-check'
import { rulesTestCommand } from './rules-test'
import { rulesValidateCommand } from './rules-validate'

/*
 * The analyst commands (规则调优命令) on the `chufei` program: `rules validate|test|check`, `explain`, `diff`.
 * `run` calls {@link registerAnalystCommands} once; each action reports its exit code through `setExit`.
 */

const TEXT = {
  zh: {
    rules: '规则包工具：校验、测试、性质检查',
    validate: '校验规则包：一次列出全部问题（文件:行:列  JSON 指针  说明）',
    test: '运行规则示例（examples）和 tests/*.json 中的案例',
    check: '检查规则包的性质：人数、金额、投诉、聚集增加时各维度得分和综合得分不下降等',
    explain: '解释一条线索的评分：条件树、各维度得分、预警等级和处置建议的依据',
    diff: '回测规则修改：比较两个规则包在同一批排查表上的结果',
    dir: '规则包文件夹（默认：当前目录下的 rules/，没有则用内置规则包）',
    rules_: '规则包文件夹（默认同 score）',
    lang: '输出语言：zh（中文，默认）或 en（英文）',
    input: '一条线索的 JSON 文件，或排查表（CSV/XLSX/JSON/JSONL）',
    id: '只解释这个线索编号',
    all: '显示所有规则的条件树（默认只显示已触发和部分条件成立的规则）',
    sheets: '排查表（可多个）',
    base: '修改前的规则包文件夹（基线）',
    head: '修改后的规则包文件夹',
    format: '输出格式：text（默认）、json 或 html',
    out: '输出文件（默认输出到标准输出）',
    help: '显示帮助',
    seed: '随机种子（默认 20240101；同一种子生成同样的线索）',
    runs: '每项性质生成的线索条数（默认 100）',
  },
  en: {
    rules: 'rule-pack tools: validate, test, check properties',
    validate: 'validate a rule pack: every problem at once (file:line:column  JSON pointer  message)',
    test: 'run the rules’ examples and the cases in tests/*.json',
    check: 'check properties of the pack: scores never fall when people, money, complaints or gatherings grow, …',
    explain: 'explain a lead’s score: condition tree, points per dimension, why this tier and disposition',
    diff: 'backtest a rule edit: compare two packs on the same sheets',
    dir: 'rule-pack folder (default: rules/ in the current folder, else the bundled pack)',
    rules_: 'rule-pack folder (default as for score)',
    lang: 'language of output: zh (Chinese, default) or en',
    input: 'a JSON file with one lead, or a sheet (CSV/XLSX/JSON/JSONL)',
    id: 'explain only the lead with this id',
    all: 'show the tree of every rule (default: fired rules and near misses)',
    sheets: 'sheets (one or more)',
    base: 'rule-pack folder before the edit (baseline)',
    head: 'rule-pack folder after the edit',
    format: 'output format: text (default), json or html',
    out: 'output file (default: standard output)',
    help: 'show help',
    seed: 'random seed (default 20240101; the same seed generates the same leads)',
    runs: 'generated leads per property (default 100)',
  },
}

/** Adds `rules validate|test|check`, `explain` and `diff` to the program. */
export const registerAnalystCommands = (program: Command, context: CommandContext): void => {
  const t = TEXT[context.lang]
  const { io, setExit } = context
  const rules = program.command('rules').description(t.rules).helpOption('-h, --help', t.help)

  rules
    .command('validate')
    .description(t.validate)
    .argument('[dir]', t.dir)
    .option('--lang <lang>', t.lang)
    .helpOption('-h, --help', t.help)
    .action(async (dir: string | undefined, raw: { lang?: string }) => {
      setExit(await rulesValidateCommand({ lang: parseLang(raw.lang, context.lang), ...whenGiven('dir', dir) }, io))
    })

  rules
    .command('test')
    .description(t.test)
    .argument('[dir]', t.dir)
    .option('--lang <lang>', t.lang)
    .helpOption('-h, --help', t.help)
    .action(async (dir: string | undefined, raw: { lang?: string }) => {
      setExit(await rulesTestCommand({ lang: parseLang(raw.lang, context.lang), ...whenGiven('dir', dir) }, io))
    })

  rules
    .command('check')
    .description(t.check)
    .argument('[dir]', t.dir)
    .option('--seed <n>', t.seed)
    .option('--runs <n>', t.runs)
    .option('--lang <lang>', t.lang)
    .helpOption('-h, --help', t.help)
    .action(async (dir: string | undefined, raw: { seed?: string; runs?: string; lang?: string }) => {
      const seed = parseWholeNumber('--seed', raw.seed, 2 ** 31 - 1)
      const runs = parseWholeNumber('--runs', raw.runs, 10_000)
      setExit(await rulesCheckCommand({ lang: parseLang(raw.lang, context.lang), ...whenGiven('dir', dir), ...whenGiven('seed', seed), ...whenGiven('runs', runs) }, io))
    })

  program
    .command('explain')
    .description(t.explain)
    .argument('<input>', t.input)
    .option('--id <id>', t.id)
    .option('--rules <dir>', t.rules_)
    .option('--all', t.all)
    .option('--lang <lang>', t.lang)
    .helpOption('-h, --help', t.help)
    .action(async (input: string, raw: { id?: string; rules?: string; all?: boolean; lang?: string }) => {
      setExit(
        await explainCommand(
          { input, lang: parseLang(raw.lang, context.lang), all: raw.all === true, ...whenGiven('id', raw.id), ...whenGiven('rules', raw.rules) },
          io,
        ),
      )
    })

  program
    .command('diff')
    .description(t.diff)
    .argument('<sheets...>', t.sheets)
    .requiredOption('--base <dir>', t.base)
    .requiredOption('--head <dir>', t.head)
    .option('--format <format>', t.format)
    .option('--out <file>', t.out)
    .option('--lang <lang>', t.lang)
    .helpOption('-h, --help', t.help)
    .action(async (sheets: string[], raw: { base: string; head: string; format?: string; out?: string; lang?: string }) => {
      setExit(
        await diffCommand(
          { sheets, base: raw.base, head: raw.head, format: parseDiffFormat(raw.format), lang: parseLang(raw.lang, context.lang), ...whenGiven('out', raw.out) },
          io,
        ),
      )
    })
}
