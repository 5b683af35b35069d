import { CASE_SETS, ISSUE_CLASSES } from './case-expectations'
import { ACCURACY_TARGETS, formatShare, unmetTargets, type AccuracyReport, type Miss, type Problem } from './measure-accuracy'
import { formatFirstContactSection, type FirstContact } from './first-contact'
import { FOLDED_INTO_DEVELOPMENT, HELD_OUT_SETS, isHeldOut, setRole } from './run-case-set'

/*
 * How accuracy figures are shown: a console summary with every miss, and the Markdown of docs/accuracy.md.
 * The held-out sets' misses are counted by class in the Markdown but not listed, so tuning stays blind to
 * them (the console lists them only when asked).
 */

/** A problem in one line. */
export const describeProblem = (p: Problem): string => {
  switch (p.kind) {
    case 'lost':
      return `lost: ${p.detail}`
    case 'pattern-missed':
      return `pattern ${p.pattern} did not fire`
    case 'pattern-forbidden':
      return `pattern ${p.pattern} fired but must not`
    case 'tier':
      return `tier ${p.got}, expected ${p.expected.join('|')}`
    case 'disposition':
      return `disposition ${p.got}, expected ${p.expected.join('|')}`
    case 'false-flag':
      return `false flag on a clean lead (${p.detail})`
  }
}

const gotText = (m: Miss): string =>
  m.got === null ? 'not scored' : `got ${m.got.tier}/${m.got.disposition}, total ${m.got.total}, patterns [${m.got.patterns.join(', ')}]`

const classText = (m: Miss): string => (m.classes.length === 0 ? '—' : m.classes.join(','))

/** Figures of one set as lines of text. */
export const formatFigures = (r: AccuracyReport): string[] => {
  const a = r.accounting
  return [
    `${r.set}: ${r.cases} cases (${r.published} published, ${r.clean} clean)`,
    `  rows: read ${a.read} = scored ${a.scored} + rejected ${a.rejected} + skipped ${a.skipped}; ${a.ok ? 'every case accounted for' : `NOT accounted: missing [${a.missingIds.join(' ')}], unexpected [${a.unexpectedIds.join(' ')}]`}`,
    `  pattern recall            ${formatShare(r.recall)}   target ≥ ${ACCURACY_TARGETS.recall * 100}%`,
    `  false flags (clean leads) ${r.falseFlags} of ${r.clean}   target ${ACCURACY_TARGETS.falseFlags}`,
    `  tier in allowed set       ${formatShare(r.tier)}   target ≥ ${ACCURACY_TARGETS.tier * 100}%`,
    `  disposition in allowed set ${formatShare(r.disposition)}   target ≥ ${ACCURACY_TARGETS.disposition * 100}%`,
    `  forbidden patterns fired  ${r.forbiddenFired}`,
  ]
}

/** Every miss of a set as lines of text. */
export const formatMisses = (r: AccuracyReport): string[] =>
  r.misses.map((m) => `  ${m.id} [${m.source}, classes ${classText(m)}] ${m.problems.map(describeProblem).join('; ')} — ${gotText(m)}`)

/** Misses counted per issue class (a miss with several classes counts once in each). */
export const missesByClass = (r: AccuracyReport): Map<string, number> => {
  const out = new Map<string, number>()
  for (const m of r.misses) {
    const keys = m.classes.length === 0 ? ['—'] : m.classes.map(String)
    for (const k of keys) out.set(k, (out.get(k) ?? 0) + 1)
  }
  return new Map([...out].sort(([a], [b]) => Number(a) - Number(b)))
}

const figuresRow = (r: AccuracyReport, heldOut: readonly string[]): string =>
  `| ${r.set}（${setRole(r.set, heldOut)}） | ${r.published} + ${r.clean} | ${r.accounting.ok ? `是（${r.accounting.read} 行）` : '否'} | ${formatShare(r.recall)} | ${r.falseFlags} | ${formatShare(r.tier)} | ${formatShare(r.disposition)} | ${r.forbiddenFired} |`

export interface MarkdownInput {
  readonly reports: readonly AccuracyReport[]
  readonly pack: { readonly name: string; readonly version: string; readonly hash: string }
  /** The sets held out from tuning, whose misses are only counted (default: {@link HELD_OUT_SETS}). */
  readonly heldOut?: readonly string[]
  /** The held-out sets' first-contact figures (fixtures/cases/first-contact.json); shown after the results. */
  readonly firstContact?: FirstContact
}

/**
 * Where the first-contact figures are explained by class: the hand-written analysis of every baseline's misses
 * (docs/first-contact-misses.md), kept beside the figures so a reader of the numbers finds the mechanisms.
 */
const FIRST_CONTACT_MISSES_LINK: readonly string[] = [
  'held-out-3 … held-out-16 基线上每个未通过案例的机制和类别（哪些错误在新案例上反复出现、类别层面的修正在哪里能延续）见',
  '[docs/first-contact-misses.md](first-contact-misses.md)（手写分析，第14轮，第15轮补 held-out-15、16；不随本页重新生成）。',
  '',
]

/**
 * The method's list of case sets, from the data that defines them (`CASE_SETS`, `FOLDED_INTO_DEVELOPMENT`, the
 * first-contact record), so a set added or folded in changes this text without anyone editing it.
 */
const describeSets = (heldOut: readonly string[], firstContact: FirstContact | undefined): string[] => {
  const code = (set: string) => `\`fixtures/cases/${set}/\``
  const first = new Map(firstContact?.sets.map((s) => [s.set, s]))
  const folded = CASE_SETS.filter((set) => set !== 'dev' && !heldOut.includes(set))
  const foldedText = folded.map((set) => {
    const round = FOLDED_INTO_DEVELOPMENT[set]
    const once = first.get(set)?.measuredOnce?.pack
    return `${code(set)}（${round === undefined ? '原保留集' : `第${round}轮`}${once === undefined ? '' : `在规则包 ${once} 的首测数字公布之后`}并入开发）`
  })
  const heldText = CASE_SETS.filter((set) => heldOut.includes(set)).map((set) => {
    const baseline = first.get(set)?.baseline.pack
    return `${code(set)}（**不得用于调规则**${baseline === undefined ? '' : `：在规则包 ${baseline} 之后收集，在改任何规则之前提交并记下它的基线`}）`
  })
  return [
    `- 案例集：${code('dev')}（开发集，可用于调规则）；原来的保留集 ${foldedText.join('、')}，现在可以看它们的未通过案例、按它们调规则。`,
    ...(heldText.length === 0 ? [] : [`  现在的保留集：${heldText.join('、')}。`]),
  ]
}

/** The Markdown page docs/accuracy.md. */
export const formatAccuracyMarkdown = ({ reports, pack, heldOut = HELD_OUT_SETS, firstContact }: MarkdownInput): string => {
  const lines: string[] = [
    '# 准确率：默认规则包在已公开案例上的表现（docs/accuracy.md）',
    '',
    `*English summary.* How the rule pack scores the corpus of published illegal-fundraising cases and clean leads in`,
    '`fixtures/cases/` (issue 10). Generated by `npm run accuracy` — do not edit by hand.',
    '',
    `规则包：${pack.name} ${pack.version}（${pack.hash}）。`,
    '',
    '## 结果',
    '',
    '| 案例集 | 已公开案例 + 正常线索 | 全部行有结果 | 重点行为召回率 | 正常线索误报 | 等级在可接受集合内 | 处置在可接受集合内 | 不应命中却命中 |',
    '|---|---|---|---|---|---|---|---|',
    ...reports.map((r) => figuresRow(r, heldOut)),
    '',
    `目标（issue 10）：召回率 ≥ ${ACCURACY_TARGETS.recall * 100}%，误报 ${ACCURACY_TARGETS.falseFlags}，等级、处置各 ≥ ${ACCURACY_TARGETS.tier * 100}%，每一行都有结果。`,
    '',
    ...reports.flatMap((r) => {
      const unmet = unmetTargets(r)
      return [`- ${r.set}：${unmet.length === 0 ? '全部达到目标。' : `未达到：${unmet.join('；')}。`}`]
    }),
    '',
    ...(firstContact === undefined ? [] : [...formatFirstContactSection(firstContact), ...FIRST_CONTACT_MISSES_LINK]),
    '## 方法',
    '',
    ...describeSets(heldOut, firstContact),
    '  每个集合是一张排查表 `sheet.csv`（网格员按公开事实填写，约数、空格照实）和一个预期文件 `expectations.json`；',
    '  出处见 `fixtures/cases/SOURCES.md`，格式见 `fixtures/cases/README.md`。',
    '- 评分走命令行的同一条路径：`chufei score sheet.csv --rules rules --format jsonl`（`apps/cli/src/accuracy/`）。',
    '- **重点行为召回率** = 必须命中且命中的重点行为数 ÷ 必须命中的重点行为总数（没有结果的案例算全部未命中）。',
    '- **正常线索误报**：正常或已否定的线索命中任何重点行为、等级高于蓝色、或处置建议高于“持续监测”，即算一次误报（只有蓝色是允许的：人数多但没有集资迹象）。',
    '- **等级 / 处置在可接受集合内**：结果落在预期集合内的案例数 ÷ 全部案例数。可接受集合是按法释〔2022〕5号第三、五、六、七、八条和《防范和处置非法集资条例》判断的，不是按现有规则包的输出写的；已立案、已判决的案例处置为刑事打击。',
    '- **不应命中却命中**：预期中 `mustNotFire` 的重点行为命中次数，单独列出，不计入上面四项目标。',
    '- **全部行有结果**：读取行数 = 评分 + 拒收 + 跳过，读取行数等于案例数，没有拒收或跳过，每个线索编号恰好返回一次。',
    '',
    '## 各重点行为的召回',
    '',
    `| 重点行为 | ${reports.map((r) => r.set).join(' | ')} |`,
    `|---|${reports.map(() => '---').join('|')}|`,
  ]
  const allPatterns = [...new Set(reports.flatMap((r) => [...r.perPattern.keys()]))].sort()
  for (const p of allPatterns) {
    lines.push(`| ${p} | ${reports.map((r) => (r.perPattern.has(p) ? formatShare(r.perPattern.get(p)!) : '—')).join(' | ')} |`)
  }
  lines.push('', '## 未通过的案例', '')
  for (const r of reports) {
    lines.push(`### ${r.set}（${setRole(r.set, heldOut)}，${r.misses.length} 个案例有问题）`, '')
    if (r.misses.length === 0) {
      lines.push('无。', '')
      continue
    }
    lines.push('按 issue 10 的问题类别计数（一个案例可属多类）：', '')
    lines.push(`| 类别 | 案例数 |`, '|---|---|')
    for (const [k, n] of missesByClass(r)) {
      const label = k === '—' ? '未标类别' : `${k}. ${ISSUE_CLASSES[Number(k) as keyof typeof ISSUE_CLASSES]}`
      lines.push(`| ${label} | ${n} |`)
    }
    lines.push('')
    if (isHeldOut(r.set, heldOut)) {
      lines.push('保留集的具体案例不在此列出，避免调规则时看到；需要时运行 `npm run accuracy -- --show-held-out`。', '')
      continue
    }
    lines.push('| 案例 | 出处 | 类别 | 问题 | 实际结果 |', '|---|---|---|---|---|')
    for (const m of r.misses) {
      lines.push(`| ${m.id} | ${m.source} | ${classText(m)} | ${m.problems.map(describeProblem).join('；')} | ${gotText(m)} |`)
    }
    lines.push('')
  }
  return `${lines.join('\n')}\n`
}
